"""What the phone downloads before election day: form definitions and the team's plan."""

import pytest

from observers.models import Checklist, Submission
from tests.factories import (
    SAMPLE_QUESTIONS,
    AssignmentFactory,
    ChecklistFactory,
    ContestantFactory,
    DistrictFactory,
    PollingStationFactory,
    SubmissionFactory,
)

CHECKLISTS = "/api/v1/checklists/"
PLAN = "/api/v1/plan/"


@pytest.fixture
def versions(day):
    """Voting v1 (from `day`) and v2, incident v1 (from `day`), and another mission's voting v5."""
    return {
        "voting_v2": ChecklistFactory(mission=day.mission, kind=Checklist.Kind.VOTING, version=2),
        "elsewhere": ChecklistFactory(kind=Checklist.Kind.VOTING, version=5),
    }


def ids(response) -> list[int]:
    assert response.status_code == 200, response.data
    return [row["id"] for row in response.json()["results"]]


def test_the_latest_version_of_each_kind(day, versions, token_client):
    response = token_client(day.sto.user).get(CHECKLISTS)
    assert ids(response) == [day.incident.pk, versions["voting_v2"].pk]
    voting = response.json()["results"][1]
    assert (voting["kind"], voting["version"], voting["mission"]) == ("voting", 2, day.mission.pk)
    assert voting["questions"] == SAMPLE_QUESTIONS
    assert voting["title"] == {"en": "Voting"}


def test_every_version_on_request(day, versions, token_client):
    response = token_client(day.sto.user).get(CHECKLISTS, {"all": "1"})
    assert ids(response) == [day.incident.pk, versions["voting_v2"].pk, day.voting.pk]


def test_an_older_version_can_still_be_fetched_but_not_another_missions(day, versions, token_client):
    phone = token_client(day.sto.user)
    response = phone.get(f"{CHECKLISTS}{day.voting.pk}/")
    assert response.status_code == 200
    assert response.json()["version"] == 1
    assert [q["code"] for q in response.json()["questions"]] == [q["code"] for q in SAMPLE_QUESTIONS]
    assert phone.get(f"{CHECKLISTS}{versions['elsewhere'].pk}/").status_code == 404


def test_the_plan_lists_the_teams_stations_in_order(day, token_client, django_assert_max_num_queries):
    second = PollingStationFactory(
        region=day.region, code="00.25.09", name="Library", address="5 Abai Avenue", latitude=43.1, longitude=76.9
    )
    AssignmentFactory(team=day.sto.team, polling_station=second, order=2, purpose="counting")
    phone = token_client(day.sto.user)
    phone.get(PLAN)  # the token's first use records last_used_at

    # token, membership, area, assignments, ballots
    with django_assert_max_num_queries(5):
        response = phone.get(PLAN)

    assert response.status_code == 200
    assert response.json() == {
        "mission": day.mission.pk,
        "time_zone": "Asia/Almaty",
        "time_zone_names": {"en": "Astana time", "ru": "время Астаны", "kk": "Астана уақыты"},
        "team": {"id": day.sto.team.pk, "code": "STO-07", "kind": "sto", "base_city": "", "area": []},
        "assignments": [
            {
                "order": 1,
                "purpose": "voting",
                "polling_station": {
                    "id": day.planned.pk,
                    "code": "00.25.01",
                    "name": "School No. 1",
                    "address": "1 Main Street",
                    "latitude": 43.25,
                    "longitude": 76.95,
                    "ballot": [],
                },
                "sent": None,
            },
            {
                "order": 2,
                "purpose": "counting",
                "polling_station": {
                    "id": second.pk,
                    "code": "00.25.09",
                    "name": "Library",
                    "address": "5 Abai Avenue",
                    "latitude": 43.1,
                    "longitude": 76.9,
                    "ballot": [],
                },
                "sent": None,
            },
        ],
    }


def test_the_plan_marks_the_stations_the_team_sent_from_and_those_sent_back(day, token_client):
    second = PollingStationFactory(region=day.region, code="00.25.09", name="Library")
    third = PollingStationFactory(region=day.region, code="00.25.10", name="Club")
    for order, station in enumerate([second, third], start=2):
        AssignmentFactory(team=day.sto.team, polling_station=station, order=order)
    sent = dict(mission=day.mission, checklist=day.voting, team=day.sto.team, observer=day.sto)
    SubmissionFactory(**sent, polling_station=day.planned)
    SubmissionFactory(
        **sent, polling_station=second, review_status=Submission.ReviewStatus.SENT_BACK, review_note="Count again"
    )
    SubmissionFactory(**sent, polling_station=third, review_status=Submission.ReviewStatus.EXCLUDED, review_note="Test")
    response = token_client(day.sto.user).get(PLAN)
    marks = {row["polling_station"]["code"]: row["sent"] for row in response.json()["assignments"]}
    assert marks == {"00.25.01": "sent", "00.25.09": "sent_back", "00.25.10": None}


def test_a_long_term_team_gets_its_area_in_the_callers_language(day, token_client):
    day.region.name_ru = "Алматы"
    day.region.save()
    response = token_client(day.lto.user).get(PLAN, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    assert response.json()["team"]["area"] == [{"id": day.region.pk, "code": "R01", "name": "Алматы"}]
    assert response.json()["assignments"] == []


def test_the_core_team_has_no_plan(day, token_client):
    assert token_client(day.coordinator.user).get(PLAN).status_code == 403


def test_an_observer_without_a_team_is_told_so(day, token_client):
    day.sto_teammate.team = None
    day.sto_teammate.save()
    response = token_client(day.sto_teammate.user).get(PLAN)
    assert response.status_code == 403
    assert "not in a team" in response.json()["detail"]


@pytest.mark.parametrize("url", [CHECKLISTS, PLAN])
def test_downloads_need_a_token(day, api_client, url):
    assert api_client.get(url).status_code == 401


def test_each_planned_station_comes_with_its_ballot(day, token_client):
    district = DistrictFactory(region=day.region)
    day.planned.district = district
    day.planned.save()
    ContestantFactory(mission=day.mission, code="OTAN", name="Otan", name_kk="Отан", number=1)
    ContestantFactory(mission=day.mission, code="IVANOV", name="Ivanov", kind="candidate", district=district)
    ContestantFactory(mission=day.mission, code="OTHER", kind="candidate", district=DistrictFactory(region=day.region))

    response = token_client(day.sto.user).get(PLAN)

    assert response.json()["assignments"][0]["polling_station"]["ballot"] == [
        {"code": "OTAN", "kind": "list", "labels": {"en": "Otan", "ru": "", "kk": "Отан"}},
        {"code": "IVANOV", "kind": "candidate", "labels": {"en": "Ivanov", "ru": "", "kk": ""}},
    ]
