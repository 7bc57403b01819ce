"""Coverage by region, worked out by hand: stations, planned, shares of stations and of voters, observed."""

import pytest

from observers.models import Role
from tests.factories import (
    AssignmentFactory,
    ChecklistFactory,
    ObserverFactory,
    PollingStationFactory,
    RegionFactory,
    SubmissionFactory,
    TeamFactory,
)
from tests.observers.deployment.helpers import build_deployment_mission


@pytest.fixture
def analyst(db):
    return ObserverFactory(role=Role.ANALYST)


def test_coverage_by_region_by_hand(client, analyst, django_assert_max_num_queries):
    mission = analyst.mission
    r1 = RegionFactory(mission=mission, code="R1", name="Almaty")
    r2 = RegionFactory(mission=mission, code="R2", name="Astana")
    RegionFactory(mission=mission, code="R3", name="Empty")
    s1, _s2, s3 = (PollingStationFactory(region=r1, registered_voters=v) for v in (100, 200, 300))
    t1, _t2 = (PollingStationFactory(region=r2, registered_voters=1000) for _ in range(2))
    one, two = TeamFactory.create_batch(2, mission=mission)
    AssignmentFactory(team=one, polling_station=s1, order=1)
    AssignmentFactory(team=one, polling_station=s3, order=2)
    AssignmentFactory(team=two, polling_station=s3, order=1)  # two teams at one station: counted once
    SubmissionFactory(checklist=ChecklistFactory(mission=mission), team=two, polling_station=t1)  # observed, unplanned
    PollingStationFactory(registered_voters=5000)  # another mission's station

    client.force_login(analyst.user)
    with django_assert_max_num_queries(8):
        response = client.get("/deployment/coverage/")

    assert response.status_code == 200
    coverage = response.context["coverage"]
    rows = {row["region"].code: {k: v for k, v in row.items() if k != "region"} for row in coverage["rows"]}
    assert rows["R1"] == {
        "stations": 3,
        "planned": 2,
        "observed": 0,
        "voters": 600,
        "voters_planned": 400,
        "planned_share": 66.7,
        "voters_share": 66.7,
    }
    assert rows["R2"] == {
        "stations": 2,
        "planned": 0,
        "observed": 1,
        "voters": 2000,
        "voters_planned": 0,
        "planned_share": 0.0,
        "voters_share": 0.0,
    }
    assert rows["R3"] == {
        "stations": 0,
        "planned": 0,
        "observed": 0,
        "voters": 0,
        "voters_planned": 0,
        "planned_share": None,
        "voters_share": None,
    }
    assert coverage["totals"] == {
        "stations": 5,
        "planned": 2,
        "observed": 1,
        "voters": 2600,
        "voters_planned": 400,
        "planned_share": 40.0,
        "voters_share": 15.4,
    }
    page = response.content.decode()
    assert "Almaty" in page and "66.7" in page and "15.4" in page


def test_coverage_over_a_whole_mission_uses_a_fixed_number_of_queries(db, client, django_assert_max_num_queries):
    mission = build_deployment_mission(stations=10_000, lto_teams=20, sto_teams=200)
    analyst = ObserverFactory(mission=mission, role=Role.ANALYST)
    client.force_login(analyst.user)
    with django_assert_max_num_queries(8):
        response = client.get("/deployment/coverage/")
    assert response.context["coverage"]["totals"]["stations"] == 10_000
    assert len(response.context["coverage"]["rows"]) == 16
