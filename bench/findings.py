"""How long the findings take at scale, on PostgreSQL: the figures, the findings pages and the list behind a figure.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eom_findings .venv/bin/python bench/findings.py [--keep] [--reuse]

Creates the database named in DATABASE_URL (it must not exist yet), loads the demo mission (observers.demo), tops
its submissions up to 100,000 and excludes one in a hundred as an analyst would, then prints one row per
measurement: the median of three runs and the queries each took. The database is dropped at the end unless
--keep; --reuse times a database kept before instead of building one. Target: findings of 100,000 forms under 2 s.
"""

import argparse
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/eom_findings")
os.environ.setdefault("DJANGO_DEBUG", "false")

from compile import database_create, database_drop, timed  # noqa: E402  (bench/compile.py)

SIZE = 100_000
EXCLUDED_SHARE = 100  # one form in this many is excluded
LANGUAGE = "kk"
TARGET_S = 2.0


def _build():
    from django.core.management import call_command
    from django.db import connection

    from observers.demo.build import demo_load
    from observers.demo.synthetic import submissions_generate
    from observers.models import Submission

    call_command("migrate", verbosity=0)
    rng = random.Random(2004)
    mission, _ = demo_load(rng=rng)
    missing = SIZE - Submission.objects.filter(mission=mission).count()
    if missing > 0:
        submissions_generate(mission=mission, count=missing, rng=rng)
    ids = list(Submission.objects.filter(mission=mission).order_by("id").values_list("id", flat=True))
    Submission.objects.filter(id__in=ids[::EXCLUDED_SHARE]).update(
        review_status=Submission.ReviewStatus.EXCLUDED, review_note="Benchmark: excluded by an analyst."
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # fresh statistics, as autovacuum would have gathered in a live database
    return mission


def _measurements(mission):
    from django.test import Client

    from observers.models import Observer, Role
    from reports.findings.selectors import Scope, findings_compute, submissions_behind

    analyst = Observer.objects.filter(mission=mission, role=Role.ANALYST).select_related("user").first()
    client = Client()
    client.force_login(analyst.user)
    district = mission.districts.order_by("code").first()

    def page(url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    def behind():
        scope = Scope(mission, "voting")
        listed = submissions_behind(scope=scope, question="group_voting", values=("yes",))
        return listed.count(), list(listed.select_related("team", "polling_station").order_by("-observed_at")[:50])

    return [
        ("findings, every form", lambda: findings_compute(mission=mission, language=LANGUAGE)),
        ("findings, voting", lambda: findings_compute(mission=mission, language=LANGUAGE, kind="voting")),
        (
            "findings, voting, 1 district",
            lambda: findings_compute(mission=mission, language=LANGUAGE, kind="voting", district=district),
        ),
        ("page /findings/", lambda: page("/findings/")),
        ("page /findings/voting/", lambda: page("/findings/voting/")),
        ("list behind group voting = yes", behind),
        ("page of that list", lambda: page("/findings/submissions/?kind=voting&question=group_voting&value=yes")),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="time a database kept by an earlier --keep run")
    arguments = parser.parse_args()
    database_url = os.environ["DATABASE_URL"]
    if not arguments.reuse:
        database_create(database_url)

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from mission.models import Mission
    from observers.models import Submission

    try:
        mission = Mission.objects.get(is_demo=True) if arguments.reuse else _build()
        counted = Submission.objects.filter(mission=mission).counted().count()
        total = Submission.objects.filter(mission=mission).count()
        print(f"{total:,} submissions, {total - counted:,} excluded; PostgreSQL {connection.pg_version // 10000}")
        print(f"{'measurement':<34} {'seconds':>8} {'queries':>8}")
        slowest = 0.0
        for name, function in _measurements(mission):
            with CaptureQueriesContext(connection) as queries:
                function()
            count = len(queries)  # now: each request empties the query log
            seconds, _ = timed(function)
            print(f"{name:<34} {seconds:>8.2f} {count:>8}")
            if name.startswith("findings"):
                slowest = max(slowest, seconds)
        print(f"target: findings under {TARGET_S} s: {'met' if slowest < TARGET_S else 'MISSED'} ({slowest:.2f} s)")
    finally:
        if not arguments.keep:
            database_drop(database_url)


if __name__ == "__main__":
    main()
