"""The commission's published results from a spreadsheet, one row per station matched by its code: the protocol's
lines, the votes of each contestant (a column per contestant, named by its code) and the turnout it announced
during the day. Every import is kept whole; the preview counts the stations whose figures are new or changed
since the latest import."""

from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from mission.imports import cells, stations
from mission.imports.rows import Changes, Field, ImportPlan, Mapping, RowChecker
from mission.imports.tabular import Table
from mission.models import Contestant, Mission, ResultsImport, StationResult
from mission.results.copy import station_results_insert
from mission.results.lines import LINES

# The hours at which commissions announce how many have voted (Kazakhstan's CEC: every two hours from 10:00).
TURNOUT_HOURS = ("10:00", "12:00", "14:00", "16:00", "18:00", "20:00")
VOTES_PREFIX = "votes:"
FIGURES = (*(line.code for line in LINES), "votes", "turnout")


def _count_or_blank(value: str) -> int | None:
    """A count; a blank cell is a figure not published (None), not a zero. Plain digits, nearly every cell of a
        commission's file, skip the general parse (with the COPY write, the first import of 200,000 stations went from
    159 s to 23 s in bench/results.py)."""
    if value.isascii() and value.isdigit() and len(value) < 10:
        return int(value)
    return cells.whole_number(value) if value.strip() else None


def _line_label(line):
    return lazy(lambda: line.label((get_language() or "en")[:2]), str)()


def _turnout_field(hour: str) -> str:
    return f"turnout_{hour[:2]}"


STATION_FIELD = Field(
    "station", gettext_lazy("Station code"), stations.FIELDS[0].parse, required=True, aliases=stations.FIELDS[0].aliases
)
# A column headed with a line's name in any of the three languages is pre-selected for it.
LINE_FIELDS = tuple(
    Field(line.code, _line_label(line), _count_or_blank, aliases=tuple(line.labels.values())) for line in LINES
)
TURNOUT_FIELDS = tuple(
    Field(
        _turnout_field(hour),
        format_lazy(gettext_lazy("Voted by {}"), hour),
        _count_or_blank,
        aliases=(f"voted_by_{hour[:2]}", f"turnout_{hour[:2]}00"),
    )
    for hour in TURNOUT_HOURS
)


FIELDS = (STATION_FIELD, *LINE_FIELDS, *TURNOUT_FIELDS)


def _vote_fields(*, mission: Mission, table: Table, mapping: Mapping) -> tuple[list[Field], Mapping, dict]:
    """The columns of votes: found by their heading, a contestant's code (a ballot has dozens of contestants, too
    many to choose one by one). Returns their fields, their mapping and the contestants by code."""
    contestants = {c.code.casefold(): c for c in Contestant.objects.filter(mission=mission)}
    mapped = set(mapping.values())
    fields, columns, by_code = [], {}, {}
    for index, heading in enumerate(table.headers):
        contestant = contestants.get(heading.strip().casefold())
        if contestant is None or index in mapped:
            continue
        name = f"{VOTES_PREFIX}{contestant.code}"
        fields.append(Field(name, contestant.code, _count_or_blank))
        columns[name] = index
        by_code[contestant.code] = contestant
    return fields, columns, by_code


def _figures(values: dict) -> dict:
    figures = {line.code: values.get(line.code) for line in LINES}
    figures["votes"] = {
        name.removeprefix(VOTES_PREFIX): votes
        for name, votes in values.items()
        if name.startswith(VOTES_PREFIX) and votes is not None
    }
    figures["turnout"] = {
        hour: values[_turnout_field(hour)] for hour in TURNOUT_HOURS if values.get(_turnout_field(hour)) is not None
    }
    return figures


def latest_figures(mission: Mission) -> dict[int, dict]:
    """The figures of the latest import, by station id."""
    latest = ResultsImport.objects.filter(mission=mission).order_by("-imported_at", "-pk").first()
    if latest is None:
        return {}
    rows = StationResult.objects.filter(results_import=latest).values_list("polling_station_id", *FIGURES)
    return {row[0]: dict(zip(FIGURES, row[1:], strict=True)) for row in rows}


def results_changes(
    *, mission: Mission, table: Table, mapping: Mapping, source: str, filename: str, is_demo: bool = False
) -> tuple[ImportPlan, Changes]:
    vote_fields, vote_columns, contestants = _vote_fields(mission=mission, table=table, mapping=mapping)
    checker = RowChecker(table=table, mapping={**mapping, **vote_columns}, fields=(*FIELDS, *vote_fields))
    records = checker.unique(checker.records(), key=lambda r: r.values["station"], field_name="station")
    stations_by_code = {
        code: (pk, district) for code, pk, district in mission.polling_stations.values_list("code", "pk", "district_id")
    }
    previous = latest_figures(mission)
    results_import = ResultsImport(mission=mission, source=source, filename=filename[-200:], is_demo=is_demo)
    rows, seen = [], set()
    created = updated = unchanged = 0
    for record in records:
        station_id, district_id = stations_by_code.get(record.values["station"], (None, None))
        if station_id is None:
            checker.reject(
                record.row,
                "station",
                _("No polling station with this code in the mission: import the stations first, or correct the code."),
            )
            continue
        figures = _figures(record.values)
        on_ballot = {
            code: n for code, n in figures["votes"].items() if contestants[code].district_id in (None, district_id)
        }
        elsewhere = sorted(code for code, n in figures["votes"].items() if n and code not in on_ballot)
        if elsewhere:
            checker.reject(
                record.row,
                f"{VOTES_PREFIX}{elsewhere[0]}",
                _("%(code)s does not stand in this station's district: leave the cell blank.") % {"code": elsewhere[0]},
            )
            continue
        figures["votes"] = on_ballot  # a zero for a candidate of another district says nothing
        before = previous.get(station_id)
        if before is None:
            created += 1
        elif before != figures:
            updated += 1
        else:
            unchanged += 1
        seen.add(station_id)
        rows.append((station_id, *(figures[name] for name in FIGURES)))
    plan = checker.plan(to_create=created, to_update=updated, unchanged=unchanged)
    plan.notes = [
        (_("columns of votes (%(codes)s)") % {"codes": ", ".join(contestants) or "—"}, len(contestants)),
        (_("stations of the latest import missing from this file"), len(previous.keys() - seen)),
    ]
    return plan, _NewImport(results_import, rows)


class _NewImport(Changes):
    """The import's row, then its stations' figures (COPY on PostgreSQL: mission/results/copy.py)."""

    def __init__(self, results_import: ResultsImport, rows: list[tuple]):
        super().__init__()
        self.results_import, self.rows = results_import, rows

    def apply(self) -> None:
        self.results_import.save()
        station_results_insert(results_import=self.results_import, rows=self.rows)
