"""The map page and its JSON: every located station with its status, a team's route, adding from the map."""

import gzip
import json
import re

import pytest

from observers.models import Role, Team
from tests.factories import (
    AssignmentFactory,
    ChecklistFactory,
    ObserverFactory,
    PollingStationFactory,
    RegionFactory,
    SubmissionFactory,
    TeamFactory,
)
from tests.observers.deployment.helpers import build_deployment_mission, propose_and_apply


@pytest.fixture
def coordinator(db):
    return ObserverFactory(role=Role.COORDINATOR)


@pytest.fixture
def stations(coordinator):
    """Three located stations in two regions (free, planned, observed) and one without coordinates."""
    mission = coordinator.mission
    north, south = RegionFactory(mission=mission, code="N"), RegionFactory(mission=mission, code="S")
    free = PollingStationFactory(region=north, code="A-1", name="Школа № 1", latitude=43.123456, longitude=76.9)
    planned = PollingStationFactory(region=north, code="A-2", latitude=43.2, longitude=77.0)
    observed = PollingStationFactory(region=south, code="B-1", latitude=51.1, longitude=71.4)
    PollingStationFactory(region=south, code="B-2", latitude=None, longitude=None)
    team = TeamFactory(mission=mission, code="STO-001")
    AssignmentFactory(team=team, polling_station=planned, order=1, purpose="opening")
    AssignmentFactory(team=team, polling_station=observed, order=2, purpose="counting")
    SubmissionFactory(checklist=ChecklistFactory(mission=mission), team=team, polling_station=observed)
    PollingStationFactory(code="X-1")  # another mission's
    return {"north": north, "free": free, "planned": planned, "observed": observed, "team": team}


