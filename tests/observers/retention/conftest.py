"""A mission at its end, holding personal data in every place a copy lands: rows, accounts, the audit trail,
login records, sessions, login links, phone tokens and an import left half-way."""

from types import SimpleNamespace

import pytest
from auditlog.context import set_actor
from django.test import Client, TestCase

from observers.models import Checklist, Observer, Role, Team
from observers.onboarding.services import token_issue
from tests.factories import (
    AssignmentFactory,
    ChecklistFactory,
    ObserverFactory,
    RegionFactory,
    SubmissionFactory,
    valid_answers,
)
from tests.mission.imports.helpers import confirm, upload, upload_and_preview

MISSION_NAME = "EOM Testland 2004"
ROSTER = (
    "Name,Role,Gender,Nationality,Languages,E-mail,Phone,Team\n"
    "Anna Kowalska,STO,F,Poland,English,anna.kowalska@example.org,+48 600 100 200,S01\n"
    "Jens Berg,STO,M,Norway,English,jens.berg@example.org,+47 900 11 222,S01\n"
    "Aigerim Nurlanqyzy,LTO,F,Kazakhstan,Kazakh,,+7 701 555 44 33,L01\n"
)
HALF_WAY = "Name,Role,E-mail\nZoe Halfway,STO,zoe.halfway@example.org\n"  # uploaded, never imported
# Every personal value the erasure must leave nowhere.
PERSONAL = [
    "Anna Kowalska",
    "anna.kowalska@example.org",
    "+48 600 100 200",
    "+48 600 999 888",
    "Jens Berg",
    "jens.berg@example.org",
    "+47 900 11 222",
    "Aigerim Nurlanqyzy",
    "aigerim.nurlanqyzy",
    "+7 701 555 44 33",
    "Olga Ivanova",
    "olga.testland@example.org",
    "+7 777 123 45 67",
    "Dana Interpreter",
    "Zoe Halfway",
    "zoe.halfway@example.org",
]


@pytest.fixture
def closing(media):
    """The mission, its coordinator's client, its observers by name, and a shared account's phone token."""
    coordinator = ObserverFactory(
        role=Role.COORDINATOR, mission__name=MISSION_NAME, full_name="Carla Coordinator", user__email="carla@x.org"
    )
    mission = coordinator.mission
    client = Client()
    client.force_login(coordinator.user)
    assert upload_and_preview(client, "roster", "roster.csv", ROSTER.encode()).status_code == 200
    assert confirm(client, "roster").status_code == 302
    people = {o.full_name: o for o in Observer.objects.filter(mission=mission).select_related("user", "team")}
    anna, jens = people["Anna Kowalska"], people["Jens Berg"]

    # A person also in another mission: their account stays, this mission's row goes.
    olga_elsewhere = ObserverFactory(role=Role.LTO, user__username="olga", user__email="olga@example.org")
    olga = ObserverFactory(
        mission=mission,
        user=olga_elsewhere.user,
        role=Role.STO,
        team=anna.team,
        full_name="Olga Ivanova",
        email="olga.testland@example.org",
        phone="+7 777 123 45 67",
    )
    anna.phone = "+48 600 999 888"  # saved one by one: auditlog keeps the old and the new number
    anna.save()
    team = Team.objects.get(mission=mission, code="S01")
    team.interpreter = "Dana Interpreter"
    with set_actor(jens.user):  # auditlog stamps the actor's e-mail on the entry
        team.save()

    client.post("/onboarding/cards.pdf", {"select": "role", "role": Role.STO, "hours": 24})
    token_issue(user=anna.user)
    client.post(f"/onboarding/observers/{anna.pk}/tokens/revoke/")  # "Revoked 1 API token(s) of Anna Kowalska"
    Client().post("/accounts/login/", {"username": jens.user.username, "password": "wrong"})  # django-axes
    jens_client = Client()
    jens_client.force_login(jens.user)
    assert upload(client, "roster", "late.csv", HALF_WAY.encode()).status_code == 302

    voting = ChecklistFactory(mission=mission, kind=Checklist.Kind.VOTING)
    region = RegionFactory(mission=mission)
    stops = [AssignmentFactory(team=team, order=n, polling_station__region=region) for n in (1, 2)]
    for stop, member, assessment in zip(stops, (anna, jens), ("good", "bad")):
        SubmissionFactory(
            mission=mission,
            checklist=voting,
            team=team,
            observer=member,
            polling_station=stop.polling_station,
            answers=valid_answers(overall_assessment=assessment),
        )
    return SimpleNamespace(
        mission=mission,
        coordinator=coordinator,
        client=client,
        people=people,
        olga=olga,
        olga_token=token_issue(user=olga.user),
        anna_user_pk=anna.user_id,
        jens_session=jens_client.session.session_key,
    )


def erase(client, name: str = MISSION_NAME):
    """Close, then erase: the erasure is an outbox job, run (eagerly, in tests) once its request commits."""
    assert client.post("/retention/close/", {"close-confirmation": name}).status_code == 302
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post("/retention/erase/", {"erase-confirmation": name})
