"""Exports for the analysts' own tools: submissions (CSV, XLSX), polling stations and the deployment (CSV, GeoJSON).

Rows come from `values_list` over a server-side cursor, FETCH_ROWS at a time, in a transaction of its own opened
when the first row is read (`_streamed`): one query whatever the size, no model object per row, memory flat.
CSV and GeoJSON are generated while they are sent; an XLSX file is written row by row into a spooled temporary
file (reports/exports/xlsx.py) and sent from there.
"""

import csv
import datetime as dt
import io
import itertools
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf

from mission.models import Mission, PollingStation
from observers.checklists.definitions import label
from observers.models import Assignment, Checklist, Observer, Submission
from reports.exports.formulas import formula_safe

FETCH_ROWS = 10_000  # rows fetched from the database at a time
SEND_ROWS = 500  # rows per chunk of the response
CSV_BOM = "\ufeff"  # Excel reads the file as UTF-8 (Cyrillic, Kazakh, Georgian) only with it


@dataclass(frozen=True)
class SubmissionFilters:
    kind: str | None = None
    region_id: int | None = None
    district_id: int | None = None
    team_id: int | None = None
    date_from: dt.date | None = None  # local dates in the mission's time zone, both included
    date_to: dt.date | None = None


@dataclass(frozen=True)
class Table:
    """A header and a one-pass iterator of rows (None, int, float, str or naive local datetime cells)."""

    header: list[str]
    rows: Iterator[list]


def _streamed(rows: QuerySet) -> Iterator[tuple]:
    """The rows of a values_list, read when the response is sent (after the view returned), FETCH_ROWS at a time
    through a server-side cursor opened in a transaction of its own: outside one, psycopg2's cursor is WITH HOLD,
    and PostgreSQL then materialises the whole result at the first fetch (minutes at a million rows). Left
    unfinished (the download cancelled), the generator's close ends the transaction."""
    with transaction.atomic():
        yield from rows.iterator(chunk_size=FETCH_ROWS)


def _local_midnight(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=zone)


def _narrowed(queryset: QuerySet, filters: SubmissionFilters, *, station: str = "", team: str = "") -> QuerySet:
    """The region, district and team filters; `station` and `team` are the paths to them from the rows."""
    station = f"{station}__" if station else ""
    wanted = {
        f"{station}region_id": filters.region_id,
        f"{station}district_id": filters.district_id,
        **({team: filters.team_id} if team else {}),
    }
    return queryset.filter(**{path: value for path, value in wanted.items() if value})


def submissions_filtered(*, mission: Mission, filters: SubmissionFilters) -> QuerySet[Submission]:
    submissions = _narrowed(
        Submission.objects.counted().filter(mission=mission), filters, station="polling_station", team="team_id"
    )
    if filters.kind:
        submissions = submissions.filter(checklist__kind=filters.kind)
    zone = ZoneInfo(mission.time_zone)
    if filters.date_from:
        submissions = submissions.filter(observed_at__gte=_local_midnight(filters.date_from, zone))
    if filters.date_to:
        submissions = submissions.filter(observed_at__lt=_local_midnight(filters.date_to + dt.timedelta(days=1), zone))
    return submissions


def _name(path: str, language: str):
    """A Translated model's name in `language`, falling back to English, worked out in the database."""
    english = F(f"{path}__name")
    if language == "en":
        return english
    return Coalesce(NullIf(F(f"{path}__name_{language}"), Value("")), english)


def _local(moment: dt.datetime | None, zone: ZoneInfo) -> dt.datetime | None:
    return moment.astimezone(zone).replace(tzinfo=None, microsecond=0) if moment else None


_AS_THEY_ARE = frozenset((str, int, float, type(None)))


def _answer(value):
    """A cell for an answer: choices joined by "; ", text and numbers as they are, anything else as JSON. Run for
    every answer of every row: the common cases first, by exact type (a bool is an int, but not of type int)."""
    if type(value) in _AS_THEY_ARE:
        return value
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return json.dumps(value, ensure_ascii=False)  # true or false, an object


def submission_questions(*, mission: Mission, kind: str) -> list[dict]:
    """The questions of the latest version of the form: the export's answer columns."""
    latest = Checklist.objects.filter(mission=mission, kind=kind).order_by("-version").only("questions").first()
    return [q for q in latest.questions if isinstance(q, dict) and q.get("code")] if latest else []


