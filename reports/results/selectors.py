"""The official results as a final report annexes them, from the latest import: votes and seats per list
nationally, each single-mandate district's candidates with the winner or the second round it needs, turnout and
invalid ballots by region, and turnout by hour (nationally and by region) as published against what observers
counted. Where the commission published a district's or the national total, that figure is the one printed,
and where it differs from the sum of its stations the difference is flagged (the district table does not add
up); elsewhere the figures are summed from the stations."""

from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, Sum
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from mission.models import AreaResult, Contestant, Mission, Region, ResultsImport, StationResult
from mission.results.imports import TURNOUT_HOURS, latest_areas
from mission.results.lines import LINE_CODES
from reports.documents.texts import percent
from reports.findings.selectors import Scope, turnout_by_hour, turnout_counts
from reports.results.comparison import latest_import

# Kazakhstan's law (2004): a single-mandate seat is won with more than half the votes; otherwise the two
# leading candidates go to a second round.
MAJORITY_PERCENT = 50


def _votes(code: str) -> Sum:
    return Sum(Cast(KT(f"votes__{code}"), IntegerField()))


@dataclass
class ContestantTotal:
    contestant: Contestant
    votes: int
    percent: int | None
    seats: int | None = None  # as the commission published them (national row), else as set in the back office


@dataclass
class Difference:
    """A figure the commission published for a district (or nationally) that is not the sum of its stations."""

    code: str  # a line's code or a contestant's
    published: int
    summed: int

    @property
    def difference(self) -> int:
        return self.published - self.summed


@dataclass
class AreaCheck:
    """A published total against the sum of its stations' published figures."""

    code: str  # the district's code ("" nationally)
    name: dict  # en/ru/kk
    differences: list[Difference]


@dataclass
class DistrictRace:
    district_name: dict  # en/ru/kk
    candidates: list[ContestantTotal]
    valid: int
    second_round: bool
    published: bool = False  # the commission's district total, not the sum of its stations

    @property
    def winner(self) -> ContestantTotal | None:
        return None if self.second_round or not self.candidates else self.candidates[0]


@dataclass
class OfficialResults:
    results_import: ResultsImport
    stations: int
    voters: int
    issued: int
    valid: int
    invalid: int
    lists: list[ContestantTotal]
    districts: list[DistrictRace]
    national_published: AreaResult | None = None
    checks: list[AreaCheck] = field(default_factory=list)  # published totals that are not the sum of stations

    @property
    def published_import(self) -> ResultsImport:
        return self.national_published.results_import if self.national_published else self.results_import

    @property
    def turnout_percent(self) -> int | None:
        return percent(self.issued, self.voters)

    @property
    def invalid_percent(self) -> int | None:
        return percent(self.invalid, self.valid + self.invalid)


def _names(place) -> dict:
    return {"en": place.name, "ru": place.name_ru, "kk": place.name_kk}


def _check(code: str, name: dict, published: dict, summed: dict, votes: dict[str, int]) -> AreaCheck | None:
    """`published`: the area's row as figures; `summed`: its stations' sums by line; `votes`: summed votes."""
    differences = [
        Difference(line, published[line], summed.get(line) or 0)
        for line in LINE_CODES
        if published.get(line) is not None and published[line] != (summed.get(line) or 0)
    ]
    differences += [
        Difference(contestant, n, votes.get(contestant, 0))
        for contestant, n in published["votes"].items()
        if n != votes.get(contestant, 0)
    ]
    return AreaCheck(code, name, differences) if differences else None


