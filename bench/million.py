"""A million submissions on PostgreSQL: the findings of every form kind from the tallies, the final report's
compilation, an export streamed with flat memory, and the tallies' recount agreeing after the load.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eom_million .venv/bin/python bench/million.py [--keep] [--reuse]

Creates the database named in DATABASE_URL (it must not exist yet; dropped at the end unless --keep; --reuse times
one kept before), loads the demo mission (observers.demo: one election day of forms), then copies its forms in
the database (INSERT ... SELECT over generate_series: fresh uuids, the times shifted, the overall assessment drawn
again so that the copies differ) up to SIZE, most of them voting forms so that one kind's export has a million
rows, excludes one in a hundred, and builds the tallies with `manage.py tallies_check --rebuild`. Then prints each
figure beside its target, with the same run's time of GET /livez through the same client as the reference:

- findings (reports.findings.selectors.findings_compute) of every form kind and of all, and the findings pages,
  each under 1 s;
- the final report compiled (reports.documents: findings, then the PDF), under 15 s;
- the export of the voting forms as CSV through the page, streamed, in a fresh process: time to the last byte
  (under 3 min) and how far it raised the process's peak memory over what it held before (flat: not growing with
  the rows; the same export of a tenth of the rows is the comparison);
- `manage.py tallies_check` after the load: the tallies must agree with a recount from the forms.
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
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/eom_million")
os.environ.setdefault("DJANGO_DEBUG", "false")

from bench.compile import database_create, database_drop  # noqa: E402

SIZE = 1_000_000
EXCLUDED_SHARE = 100  # one form in this many is excluded
LANGUAGE = "kk"
FINDINGS_TARGET_S, COMPILE_TARGET_S, EXPORT_TARGET_S = 1.0, 15.0, 180.0
EXPORT_KIND = "voting"
REPEATS = 3

# Copies of the mission's forms of one kind, `copies` of each (g: the copy's number).
_COPY_SQL = """
    INSERT INTO observers_submission (uuid, mission_id, checklist_id, team_id, observer_id, polling_station_id,
        answers, observed_at, received_at, content_hash, review_status, review_note, tallied)
    SELECT gen_random_uuid(), s.mission_id, s.checklist_id, s.team_id, s.observer_id, s.polling_station_id,
        CASE WHEN s.answers ? 'overall_assessment' THEN jsonb_set(s.answers, '{overall_assessment}',
            to_jsonb((ARRAY['very_good', 'good', 'good', 'bad', 'very_bad'])[1 + floor(random() * 5)::int]))
        ELSE s.answers END,
        s.observed_at + g * interval '1 second', s.received_at, s.content_hash, 'unreviewed', '', false
    FROM (SELECT * FROM observers_submission WHERE mission_id = %s AND checklist_id = ANY(%s) ORDER BY id
          LIMIT %s) s
    CROSS JOIN generate_series(1, %s) g
"""


def _load():
    from django.core.management import call_command
    from django.db import connection

    from observers.demo.build import demo_load
    from observers.models import Checklist, Submission

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    mission, _ = demo_load(rng=random.Random(2004))
    demo = Submission.objects.filter(mission=mission).count()
    voting = list(Checklist.objects.filter(mission=mission, kind=EXPORT_KIND).values_list("pk", flat=True))
    others = list(Checklist.objects.filter(mission=mission).exclude(kind=EXPORT_KIND).values_list("pk", flat=True))
    other_forms = Submission.objects.filter(mission=mission, checklist_id__in=others).count()
    # Other kinds: ten times the demo's; the rest voting forms, up to SIZE in all.
    with connection.cursor() as cursor:
        cursor.execute(_COPY_SQL, [mission.pk, others, other_forms, 9])
        missing = SIZE - Submission.objects.filter(mission=mission).count()
        voting_forms = Submission.objects.filter(mission=mission, checklist_id__in=voting).count()
        copies, rest = divmod(missing, voting_forms)
        if copies:
            cursor.execute(_COPY_SQL, [mission.pk, voting, voting_forms, copies])
        if rest:
            cursor.execute(_COPY_SQL, [mission.pk, voting, rest, 1])
        cursor.execute(
            "UPDATE observers_submission SET review_status = 'excluded', review_note = 'Benchmark: excluded.'"
            " WHERE mission_id = %s AND id %% %s = 0",
            [mission.pk, EXCLUDED_SHARE],
        )
        cursor.execute("VACUUM ANALYZE")
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    out = StringIO()
    call_command("tallies_check", "--rebuild", stdout=out)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE observers_answertally")
        cursor.execute("VACUUM ANALYZE observers_submission")
    print(f"loaded {SIZE:,} forms ({demo:,} from the demo, the rest copied) in {loaded:.0f} s;", out.getvalue().strip())
    print(f"tallies built by tallies_check --rebuild in {time.perf_counter() - started:.0f} s")
    return mission


def _median(function) -> tuple[float, object]:
    seconds, result = [], None
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = function()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), result


def measure_export(limit_rows: str) -> None:
    """In a subprocess: one download of the voting forms as CSV; prints JSON {seconds, bytes, rows, peak_mib}."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username="analyst"))
    client.get("/exports/submissions.csv", {"kind": "tabulation"}).getvalue()  # warm: imports, connection
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    query = {"kind": EXPORT_KIND, "lang": LANGUAGE}
    if limit_rows:
        query["region"] = limit_rows  # a region's forms: the smaller export to compare memory with
    response = client.get("/exports/submissions.csv", query)
    size = rows = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        rows += chunk.count(b"\n")
    seconds = time.perf_counter() - started
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak) / 1024
    print(json.dumps({"seconds": seconds, "bytes": size, "rows": rows - 1, "peak_mib": grown}))


