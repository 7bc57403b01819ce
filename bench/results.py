"""How long the official results take at scale, on PostgreSQL: importing the published results of 200,000 stations
(reading the CSV, the preview, the import, then a re-import with one station in a hundred corrected), and the
comparison of 20,000 observed protocols with them. The re-import also carries the totals of the 400 districts, the
80 regions and the nation (with the seats per list), each row's level in a column.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eom_bench_results .venv/bin/python bench/results.py [--keep]

Creates the database named in DATABASE_URL (it must not exist yet), builds a mission of its own (12 party lists
on every ballot), prints one row per measurement and drops the database unless --keep. The file of 200,000 rows is
about 24 MB, over the upload limit of 20 MB (a commission's file that large is uploaded in two parts): the bench
reads it with the limit lifted. Targets: import of 200,000 stations under 60 s; comparison of 20,000 protocols
under 1 s.
"""

import argparse
import datetime as dt
import os
import random
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/eom_bench_results")
os.environ.setdefault("DJANGO_DEBUG", "false")

from compile import database_create, database_drop, timed  # noqa: E402  (bench/compile.py)

STATIONS = 200_000
OBSERVED = 20_000
LISTS = 12
IMPORT_TARGET_S, COMPARISON_TARGET_S = 60.0, 1.0


def _protocol(rng: random.Random, voters: int) -> dict:
    issued = int(voters * rng.uniform(0.4, 0.8))
    cast, invalid = issued - rng.randint(0, 2), rng.randint(0, 10)
    valid = cast - invalid
    votes = [valid // LISTS] * LISTS
    votes[0] += valid - sum(votes)
    return {
        "voters_on_list": voters,
        "ballots_received": voters + 10,
        "ballots_issued": issued,
        "ballots_spoiled": 3,
        "ballots_unused": voters + 10 - issued - 3,
        "ballots_cast": cast,
        "valid_ballots": valid,
        "invalid_ballots": invalid,
        "votes_lists": {f"L{n:02d}": v for n, v in enumerate(votes)},
    }


def _build(rng: random.Random):
    from django.core.management import call_command

    from mission.models import Contestant, District, Mission, PollingStation, Region

    call_command("migrate", verbosity=0)
    mission = Mission.objects.create(
        slug="bench-results", name="Bench", country="Bench", election="Bench", election_date=dt.date(2024, 1, 1)
    )
    regions = Region.objects.bulk_create(Region(mission=mission, code=f"R{n}", name=f"Region {n}") for n in range(80))
    districts = District.objects.bulk_create(
        District(mission=mission, region=regions[n % 80], code=f"D{n}", name=f"District {n}") for n in range(400)
    )
    PollingStation.objects.bulk_create(
        (
            PollingStation(
                mission=mission,
                region_id=districts[n % 400].region_id,
                district=districts[n % 400],
                code=f"{n:06d}",
                name=f"Station {n}",
                registered_voters=500 + n % 2000,
            )
            for n in range(STATIONS)
        ),
        batch_size=5000,
    )
    Contestant.objects.bulk_create(
        Contestant(mission=mission, kind="list", code=f"L{n:02d}", name=f"List {n}", number=n) for n in range(LISTS)
    )
    return mission


def _csv(rng: random.Random, corrected_every: int = 0) -> bytes:
    """The stations' rows; the re-import (`corrected_every`) also carries the commission's totals, as a level column
    says: the 400 districts, the 80 regions and the national row with the seats per list."""
    from mission.results.lines import LINE_CODES

    header = ["station", *LINE_CODES, *(f"L{n:02d}" for n in range(LISTS)), "voted_by_10", "voted_by_12"]
    totals = bool(corrected_every)
    if totals:
        header = ["level", "district", "region", *header, *(f"seats:L{n:02d}" for n in range(LISTS))]
    lines = [";".join(header)]
    blank = ";" * (len(header) - 4)
    if totals:
        lines += [f"district;D{n};;{blank}" for n in range(400)]
        lines += [f"region;;R{n};{blank}" for n in range(80)]
        lines.append("national;;;" + ";" * (len(header) - 3 - LISTS) + ";".join(str(LISTS - n) for n in range(LISTS)))
    for n in range(STATIONS):
        protocol = _protocol(random.Random(n), 500 + n % 2000)
        votes = protocol["votes_lists"]
        if corrected_every and n % corrected_every == 0:
            votes = {**votes, "L00": votes["L00"] - 1, "L01": votes["L01"] + 1}
        cells = [f"{n:06d}", *(str(protocol[code]) for code in LINE_CODES), *(str(v) for v in votes.values())]
        cells += [str(protocol["ballots_issued"] // 6), str(protocol["ballots_issued"] // 3)]
        if totals:
            cells = ["station", "", "", *cells, *([""] * LISTS)]
        lines.append(";".join(cells))
    return ("\n".join(lines) + "\n").encode()


def _observe(mission, rng: random.Random) -> None:
    """20,000 counting forms at as many stations, copied from the protocol the bench publishes (one in 50 not)."""
    from django.contrib.auth import get_user_model

    from mission.models import PollingStation
    from observers.checklists.standard_forms import checklists_install_standard
    from observers.models import Checklist, Observer, Role, Submission, Team

    checklists_install_standard(mission=mission)
    counting = Checklist.objects.get(mission=mission, kind=Checklist.Kind.COUNTING)
    user = get_user_model().objects.create(username="bench-sto")
    team = Team.objects.create(mission=mission, code="T1", kind=Team.Kind.STO)
    observer = Observer.objects.create(mission=mission, user=user, role=Role.STO, team=team, full_name="Bench")
    stations = PollingStation.objects.filter(mission=mission).order_by("code").values_list("pk", "registered_voters")
    forms = []
    for n, (pk, voters) in enumerate(stations[: STATIONS : STATIONS // OBSERVED]):
        protocol = _protocol(random.Random(n * (STATIONS // OBSERVED)), voters)
        if n % 50 == 0:
            protocol["votes_lists"] = {**protocol["votes_lists"], "L00": protocol["votes_lists"]["L00"] + 5}
        answers = {
            "arrival_time": "19:40",
            "departure_time": "23:00",
            "protocol_copied": "yes",
            "protocol_posted": "yes",
            "protocol_copy_given": "yes",
            "figures_reconciled": "yes",
            "overall_assessment": "good",
            **protocol,
        }
        forms.append(
            Submission(
                uuid=uuid.uuid4(),
                mission=mission,
                checklist=counting,
                team=team,
                observer=observer,
                polling_station_id=pk,
                answers=answers,
                observed_at=dt.datetime(2024, 1, 1, 18, tzinfo=dt.UTC),
                content_hash=f"{n:064d}",
            )
        )
    Submission.objects.bulk_create(forms, batch_size=2000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    keep = parser.parse_args().keep
    database_url = os.environ["DATABASE_URL"]
    database_create(database_url)

    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection

    from mission.imports import tabular
    from mission.imports.rows import mapping_guess
    from mission.results import imports as results_imports
    from mission.results.services import official_results_import
    from reports.results.comparison import counts_compared, headline_of

    tabular.MAX_UPLOAD_BYTES = 100 * 1024 * 1024  # see the docstring
    rng = random.Random(2004)
    rows = []

    def once(label, function):
        started = time.perf_counter()
        result = function()
        rows.append((label, time.perf_counter() - started))
        return result

    try:
        mission = _build(rng)
        total_import = 0.0
        for label, content in (("first import", _csv(rng)), ("re-import, 1% corrected", _csv(rng, 100))):
            table = once(
                f"{label}: read CSV ({len(content) / 1e6:.0f} MB)",
                lambda c=content: tabular.table_read(SimpleUploadedFile("results.csv", c)),
            )
            mapping = mapping_guess(table.headers, results_imports.FIELDS)

            def run(dry_run, t=table, m=mapping):
                return official_results_import(mission=mission, table=t, mapping=m, source="bench", dry_run=dry_run)

            plan = once(f"{label}: preview", lambda: run(True))
            once(f"{label}: import", lambda: run(False))
            assert not plan.errors, plan.errors[:3]
            print(f"{label}: {plan.to_create:,} new, {plan.to_update:,} changed, {plan.unchanged:,} unchanged")
            if label == "first import":
                total_import = sum(seconds for _label, seconds in rows)
        _observe(mission, rng)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        seconds, headline = timed(lambda: headline_of(counts_compared(mission=mission)))
        rows.append((f"comparison of {OBSERVED:,} protocols (median of 3)", seconds))
        print(f"headline: at {headline.differing:,} of {headline.compared:,} stations the published results differed")
        print(f"PostgreSQL {connection.pg_version // 10000}; {STATIONS:,} stations, {LISTS} lists")
        print(f"{'measurement':<52} {'seconds':>8}")
        for label, seconds in rows:
            print(f"{label:<52} {seconds:>8.2f}")
        print(
            f"target: first import (read, preview, import) under {IMPORT_TARGET_S:.0f} s: "
            f"{'met' if total_import < IMPORT_TARGET_S else 'MISSED'} ({total_import:.1f} s)"
        )
        print(
            f"target: comparison under {COMPARISON_TARGET_S:.0f} s: "
            f"{'met' if seconds < COMPARISON_TARGET_S else 'MISSED'} ({seconds:.2f} s)"
        )
    finally:
        if not keep:
            database_drop(database_url)


if __name__ == "__main__":
    main()
