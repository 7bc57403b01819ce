"""Writing an import's station results: PostgreSQL's COPY, bulk_create elsewhere (SQLite, the embedded mode).

Hand-written because a commission publishes up to ~200,000 stations at once: with bulk_create the import of
200,000 stations (its plan worked out again, then written) took 108 s on the bench machine, with COPY 13 s
(bench/results.py; the plan alone takes about 7 s). Listed in config/db/__init__.py."""

import csv
import io
import json

from django.db import connection

from mission.models import ResultsImport, StationResult
from mission.results.lines import LINE_CODES

COLUMNS = ("results_import_id", "polling_station_id", *LINE_CODES, "votes", "turnout")


def station_results_insert(*, results_import: ResultsImport, rows: list[tuple]) -> None:
    """`rows`: (station id, *the lines in LINE_CODES order, votes, turnout) for each station of the import."""
    if connection.vendor != "postgresql":
        StationResult.objects.bulk_create(
            (StationResult(results_import=results_import, **dict(zip(COLUMNS[1:], row, strict=True))) for row in rows),
            batch_size=1000,
        )
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for station_id, *lines, votes, turnout in rows:
        writer.writerow((results_import.pk, station_id, *lines, json.dumps(votes), json.dumps(turnout)))
    buffer.seek(0)
    with connection.cursor() as cursor:
        # Blank is NULL (a line not published): CSV's default for an unquoted empty field.
        cursor.copy_expert(
            f"COPY {StationResult._meta.db_table} ({', '.join(COLUMNS)}) FROM STDIN WITH (FORMAT csv)", buffer
        )
