"""The planner: proportional split worked out by hand, LTO areas respected, short routes, whole-country speed."""

import time
from collections import Counter

import pytest
from django.core.exceptions import ValidationError

from observers.deployment.planner import Station, largest_remainder, place_teams, short_route
from observers.deployment.services import deployment_propose, deployment_publish
from observers.models import Assignment, Role, Team
from tests.factories import (
    AssignmentFactory,
    MissionFactory,
    ObserverFactory,
    PollingStationFactory,
    RegionFactory,
    TeamFactory,
)
from tests.observers.deployment.helpers import build_deployment_mission


def test_largest_remainder_by_hand():
    # 4 seats over 10 : 6 : 4 -> exact 2.0, 1.2, 0.8 -> floors 2, 1, 0; the one left goes to the .8.
    assert largest_remainder(4, {"A": 10, "B": 6, "C": 4}) == {"A": 2, "B": 1, "C": 1}
    # 5 seats over 7 : 2 : 1 -> exact 3.5, 1.0, 0.5 -> floors 3, 1, 0; .5 and .5 tie: the larger weight wins.
    assert largest_remainder(5, {"A": 7, "B": 2, "C": 1}) == {"A": 4, "B": 1, "C": 0}
    assert largest_remainder(0, {"A": 1}) == {"A": 0}


def test_place_teams_moves_a_team_to_let_a_constrained_one_in():
    # One seat in each region. "free" may go anywhere; "bound" only to A. Whatever order they come in,
    # "bound" gets A and "free" B.
    placed = place_teams({"free": {"A", "B"}, "bound": {"A"}}, {"A": 1, "B": 1}, {"A": 1.0, "B": 1.0})
    assert placed == {"free": "B", "bound": "A"}


def test_short_route_visits_stations_along_the_way():
    line = [Station(i, 1, 43.0, 76.0 + 0.01 * x) for i, x in enumerate([3, 0, 4, 1, 2])]
    route = short_route(line)
    assert [s.longitude for s in route] in (
        [76.0, 76.01, 76.02, 76.03, 76.04],
        [76.04, 76.03, 76.02, 76.01, 76.0],
    )


def _region_with_stations(mission, code, count, voters=1000, **location):
    region = RegionFactory(mission=mission, code=code, name=f"Region {code}")
    for n in range(count):
        PollingStationFactory(
            region=region,
            code=f"{code}-{n:02d}",
            registered_voters=voters,
            latitude=location.get("latitude", 43.0) + 0.01 * n,
            longitude=location.get("longitude", 76.0),
        )
    return region


@pytest.fixture
def three_regions(db):
    """R1 has 10 located stations (+2 without coordinates), R2 6, R3 4; four short-term teams."""
    mission = MissionFactory()
    regions = [
        _region_with_stations(mission, "R1", 10, voters=1000, latitude=43.0),
        _region_with_stations(mission, "R2", 6, voters=1000, latitude=45.0),
        _region_with_stations(mission, "R3", 4, voters=100, latitude=47.0),
    ]
    PollingStationFactory.create_batch(2, region=regions[0], latitude=None, longitude=None)
    teams = [TeamFactory(mission=mission, code=f"S{i}", kind=Team.Kind.STO) for i in range(1, 5)]
    return mission, regions, teams


def _teams_per_region(mission):
    regions_of_team = {
        team: set(
            Assignment.objects.filter(team__code=team, team__mission=mission).values_list(
                "polling_station__region__code", flat=True
            )
        )
        for team in Team.objects.filter(mission=mission, kind="sto").values_list("code", flat=True)
    }
    assert all(len(regions) == 1 for regions in regions_of_team.values()), "a team stays in one region"
    return Counter(next(iter(regions)) for regions in regions_of_team.values())


def _assert_well_formed(mission, per_team):
    station_ids = list(Assignment.objects.filter(team__mission=mission).values_list("polling_station_id", flat=True))
    assert len(station_ids) == len(set(station_ids)), "no station twice"
    for team in Team.objects.filter(mission=mission, kind="sto"):
        route = list(team.assignments.order_by("order"))
        assert [a.order for a in route] == list(range(1, per_team + 1))
        assert [a.purpose for a in route] == ["opening"] + ["voting"] * (per_team - 2) + ["counting"]


def test_teams_spread_over_regions_in_proportion_to_stations(three_regions):
    mission, _regions, _teams = three_regions
    proposal = deployment_propose(mission=mission, stations_per_team=3)

    # 4 teams over 10 : 6 : 4 located stations -> 2, 1, 1 (as worked out above).
    assert _teams_per_region(mission) == {"R1": 2, "R2": 1, "R3": 1}
    _assert_well_formed(mission, per_team=3)
    assert proposal.stations_planned == 12 and proposal.teams_planned == 4
    assert proposal.stations_without_location == 2
    assert proposal.teams_without_region == [] and proposal.teams_short == []