def _export(region_code: str = "") -> dict:
    run = subprocess.run(
        [sys.executable, __file__, "--measure-export", region_code or ""],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ,
    )
    return json.loads(run.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="time a database kept by an earlier --keep run")
    parser.add_argument("--rebuild", action="store_true", help="with --reuse: build the tallies again first")
    parser.add_argument("--measure-export", metavar="REGION", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.measure_export is not None:
        measure_export(arguments.measure_export)
        return
    database_url = os.environ["DATABASE_URL"]
    if not arguments.reuse:
        database_create(database_url)

    import django

    django.setup()
    from django.core.management import CommandError, call_command
    from django.test import Client

    from mission.models import Mission
    from observers.models import Checklist, Observer, Role, Submission
    from reports.documents.services import compilation_run, compilation_start, report_get_or_create
    from reports.findings.selectors import findings_compute
    from reports.models import Compilation, Report

    try:
        mission = Mission.objects.get(is_demo=True) if arguments.reuse else _load()
        if arguments.reuse and arguments.rebuild:
            started = time.perf_counter()
            out = StringIO()
            call_command("tallies_check", "--rebuild", stdout=out)
            print(out.getvalue().strip(), f"({time.perf_counter() - started:.0f} s)")
        total = Submission.objects.filter(mission=mission).count()
        counted = Submission.objects.filter(mission=mission).counted().count()
        print(f"{total:,} submissions, {total - counted:,} excluded\n")
        analyst = Observer.objects.filter(mission=mission, role=Role.ANALYST).select_related("user").first()
        client = Client()
        client.force_login(analyst.user)

        def page(url):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        rows = []  # (measurement, seconds, target or None)
        livez, _ = _median(lambda: page("/livez"))
        rows.append(("GET /livez (reference)", livez, None))
        kinds = list(Checklist.objects.filter(mission=mission).values_list("kind", flat=True).distinct().order_by())
        rows.append(
            (
                "findings, every form kind",
                _median(lambda: findings_compute(mission=mission, language=LANGUAGE))[0],
                FINDINGS_TARGET_S,
            )
        )
        for kind in kinds:
            seconds, _ = _median(lambda kind=kind: findings_compute(mission=mission, language=LANGUAGE, kind=kind))
            rows.append((f"findings, {kind}", seconds, FINDINGS_TARGET_S))
        district = mission.districts.order_by("code").first()
        seconds, _ = _median(
            lambda: findings_compute(mission=mission, language=LANGUAGE, kind=EXPORT_KIND, district=district)
        )
        rows.append((f"findings, {EXPORT_KIND}, 1 district", seconds, FINDINGS_TARGET_S))
        rows.append(("page /findings/", _median(lambda: page("/findings/"))[0], FINDINGS_TARGET_S))
        for kind in kinds:
            rows.append(
                (f"page /findings/{kind}/", _median(lambda kind=kind: page(f"/findings/{kind}/"))[0], FINDINGS_TARGET_S)
            )

        report = report_get_or_create(mission=mission, kind=Report.Kind.FINAL)
        started = time.perf_counter()
        compilation = compilation_start(report=report, language=LANGUAGE)
        compilation_run(compilation_id=compilation.pk)
        compiled = time.perf_counter() - started
        status = Compilation.objects.get(pk=compilation.pk).status
        rows.append((f"final report compiled ({status})", compiled, COMPILE_TARGET_S))

        region = mission.regions.order_by("code").first()
        small, full = _export(region.code), _export()
        rows.append((f"export CSV, {small['rows']:,} rows (1 region)", small["seconds"], None))
        rows.append((f"export CSV, {full['rows']:,} rows", full["seconds"], EXPORT_TARGET_S))

        started = time.perf_counter()
        out = StringIO()
        try:
            call_command("tallies_check", stdout=out)
            agreed = True
        except CommandError as error:
            out.write(str(error))
            agreed = False
        checked = time.perf_counter() - started

        print(f"{'measurement':<44} {'seconds':>8} {'target':>8} {'met':>5}")
        for name, seconds, target in rows:
            met = "" if target is None else ("yes" if seconds < target else "NO")
            print(f"{name:<44} {seconds:>8.3f} {'' if target is None else f'< {target:g}':>8} {met:>5}")
        print(
            f"\nexport memory: the peak grew by {small['peak_mib']:.1f} MiB for {small['rows']:,} rows,"
            f" {full['peak_mib']:.1f} MiB for {full['rows']:,} rows ({full['bytes'] / 2**20:.0f} MiB of CSV)"
        )
        print(f"tallies_check after the load ({checked:.0f} s): {out.getvalue().strip()}")
        print("recount agrees: " + ("yes" if agreed else "NO"))
    finally:
        if not arguments.keep:
            database_drop(database_url)


if __name__ == "__main__":
    main()
