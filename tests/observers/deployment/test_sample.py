"""The sample planner: exact allocation, a draw reproducible from its seed, the page, the planner over the sample."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from mission.models import PollingStation
from observers.deployment import sample as sampling
from observers.deployment.services import deployment_propose
from observers.models import Assignment, DeploymentPlan, Role, SampledStation, StationSample
from tests.factories import ObserverFactory, PollingStationFactory, RegionFactory
from tests.observers.deployment.helpers import build_deployment_mission

PAGE = "/deployment/sample/"


# The arithmetic


def test_proportional_allocation_is_exact_by_largest_remainders():
    """10 over weights 55/25/20: quotas 5.5, 2.5, 2.0 -> floors 5, 2, 2 (9); the one left goes to the largest
    remainder, 0.5 for both a and b: the tie to the larger weight, a. 7 over strata of 5, 3 and 2 stations:
    c's quota 1.4 is below the floor of two, so c gets 2 and the 5 left go 3.125 / 1.875 -> 3 and 2."""
    populations = {"a": 50, "b": 30, "c": 20}
    assert sampling.allocate(10, populations, {"a": 55, "b": 25, "c": 20}) == {"a": 6, "b": 2, "c": 2}
    assert sampling.allocate(7, {"a": 5, "b": 3, "c": 2}, {"a": 5, "b": 3, "c": 2}) == {"a": 3, "b": 2, "c": 2}


def test_allocation_caps_at_the_stratum_and_gives_two_at_least():
    """By voters, a small stratum with many voters cannot give more stations than it has; a tiny stratum still
    gets two (a single station gives no variance); the sizes still add up to the total."""
    populations = {"big": 1000, "few": 3, "tiny": 40}
    sizes = sampling.allocate(100, populations, {"big": 1000, "few": 5000, "tiny": 1})
    assert sizes == {"big": 95, "few": 3, "tiny": 2}
    assert sum(sizes.values()) == 100
    for total in range(1, 200, 7):
        sizes = sampling.allocate(total, populations, {"big": 3.3, "few": 1.1, "tiny": 0.7})
        assert sum(sizes.values()) == min(total, 1043)
        assert all(sizes[key] <= populations[key] for key in populations)


def test_neyman_gives_more_to_the_strata_that_vary_more():
    """N_h·√(p(1-p)): two strata of 100, guessed 50 % (0.5) and 10 % (0.3): 50 · 0.5/0.8 = 31.25 and 18.75."""
    sizes = sampling.allocate(50, {"a": 100, "b": 100}, {"a": 100 * 0.5, "b": 100 * 0.3})
    assert sizes == {"a": 31, "b": 19}


def test_the_draw_is_reproducible_from_its_seed():
    stations = {"R1": list(range(1, 200)), "R2": list(range(200, 260))}
    sizes, reserves = {"R1": 20, "R2": 6}, {"R1": 4, "R2": 2}
    first = sampling.draw(stations, sizes, reserves, seed=2004)
    assert first == sampling.draw({k: list(reversed(v)) for k, v in stations.items()}, sizes, reserves, seed=2004)
    assert first != sampling.draw(stations, sizes, reserves, seed=2005)
    sampled, reserve = first["R1"]
    assert len(sampled) == 20 and len(reserve) == 4 and not set(sampled) & set(reserve)


# The service and its page


@pytest.fixture
def coordinator(db):
    return ObserverFactory(role=Role.COORDINATOR, full_name="Chief Coordinator")


@pytest.fixture
def signed_in(client, coordinator):
    client.force_login(coordinator.user)
    return client


@pytest.fixture
def stations(coordinator):
    """Two regions: North 60 stations (20 rural), South 40 (all urban)."""
    mission = coordinator.mission
    north, south = RegionFactory(mission=mission, code="N"), RegionFactory(mission=mission, code="S")
    for n in range(60):
        PollingStationFactory(
            mission=mission, region=north, code=f"N{n:02d}", settlement="rural" if n < 20 else "urban"
        )
    for n in range(40):
        PollingStationFactory(mission=mission, region=south, code=f"S{n:02d}", settlement="urban")
    return mission


def test_a_sample_is_stored_with_the_plan_and_drawn_again_from_its_seed(stations, coordinator):
    sample = sampling.sample_draw(mission=stations, size=20, seed=7, user=coordinator.user)
    assert sample.plan == DeploymentPlan.objects.get(mission=stations)
    strata = {row.key: (row.population, row.size, row.reserves) for row in sample.strata_rows.all()}
    assert strata == {"N": (60, 12, 3), "S": (40, 8, 2)}
    first = list(sample.stations.order_by("stratum__key", "rank").values_list("polling_station__code", "role"))
    assert sum(role == "sampled" for _code, role in first) == 20
    again = sampling.sample_draw(mission=stations, size=20, seed=7)
    assert list(again.stations.order_by("stratum__key", "rank").values_list("polling_station__code", "role")) == first
    assert StationSample.objects.count() == 1  # the new one replaced the old


def test_strata_by_region_and_settlement(stations):
    sample = sampling.sample_draw(mission=stations, size=30, strata="region_settlement", seed=1)
    assert {row.key: row.size for row in sample.strata_rows.all()} == {"N rural": 6, "N urban": 12, "S urban": 12}


