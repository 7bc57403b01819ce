"""How long the submission exports take at scale, and how much memory they need, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eom_export .venv/bin/python bench/export.py [--keep]

Creates the database named in DATABASE_URL (it must not exist yet; it is dropped at the end unless --keep),
loads the demo mission (observers.demo), then for each size makes the voting form have exactly that many
submissions and downloads them as CSV and as XLSX through the page, as a signed-in analyst would. Each download
runs in a fresh subprocess that reports its time to the last byte and how far it raised the process's peak
memory (ru_maxrss) over what it held before the request; the median of REPEATS runs is printed, with the CPU time
the web process spent (on a shared machine the wall clock also counts waiting for a core). Target: 100,000 rows
under 20 s with flat memory. Then times the election-day monitor's snapshot over the same data.
"""

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/eom_export")

from bench.compile import database_create, database_drop  # noqa: E402

SIZES = (10_000, 100_000)
FORMATS = ("csv", "xlsx")
KIND = "voting"
TARGET_SECONDS = 20
REPEATS = 3


def _usage() -> tuple[int, float]:
    """Peak resident memory (KiB on Linux) and CPU seconds of this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def measure(fmt: str) -> None:
    """In a subprocess: one download, printed as JSON {"seconds", "cpu", "bytes", "peak_mib"}."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username="analyst"))
    client.get(f"/exports/submissions.{fmt}", {"kind": "tabulation"}).getvalue()  # warm: imports, connection
    peak, cpu = _usage()
    started = time.perf_counter()
    response = client.get(f"/exports/submissions.{fmt}", {"kind": KIND, "lang": "kk"})
    size = sum(len(chunk) for chunk in response.streaming_content)
    seconds = time.perf_counter() - started
    peak_after, cpu_after = _usage()
    print(
        json.dumps({"seconds": seconds, "cpu": cpu_after - cpu, "bytes": size, "peak_mib": (peak_after - peak) / 1024})
    )


def _download(fmt: str) -> dict:
    """The median time of REPEATS downloads, each in a fresh process; the largest memory growth."""
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, __file__, "--measure", fmt], capture_output=True, text=True, check=True, env=os.environ
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        for _ in range(REPEATS)
    ]
    return {
        "seconds": statistics.median(run["seconds"] for run in runs),
        "cpu": statistics.median(run["cpu"] for run in runs),
        "bytes": runs[0]["bytes"],
        "peak_mib": max(run["peak_mib"] for run in runs),
    }


def _voting_exactly(mission, size: int, rng: random.Random) -> None:
    from observers.demo.synthetic import submissions_generate
    from observers.models import Submission

    voting = Submission.objects.filter(mission=mission, checklist__kind=KIND)
    while (missing := size - voting.count()) > 0:
        submissions_generate(mission=mission, count=int(missing * 1.3) + 100, rng=rng)  # ~80% of visits are voting
    extra = list(voting.order_by("-id").values_list("id", flat=True)[: voting.count() - size])
    Submission.objects.filter(id__in=extra).delete()


def _monitor_seconds(mission) -> tuple[float, int]:
    import datetime as dt
    from zoneinfo import ZoneInfo

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reports.monitor.selectors.selectors import monitor_snapshot

    now = dt.datetime.combine(mission.election_date, dt.time(16), tzinfo=ZoneInfo(mission.time_zone))
    monitor_snapshot(mission=mission, now=now, silent_minutes=60, language="kk")  # warm
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        monitor_snapshot(mission=mission, now=now, silent_minutes=60, language="kk")
        return time.perf_counter() - started, len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--measure", choices=FORMATS, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.measure:
        measure(arguments.measure)
        return
    database_url = os.environ["DATABASE_URL"]
    database_create(database_url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from observers.demo.build import demo_load
    from observers.models import Submission

    try:
        call_command("migrate", verbosity=0)
        rng = random.Random(2004)
        mission, _ = demo_load(rng=rng)
        print(f"{'voting rows':>12} {'format':>7} {'seconds':>8} {'CPU s':>6} {'MB sent':>8} {'peak memory +MiB':>17}")
        monitor = []
        for size in SIZES:
            _voting_exactly(mission, size, rng)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE observers_submission")
            for fmt in FORMATS:
                result = _download(fmt)
                flag = "" if result["seconds"] < TARGET_SECONDS else "  (over target)"
                print(
                    f"{size:>12,} {fmt:>7} {result['seconds']:>8.2f} {result['cpu']:>6.2f} "
                    f"{result['bytes'] / 1e6:>8.1f} {result['peak_mib']:>17.1f}{flag}"
                )
            monitor.append((Submission.objects.filter(mission=mission).count(), *_monitor_seconds(mission)))
        print(f"\n{'submissions':>12} {'monitor snapshot s':>19} {'queries':>8}")
        for total, seconds, queries in monitor:
            print(f"{total:>12,} {seconds:>19.3f} {queries:>8}")
    finally:
        if not arguments.keep:
            database_drop(database_url)


if __name__ == "__main__":
    main()
