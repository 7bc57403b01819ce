"""The commission's published results from a spreadsheet: one row per station matched by its code, and, where the
file has a level column, rows of a district's, a region's or the national totals as the commission published them
(matched by the district's or the region's code; one national row), one level or mixed in a file. Each row holds
the protocol's lines, the votes of each contestant (a column per contestant, named by its code), the turnout
announced during the day and, on the national row, the seats of each list (a column "seats:CODE"). Every import
is kept whole; the preview counts the rows whose figures are new or changed since the latest import that had
rows of their level, and names each district, region and national row."""

from django.db.models import Exists, OuterRef, Q
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from mission.imports import cells, stations
from mission.imports.rows import Changes, Field, ImportPlan, Mapping, RowChecker, header_key
from mission.imports.tabular import Table
from mission.models import AreaResult, Contestant, Mission, ResultsImport, StationResult
from mission.results.copy import station_results_insert
from mission.results.lines import LINES

# The hours at which commissions announce how many have voted (Kazakhstan's CEC: every two hours from 10:00).
TURNOUT_HOURS = ("10:00", "12:00", "14:00", "16:00", "18:00", "20:00")
VOTES_PREFIX = "votes:"
SEATS_PREFIX = "seats:"
STATION = "station"
LEVELS = (STATION, *AreaResult.Level.values)
LEVEL_SPELLINGS = {
    STATION: ("station", "polling station", "precinct", "участок", "учаске"),
    AreaResult.Level.DISTRICT: ("district", "constituency", "округ", "округі"),
    AreaResult.Level.REGION: ("region", "oblast", "регион", "область", "өңір", "облыс"),
    AreaResult.Level.NATIONAL: ("national", "country", "total", "итого", "всего", "республика", "барлығы", "жиыны"),
}
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
    "station", gettext_lazy("Station code"), cells.text(max_length=64), aliases=stations.FIELDS[0].aliases
)
_level_choice = cells.choice(
    {spelling: level for level, spellings in LEVEL_SPELLINGS.items() for spelling in spellings},
    accepted="station, district, region, national",
)
LEVEL_FIELD = Field(
    "level",
    gettext_lazy("Level (station, district, region or national)"),
    lambda value: _level_choice(value) if value.strip() else STATION,
    aliases=("уровень", "деңгей"),
)
DISTRICT_FIELD = Field(
    "district", gettext_lazy("District code (district rows)"), cells.text(max_length=64), aliases=("district_code",)
)
REGION_FIELD = Field(
    "region", gettext_lazy("Region code (region rows)"), cells.text(max_length=64), aliases=("region_code",)
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


FIELDS = (STATION_FIELD, LEVEL_FIELD, DISTRICT_FIELD, REGION_FIELD, *LINE_FIELDS, *TURNOUT_FIELDS)


def mapping_problems(mapping: Mapping) -> list[str]:
    if "station" not in mapping and "level" not in mapping:
        return [
            _(
                "Choose the column of station codes, or the level column for a file of district, regional or "
                "national totals."
            )
        ]
    return []


def _vote_fields(*, mission: Mission, table: Table, mapping: Mapping) -> tuple[list[Field], Mapping, dict]:
    """The columns of votes: found by their heading, a contestant's code (a ballot has dozens of contestants, too
    many to choose one by one). Returns their fields, their mapping and the contestants by code."""
    contestants = {c.code.casefold(): c for c in Contestant.objects.filter(mission=mission)}
    mapped = set(mapping.values())
    seats = {header_key(f"seats_{code}"): c for code, c in contestants.items() if c.kind == Contestant.Kind.LIST}
    fields, columns, by_code = [], {}, {}
    for index, heading in enumerate(table.headers):
        if index in mapped:
            continue
        if header_key(heading) in seats:  # "seats:OTAN", "seats OTAN", "seats_otan"
            name = f"{SEATS_PREFIX}{seats[header_key(heading)].code}"
            fields.append(Field(name, heading, _count_or_blank))
            columns[name] = index
            continue
        contestant = contestants.get(heading.strip().casefold())
        if contestant is None:
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


def _seats(values: dict) -> dict:
    return {
        name.removeprefix(SEATS_PREFIX): seats
        for name, seats in values.items()
        if name.startswith(SEATS_PREFIX) and seats is not None
    }


def imports_latest_first(mission: Mission):
    return ResultsImport.objects.filter(mission=mission).order_by("-imported_at", "-pk")


def latest_station_import(mission: Mission) -> ResultsImport | None:
    """The latest import that had station rows (a later file of totals only leaves the stations' figures be)."""
    has_stations = Exists(StationResult.objects.filter(results_import=OuterRef("pk")))
    return imports_latest_first(mission).filter(has_stations).first()


def latest_areas(mission: Mission) -> dict[tuple[str, int | None], AreaResult]:
    """The published totals of each level from the latest import that had rows of that level, by (level, district
    or region id; None for the national row). Two queries."""
    order = list(imports_latest_first(mission).values_list("pk", flat=True))
    present = set(
        AreaResult.objects.filter(results_import__mission=mission).values_list("results_import_id", "level").distinct()
    )
    chosen = {}
    for level in AreaResult.Level.values:
        chosen[level] = next((pk for pk in order if (pk, level) in present), None)
    wanted = [(level, pk) for level, pk in chosen.items() if pk is not None]
    if not wanted:
        return {}
    query = Q()
    for level, pk in wanted:
        query |= Q(level=level, results_import_id=pk)
    return {area.key: area for area in AreaResult.objects.filter(query).select_related("results_import")}


def latest_figures(mission: Mission) -> dict[int, dict]:
    """The figures of the latest import, by station id."""
    latest = latest_station_import(mission)
    if latest is None:
        return {}
    rows = StationResult.objects.filter(results_import=latest).values_list("polling_station_id", *FIGURES)
    return {row[0]: dict(zip(FIGURES, row[1:], strict=True)) for row in rows}


def _area_figures(area: AreaResult) -> dict:
    figures = {name: getattr(area, name) for name in FIGURES}
    figures["seats"] = area.seats
    return figures


def results_changes(
    *, mission: Mission, table: Table, mapping: Mapping, sources: dict[str, str], filename: str, is_demo: bool = False
) -> tuple[ImportPlan, Changes]:
    """`sources`: where the commission published them, in English (`source`) and optionally in Russian and Kazakh
    (`source_ru`, `source_kk`), as the reports cite it."""
    vote_fields, vote_columns, contestants = _vote_fields(mission=mission, table=table, mapping=mapping)
    checker = RowChecker(table=table, mapping={**mapping, **vote_columns}, fields=(*FIELDS, *vote_fields))
    records = checker.records()
    level_of = {record.row: record.values.get("level", STATION) for record in records}
    for level, name in ((STATION, "station"), ("district", "district"), ("region", "region")):
        if name in mapping:
            records = checker.unique(
                records,
                key=lambda r, level=level, name=name: r.values.get(name) if level_of[r.row] == level else "",
                field_name=name,
            )
    if "level" in mapping:
        records = checker.unique(
            records, key=lambda r: "national" if level_of[r.row] == "national" else "", field_name="level"
        )
    stations_by_code = {
        code: (pk, district) for code, pk, district in mission.polling_stations.values_list("code", "pk", "district_id")
    }
    places = {
        "district": {code: (pk, name) for code, pk, name in mission.districts.values_list("code", "pk", "name")},
        "region": {code: (pk, name) for code, pk, name in mission.regions.values_list("code", "pk", "name")},
    }
    previous = latest_figures(mission)
    previous_areas = {key: _area_figures(area) for key, area in latest_areas(mission).items()}
    results_import = ResultsImport(mission=mission, **sources, filename=filename[-200:], is_demo=is_demo)
    rows, areas, listed, seen = [], [], [], set()
    created = updated = unchanged = 0
    by_level = dict.fromkeys(LEVELS, 0)
    for record in records:
        level = level_of[record.row]
        seats = _seats(record.values)
        if seats and level != AreaResult.Level.NATIONAL:
            code = next(iter(seats))
            checker.reject(
                record.row,
                f"{SEATS_PREFIX}{code}",
                _("Seats are published for the whole country: put them on the national row, or leave the cell blank."),
            )
            continue
        if level == STATION:
            place = stations_by_code.get(record.values.get("station") or "")
            if place is None:
                checker.reject(
                    record.row,
                    "station" if "station" in mapping else "level",
                    _(
                        "No polling station with this code in the mission: import the stations first, or correct "
                        "the code."
                    ),
                )
                continue
            station_id, district_id = place
        else:
            station_id, district_id = None, None
            if level in places:
                code = record.values.get(level) or ""
                match = places[level].get(code)
                if match is None:
                    message = (
                        _("No district with this code in the mission: correct the code in the district column.")
                        if level == "district"
                        else _("No region with this code in the mission: correct the code in the region column.")
                    )
                    checker.reject(record.row, level if level in mapping else "level", message)
                    continue
                place_id, place_name = match
                if level == "district":
                    district_id = place_id
            else:
                place_id, place_name, code = None, _("the whole country"), ""
        figures = _figures(record.values)
        on_ballot = {
            code: n
            for code, n in figures["votes"].items()
            if (level != STATION and district_id is None) or contestants[code].district_id in (None, district_id)
        }
        elsewhere = sorted(code for code, n in figures["votes"].items() if n and code not in on_ballot)
        if elsewhere:
            checker.reject(
                record.row,
                f"{VOTES_PREFIX}{elsewhere[0]}",
                _("%(code)s does not stand in this station's district: leave the cell blank.") % {"code": elsewhere[0]}
                if level == STATION
                else _("%(code)s does not stand in this district: leave the cell blank.") % {"code": elsewhere[0]},
            )
            continue
        figures["votes"] = on_ballot  # a zero for a candidate of another district says nothing
        by_level[level] += 1
        if level == STATION:
            before = previous.get(station_id)
            seen.add(station_id)
            rows.append((station_id, *(figures[name] for name in FIGURES)))
        else:
            figures["seats"] = seats
            before = previous_areas.get((level, place_id))
            listed.append((record.row, str(AreaResult.Level(level).label), f"{code} {place_name}".strip()))
            areas.append(
                AreaResult(
                    results_import=results_import,
                    level=level,
                    district_id=place_id if level == "district" else None,
                    region_id=place_id if level == "region" else None,
                    row=record.row,
                    **{name: figures[name] for name in (*FIGURES, "seats")},
                )
            )
        if before is None:
            created += 1
        elif before != figures:
            updated += 1
        else:
            unchanged += 1
    plan = checker.plan(to_create=created, to_update=updated, unchanged=unchanged)
    seat_codes = sorted({f.name.removeprefix(SEATS_PREFIX) for f in vote_fields if f.name.startswith(SEATS_PREFIX)})
    plan.notes = [
        (_("columns of votes (%(codes)s)") % {"codes": ", ".join(contestants) or "—"}, len(contestants)),
        (
            _("stations of the latest import missing from this file"),
            len(previous.keys() - seen) if by_level[STATION] or not areas else 0,
        ),
    ]
    if seat_codes:
        plan.notes.append((_("columns of seats (%(codes)s)") % {"codes": ", ".join(seat_codes)}, len(seat_codes)))
    if areas or "level" in mapping:
        plan.notes += [
            (_("station rows"), by_level[STATION]),
            (_("district rows"), by_level["district"]),
            (_("region rows"), by_level["region"]),
            (_("national rows"), by_level["national"]),
        ]
    plan.listed = listed
    return plan, _NewImport(results_import, rows, areas)


class _NewImport(Changes):
    """The import's row, then its stations' figures (COPY on PostgreSQL: mission/results/copy.py)."""

    def __init__(self, results_import: ResultsImport, rows: list[tuple], areas: list[AreaResult]):
        super().__init__()
        self.results_import, self.rows, self.areas = results_import, rows, areas

    def apply(self) -> None:
        self.results_import.save()
        station_results_insert(results_import=self.results_import, rows=self.rows)
        for area in self.areas:
            area.results_import = self.results_import
        AreaResult.objects.bulk_create(self.areas)
