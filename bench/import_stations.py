"""How long importing 200,000 polling stations takes: reading the file, the preview (a dry run), the import,
importing again with every tenth row changed, and undoing that. The target is under 60 s for preview + import on
PostgreSQL, with memory flat: the peak resident size (printed after each step) grows with the file, not with the
steps. The station code is built from two columns (`{region}-{code}`), as a national list numbered within its
municipalities needs. The file (some 20 MB) is read without the page's upload limit, as `manage.py import_stations`
reads it.

    createdb -h 127.0.0.1 -U postgres eom_imports
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eom_imports \
        .venv/bin/python bench/import_stations.py [rows] [--xlsx]

Runs migrations, works in a mission of its own (slug "bench-imports", deleted first) and prints a table, with the
time of /livez in the same run as the reference for a shared machine.
"""

import datetime as dt
import io
import os
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from auditlog.context import disable_auditlog  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from mission.imports.rows import ImportPlan, mapping_guess  # noqa: E402
from mission.imports.stations import FIELDS  # noqa: E402
from mission.imports.storage import table_discard, table_load, table_store  # noqa: E402
from mission.imports.tabular import table_read  # noqa: E402
from mission.models import Mission, PollingStation  # noqa: E402
from mission.services.stations import (  # noqa: E402
    latest_station_import,
    polling_stations_import,
    station_import_revert,  # noqa: E402
)

TARGET_SECONDS = 60
CODE_TEMPLATE = "{region}-{code}"


def stations_csv(rows: int, *, changed_every: int = 0) -> bytes:
    """Semicolons and decimal commas, Cyrillic names, 100 regions of 10 districts, 2% without coordinates."""
    rng = random.Random(7)
    lines = ["code;name;address;region;district;lat;lng;total_registered_voters"]
    for n in range(rows):  # the code is unique only with its region
        region, district = n % 100, n % 1000
        lat, lng = (
            ("", "") if n % 50 == 0 else (f"{rng.uniform(40, 55):.6f}".replace(".", ","), f" {rng.uniform(50, 87):.6f}")
        )
        voters = 500 + n % 2500 + (1 if changed_every and n % changed_every == 0 else 0)
        lines.append(f"{n // 100:04d};Школа № {n};ул. Абая {n};Область {region};Район {district};{lat};{lng};{voters}")
    return ("\ufeff" + "\n".join(lines) + "\n").encode()


def as_xlsx(content: bytes) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for line in content.decode("utf-8-sig").splitlines():
        sheet.append(line.split(";"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def timed(label: str, results: list, action):
    started, cpu = time.perf_counter(), time.process_time()
    outcome = action()
    kept = outcome if isinstance(outcome, (dict, ImportPlan)) else None  # not the tables: they would stay in memory
    results.append((label, time.perf_counter() - started, kept, peak_rss_mb(), time.process_time() - cpu))
    return outcome


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def livez_ms(requests: int = 200) -> float:
    client = Client()
    client.get("/livez")
    started = time.perf_counter()
    for _ in range(requests):
        client.get("/livez")
    return (time.perf_counter() - started) / requests * 1000


def main(rows: int, *, xlsx: bool) -> None:
    call_command("migrate", verbosity=0)
    discard_bench_mission()
    reference = livez_ms()
    mission = Mission.objects.create(
        slug="bench-imports", name="Bench", country="Kazakhstan", election="Bench", election_date=dt.date(2024, 1, 1)
    )
    results: list = []
    for label, content in (
        ("first import", stations_csv(rows)),
        ("again, 10% changed", stations_csv(rows, changed_every=10)),
    ):
        table = timed(
            f"{label}: read the file",
            results,
            lambda content=content: table_read(SimpleUploadedFile("stations.csv", content), limit=None),
        )
        token = timed(f"{label}: keep it between steps", results, lambda table=table: table_store(table))
        table = table_load(token)
        mapping = {**mapping_guess(table.headers, FIELDS), "code": CODE_TEMPLATE}
        timed(
            f"{label}: preview (dry run)",
            results,
            lambda table=table, mapping=mapping: polling_stations_import(
                mission=mission, table=table, mapping=mapping, dry_run=True
            ),
        )
        timed(
            f"{label}: import",
            results,
            lambda table=table, mapping=mapping: polling_stations_import(mission=mission, table=table, mapping=mapping),
        )
        table_discard(token)
        del table
    timed(
        "undo the second import",
        results,
        lambda: station_import_revert(record=latest_station_import(mission=mission)),
    )
    if xlsx:
        content = as_xlsx(stations_csv(rows))
        timed(
            "the same rows as XLSX: read the file",
            results,
            lambda: table_read(SimpleUploadedFile("stations.xlsx", content), limit=None),
        )
    assert mission.polling_stations.count() == rows
    assert mission.polling_stations.get(code="Область 0-0000").registered_voters == 500  # the second import, undone

    print(f"{rows:,} polling stations, {connection.vendor} ({connection.settings_dict['NAME']})\n")
    print(f"{'step':<44} {'seconds':>8} {'cpu s':>8} {'peak MB':>8}  result")
    for label, seconds, outcome, rss, cpu in results:
        detail = (
            f"{outcome.to_create} new, {outcome.to_update} changed, {outcome.unchanged} unchanged, "
            f"{len(outcome.errors)} errors"
            if hasattr(outcome, "errors")
            else (str(outcome) if isinstance(outcome, dict) else "")
        )
        print(f"{label:<44} {seconds:8.2f} {cpu:8.2f} {rss:8.0f}  {detail}")
    print()
    print(f"{'figure':<44} {'seconds':>8} {'target':>8}")
    for label in ("first import", "again, 10% changed"):
        total = sum(seconds for name, seconds, *_ in results if name.startswith(label))
        checked = sum(
            seconds for name, seconds, *_ in results if name in (f"{label}: preview (dry run)", f"{label}: import")
        )
        print(f"{label + ': preview + import':<44} {checked:8.2f} {'< ' + str(TARGET_SECONDS):>8}")
        print(f"{label + ': all steps':<44} {total:8.2f}")
    print(f"{'reference: GET /livez (ms, same run, start)':<44} {reference:8.2f}")
    print(f"{'reference: GET /livez (ms, same run, end)':<44} {livez_ms():8.2f}")
    print("(cpu s: this process only, not PostgreSQL's; a figure that holds on a shared machine)")
    discard_bench_mission()


def discard_bench_mission() -> None:
    # Stations first: they PROTECT their regions, which a mission's cascade would otherwise trip over. Without
    # the audit trail: with it, deleting 200,000 stations writes 200,000 entries, one at a time.
    with disable_auditlog():
        PollingStation.objects.filter(mission__slug="bench-imports").delete()
        Mission.objects.filter(slug="bench-imports").delete()


if __name__ == "__main__":
    numbers = [arg for arg in sys.argv[1:] if arg.isdigit()]
    main(int(numbers[0]) if numbers else 200_000, xlsx="--xlsx" in sys.argv)