def test_the_page_shows_the_size_a_margin_needs_before_drawing(signed_in, stations):
    """± 10 points, 50 %, design effect 1: 96.04 -> 96.0 / (1 + 95.0 / 100) = 49.2 -> 50 of 100 stations."""
    response = signed_in.get(PAGE, {"margin": 10, "share": 50, "design_effect": 1})
    assert response.status_code == 200
    assert response.context["needed"] == 50
    assert [(row.key, row.size) for row in response.context["preview"]] == [("N", 30), ("S", 20)]
    assert not StationSample.objects.exists()


@pytest.mark.parametrize(
    "query, message",
    [
        ({"margin": 0}, "Ensure this value is greater than or equal to 0.5."),
        ({"size": 500}, "between 1 and 100"),
        ({"strata": "region_settlement", "allocation": "neyman", "guesses": "X = 20"}, "there is no stratum X"),
        ({"allocation": "neyman", "guesses": "N twenty"}, "Line 1"),
    ],
)
def test_bad_input_says_what_to_fix(signed_in, stations, query, message):
    response = signed_in.get(PAGE, query)
    assert response.status_code == 400
    assert message in response.content.decode()
    response = signed_in.post("/deployment/sample/draw/", query)
    assert response.status_code == 400 and message in response.content.decode()
    assert not StationSample.objects.exists()


def test_settlement_strata_need_stations_marked(signed_in, coordinator):
    PollingStationFactory(mission=coordinator.mission, region=RegionFactory(mission=coordinator.mission))
    response = signed_in.get(PAGE, {"strata": "region_settlement"})
    assert response.status_code == 400
    assert "No polling station is marked urban or rural" in response.content.decode()


def test_drawing_on_the_page_then_replacing_a_station(signed_in, stations):
    response = signed_in.post("/deployment/sample/draw/", {"size": 10, "seed": 99, "reserve_percent": 50})
    assert response.status_code == 302
    sample = StationSample.objects.get()
    assert (sample.size, sample.seed, sample.reserve_percent) == (10, 99, 50)
    entry = sample.stations.filter(role="sampled").select_related("polling_station", "stratum").first()
    reserve = sample.stations.filter(stratum=entry.stratum, role="reserve").order_by("rank").first()
    response = signed_in.post("/deployment/sample/replace/", {"station": entry.polling_station.code})
    assert response.status_code == 302
    assert SampledStation.objects.get(pk=entry.pk).role == "replaced"
    assert SampledStation.objects.get(pk=reserve.pk).role == "sampled"
    response = signed_in.post("/deployment/sample/replace/", {"station": entry.polling_station.code})
    assert response.status_code == 400 and "only those can be replaced" in response.content.decode()
    response = signed_in.post("/deployment/sample/replace/", {"station": "NOPE"})
    assert response.status_code == 400 and "NOPE is not in the sample" in response.content.decode()
    assert signed_in.post("/deployment/sample/remove/").status_code == 302
    assert not StationSample.objects.exists()
    assert signed_in.post("/deployment/sample/remove/").status_code == 400


def test_a_published_plan_keeps_its_sample(signed_in, stations):
    sampling.sample_draw(mission=stations, size=10, seed=1)
    DeploymentPlan.objects.filter(mission=stations).update(status="published", published_at="2004-09-18T00:00Z")
    response = signed_in.post("/deployment/sample/draw/", {"size": 12})
    assert response.status_code == 400 and "withdraw it before drawing a new sample" in response.content.decode()
    assert StationSample.objects.get().size == 10


def test_the_page_counts_its_queries_whatever_the_sample(signed_in, stations):
    sampling.sample_draw(mission=stations, size=10, seed=1)
    with CaptureQueriesContext(connection) as small:
        assert signed_in.get(PAGE).status_code == 200
    sampling.sample_draw(mission=stations, size=90, strata="region_settlement", seed=1)
    with CaptureQueriesContext(connection) as large:
        assert signed_in.get(PAGE).status_code == 200
    assert len(large) == len(small)


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_page_in_three_languages(signed_in, stations, language):
    sampling.sample_draw(mission=stations, size=10, seed=3)
    response = signed_in.get(PAGE, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    page = response.content.decode()
    with translation.override(language):
        for text in ("Sample of polling stations", "Inclusion probability", "Replace by the next reserve"):
            assert translation.gettext(text) in page
        assert str(StationSample.Allocation.STATIONS.label) in page


# The planner over the sample


@pytest.mark.django_db
def test_the_planner_routes_teams_over_the_sampled_stations_only():
    mission = build_deployment_mission(stations=2000, regions=4, lto_teams=4, sto_teams=20)
    sample = sampling.sample_draw(mission=mission, size=300, seed=18)
    deployment_propose(mission=mission, stations_per_team=10)
    planned = set(Assignment.objects.filter(team__mission=mission).values_list("polling_station_id", flat=True))
    sampled = set(sample.stations.filter(role="sampled").values_list("polling_station_id", flat=True))
    assert planned and planned <= sampled
    assert len(planned) == 200
    # without a sample, the whole country again
    sampling.sample_remove(mission=mission)
    deployment_propose(mission=mission, stations_per_team=10)
    planned = set(Assignment.objects.filter(team__mission=mission).values_list("polling_station_id", flat=True))
    assert not planned <= sampled
    assert PollingStation.objects.filter(mission=mission).count() == 2000
