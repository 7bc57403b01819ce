"""The official results as a final report annexes them, summed in the database from the latest import: votes
and seats per list nationally, each single-mandate district's candidates with the winner or the second round
it needs, turnout and invalid ballots by region, and turnout by hour as published against what observers
counted."""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, Sum
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from mission.models import Contestant, Mission, Region, ResultsImport, StationResult
from mission.results.imports import TURNOUT_HOURS
from reports.documents.texts import percent
from reports.findings.selectors import Scope, turnout_by_hour
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


@dataclass
class DistrictRace:
    district_name: dict  # en/ru/kk
    candidates: list[ContestantTotal]
    valid: int
    second_round: bool

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

    @property
    def turnout_percent(self) -> int | None:
        return percent(self.issued, self.voters)

    @property
    def invalid_percent(self) -> int | None:
        return percent(self.invalid, self.valid + self.invalid)


def _names(place) -> dict:
    return {"en": place.name, "ru": place.name_ru, "kk": place.name_kk}


def official_results(*, mission: Mission) -> OfficialResults | None:
    """Two queries over the latest import, whatever the number of stations."""
    results_import = latest_import(mission)
    if results_import is None:
        return None
    contestants = list(Contestant.objects.filter(mission=mission).select_related("district", "party"))
    rows = StationResult.objects.filter(results_import=results_import)
    sums = rows.aggregate(
        stations=Count("id"),
        voters=Sum("voters_on_list"),
        issued=Sum("ballots_issued"),
        valid=Sum("valid_ballots"),
        invalid=Sum("invalid_ballots"),
        **{f"c{index}": _votes(contestant.code) for index, contestant in enumerate(contestants)},
    )
    votes = {contestant.pk: sums[f"c{index}"] or 0 for index, contestant in enumerate(contestants)}
    lists = [c for c in contestants if c.kind == Contestant.Kind.LIST]
    list_total = sum(votes[c.pk] for c in lists)
    by_district: dict[int, list[Contestant]] = {}
    for contestant in contestants:
        if contestant.kind == Contestant.Kind.CANDIDATE:
            by_district.setdefault(contestant.district_id, []).append(contestant)
    districts = []
    for candidates in by_district.values():
        valid = sum(votes[c.pk] for c in candidates)
        totals = sorted(
            (ContestantTotal(c, votes[c.pk], percent(votes[c.pk], valid)) for c in candidates),
            key=lambda total: (-total.votes, total.contestant.number),
        )
        leading = totals[0].votes if totals else 0
        districts.append(
            DistrictRace(
                district_name=_names(candidates[0].district),
                candidates=totals,
                valid=valid,
                second_round=bool(valid) and 100 * leading <= MAJORITY_PERCENT * valid,
            )
        )
    districts.sort(key=lambda race: race.candidates[0].contestant.district.code)
    return OfficialResults(
        results_import=results_import,
        stations=sums["stations"] or 0,
        voters=sums["voters"] or 0,
        issued=sums["issued"] or 0,
        valid=sums["valid"] or 0,
        invalid=sums["invalid"] or 0,
        lists=sorted(
            (ContestantTotal(c, votes[c.pk], percent(votes[c.pk], list_total)) for c in lists),
            key=lambda total: (-total.votes, total.contestant.number),
        ),
        districts=districts,
    )


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
    """Each published hour: the turnout the commission announced (national) and what observers' voting forms
    counted in the hour before it (voted by the visit over voters on the list)."""
    results_import = latest_import(mission)
    published = {}
    if results_import is not None:
        published = StationResult.objects.filter(results_import=results_import).aggregate(
            voters=Sum("voters_on_list"),
            **{_hour_key(hour): Sum(Cast(KT(f"turnout__{hour}"), IntegerField())) for hour in TURNOUT_HOURS},
        )
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