def test_stations_json_gives_status_and_team(client, coordinator, stations):
    client.force_login(coordinator.user)
    response = client.get("/deployment/map/stations.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    assert data["fields"] == ["id", "code", "name", "lat", "lon", "region", "status", "team"]
    north, south = stations["north"].pk, stations["observed"].region_id
    assert data["rows"] == [
        [stations["free"].pk, "A-1", "Школа № 1", 43.12346, 76.9, north, 0, ""],
        [stations["planned"].pk, "A-2", stations["planned"].name, 43.2, 77.0, north, 1, "STO-001"],
        [stations["observed"].pk, "B-1", stations["observed"].name, 51.1, 71.4, south, 2, "STO-001"],
    ]
    assert "Школа" in response.content.decode()  # compact UTF-8, not \u escapes


def test_stations_json_filters_by_region_and_refuses_a_bad_one(client, coordinator, stations):
    client.force_login(coordinator.user)
    rows = client.get("/deployment/map/stations.json", {"region": stations["north"].pk}).json()["rows"]
    assert [row[1] for row in rows] == ["A-1", "A-2"]
    response = client.get("/deployment/map/stations.json", {"region": "north"})
    assert response.status_code == 400 and "region must be" in response.json()["error"]


def test_route_json_lists_a_teams_stops_in_order(client, coordinator, stations):
    client.force_login(coordinator.user)
    data = client.get(f"/deployment/map/teams/{stations['team'].pk}/route.json").json()
    assert data["team"] == "STO-001"
    assert [(s["order"], s["code"], s["purpose"], s["lat"]) for s in data["route"]] == [
        (1, "A-2", "opening", 43.2),
        (2, "B-1", "counting", 51.1),
    ]
    assert client.get(f"/deployment/map/teams/{TeamFactory().pk}/route.json").status_code == 404


def test_coordinator_adds_a_station_from_the_map(client, coordinator, stations):
    client.force_login(coordinator.user)
    url = f"/deployment/plan/teams/{stations['team'].pk}/add/"
    response = client.post(url, {"station": stations["free"].pk}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert [s["code"] for s in response.json()["route"]] == ["A-2", "A-1", "B-1"]  # counting stays last
    response = client.post(url, {"station": stations["free"].pk}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400 and "already in team STO-001" in response.json()["error"]


def test_map_page_uses_leaflet_with_the_tile_server_from_settings(client, coordinator, stations, settings):
    client.force_login(coordinator.user)
    page = client.get("/deployment/map/", {"team": stations["team"].pk}).content.decode()
    assert "leaflet/leaflet.js" in page and "js/map.js" in page
    # No inline script: django-leaflet's options are data, read by static/js/leaflet_map.js.
    assert '<div id="map" class="leaflet-container-default" data-map-options="map-options"></div>' in page
    options = json.loads(re.search(r'<script id="map-options" type="application/json">(.*?)</script>', page)[1])
    assert [layer[1] for layer in options["layers"]] == [settings.LEAFLET_CONFIG["TILES"]]
    assert options["resetview"] is False
    assert "STO-001" in page and '"add": "/deployment/plan/teams/0/add/"' in page


def test_analysts_see_the_map_but_cannot_add(client, stations):
    analyst = ObserverFactory(mission=stations["team"].mission, role=Role.ANALYST)
    client.force_login(analyst.user)
    assert client.get("/deployment/map/").status_code == 200
    assert '"add": null' in client.get("/deployment/map/").content.decode()
    assert client.get("/deployment/map/stations.json").status_code == 200
    response = client.post(f"/deployment/plan/teams/{stations['team'].pk}/add/", {"station": stations["free"].pk})
    assert response.status_code == 403


def test_stations_json_over_ten_thousand_stations_is_one_fixed_set_of_queries(
    db, client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    mission = build_deployment_mission(stations=10_000, lto_teams=20, sto_teams=200)
    coordinator = ObserverFactory(mission=mission, role=Role.COORDINATOR)
    client.force_login(coordinator.user)
    propose_and_apply(client, django_capture_on_commit_callbacks)
    with django_assert_max_num_queries(6):
        response = client.get("/deployment/map/stations.json", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    rows = json.loads(gzip.decompress(response.content))["rows"]
    assert len(rows) == 9_900  # the hundred without coordinates are not drawn
    assert sum(1 for row in rows if row[6] == 1) == 2_000
    assert len(response.content) < 250_000
    team = Team.objects.get(mission=mission, code="STO-001")
    with django_assert_max_num_queries(5):
        assert len(client.get(f"/deployment/map/teams/{team.pk}/route.json").json()["route"]) == 10


# The map at any size: the stations of a view, or clusters counted in SQL when there are many.

WHOLE_WORLD = "-180,-90,180,90"


def test_a_view_with_few_stations_gives_the_stations_in_it(client, coordinator, stations):
    client.force_login(coordinator.user)
    data = client.get("/deployment/map/view.json", {"bbox": "76,43,78,44", "zoom": 9}).json()
    assert data["mode"] == "stations" and data["total"] == 2 and data["planned"] == 1
    north = stations["north"].pk
    assert data["rows"] == [
        [stations["free"].pk, "A-1", "Школа № 1", 43.12346, 76.9, north, 0, ""],
        [stations["planned"].pk, "A-2", stations["planned"].name, 43.2, 77.0, north, 1, "STO-001"],
    ]
    data = client.get("/deployment/map/view.json", {"bbox": WHOLE_WORLD, "zoom": 2}).json()
    assert [row[1] for row in data["rows"]] == ["A-1", "A-2", "B-1"] and data["rows"][2][6] == 2  # observed


def test_a_region_alone_gives_its_bounds_to_fit_the_map_to(client, coordinator, stations):
    client.force_login(coordinator.user)
    data = client.get("/deployment/map/view.json", {"region": stations["north"].pk}).json()
    assert data == {"bounds": [[43.123456, 76.9], [43.2, 77.0]]}
    assert client.get("/deployment/map/view.json").json()["bounds"] == [[43.123456, 71.4], [51.1, 77.0]]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"bbox": "1,2,3", "zoom": 5}, "bbox must be four numbers"),
        ({"bbox": "a,b,c,d", "zoom": 5}, "bbox must be four numbers"),
        ({"bbox": "10,50,5,60", "zoom": 5}, "west ≤ east"),
        ({"bbox": "5,50,10,60", "zoom": 40}, "zoom"),
        ({"bbox": "5,50,10,60"}, "give the map's zoom level"),
        ({"region": "north"}, "region"),
    ],
)
def test_a_bad_view_is_refused_saying_what_to_send(client, coordinator, stations, query, message):
    client.force_login(coordinator.user)
    response = client.get("/deployment/map/view.json", query)
    assert response.status_code == 400 and message in response.json()["error"]


def test_a_country_in_view_is_clusters_with_fixed_queries(
    db, client, django_assert_max_num_queries, django_capture_on_commit_callbacks, settings
):
    mission = build_deployment_mission(stations=10_000, lto_teams=20, sto_teams=200)
    coordinator = ObserverFactory(mission=mission, role=Role.COORDINATOR)
    client.force_login(coordinator.user)
    propose_and_apply(client, django_capture_on_commit_callbacks)

    with django_assert_max_num_queries(6):
        response = client.get("/deployment/map/view.json", {"bbox": "40,35,95,60", "zoom": 5})
    data = response.json()
    assert data["mode"] == "clusters" and data["total"] == 9_900 and data["planned"] == 2_000
    assert sum(c[2] for c in data["clusters"]) == 9_900 and sum(c[3] for c in data["clusters"]) == 2_000
    assert 20 < len(data["clusters"]) < 2_000  # counts per cell, not a marker per station
    zoomed = client.get("/deployment/map/view.json", {"bbox": "40,35,95,60", "zoom": 7}).json()
    assert len(zoomed["clusters"]) > len(data["clusters"])  # finer cells further in

    lat, lon = data["clusters"][0][:2]
    close = client.get(
        "/deployment/map/view.json", {"bbox": f"{lon - 0.05},{lat - 0.05},{lon + 0.05},{lat + 0.05}", "zoom": 12}
    )
    assert close.json()["mode"] == "stations"


def test_the_map_page_starts_on_the_missions_stations(client, coordinator, stations):
    client.force_login(coordinator.user)
    page = client.get("/deployment/map/")
    config = json.loads(
        re.search(r'id="map-config" type="application/json">(.*?)</script>', page.content.decode()).group(1)
    )
    assert config["view"] == "/deployment/map/view.json" and config["bounds"] == [[43.123456, 71.4], [51.1, 77.0]]
