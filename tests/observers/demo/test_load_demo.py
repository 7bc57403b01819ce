import datetime as dt
import random
from collections import Counter, defaultdict
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Sum
from django.urls import reverse

from mission.models import Mission, PollingStation
from observers.checklists.definitions import NEGATIVE_ASSESSMENTS, validate_answers
from observers.checklists.standard_forms import standard_forms
from observers.demo.build import DEMO_SLUG
from observers.demo.people import DEMO_PASSWORD
from observers.demo.synthetic import PROBLEMS, YES_RATES, submissions_generate
from observers.models import Assignment, Observer, Role, Submission, Team
from observers.submissions.hashing import submission_content_hash

pytestmark = pytest.mark.django_db
ALMATY = ZoneInfo("Asia/Almaty")


@pytest.fixture(scope="module", autouse=True)
def demo_output(django_db_setup, django_db_blocker):
    """The demo is loaded once for this module, in a transaction rolled back after its last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = StringIO()
        call_command("load_demo", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


# The Caspian's Kazakh waters, roughly (latitude, longitude), from the Volga delta along the coast to the south.
CASPIAN = [
    (46.8, 49.0),
    (46.85, 51.5),
    (46.75, 52.5),
    (46.5, 53.1),
    (45.9, 53.2),
    (45.3, 53.3),
    (44.8, 52.4),
    (45.0, 51.3),
    (44.6, 50.3),
    (44.1, 50.9),
    (43.65, 51.13),
    (43.2, 51.6),
    (42.5, 52.7),
    (41.5, 52.9),
    (41.5, 49.0),
]


def in_caspian(latitude: float, longitude: float) -> bool:
    """Ray casting: does a ray east from the point cross the coast an odd number of times?"""
    inside = False
    for (lat1, lon1), (lat2, lon2) in zip(CASPIAN, CASPIAN[1:] + CASPIAN[:1]):
        if (lat1 > latitude) != (lat2 > latitude):
            crossing = lon1 + (latitude - lat1) / (lat2 - lat1) * (lon2 - lon1)
            inside ^= longitude < crossing
    return inside


def test_the_sea_test_knows_sea_from_land():
    assert in_caspian(45.0, 50.0) and in_caspian(43.6, 51.0)  # open sea; off Aktau
    assert not in_caspian(47.11, 51.92) and not in_caspian(43.68, 51.25)  # Atyrau; Aktau


@pytest.fixture
def mission():
    return Mission.objects.get(slug=DEMO_SLUG)


def test_the_mission_is_the_eom_the_report_recommends(mission, demo_output):
    assert (mission.country, mission.country_kk) == ("Republic of Kazakhstan", "Қазақстан Республикасы")
    assert mission.election_date == dt.date(2004, 9, 19)
    assert (mission.mission_type, mission.time_zone, mission.is_demo) == ("eom", "Asia/Almaty", True)
    assert (mission.requested_ltos, mission.requested_stos) == (40, 400)
    assert "coordinator / observe2004" in demo_output and "sto001 / observe2004" in demo_output


def test_geography_parties_and_voters(mission):
    regions = list(mission.regions.all())
    assert len(regions) == 16 and all(r.name_ru and r.name_kk for r in regions)
    assert {"Almaty City", "Astana City", "South Kazakhstan Region"} <= {r.name for r in regions}
    assert mission.districts.count() == 67
    assert {r.code for r in regions} == set(mission.districts.values_list("region__code", flat=True))
    stations = mission.polling_stations.aggregate(n=Count("id"), voters=Sum("registered_voters"))
    assert 9_000 <= stations["n"] <= 10_000
    assert 8_300_000 <= stations["voters"] <= 8_700_000
    assert not mission.polling_stations.filter(district__isnull=True).exists()
    assert not mission.polling_stations.exclude(latitude__range=(40.5, 55.5), longitude__range=(46.4, 87.4)).exists()
    coastal = mission.polling_stations.filter(region__code__in=["ATY", "MAN"]).values_list("latitude", "longitude")
    assert [point for point in coastal if in_caspian(*point)] == []
    parties = {p.abbreviation: p for p in mission.parties.all()}
    assert len(parties) == 12 and all(p.name_ru and p.name_kk for p in parties.values())
    assert parties["DVK"].name == "Democratic Choice of Kazakhstan"
    assert parties["Otan"].name_kk == "«Отан» Республикалық саяси партиясы"


def test_core_team_and_observers_in_teams_of_two(mission):
    roles = dict(
        Observer.objects.filter(mission=mission, user__username__in=["coordinator", "analyst"]).values_list(
            "user__username", "role"
        )
    )
    assert roles == {"coordinator": Role.COORDINATOR, "analyst": Role.ANALYST}
    assert Observer.objects.filter(mission=mission, role__in=[Role.COORDINATOR, Role.ANALYST]).count() > 2
    for kind, role, prefix, teams in ((Team.Kind.LTO, Role.LTO, "lto", 20), (Team.Kind.STO, Role.STO, "sto", 200)):
        members = Observer.objects.filter(mission=mission, role=role)
        usernames = sorted(members.values_list("user__username", flat=True))
        assert usernames == [f"{prefix}{n:03d}" for n in range(1, 2 * teams + 1)]
        sizes = Counter(members.values_list("team__code", flat=True))
        assert len(sizes) == teams and set(sizes.values()) == {2}
        assert not members.exclude(team__kind=kind).exists()
    lto_areas = Team.area.through.objects.filter(team__mission=mission).values_list("team_id", flat=True)
    assert len(set(lto_areas)) == 20


def test_sto_plans_open_vote_and_count_within_their_lto_area(mission):
    area = defaultdict(set)
    areas = Team.area.through.objects.filter(team__mission=mission).values_list("team_id", "region_id")
    for team_id, region_id in areas:
        area[team_id].add(region_id)
    plans = defaultdict(list)
    for row in (
        Assignment.objects.filter(team__mission=mission)
        .order_by("order")
        .values("team_id", "team__parent_id", "order", "purpose", "polling_station__region_id")
    ):
        plans[row["team_id"]].append(row)
    assert len(plans) == 200
    for plan in plans.values():
        assert 9 <= len(plan) <= 11
        purposes = [row["purpose"] for row in plan]
        assert purposes == ["opening"] + ["voting"] * (len(plan) - 2) + ["counting"]
        assert len({row["polling_station__region_id"] for row in plan}) == 1
        assert plan[0]["polling_station__region_id"] in area[plan[0]["team__parent_id"]]
    planned = Assignment.objects.filter(team__mission=mission)
    assert planned.values("polling_station").distinct().count() == planned.count()


def test_election_day_submissions_fit_their_forms_and_plans(mission):
    submissions = list(Submission.objects.filter(mission=mission).select_related("checklist"))
    kinds = Counter(s.checklist.kind for s in submissions)
    assert kinds["opening"] == kinds["counting"] == 200
    assert 1_400 <= kinds["voting"] <= 1_800  # most of the ~1,600 planned voting visits
    assert kinds["lto_weekly"] == 120 and kinds["tabulation"] > 0 and kinds["incident"] > 0
    assert {s.checklist.kind for s in submissions} == {form["kind"] for form in standard_forms()}
    assert [s.checklist.kind for s in submissions if s.answers.get("severity") == "critical"]
    problems = {s.uuid: validate_answers(s.checklist.questions, s.answers) for s in submissions}
    assert {uuid: errors for uuid, errors in problems.items() if errors} == {}

    planned = Assignment.objects.filter(team__mission=mission)
    plans = set(planned.values_list("team_id", "polling_station_id", "purpose"))
    members = dict(Observer.objects.filter(mission=mission).values_list("id", "team_id"))
    for s in submissions:
        assert members[s.observer_id] == s.team_id
        if s.checklist.kind in ("opening", "voting", "counting"):
            assert (s.team_id, s.polling_station_id, s.checklist.kind) in plans
            local = s.observed_at.astimezone(ALMATY)
            assert local.date() == dt.date(2004, 9, 19) and local.strftime("%H:%M") == s.answers["arrival_time"]
        elif s.polling_station_id:
            assert any((s.team_id, s.polling_station_id, purpose) in plans for purpose in Assignment.Purpose.values)
    sample = submissions[:50]
    assert all(
        s.content_hash
        == submission_content_hash(
            checklist_id=s.checklist_id,
            polling_station_id=s.polling_station_id,
            answers=s.answers,
            observed_at=s.observed_at,
        )
        for s in sample
    )


def test_a_minority_of_visits_is_assessed_negatively_more_in_some_regions(mission):
    rows = Submission.objects.filter(mission=mission, checklist__kind="voting").values_list(
        "polling_station__region__code", "answers__overall_assessment"
    )
    negative = Counter(region for region, assessment in rows if assessment in NEGATIVE_ASSESSMENTS)
    visits = Counter(region for region, _ in rows)
    assert 0.03 < sum(negative.values()) / len(rows) < 0.2
    assert negative["YUZ"] / visits["YUZ"] > 2 * negative["AST"] / visits["AST"]


@pytest.mark.parametrize("username", ["coordinator", "analyst", "sto001"])
def test_demo_users_log_in_with_the_demo_password(client, username):
    response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert get_user_model().objects.get(pk=client.session["_auth_user_id"]).username == username


def test_a_second_run_changes_nothing(mission):
    def counts():
        return (
            Mission.objects.count(),
            get_user_model().objects.count(),
            Observer.objects.count(),
            PollingStation.objects.count(),
            Submission.objects.count(),
        )

    before = counts()
    output = StringIO()
    call_command("load_demo", stdout=output)
    assert counts() == before
    assert "already loaded" in output.getvalue() and "coordinator / observe2004" in output.getvalue()


def test_generate_a_given_number_of_valid_submissions_for_benchmarks(mission):
    before = Submission.objects.count()
    assert submissions_generate(mission=mission, count=600, rng=random.Random(7)) == 600
    created = Submission.objects.filter(mission=mission).order_by("-id").select_related("checklist")[:600]
    assert Submission.objects.count() == before + 600
    assert [s.uuid for s in created if validate_answers(s.checklist.questions, s.answers)] == []


def test_the_generator_knows_how_to_answer_every_yes_no_question():
    yes_no = {q["code"] for form in standard_forms() for q in form["questions"] if q["type"] == "yes_no"}
    assert yes_no - set(PROBLEMS) - set(YES_RATES) == set()


def test_counting_forms_carry_protocols_and_the_results_are_imported_twice(mission):
    from mission.models import Contestant, ResultsImport, StationResult
    from mission.results.ballot import ballot_codes
    from reports.results.comparison import counts_compared, headline_of

    counting = list(Submission.objects.filter(mission=mission, checklist__kind="counting").select_related("checklist"))
    copied = [s for s in counting if s.answers["protocol_copied"] == "yes"]
    assert 150 < len(copied) < 200
    for s in copied:  # each fits its station's ballot and adds up
        ballots = ballot_codes(mission_id=mission.pk, station_id=s.polling_station_id)
        assert validate_answers(s.checklist.questions, s.answers, ballots=ballots) == {}
    assert Contestant.objects.filter(mission=mission, kind="list").count() == 10
    first, second = ResultsImport.objects.filter(mission=mission).order_by("imported_at", "pk")
    assert first.is_demo and second.is_demo and "(demo)" in second.source
    stations = PollingStation.objects.filter(mission=mission).count()
    assert StationResult.objects.filter(results_import=second).count() == stations == 9_530
    headline = headline_of(counts_compared(mission=mission))
    assert (headline.differing, headline.compared) == (3, len({s.polling_station_id for s in copied}))


def test_the_second_results_import_carries_the_commissions_totals(mission):
    from mission.models import AreaResult, ResultsImport
    from observers.demo.results import LISTS
    from reports.results.selectors import official_results, turnout_by_region_and_hour

    first, second = ResultsImport.objects.filter(mission=mission).order_by("imported_at", "pk")
    assert not AreaResult.objects.filter(results_import=first).exists()
    levels = set(AreaResult.objects.filter(results_import=second).values_list("level", flat=True))
    assert levels == {"district", "region", "national"}
    results = official_results(mission=mission)
    assert results.national_published.results_import == second
    assert {t.contestant.code: t.seats for t in results.lists} == {code: seats for code, _a, _s, seats in LISTS}
    (check,) = results.checks  # the one district labelled demo whose table does not add up
    assert check.code and [(d.code, d.difference) for d in check.differences] == [
        ("valid_ballots", 150),
        (LISTS[0][0], 150),
    ]
    by_region = turnout_by_region_and_hour(mission=mission)
    assert by_region and all(row["published_by_region"] for row in by_region)
