"""How long a report takes at scale: aggregation of the findings and rendering of the PDF, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eom_bench .venv/bin/python bench/compile.py [--keep]

Creates the database named in DATABASE_URL (it must not exist yet, or be one this script made: it is dropped
at the end unless --keep), loads the demo mission (observers.demo) with its preliminary statement and default
sections (reports.documents.services.report_create: statistics, charts and the station map), tops its submissions up
to each size, then prints one row per size. Targets: aggregation of 100,000 submissions under 3 s, the PDF under 5 s.
"""

import argparse
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/eom_bench")

SIZES = (10_000, 100_000)
REPEATS = 3
LANGUAGE = "kk"


def _server(database_url: str):
    import psycopg2

    url = urlparse(database_url)
    connection = psycopg2.connect(
        dbname="postgres", user=url.username, password=url.password, host=url.hostname, port=url.port or 5432
    )
    connection.autocommit = True
    return connection, url.path.lstrip("/")


def database_create(database_url: str) -> None:
    connection, name = _server(database_url)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone():
            sys.exit(f"The database {name!r} exists already: drop it, or name another one in DATABASE_URL.")
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def database_drop(database_url: str) -> None:
    from django.db import connections

    connections.close_all()
    connection, name = _server(database_url)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    connection.close()


def timed(function) -> tuple[float, object]:
    """Median seconds over REPEATS runs, and the last result."""
    seconds, result = [], None
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = function()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    keep = parser.parse_args().keep
    database_url = os.environ["DATABASE_URL"]
    database_create(database_url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone
    from pypdf import PdfReader

    from observers.demo.build import demo_load
    from observers.demo.synthetic import submissions_generate
    from observers.models import Submission
    from reports.documents.render.pdf import pdf_render
    from reports.documents.services import report_create
    from reports.findings.selectors import findings_compute
    from reports.models import Report

    try:
        call_command("migrate", verbosity=0)
        rng = random.Random(2004)
        mission, _ = demo_load(rng=rng)
        report = report_create(mission=mission, kind=Report.Kind.PRELIMINARY)
        print(f"{'submissions':>12} {'aggregation s':>14} {'PDF s':>8} {'PDF pages':>10}")
        for size in SIZES:
            missing = size - Submission.objects.filter(mission=mission).count()
            if missing > 0:
                submissions_generate(mission=mission, count=missing, rng=rng)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE observers_submission")
            aggregation, findings = timed(lambda: findings_compute(mission=mission, language=LANGUAGE))
            rendering, pdf = timed(
                lambda findings=findings: pdf_render(
                    report=report, language=LANGUAGE, findings=findings, findings_at=timezone.now()
                )
            )
            pages = len(PdfReader(io.BytesIO(pdf)).pages)
            print(f"{findings['submissions']:>12,} {aggregation:>14.2f} {rendering:>8.2f} {pages:>10}")
    finally:
        if not keep:
            database_drop(database_url)


if __name__ == "__main__":
    main()
