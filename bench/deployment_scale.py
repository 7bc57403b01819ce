"""Deployment at national scale: 200,000 polling stations, 100 long-term and 2,000 short-term teams (issue 18).

    .venv/bin/python bench/deployment_scale.py [--db eom_h_scale_bench] [--runs 5] [--keep | --reuse]

It CREATES the PostgreSQL database it is given (dropping one of that name first; the server is that of
DATABASE_URL, default postgres@127.0.0.1:5432) and DROPS it at the end unless --keep; --reuse times the pages
again on the database a --keep run left, without building or planning anew. It builds the mission with bulk
inserts, lets the planner propose a plan the way the page does (a status row and its outbox job: with no REDIS_URL
the job runs as soon as it is committed, in this process, as a worker would), applies it, then requests each page
as a signed-in coordinator: a warm-up, then --runs timed requests (median, worst, queries, bytes).
/livez, timed the same way in the same run, is the machine's reference.

Targets: pages and map views under 300 ms server time with a fixed number of queries; the planner under 60 s.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PAGE_TARGET_MS = 300
PLANNER_TARGET_S = 60
REGIONS = 17


def _server_url(database: str) -> str:
    parts = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
    return urlunsplit(parts._replace(path=f"/{database}"))


def _admin(sql: str) -> None:
    import psycopg2

    admin = psycopg2.connect(_server_url("postgres").replace("postgres://", "postgresql://", 1))
    try:
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(sql)
    finally:
        admin.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="eom_h_scale_bench")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--stations", type=int, default=200_000)
    parser.add_argument("--teams", type=int, default=2_000)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="time the pages of a database kept by an earlier --keep run (implies --keep)",
    )
    args = parser.parse_args()
    args.keep = args.keep or args.reuse

    if not args.reuse:
        _admin(f'DROP DATABASE IF EXISTS "{args.db}"')
        _admin(f'CREATE DATABASE "{args.db}"')
    os.environ["DATABASE_URL"] = _server_url(args.db)
    os.environ.pop("REDIS_URL", None)  # no broker: outbox jobs run on commit, in this process
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.setdefault("DJANGO_DEBUG", "false")
    try:
        _bench(args)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            _admin(f'DROP DATABASE IF EXISTS "{args.db}"')
            print(f"\nDatabase {args.db} dropped.")


def _bench(args) -> None:
    import django

    django.setup()

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from mission.models import Mission
    from observers.models import Team

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    client = Client()

    def timed(url, runs=args.runs, **headers):
        client.get(url, **headers)  # warm-up
        times = []
        for _ in range(runs):
            with CaptureQueriesContext(connection) as queries:
                begun = time.perf_counter()
                response = client.get(url, **headers)
                times.append((time.perf_counter() - begun) * 1000)
            assert response.status_code == 200, (url, response.status_code, response.content[:500])
        return statistics.median(times), max(times), len(queries), len(response.content)

    if args.reuse:
        mission = Mission.objects.get(slug="bench-national")
        client.force_login(get_user_model().objects.get(username="bench-coordinator"))
    else:
        mission = _build_and_plan(args, client, timed)

    team = Team.objects.get(mission=mission, code=f"STO-{args.teams // 2:03d}")
    first = team.assignments.select_related("polling_station").order_by("order").first().polling_station
    region = first.region_id
    lat, lon = first.latitude, first.longitude
    gzip = {"HTTP_ACCEPT_ENCODING": "gzip"}
    pages = [
        ("/livez (reference)", "/livez", {}),
        (f"teams ({args.teams // 20} + {args.teams}, page 1)", "/deployment/teams/", {}),
        ("teams, search 'observer 1', page 3", "/deployment/teams/?q=observer+1&page=3", {}),
        ("plan (2,000 teams, page 1 + coverage)", "/deployment/plan/", {}),
        ("plan, filter region + no-opening", f"/deployment/plan/?region={region}&state=incomplete", {}),
        ("plan, search a member, page 1", "/deployment/plan/?q=observer+2", {}),
        ("publish: asks, with changes", "/deployment/plan/publish/", {}),
        ("team route + its region's stations", f"/deployment/plan/teams/{team.pk}/", {}),
        ("team route + stations page 40", f"/deployment/plan/teams/{team.pk}/?region={region}&page=40", {}),
        ("team route + search 'No. 12345'", f"/deployment/plan/teams/{team.pk}/?q=No.+12345", {}),
        ("coverage (17 regions)", "/deployment/coverage/", {}),
        ("station list, page 1", "/deployment/stations/", {}),
        ("station list, search 'No. 12345'", "/deployment/stations/?q=No.+12345", {}),
        ("station list, search 'abai', page 50", "/deployment/stations/?q=abai&page=50", {}),
        ("map page", "/deployment/map/", {}),
        ("map view: whole country, zoom 5 (gzip)", "/deployment/map/view.json?bbox=45,35,95,60&zoom=5", gzip),
        (
            "map view: one region, zoom 7 (gzip)",
            f"/deployment/map/view.json?bbox=45,35,95,60&zoom=7&region={region}",
            gzip,
        ),
        (
            "map view: a town, zoom 12 (gzip)",
            f"/deployment/map/view.json?bbox={lon - 0.06},{lat - 0.04},{lon + 0.06},{lat + 0.04}&zoom=12",
            gzip,
        ),
        ("map: a region's bounds", f"/deployment/map/view.json?region={region}", {}),
        ("route JSON", f"/deployment/map/teams/{team.pk}/route.json", {}),
    ]

    print(
        f"\nDatabase: {connection.vendor} {connection.settings_dict['NAME']} · {args.runs} timed runs after a warm-up"
    )
    print(f"\n{'page':<44} {'queries':>7} {'median ms':>10} {'max ms':>8} {'bytes':>10}  target {PAGE_TARGET_MS} ms")
    for label, url, headers in pages:
        median, worst, queries, size = timed(url, **headers)
        mark = "" if url == "/livez" else ("ok" if median < PAGE_TARGET_MS else "SLOW")
        print(f"{label:<44} {queries:>7} {median:>10.1f} {worst:>8.1f} {size:>10,}  {mark}")


def _build_and_plan(args, client, timed):
    """Build the mission, let the planner propose a plan as the page does, print its figures and apply it."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from observers.models import Assignment, DeploymentPlan, Observer, PlanProposal, Role
    from tests.observers.deployment.helpers import build_deployment_mission

    started = time.perf_counter()
    mission = build_deployment_mission(
        stations=args.stations,
        regions=REGIONS,
        lto_teams=args.teams // 20,
        sto_teams=args.teams,
        slug="bench-national",
        name="Bench national mission",
    )
    built = time.perf_counter() - started
    with connection.cursor() as cursor:
        # Statistics and the visibility map (index-only scans), as autovacuum keeps them in a live database.
        cursor.execute("VACUUM ANALYZE")
    user = get_user_model().objects.create_user("bench-coordinator")
    Observer.objects.create(mission=mission, role=Role.COORDINATOR, full_name="Bench coordinator", user=user)
    client.force_login(user)

    # The planner, as the page runs it: POST queues the status row and its job; the job runs on commit.
    begun = time.perf_counter()
    response = client.post("/deployment/plan/propose/", {"stations_per_team": 10, "weight": "stations"})
    planner_s = time.perf_counter() - begun
    assert response.status_code == 302, response.content[:2000]
    proposal = PlanProposal.objects.get(mission=mission)
    assert proposal.status == "done", (proposal.status, proposal.error)
    summary = proposal.summary
    plan_page = timed("/deployment/plan/", runs=1)  # with the proposal's changes worked out for the page
    plan = DeploymentPlan.objects.get(mission=mission)
    begun = time.perf_counter()
    response = client.post(
        f"/deployment/plan/proposals/{proposal.pk}/apply/",
        {"plan_edited_at": plan.edited_at.isoformat() if plan.edited_at else ""},
    )
    apply_s = time.perf_counter() - begun
    assert response.status_code == 302 and Assignment.objects.filter(team__mission=mission).count() == len(
        proposal.routes
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(
        f"Built {args.stations:,} stations in {REGIONS} regions, {args.teams // 20} LTO + {args.teams} STO teams, "
        f"{Observer.objects.filter(mission=mission).count():,} observers with bulk inserts in {built:.1f} s"
    )
    verdict = "ok" if planner_s < PLANNER_TARGET_S else "SLOW"
    print(
        f"\n{'planner: propose in the background (s)':<44} {planner_s:>10.1f}  target < {PLANNER_TARGET_S} s  {verdict}"
        f"\n  {summary['teams_planned']} teams, {summary['stations_planned']:,} stations, "
        f"{summary['stations_without_location']:,} without coordinates, {len(summary['teams_short'])} teams short"
    )
    print(f"{'plan page with the proposal changes (ms)':<44} {plan_page[0]:>10.1f}  queries {plan_page[2]}")
    print(f"{'apply the proposal to the draft (s)':<44} {apply_s:>10.1f}")
    return mission


if __name__ == "__main__":
    main()
