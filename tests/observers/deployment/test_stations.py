"""The station list: every station of the mission, 100 a page, searched, by region, those without a location or
voters, and those the latest import created; another mission's stations never shown."""

import importlib
from unittest import mock

import pytest
from django.db import connection
from django.db.models import Q
from django.urls import reverse

from mission.models import PollingStation, StationImport
from observers.deployment.selectors import stations_listed
from observers.models import Role
from tests.factories import ObserverFactory, PollingStationFactory, RegionFactory

URL = reverse("deployment:stations")


@pytest.fixture
def analyst(db):
    return ObserverFactory(role=Role.ANALYST)


@pytest.fixture
def stations(analyst):
    north = RegionFactory(mission=analyst.mission, code="N", name="North")
    south = RegionFactory(mission=analyst.mission, code="S", name="South")
    made = [PollingStationFactory(region=north, code=f"N-{n:03d}") for n in range(150)]
    made.append(PollingStationFactory(region=south, code="S-001", name="Lyceum 7", latitude=None, longitude=None))
    made.append(PollingStationFactory(region=south, code="S-002", registered_voters=0))
    return {"north": north, "south": south, "all": made}


def codes(response) -> list[str]:
    return [station.code for station in response.context["page"]]


def test_a_hundred_a_page_in_code_order_with_the_count(client, analyst, stations):
    client.force_login(analyst.user)
    first = client.get(URL)
    assert first.status_code == 200
    assert first.context["page"].paginator.count == 152 and len(codes(first)) == 100
    assert codes(first)[:2] == ["N-000", "N-001"]
    second = client.get(URL, {"page": 2})
    assert codes(second)[-2:] == ["S-001", "S-002"] and "Page 2 of 2" in second.content.decode()


def test_search_region_and_what_is_missing(client, analyst, stations):
    client.force_login(analyst.user)
    assert codes(client.get(URL, {"q": "lyceum"})) == ["S-001"]
    assert codes(client.get(URL, {"region": stations["south"].pk})) == ["S-001", "S-002"]
    assert codes(client.get(URL, {"gap": "location"})) == ["S-001"]
    assert codes(client.get(URL, {"gap": "voters"})) == ["S-002"]
    # Nonsense in the filters shows every station rather than an error.
    assert client.get(URL, {"region": "x", "gap": "bogus", "page": "zz"}).context["page"].paginator.count == 152


def test_the_stations_of_the_latest_import(client, analyst, stations):
    record = StationImport.objects.create(mission=analyst.mission, filename="cec.csv", created=1)
    PollingStationFactory(region=stations["north"], code="NEW-1", imported_in=record)
    client.force_login(analyst.user)
    response = client.get(URL, {"import": "last"})
    assert codes(response) == ["NEW-1"] and "cec.csv" in response.content.decode()


def test_another_missions_stations_are_not_listed(client, analyst, stations):
    PollingStationFactory(code="ELSEWHERE")
    client.force_login(analyst.user)
    assert "ELSEWHERE" not in codes(client.get(URL, {"q": "ELSE"}))
    assert client.get(URL, {"q": "ELSE"}).context["page"].paginator.count == 0


def test_a_fixed_number_of_queries(client, analyst, stations, django_assert_max_num_queries):
    client.force_login(analyst.user)
    with django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200


def test_kazakh_readers_see_kazakh_region_and_district_names(client, analyst, stations):
    stations["north"].name_kk = "Солтүстік облысы"
    stations["north"].save()
    client.force_login(analyst.user)
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "N · Солтүстік облысы" in html and "<td>Солтүстік облысы</td>" in html


@pytest.mark.postgres
def test_the_search_is_answered_by_the_trigram_indexes(analyst, stations):
    """The indexes of mission migration 0013 are on the expressions Django's search writes (UPPER(col::text)):
    with sequential scans priced out, PostgreSQL answers the search from them, each of the three columns."""
    searched = stations_listed(mission=analyst.mission, search="lyceum")
    # The search alone (the mission's own index would otherwise serve a table this small), as the selector writes it.
    search = Q(code__icontains="lyceum") | Q(name__icontains="lyceum") | Q(address__icontains="lyceum")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = PollingStation.objects.filter(search).explain()
    assert all(f"station_{column}_trgm" in plan for column in ("code", "name", "address")), plan
    assert [station.code for station in searched] == ["S-001"]


def test_the_trigram_migration_does_nothing_on_other_databases():
    """SQLite (local use) has no pg_trgm: the migration's index step leaves it alone, and the search still works
    there by reading the table (test_search_region_and_what_is_missing)."""
    trigrams = importlib.import_module("mission.migrations.0013_station_search_and_bounds_indexes")
    editor = mock.Mock()
    editor.connection.vendor = "sqlite"
    trigrams.create_trigram_indexes(None, editor)
    trigrams.drop_trigram_indexes(None, editor)
    editor.execute.assert_not_called()
    editor.connection.vendor = "postgresql"
    trigrams.create_trigram_indexes(None, editor)
    assert editor.execute.call_count == 3