def submissions_table(*, mission: Mission, filters: SubmissionFilters, language: str) -> Table:
    """One row per submission of `filters.kind`; answers of every version, by code, under the latest's questions."""
    questions = submission_questions(mission=mission, kind=filters.kind)
    codes = [question["code"] for question in questions]
    zone_name = mission.time_zone
    header = [
        "uuid",
        "version",
        "team",
        "observer",
        "station_code",
        "station_name",
        "region",
        "district",
        f"observed_at ({zone_name})",
        f"received_at ({zone_name})",
        *(f"{label(question, language)} ({question['code']})" for question in questions),
    ]
    values = (
        submissions_filtered(mission=mission, filters=filters)
        .order_by("observed_at", "id")
        .values_list(
            "uuid",
            "checklist__version",
            "team__code",
            "observer__full_name",
            "polling_station__code",
            "polling_station__name",
            _name("polling_station__region", language),
            _name("polling_station__district", language),
            "observed_at",
            "received_at",
            "answers",
        )
    )
    zone = ZoneInfo(zone_name)

    def rows():
        for uuid, version, team, observer, code, name, region, district, observed, received, answers in _streamed(
            values
        ):
            yield [
                str(uuid),
                version,
                team,
                observer,
                code,
                name,
                region,
                district,
                _local(observed, zone),
                _local(received, zone),
                *map(_answer, map(answers.get, codes)),
            ]

    return Table(header, rows())


STATION_HEADER = [
    "code",
    "name",
    "address",
    "region_code",
    "region",
    "district_code",
    "district",
    "latitude",
    "longitude",
    "registered_voters",
]


def stations_table(*, mission: Mission, filters: SubmissionFilters, language: str) -> Table:
    stations = _narrowed(PollingStation.objects.filter(mission=mission), filters)
    rows = stations.order_by("code").values_list(
        "code",
        "name",
        "address",
        "region__code",
        _name("region", language),
        "district__code",
        _name("district", language),
        "latitude",
        "longitude",
        "registered_voters",
    )
    return Table(STATION_HEADER, (list(row) for row in _streamed(rows)))


DEPLOYMENT_HEADER = [
    "team",
    "team_kind",
    "members",
    "order",
    "purpose",
    "station_code",
    "station_name",
    "region",
    "district",
    "latitude",
    "longitude",
]


def deployment_table(*, mission: Mission, filters: SubmissionFilters, language: str) -> Table:
    """One row per planned visit (Assignment), in each team's order, with the team's members."""
    assignments = _narrowed(
        Assignment.objects.filter(team__mission=mission), filters, station="polling_station", team="team_id"
    )
    members = defaultdict(list)
    for team_id, full_name in (
        Observer.objects.filter(mission=mission, team__isnull=False)
        .order_by("full_name")
        .values_list("team_id", "full_name")
    ):
        members[team_id].append(full_name)
    values = assignments.order_by("team__code", "order").values_list(
        "team_id",
        "team__code",
        "team__kind",
        "order",
        "purpose",
        "polling_station__code",
        "polling_station__name",
        _name("polling_station__region", language),
        _name("polling_station__district", language),
        "polling_station__latitude",
        "polling_station__longitude",
    )
    rows = (
        [team_code, kind, "; ".join(members[team_id]), *rest] for team_id, team_code, kind, *rest in _streamed(values)
    )
    return Table(DEPLOYMENT_HEADER, rows)


# --- formats ---


def _drain(buffer: io.StringIO) -> bytes:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text.encode()


def csv_stream(*, table: Table) -> Iterator[bytes]:
    """UTF-8 CSV with a byte-order mark, a few hundred rows per chunk sent."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(CSV_BOM)
    writer.writerow([formula_safe(name) for name in table.header])
    for rows in _batches(table.rows, SEND_ROWS):
        writer.writerows(map(formula_safe, row) for row in rows)
        yield _drain(buffer)
    yield _drain(buffer)


def geojson_stream(*, table: Table) -> Iterator[bytes]:
    """A FeatureCollection of Points, the other columns as properties; a row with no location has null geometry."""
    lat_index, lon_index = table.header.index("latitude"), table.header.index("longitude")
    properties = [(index, name) for index, name in enumerate(table.header) if index not in (lat_index, lon_index)]
    yield b'{"type":"FeatureCollection","features":['
    separator = ""
    for rows in _batches(table.rows, SEND_ROWS):
        features = (
            {
                "type": "Feature",
                "geometry": None
                if row[lat_index] is None
                else {"type": "Point", "coordinates": [row[lon_index], row[lat_index]]},
                "properties": {name: row[index] for index, name in properties},
            }
            for row in rows
        )
        yield (
            separator + ",".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features)
        ).encode()
        separator = ","
    yield b"]}"


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