def test_teams_spread_in_proportion_to_voters(three_regions):
    mission, _regions, _teams = three_regions
    deployment_propose(mission=mission, stations_per_team=3, weight="voters")

    # Voters 10,000 : 6,000 : 400 -> exact 2.44, 1.46, 0.10 -> floors 2, 1, 0; the fourth team to R2 (.46).
    assert _teams_per_region(mission) == {"R1": 2, "R2": 2}
    _assert_well_formed(mission, per_team=3)


def test_each_team_stays_in_its_long_term_teams_area(three_regions):
    mission, (r1, r2, r3), teams = three_regions
    north, south = (TeamFactory(mission=mission, code=code, kind=Team.Kind.LTO) for code in ("L-N", "L-S"))
    north.area.set([r1])
    south.area.set([r2, r3])
    for team, parent in zip(teams, [north, north, north, south]):
        team.parent = parent
        team.save()

    deployment_propose(mission=mission, stations_per_team=3)

    for team in teams:
        area = set(team.parent.area.values_list("pk", flat=True))
        regions = set(team.assignments.values_list("polling_station__region", flat=True))
        assert regions and regions <= area, team.code
    # Three teams are bound to R1 (quota 2): it takes them all; the southern team takes R2 (more stations).
    assert _teams_per_region(mission) == {"R1": 3, "R2": 1}
    _assert_well_formed(mission, per_team=3)


def test_each_team_gets_one_of_two_distant_clusters(db):
    mission = MissionFactory()
    region = RegionFactory(mission=mission)
    west = [PollingStationFactory(region=region, latitude=43.0, longitude=70.0 + 0.01 * n) for n in range(3)]
    east = [PollingStationFactory(region=region, latitude=43.0, longitude=80.0 + 0.01 * n) for n in range(3)]
    teams = TeamFactory.create_batch(2, mission=mission, kind=Team.Kind.STO)

    deployment_propose(mission=mission, stations_per_team=3)

    routes = [set(team.assignments.values_list("polling_station_id", flat=True)) for team in teams]
    assert sorted(routes, key=min) == sorted([{s.pk for s in west}, {s.pk for s in east}], key=min)


def test_a_region_too_small_leaves_a_team_short(db):
    mission = MissionFactory()
    _region_with_stations(mission, "R1", 5)
    TeamFactory.create_batch(2, mission=mission, kind=Team.Kind.STO)

    proposal = deployment_propose(mission=mission, stations_per_team=3)

    assert proposal.stations_planned == 5
    assert [count for _code, count in proposal.teams_short] == [2]


def test_proposal_replaces_the_draft_and_refuses_a_published_plan(three_regions):
    mission, (r1, _r2, _r3), (team, *_others) = three_regions
    manual = AssignmentFactory(published=False, team=team, polling_station=r1.polling_stations.first())
    deployment_propose(mission=mission, stations_per_team=3)
    assert not Assignment.objects.filter(pk=manual.pk).exists()
    assert Assignment.objects.filter(team__mission=mission).count() == 12

    coordinator = ObserverFactory(mission=mission, role=Role.COORDINATOR)
    deployment_publish(mission=mission, user=coordinator.user)
    with pytest.raises(ValidationError, match="withdraw it"):
        deployment_propose(mission=mission)
    assert Assignment.objects.filter(team__mission=mission).count() == 12


@pytest.mark.parametrize(
    "arguments, message",
    [({"stations_per_team": 1}, "between 2"), ({"weight": "area"}, "stations, voters")],
)
def test_bad_planner_settings_are_refused(three_regions, arguments, message):
    mission = three_regions[0]
    with pytest.raises(ValidationError, match=message):
        deployment_propose(mission=mission, **arguments)
    assert not Assignment.objects.filter(team__mission=mission).exists()


def test_a_mission_without_short_term_teams_is_told_to_make_them(db):
    mission = MissionFactory()
    with pytest.raises(ValidationError, match="no short-term teams"):
        deployment_propose(mission=mission)


def test_whole_country_plans_in_well_under_ten_seconds(db):
    mission = build_deployment_mission(stations=10_000, lto_teams=20, sto_teams=200)
    started = time.perf_counter()
    proposal = deployment_propose(mission=mission, stations_per_team=10)
    elapsed = time.perf_counter() - started
    print(f"\nplanner: 10,000 stations, 200 teams: {elapsed:.2f} s")

    assert elapsed < 10
    assert proposal.teams_planned == 200 and proposal.stations_planned == 2000
    assert proposal.stations_without_location == 100
    _assert_well_formed(mission, per_team=10)
    for team in Team.objects.filter(mission=mission, kind="sto").select_related("parent"):
        area = set(team.parent.area.values_list("pk", flat=True))
        assert set(team.assignments.values_list("polling_station__region", flat=True)) <= area
