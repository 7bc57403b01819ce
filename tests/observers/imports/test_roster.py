"""Importing the observer roster through the coordinator's pages."""

import io

import pytest
from django.contrib.auth import get_user_model
from openpyxl import Workbook

from observers.models import Observer, Role, Team
from tests.factories import ObserverFactory, TeamFactory, UserFactory
from tests.mission.imports.helpers import choose_columns, confirm, errors_shown, upload, upload_and_preview

HEADER = "Name,Role,Gender,Nationality,Languages,E-mail,Phone,Team\n"
ROSTER = (
    HEADER
    + 'Anna Kowalska,LTO,F,Poland,"English, Russian",Anna.K@example.org,+48 600 100 200,L01\n'
    + "Jens Berg,Long-term observer,M,Norway,English,jens@example.org,,L01\n"
    + 'Айгүл Сейітова,Short-term observer,F,Kazakhstan,"Kazakh, Russian",,+7 701 000 00 00,S01\n'
    + "Maria Rossi,sto,F,Italy,Italian,maria@example.org,,S01\n"
    + "Pierre Dubois,Analyst,M,France,French,pierre@example.org,,\n"
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def roster_of(mission):
    return list(
        Observer.objects.filter(mission=mission)
        .exclude(role=Role.COORDINATOR)
        .values_list("full_name", "role", "team__code", "team__kind", "user__username", "email", "phone", "languages")
    )


def test_roster_creates_accounts_observers_and_teams_then_updates_by_email(client, coordinator):
    plan = upload_and_preview(client, "roster", "roster.csv", ROSTER.encode()).context["plan"]
    assert (plan.errors, plan.to_create, plan.to_update, plan.unchanged) == ([], 5, 0, 0)
    assert dict(plan.notes) == {"accounts to create": 5, "teams to create": 2}
    assert confirm(client, "roster").status_code == 302

    mission = coordinator.mission
    assert roster_of(mission) == [
        (
            "Anna Kowalska",
            Role.LTO,
            "L01",
            Team.Kind.LTO,
            "anna.k@example.org",
            "anna.k@example.org",
            "+48 600 100 200",
            "English, Russian",
        ),
        ("Jens Berg", Role.LTO, "L01", Team.Kind.LTO, "jens@example.org", "jens@example.org", "", "English"),
        ("Maria Rossi", Role.STO, "S01", Team.Kind.STO, "maria@example.org", "maria@example.org", "", "Italian"),
        ("Pierre Dubois", Role.ANALYST, None, None, "pierre@example.org", "pierre@example.org", "", "French"),
        ("Айгүл Сейітова", Role.STO, "S01", Team.Kind.STO, "айгүл.сейітова", "", "+7 701 000 00 00", "Kazakh, Russian"),
    ]
    new_users = get_user_model().objects.exclude(pk=coordinator.user_id)
    assert new_users.count() == 5 and not any(user.has_usable_password() for user in new_users)

    changed = (
        ROSTER.replace("jens@example.org,,L01", "JENS@example.org,+47 900 00 000,L01")
        .replace("Maria Rossi,sto", "Maria Rossi,LTO")
        .replace("maria@example.org,,S01", "maria@example.org,,L02")
    )
    plan = upload_and_preview(client, "roster", "roster.csv", changed.encode()).context["plan"]
    assert (plan.errors, plan.to_create, plan.to_update, plan.unchanged) == ([], 0, 2, 3)
    assert dict(plan.notes) == {"accounts to create": 0, "teams to create": 1}
    confirm(client, "roster")
    jens = Observer.objects.get(mission=mission, email="jens@example.org")
    maria = Observer.objects.select_related("team").get(mission=mission, full_name="Maria Rossi")
    assert (jens.phone, maria.role, maria.team.code, maria.team.kind) == (
        "+47 900 00 000",
        Role.LTO,
        "L02",
        Team.Kind.LTO,
    )
    assert get_user_model().objects.count() == 6


def test_every_bad_row_is_listed_and_nothing_written(client, coordinator):
    TeamFactory(mission=coordinator.mission, code="L09", kind=Team.Kind.LTO)
    content = (
        HEADER
        + "Anna Kowalska,LTO,F,Poland,English,anna@example.org,,L01\n"  # row 2: fine
        + "Jens Berg,volunteer,M,Norway,English,jens@example.org,,\n"  # row 3: unknown role
        + "Maria Rossi,STO,F,Italy,Italian,maria@example,,\n"  # row 4: bad e-mail
        + "Anna K.,LTO,F,Poland,English,ANNA@example.org,,L01\n"  # row 5: same e-mail as row 2
        + "Pierre Dubois,Analyst,M,France,French,pierre@example.org,,L01\n"  # row 6: analyst in a team
        + "Ole Nord,STO,M,Norway,English,ole@example.org,,L09\n"  # row 7: STO in an LTO team
        + ",STO,M,Norway,English,,,\n"  # row 8: no name
        + "Айгүл Сейітова,STO,F,Kazakhstan,Kazakh,,,\n"  # row 9: fine
        + "айгүл  сейітова,STO,F,Kazakhstan,Kazakh,,,\n"  # row 10: same person, no e-mail
    )
    shown = upload_and_preview(client, "roster", "roster.csv", content.encode())
    assert errors_shown(shown) == [
        (
            3,
            "Role",
            "Not one of: coordinator, analyst, LTO (long-term observer), STO (short-term observer), media monitor.",
        ),
        (4, "E-mail", "Not a valid e-mail address."),
        (5, "E-mail", "Repeats row 2."),
        (6, "Team", "Coordinators, analysts and media monitors are not in an observer team; leave this blank."),
        (7, "Team", "Team L09 is a long-term team; a short-term observer cannot join it."),
        (8, "Name", "This cell is empty; a value is needed."),
        (10, "Name", "Repeats row 9."),
    ]
    assert confirm(client, "roster").status_code == 400
    assert Observer.objects.count() == 1 and get_user_model().objects.count() == 1 and Team.objects.count() == 1


def _workbook(*rows) -> bytes:
    workbook = Workbook()
    workbook.active.append(["Full name", "Function", "Email"])
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_someone_whose_earlier_mission_is_gone_keeps_their_account(client, coordinator):
    veteran = UserFactory(username="veteran", email="Olga@Example.org")  # no membership left anywhere
    roster = _workbook(["Olga Ivanova", "Core team", "olga@example.org"])
    plan = upload_and_preview(client, "roster", "roster.xlsx", roster).context["plan"]
    assert (plan.errors, plan.to_create, dict(plan.notes)["accounts to create"]) == ([], 1, 0)
    confirm(client, "roster")
    membership = Observer.objects.get(mission=coordinator.mission, user=veteran)
    assert (membership.role, membership.full_name) == (Role.ANALYST, "Olga Ivanova")


FOREIGN_ACCOUNT = (
    "This e-mail address belongs to an account this mission cannot manage, so it cannot be added from here. "
    "Give this person another e-mail address, or leave it blank for a new account; to use the existing account, "
    "ask an administrator."
)


@pytest.mark.parametrize("owner", ["another mission", "an administrator"])
def test_an_account_held_elsewhere_is_refused_with_a_row_message(client, coordinator, owner):
    if owner == "another mission":
        held = ObserverFactory(role=Role.LTO, user__username="olga.a", user__email="Olga@Example.org").user
    else:
        held = UserFactory(username="olga.a", email="Olga@Example.org", is_staff=True)
    roster = _workbook(["Olga Ivanova", "Core team", "olga@example.org"], ["Jens Berg", "LTO", "jens@example.org"])

    shown = upload_and_preview(client, "roster", "roster.xlsx", roster)

    assert errors_shown(shown) == [(2, "Email", FOREIGN_ACCOUNT)]
    assert "olga.a" not in " ".join(shown.content.decode().split())
    assert confirm(client, "roster").status_code == 400
    assert not Observer.objects.filter(mission=coordinator.mission).exclude(pk=coordinator.pk).exists()
    assert held.memberships.exclude(mission=coordinator.mission).count() == (owner == "another mission")


def test_usernames_stay_unique(client, coordinator):
    UserFactory(username="john.smith")
    content = HEADER + "John Smith,STO,,,,,,\nJohn  Smith,STO,,,,john@example.org,,\n"
    shown = upload_and_preview(client, "roster", "roster.csv", content.encode())
    assert errors_shown(shown) == []
    confirm(client, "roster")
    assert sorted(
        Observer.objects.filter(mission=coordinator.mission, role=Role.STO).values_list("user__username", flat=True)
    ) == [
        "john.smith2",
        "john@example.org",
    ]


def test_a_roster_first_imported_without_emails_is_completed_by_name(client, coordinator):
    upload_and_preview(client, "roster", "roster.csv", (HEADER + "John Smith,STO,,,,,,\n").encode())
    confirm(client, "roster")
    plan = upload_and_preview(
        client, "roster", "roster.csv", (HEADER + "John Smith,STO,,,,john@example.org,,\n").encode()
    ).context["plan"]
    assert (plan.to_create, plan.to_update) == (0, 1)
    confirm(client, "roster")
    assert Observer.objects.get(mission=coordinator.mission, full_name="John Smith").email == "john@example.org"


def test_a_confirmation_without_a_preview_shows_the_preview_first(client, coordinator):
    upload(client, "roster", "roster.csv", ROSTER.encode())
    choose_columns(client, "roster")

    response = confirm(client, "roster")  # straight after choosing the columns: no preview was seen

    assert response.status_code == 302 and response.url == "/imports/roster/preview/"
    assert Observer.objects.count() == 1


@pytest.mark.parametrize("role", [Role.ANALYST, Role.STO])
def test_only_coordinators_import_the_roster(client, role):
    client.force_login(ObserverFactory(role=role).user)
    assert client.get("/imports/roster/").status_code == 403