def official_results(*, mission: Mission) -> OfficialResults | None:
    """Four queries, whatever the number of stations: the latest station import (summed nationally and by
    district, in the database) and the latest published totals of each level."""
    results_import = latest_import(mission)
    areas = latest_areas(mission)
    if results_import is None and not areas:
        return None
    contestants = list(Contestant.objects.filter(mission=mission).select_related("district", "party"))
    sums_of = {
        "stations": Count("id"),
        **{line: Sum(line) for line in LINE_CODES},
        **{f"c{index}": _votes(contestant.code) for index, contestant in enumerate(contestants)},
    }
    rows = StationResult.objects.filter(results_import=results_import)
    national_sums = rows.aggregate(**sums_of) if results_import else {}
    district_areas = {key[1]: area for key, area in areas.items() if key[0] == AreaResult.Level.DISTRICT}
    by_district_sums = {}
    if district_areas and results_import:
        grouped = rows.values("polling_station__district_id").annotate(**sums_of).order_by()
        by_district_sums = {row["polling_station__district_id"]: row for row in grouped}
    national = areas.get((AreaResult.Level.NATIONAL, None))

    def summed_votes(sums: dict) -> dict[str, int]:
        return {c.code: sums.get(f"c{index}") or 0 for index, c in enumerate(contestants) if sums.get(f"c{index}")}

    checks = []
    if national is not None:
        check = _check("", {}, _area_figures(national), national_sums, summed_votes(national_sums))
        if check:
            checks.append(check)
    names = {area.district_id: area for area in district_areas.values()}
    districts_by_id = {d.pk: d for d in mission.districts.filter(pk__in=names)}
    for district_id in sorted(names, key=lambda pk: districts_by_id[pk].code):
        sums = by_district_sums.get(district_id, {})
        district = districts_by_id[district_id]
        check = _check(
            district.code, _names(district), _area_figures(district_areas[district_id]), sums, summed_votes(sums)
        )
        if check:
            checks.append(check)
    votes = {c.pk: national_sums.get(f"c{index}") or 0 for index, c in enumerate(contestants)}
    if national is not None:
        votes.update({c.pk: national.votes[c.code] for c in contestants if c.code in national.votes})
    lists = [c for c in contestants if c.kind == Contestant.Kind.LIST]
    list_total = sum(votes[c.pk] for c in lists)
    published_seats = national.seats if national is not None and national.seats else None
    by_district: dict[int, list[Contestant]] = {}
    for contestant in contestants:
        if contestant.kind == Contestant.Kind.CANDIDATE:
            by_district.setdefault(contestant.district_id, []).append(contestant)
    districts = []
    for district_id, candidates in by_district.items():
        area = district_areas.get(district_id)
        published = area is not None and any(c.code in area.votes for c in candidates)
        race_votes = {c.pk: area.votes.get(c.code, 0) if published else votes[c.pk] for c in candidates}
        valid = sum(race_votes.values())
        totals = sorted(
            (ContestantTotal(c, race_votes[c.pk], percent(race_votes[c.pk], valid)) for c in candidates),
            key=lambda total: (-total.votes, total.contestant.number),
        )
        leading = totals[0].votes if totals else 0
        districts.append(
            DistrictRace(
                district_name=_names(candidates[0].district),
                candidates=totals,
                valid=valid,
                second_round=bool(valid) and 100 * leading <= MAJORITY_PERCENT * valid,
                published=published,
            )
        )
    districts.sort(key=lambda race: race.candidates[0].contestant.district.code)

    def figure(line: str) -> int:
        if national is not None and getattr(national, line) is not None:
            return getattr(national, line)
        return national_sums.get(line) or 0

    return OfficialResults(
        results_import=results_import or national.results_import,
        stations=national_sums.get("stations") or 0,
        voters=figure("voters_on_list"),
        issued=figure("ballots_issued"),
        valid=figure("valid_ballots"),
        invalid=figure("invalid_ballots"),
        lists=sorted(
            (
                ContestantTotal(
                    c,
                    votes[c.pk],
                    percent(votes[c.pk], list_total),
                    published_seats.get(c.code) if published_seats is not None else c.seats,
                )
                for c in lists
            ),
            key=lambda total: (-total.votes, total.contestant.number),
        ),
        districts=districts,
        national_published=national,
        checks=checks,
    )


def _area_figures(area: AreaResult) -> dict:
    return {**{line: getattr(area, line) for line in LINE_CODES}, "votes": area.votes}


def _hour_key(hour: str) -> str:
    return f"h{hour[:2]}"


def turnout_by_region(*, mission: Mission) -> list[dict]:
    """Per region, from the latest import: voters on the list, ballots issued, invalid ballots and the turnout
    announced at each hour, with their shares. One query."""
    results_import = latest_import(mission)
    if results_import is None:
        return []
    hours = {_hour_key(hour): Sum(Cast(KT(f"turnout__{hour}"), IntegerField())) for hour in TURNOUT_HOURS}
    rows = (
        StationResult.objects.filter(results_import=results_import)
        .values("polling_station__region_id")
        .annotate(
            voters=Sum("voters_on_list"),
            issued=Sum("ballots_issued"),
            valid=Sum("valid_ballots"),
            invalid=Sum("invalid_ballots"),
            **hours,
        )
        .order_by()
    )
    regions = {region.pk: region for region in Region.objects.filter(mission=mission)}
    table = []
    for row in rows:
        voters = row["voters"] or 0
        table.append(
            {
                "region": regions[row["polling_station__region_id"]],
                "voters": voters,
                "issued": row["issued"] or 0,
                "turnout": percent(row["issued"] or 0, voters),
                "invalid": row["invalid"] or 0,
                "invalid_percent": percent(row["invalid"] or 0, (row["valid"] or 0) + (row["invalid"] or 0)),
                "hours": [percent(row[_hour_key(hour)] or 0, voters) for hour in TURNOUT_HOURS],
            }
        )
    return sorted(table, key=lambda row: row["region"].code)


