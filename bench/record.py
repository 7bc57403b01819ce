"""Times the pre-election record at scale: the register's list and filters over 10,000 cases, the record page and
the interim report's compilation over 2,000 LTO weekly reports in its period.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eom_record_bench .venv/bin/python bench/record.py [--runs 7]

It FLUSHES the database it is given (use a database of its own), loads the demo mission, adds cases and weekly
reports with bulk_create, then requests each page as a signed-in analyst (a warm-up, then --runs timed requests)
and compiles the interim report once per language. Targets: lists under 300 ms with a fixed query count; the
interim report with 2,000 weekly reports compiled in under 10 s.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("DJANGO_DEBUG", "false")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from mission.cases.models import Body, CaseFile, Decision, Subject  # noqa: E402
from mission.models import Mission  # noqa: E402
from observers.models import Checklist, Observer, Role, Submission, Team  # noqa: E402
from reports.record.topics import TOPICS  # noqa: E402

TARGET_MS, TARGET_COMPILE_S = 300, 10
CASES, WEEKLY_REPORTS = 10_000, 2_000
ALMATY = ZoneInfo("Asia/Almaty")


def build(rng: random.Random) -> Mission:
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    mission = Mission.objects.get(slug="kazakhstan-2004")
    regions = list(mission.regions.all())
    first = dt.date(2004, 8, 15)
    cases = []
    for n in range(CASES):
        filed = first + dt.timedelta(days=rng.randint(0, 40))
        decision = rng.choice(Decision.values)
        cases.append(
            CaseFile(
                mission=mission,
                number=f"B-{n:05d}",
                complainant_kind="voter",
                complainant=f"Voter {n}",
                subject=rng.choice(Subject.values),
                summary="Bench case",
                body=rng.choice(Body.values),
                region=rng.choice(regions),
                filed_on=filed,
                deadline=filed + dt.timedelta(days=5),
                decided_on=None if decision == "pending" else filed + dt.timedelta(days=rng.randint(1, 8)),
                decision=decision,
                source="lto",
                is_key=rng.random() < 0.01,
            )
        )
    CaseFile.objects.bulk_create(cases, batch_size=2000)
    weekly = Checklist.objects.get(mission=mission, kind=Checklist.Kind.LTO_WEEKLY)
    ltos = list(Observer.objects.filter(mission=mission, role=Role.LTO).select_related("team"))
    questions = {topic.question for topic in TOPICS}
    extra = WEEKLY_REPORTS - Submission.objects.filter(mission=mission, checklist=weekly).count()
    Submission.objects.bulk_create(
        (
            Submission(
                mission=mission,
                checklist=weekly,
                team=lto.team,
                observer=lto,
                answers={code: rng.choice(("yes", "no", "bad", "tense")) for code in questions},
                observed_at=dt.datetime.combine(first + dt.timedelta(days=rng.randint(0, 21)), dt.time(19), ALMATY),
                content_hash=f"{n:064d}",
            )
            for n, lto in ((n, rng.choice(ltos)) for n in range(extra))
        ),
        batch_size=2000,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return mission


def timed(client, url, runs):
    client.get(url)  # warm-up
    times, counts = [], set()
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        counts.add(len(queries))
    return statistics.median(times), max(times), counts


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    started = time.perf_counter()
    mission = build(random.Random(14))
    built = time.perf_counter() - started
    region = mission.regions.order_by("code").first()
    client = Client()
    client.force_login(Observer.objects.get(mission=mission, role=Role.ANALYST, user__username="analyst").user)
    period = "start=2004-08-15&end=2004-09-05"
    pages = [
        ("register, page 1 of 10,000+ cases", "/cases/"),
        ("register, page 40", "/cases/?page=40"),
        ("register, region + deadline missed", f"/cases/?region={region.code}&deadline=missed"),
        ("register, body + decision + stage", "/cases/?body=district&decision=rejected&stage=complaint"),
        ("register, search 'Voter 4711'", "/cases/?q=Voter+4711"),
        ("register, filed 20-31 Aug, key only", "/cases/?filed_from=2004-08-20&filed_to=2004-08-31&key=on"),
        ("record page, interim period", f"/record/?{period}"),
        ("reports behind: media in a region", f"/record/reports/?{period}&topic=media&region={region.code}"),
        ("candidate registration", "/candidates/"),
    ]
    in_period = Submission.objects.filter(
        mission=mission,
        checklist__kind="lto_weekly",
        observed_at__date__gte="2004-08-15",
        observed_at__date__lte="2004-09-05",
    ).count()
    print(f"\nDatabase: {connection.vendor} {connection.settings_dict['NAME']} · {runs} timed runs after a warm-up")
    print(
        f"Built the demo + {CaseFile.objects.count():,} cases + weekly reports "
        f"({Submission.objects.filter(checklist__kind='lto_weekly').count():,}, {in_period:,} in the period) "
        f"in {built:.1f} s; {Team.objects.filter(mission=mission, kind='lto').count()} LTO teams"
    )
    print(f"\n{'page':<40} {'queries':>8} {'median ms':>10} {'max ms':>8}  target {TARGET_MS} ms")
    for label, url in pages:
        median, worst, counts = timed(client, url, runs)
        queries = "/".join(map(str, sorted(counts)))
        print(f"{label:<40} {queries:>8} {median:>10.1f} {worst:>8.1f}  {'ok' if median < TARGET_MS else 'SLOW'}")
    print(f"\n{'interim report compiled (PDF)':<40} {'seconds':>8}  target {TARGET_COMPILE_S} s")
    for language in ("en", "ru", "kk"):
        started = time.perf_counter()
        call_command(
            "compile_report",
            kind="interim",
            language=language,
            output=os.devnull,
            stdout=open(os.devnull, "w"),  # noqa: SIM115
        )
        seconds = time.perf_counter() - started
        print(f"{language:<40} {seconds:>8.1f}  {'ok' if seconds < TARGET_COMPILE_S else 'SLOW'}")


if __name__ == "__main__":
    main()
