"""How long media monitoring's results, charts and agreement take over 100,000 coded items, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eom_media_bench .venv/bin/python bench/media.py [--keep] [--reuse]

Creates the database named in DATABASE_URL (it must not exist yet), a demo-like mission with the 12 parties and the
demo's media sample grown to 100,000 items (a tenth coded twice), then prints one row per measurement: the median
of three runs and the queries each took. The database is dropped at the end unless --keep; --reuse times a
database kept before. Target: results and charts over 100,000 coded items under 2 s.
"""

import argparse
import datetime as dt
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/eom_media_bench")
os.environ.setdefault("DJANGO_DEBUG", "false")

from compile import database_create, database_drop, timed  # noqa: E402  (bench/compile.py)

SIZE = 100_000
LANGUAGE = "kk"
TARGET_S = 2.0
SLUG = "media-bench"


def _build():
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from mission.models import Mission, Party
    from observers.demo.media import media_sample_generate
    from observers.demo.parties import PARTIES
    from observers.models import Observer, Role

    call_command("migrate", verbosity=0)
    mission = Mission.objects.create(
        slug=SLUG,
        name="Media benchmark",
        country="Kazakhstan",
        election="Parliamentary elections",
        election_date=dt.date(2004, 9, 19),
        time_zone="Asia/Almaty",
        is_demo=True,
    )
    Party.objects.bulk_create(
        Party(mission=mission, name=en, name_ru=ru, name_kk=kk, abbreviation=abbreviation)
        for en, ru, kk, abbreviation in PARTIES
    )
    analyst = get_user_model().objects.create(username="bench-media-analyst")
    Observer.objects.create(mission=mission, user=analyst, role=Role.ANALYST, full_name="Media analyst")
    media_sample_generate(mission=mission, rng=random.Random(2004), items=SIZE)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return mission


def _measurements(mission):
    from django.test import Client
    from django.utils import timezone

    from observers.media.agreement import agreement_compute
    from observers.media.selectors import double_coded_pairs
    from observers.models import MediaItem, Observer, Role
    from reports.documents.blocks import BlockContext, block_render
    from reports.documents.markdown import BlockCall
    from reports.media.selectors import Period, coverage
    from reports.models import Report

    analyst = Observer.objects.filter(mission=mission, role=Role.ANALYST).select_related("user").first()
    client = Client()
    client.force_login(analyst.user)
    report = Report.objects.filter(mission=mission).first() or Report.objects.create(mission=mission)
    context = BlockContext(report=report, language=LANGUAGE, findings={}, findings_at=timezone.now())
    item = MediaItem.objects.filter(mission=mission).first()
    week = "starts=2004-09-06&ends=2004-09-12"

    def page(url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    def blocks():
        return [block_render(BlockCall(name=name), context) for name in ("media_summary", "media_chart", "media_table")]

    return [
        ("coverage, whole period", lambda: coverage(mission=mission)),
        (
            "coverage, one week",
            lambda: coverage(mission=mission, period=Period(dt.date(2004, 9, 6), dt.date(2004, 9, 12))),
        ),
        ("agreement, every pair", lambda: agreement_compute(double_coded_pairs(mission=mission))),
        ("page results", lambda: page("/media-monitoring/results/")),
        ("page results, one week", lambda: page(f"/media-monitoring/results/?{week}")),
        (
            "page items behind a figure",
            lambda: page(
                f"/media-monitoring/results/items/?outlet={item.outlet_id}&subject={item.subject_id}&tone=positive"
            ),
        ),
        ("page agreement", lambda: page("/media-monitoring/agreement/")),
        ("report blocks (summary, chart, table)", blocks),
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
    from observers.models import MediaCheck, MediaItem

    try:
        mission = Mission.objects.get(slug=SLUG) if arguments.reuse else _build()
        items = MediaItem.objects.filter(mission=mission).count()
        checks = MediaCheck.objects.filter(item__mission=mission).count()
        print(f"{items:,} coded items, {checks:,} coded twice; PostgreSQL {connection.pg_version // 10000}")
        print(f"{'measurement':<40} {'seconds':>8} {'queries':>8}")
        slowest = 0.0
        for name, function in _measurements(mission):
            with CaptureQueriesContext(connection) as queries:
                function()
            count = len(queries)
            seconds, _ = timed(function)
            print(f"{name:<40} {seconds:>8.2f} {count:>8}")
            slowest = max(slowest, seconds)
        verdict = "met" if slowest < TARGET_S else "MISSED"
        print(f"target: results and charts under {TARGET_S} s: {verdict} ({slowest:.2f} s)")
    finally:
        if not arguments.keep:
            database_drop(database_url)


if __name__ == "__main__":
    main()