def turnout_by_hour_compared(*, mission: Mission) -> list[dict]:
    """Each published hour: the turnout the commission announced (its national row where it published one, else
    summed from the stations) and what observers' voting forms counted in the hour before it (voted by the visit
    over voters on the list)."""
    results_import = latest_import(mission)
    published = {}
    if results_import is not None:
        published = StationResult.objects.filter(results_import=results_import).aggregate(
            voters=Sum("voters_on_list"),
            **{_hour_key(hour): Sum(Cast(KT(f"turnout__{hour}"), IntegerField())) for hour in TURNOUT_HOURS},
        )
    national = latest_areas(mission).get((AreaResult.Level.NATIONAL, None))
    if national is not None and national.turnout:  # as the commission published it nationally
        published = {
            "voters": national.voters_on_list or published.get("voters"),
            **{_hour_key(hour): national.turnout.get(hour) for hour in TURNOUT_HOURS},
        }
    observed = {row["hour"]: row for row in turnout_by_hour(Scope(mission))}
    rows = []
    for hour in TURNOUT_HOURS:
        seen = observed.get(int(hour[:2]) - 1)
        rows.append(
            {
                "hour": hour,
                "published": percent(published.get(_hour_key(hour)) or 0, published.get("voters") or 0)
                if published.get(_hour_key(hour))
                else None,
                "observed": seen["percent"] if seen else None,
                "forms": seen["forms"] if seen else 0,
            }
        )
    return rows


def _observed_by_region_and_hour(mission: Mission) -> dict[tuple[int, int], dict]:
    """Voting forms by region and hour of the visit: as `turnout_by_hour` (reports/findings), grouped by region
    too, from the tallies and the forms not tallied yet (reports.findings.selectors.turnout_counts). Two queries."""
    return {
        key: {**row, "percent": percent(row["voted"], row["voters"])}
        for key, row in turnout_counts(Scope(mission), by_region=True).items()
        if key[0] is not None
    }


def turnout_by_region_and_hour(*, mission: Mission) -> list[dict]:
    """Per region, each published hour: the official turnout (the region's row as the commission published it,
    else summed from its stations) against what observers' voting forms in the region counted in the hour
    before. `published_by_region` says the region's own figures were used. Five queries."""
    results_import = latest_import(mission)
    summed = {}
    if results_import is not None:
        grouped = (
            StationResult.objects.filter(results_import=results_import)
            .values("polling_station__region_id")
            .annotate(
                voters=Sum("voters_on_list"),
                **{_hour_key(hour): Sum(Cast(KT(f"turnout__{hour}"), IntegerField())) for hour in TURNOUT_HOURS},
            )
            .order_by()
        )
        summed = {row["polling_station__region_id"]: row for row in grouped}
    published = {key[1]: area for key, area in latest_areas(mission).items() if key[0] == AreaResult.Level.REGION}
    observed = _observed_by_region_and_hour(mission)
    table = []
    for region in Region.objects.filter(mission=mission).order_by("code"):
        area = published.get(region.pk)
        if area is not None and area.turnout:
            voters = area.voters_on_list or (summed.get(region.pk) or {}).get("voters") or 0
            counts = {hour: area.turnout.get(hour) for hour in TURNOUT_HOURS}
        else:
            row = summed.get(region.pk) or {}
            voters = row.get("voters") or 0
            counts = {hour: row.get(_hour_key(hour)) for hour in TURNOUT_HOURS}
        hours = []
        for hour in TURNOUT_HOURS:
            seen = observed.get((region.pk, int(hour[:2]) - 1))
            hours.append(
                {
                    "hour": hour,
                    "published": percent(counts[hour], voters) if counts[hour] else None,
                    "observed": seen["percent"] if seen else None,
                    "forms": seen["forms"] if seen else 0,
                }
            )
        if any(h["published"] is not None or h["observed"] is not None for h in hours):
            table.append(
                {"region": region, "published_by_region": area is not None and bool(area.turnout), "hours": hours}
            )
    return table
