"""Times the deployment pages over a full-size mission: 10,000 polling stations, 20 long-term, 200 short-term teams.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eom_deploy .venv/bin/python bench/lists.py [--runs 7]

It FLUSHES the database it is given (use a database of its own), builds the mission with bulk_create, runs the
planner, then requests each page as a signed-in coordinator: a warm-up, then --runs timed requests. It prints the
median and worst time, the queries per request and the size of the answer. Target for lists: under 300 ms.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("DJANGO_DEBUG", "false")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from observers.deployment.planner import Station, distance_km  # noqa: E402
from observers.deployment.services import deployment_propose  # noqa: E402
from observers.models import Assignment, Observer, Role, Team  # noqa: E402
from tests.observers.deployment.helpers import build_deployment_mission  # noqa: E402

TARGET_MS = 300


def build():
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    started = time.perf_counter()
    mission = build_deployment_mission(slug="bench-deployment", name="Bench mission")
    built = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, as autovacuum would have gathered in a live database
    coordinator = Observer.objects.create(
        mission=mission,
        role=Role.COORDINATOR,
        full_name="Bench coordinator",
        user=Observer.user.field.related_model.objects.create_user("bench-coordinator"),
    )
    return mission, coordinator, built


def plan(mission):
    started = time.perf_counter()
    proposal = deployment_propose(mission=mission, stations_per_team=10)
    return proposal, time.perf_counter() - started


def route_figures(mission) -> tuple[float, float]:
    """Mean route length and the longest single leg, in km."""
    lengths, longest = [], 0.0
    rows = (
        Assignment.objects.filter(team__mission=mission)
        .order_by("team_id", "order")
        .values_list("team_id", "polling_station__latitude", "polling_station__longitude")
    )
    by_team = {}
    for team, lat, lon in rows:
        by_team.setdefault(team, []).append(Station(0, 0, lat, lon))
    for route in by_team.values():
        legs = [distance_km(a, b) for a, b in zip(route, route[1:])]
        lengths.append(sum(legs))
        longest = max(longest, *legs)
    return statistics.mean(lengths), longest


def timed(client, url, runs, **headers):
    client.get(url, **headers)  # warm-up
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url, **headers)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), max(times), len(queries), len(response.content)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs

    mission, coordinator, built = build()
    proposal, planned_in = plan(mission)
    mean_km, longest_km = route_figures(mission)
    team = Team.objects.get(mission=mission, code="STO-100")
    region = team.assignments.first().polling_station.region

    client = Client()
    client.force_login(coordinator.user)
    gzip = {"HTTP_ACCEPT_ENCODING": "gzip"}
    pages = [
        ("teams list (20 + 200 teams)", "/deployment/teams/", {}),
        ("plan (200 teams + coverage)", "/deployment/plan/", {}),
        ("team route + stations page 1", f"/deployment/plan/teams/{team.pk}/", {}),
        ("team route + search 'School No. 99'", f"/deployment/plan/teams/{team.pk}/?q=School+No.+99", {}),
        ("coverage (16 regions)", "/deployment/coverage/", {}),
        ("map page", "/deployment/map/", {}),
        ("map JSON, all stations (gzip)", "/deployment/map/stations.json", gzip),
        ("map JSON, one region (gzip)", f"/deployment/map/stations.json?region={region.pk}", gzip),
        ("route JSON", f"/deployment/map/teams/{team.pk}/route.json", {}),
        ("team PDF (WeasyPrint)", f"/deployment/plan/teams/{team.pk}/pdf/", {}),
        ("region PDF (WeasyPrint)", f"/deployment/plan/regions/{region.pk}/pdf/", {}),
    ]

    print(
        f"\nDatabase: {connection.vendor} {connection.settings_dict['NAME']} · {runs} timed runs each after a warm-up"
    )
    print(f"Built 10,000 stations, 20 LTO + 200 STO teams, 440 observers with bulk_create in {built:.2f} s")
    print(
        f"Planner: {planned_in * 1000:.0f} ms · {proposal.teams_planned} teams, {proposal.stations_planned} stations, "
        f"{proposal.stations_without_location} without coordinates skipped · route mean {mean_km:.1f} km, "
        f"longest leg {longest_km:.1f} km"
    )
    print(f"\n{'page':<38} {'queries':>7} {'median ms':>10} {'max ms':>8} {'bytes':>9}  target")
    for label, url, headers in pages:
        median, worst, queries, size = timed(client, url, runs, **headers)
        verdict = "" if "PDF" in label else ("ok" if median < TARGET_MS else "SLOW")
        print(f"{label:<38} {queries:>7} {median:>10.1f} {worst:>8.1f} {size:>9,}  {verdict}")


if __name__ == "__main__":
    main()
