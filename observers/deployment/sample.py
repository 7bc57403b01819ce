"""The sample planner: a stratified random sample of polling stations, drawn from a seed and stored with the plan.

1. Strata: each region, or each region's urban and rural stations (`PollingStation.settlement`; stations whose
   list says neither form the region's "not stated" stratum).
2. `sample_size_needed`: the stations a target margin needs, before anything is drawn.
3. `allocate`: the sample split over strata, exactly: in proportion to stations, to registered voters, or
   Neyman's N_h·S_h with S_h = √(p_h(1 − p_h)) from a guessed share. Rounding: Hamilton's largest remainders
   (observers.deployment.planner.largest_remainder: floors of the exact quotas, then one more each to the largest
   remainders, ties to the larger weight, then to the stratum key that sorts first). A stratum never gets more
   than its stations, and gets at least two where it has two (one station gives no variance); what that frees or
   takes is shared out again among the other strata by the same rule, so the sizes always sum to the total.
4. `draw`: in each stratum (keys in sorted order), its station ids sorted, `random.Random(seed).sample` picks
   the sampled stations and then the reserves, in order. The same seed and the same stations give the same sample.
5. The deployment planner then routes teams over the sampled stations only (`sample_candidates`).
"""

import math
import random
import secrets
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from mission.models import Mission, PollingStation, Region
from observers.audit.registry import audit_bulk
from observers.deployment.planner import largest_remainder
from observers.models import DeploymentPlan, SampledStation, SampleStratum, StationSample

Z_95 = 1.959963984540054
MIN_PER_STRATUM = 2
NOT_STATED = "-"


def sample_size_needed(
    *, margin: float, share: float = 0.5, design_effect: float = 1.0, population: int | None = None
) -> int:
    """Stations for a 95 % interval of ± `margin` (0..1) around a share near `share`, allowing a design effect for
    teams visiting several stations, corrected for a finite population of `population` stations:
    n0 = z² p(1 − p) deff / e², n = n0 / (1 + (n0 − 1) / N), rounded up."""
    n0 = Z_95 * Z_95 * share * (1 - share) * design_effect / (margin * margin)
    if population:
        n0 = n0 / (1 + (n0 - 1) / population)
        return max(1, min(population, math.ceil(n0 - 1e-9)))
    return max(1, math.ceil(n0 - 1e-9))


def allocate(total: int, populations: dict[Hashable, int], weights: dict[Hashable, float]) -> dict[Hashable, int]:
    """Sizes per stratum summing to `total` (at most the sum of `populations`): see the module's rule 3."""
    total = min(total, sum(populations.values()))
    fixed: dict[Hashable, int] = {}
    while True:
        free = {key: weights[key] for key in populations if key not in fixed}
        left = total - sum(fixed.values())
        if not free:
            return fixed
        if sum(free.values()) <= 0:
            free = {key: populations[key] for key in free}  # nothing to weigh by: by stations
        sizes = largest_remainder(left, free)
        over = {key for key, size in sizes.items() if size > populations[key]}
        floor = min(MIN_PER_STRATUM, left // max(len(free), 1))
        under = {key for key, size in sizes.items() if size < min(floor, populations[key])}
        if not over and not under:
            return {**fixed, **sizes}
        for key in over:
            fixed[key] = populations[key]
        for key in under - over:
            fixed[key] = min(floor, populations[key])


def draw(
    stations: dict[Hashable, list[int]], sizes: dict[Hashable, int], reserves: dict[Hashable, int], seed: int
) -> dict[Hashable, tuple[list[int], list[int]]]:
    """{stratum: (sampled ids, reserve ids)} in the order drawn: see the module's rule 4."""
    rng = random.Random(seed)
    drawn = {}
    for key in sorted(stations, key=str):
        ids = sorted(stations[key])
        picked = rng.sample(ids, min(len(ids), sizes.get(key, 0) + reserves.get(key, 0)))
        drawn[key] = (picked[: sizes.get(key, 0)], picked[sizes.get(key, 0) :])
    return drawn


@dataclass
class Stratum:
    key: str
    region: Region
    settlement: str
    stations: list[int]
    voters: int
    size: int = 0
    reserves: int = 0
    guessed: float = 0.5

    @property
    def population(self) -> int:
        return len(self.stations)


def _key(region: Region, settlement: str, by: str) -> str:
    return region.code if by == StationSample.Strata.REGION else f"{region.code} {settlement or NOT_STATED}"


def strata_of(*, mission: Mission, by: str) -> list[Stratum]:
    """The mission's stations by stratum (one query for the stations, one for the regions)."""
    regions = {region.pk: region for region in Region.objects.filter(mission=mission)}
    strata: dict[str, Stratum] = {}
    rows = PollingStation.objects.filter(mission=mission).values_list(
        "id", "region_id", "settlement", "registered_voters"
    )
    for pk, region_id, settlement, voters in rows.order_by("id"):
        region = regions[region_id]
        settlement = settlement if by == StationSample.Strata.SETTLEMENT else ""
        key = _key(region, settlement, by)
        stratum = strata.get(key) or strata.setdefault(key, Stratum(key, region, settlement, [], 0))
        stratum.stations.append(pk)
        stratum.voters += voters
    return [strata[key] for key in sorted(strata)]


def parse_guesses(text: str, keys: set[str]) -> dict[str, float]:
    """Lines "stratum key = per cent" (the page lists the keys) -> {key: share 0..1}. A line that does not parse
    or names an unknown stratum is a ValidationError saying which line."""
    guesses = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        key, sep, value = line.rpartition("=")
        key = key.strip()
        try:
            share = float(value.strip().rstrip("%").replace(",", "."))
        except ValueError:
            share = -1
        if not sep or not 0 < share < 100:
            raise ValidationError(
                _('Line %(line)d: write "stratum = per cent", the per cent between 0 and 100 (e.g. "%(example)s").')
                % {"line": number, "example": f"{min(keys, default='R1')} = 20"}
            )
        if key not in keys:
            raise ValidationError(
                _("Line %(line)d: there is no stratum %(key)s; the strata are listed in the table.")
                % {"line": number, "key": key}
            )
        guesses[key] = share / 100
    return guesses


def sample_plan(
    *,
    mission: Mission,
    size: int,
    strata: str = StationSample.Strata.REGION,
    allocation: str = StationSample.Allocation.STATIONS,
    reserve_percent: int = 20,
    guessed_share: float = 0.5,
    guesses: dict[str, float] | None = None,
) -> list[Stratum]:
    """The strata with their sizes and reserves, before drawing (the page's preview and the draw's plan)."""
    if strata not in StationSample.Strata.values:
        raise ValidationError(
            _("Strata must be one of: %(choices)s.") % {"choices": ", ".join(StationSample.Strata.values)}
        )
    if allocation not in StationSample.Allocation.values:
        raise ValidationError(
            _("Allocation must be one of: %(choices)s.") % {"choices": ", ".join(StationSample.Allocation.values)}
        )
    rows = strata_of(mission=mission, by=strata)
    population = sum(row.population for row in rows)
    if not population:
        raise ValidationError(_("The mission has no polling stations: import them before drawing a sample."))
    if strata == StationSample.Strata.SETTLEMENT and all(row.settlement == "" for row in rows):
        raise ValidationError(
            _("No polling station is marked urban or rural: stratify by region, or import the stations' settlement.")
        )
    if not 1 <= size <= population:
        raise ValidationError(
            _("The sample size must be between 1 and %(population)d (the mission's polling stations).")
            % {"population": population}
        )
    if not 0 <= reserve_percent <= 100:
        raise ValidationError(_("Reserves must be between 0 and 100 per cent of the sample."))
    if allocation == StationSample.Allocation.VOTERS and not any(row.voters for row in rows):
        raise ValidationError(
            _("No polling station has registered voters: allocate in proportion to stations instead.")
        )
    guesses = guesses or {}
    for row in rows:
        row.guessed = guesses.get(row.key, guessed_share)
    weights = {
        StationSample.Allocation.STATIONS: lambda row: row.population,
        StationSample.Allocation.VOTERS: lambda row: row.voters,
        StationSample.Allocation.NEYMAN: lambda row: row.population * math.sqrt(row.guessed * (1 - row.guessed)),
    }[allocation]
    sizes = allocate(size, {row.key: row.population for row in rows}, {row.key: weights(row) for row in rows})
    for row in rows:
        row.size = sizes[row.key]
        row.reserves = min(row.population - row.size, math.ceil(row.size * reserve_percent / 100))
    return rows


def sample_draw(
    *,
    mission: Mission,
    size: int,
    strata: str = StationSample.Strata.REGION,
    allocation: str = StationSample.Allocation.STATIONS,
    reserve_percent: int = 20,
    guessed_share: float = 0.5,
    guesses: dict[str, float] | None = None,
    seed: int | None = None,
    user=None,
) -> StationSample:
    """Draw the sample (replacing an earlier one) and store it with the plan. Refused while the plan is published:
    the teams' routes would no longer rest on the sample."""
    rows = sample_plan(
        mission=mission,
        size=size,
        strata=strata,
        allocation=allocation,
        reserve_percent=reserve_percent,
        guessed_share=guessed_share,
        guesses=guesses,
    )
    seed = secrets.randbelow(10**9) if seed is None else seed
    if not 0 <= seed < 2**63:
        raise ValidationError(_("The seed must be a whole number from 0 up."))
    drawn = draw(
        {row.key: row.stations for row in rows},
        {row.key: row.size for row in rows},
        {row.key: row.reserves for row in rows},
        seed,
    )
    with transaction.atomic():
        DeploymentPlan.objects.get_or_create(mission=mission)
        plan = DeploymentPlan.objects.select_for_update().get(mission=mission)
        if plan.is_published:
            raise ValidationError(_("The plan is published: withdraw it before drawing a new sample."))
        StationSample.objects.filter(plan=plan).delete()
        sample = StationSample.objects.create(
            plan=plan,
            seed=seed,
            strata=strata,
            allocation=allocation,
            size=sum(row.size for row in rows),
            reserve_percent=reserve_percent,
            guessed_share=round(guessed_share * 100, 3),
            guesses={key: round(value * 100, 3) for key, value in (guesses or {}).items()},
            population=sum(row.population for row in rows),
            drawn_by=user,
        )
        strata_rows = SampleStratum.objects.bulk_create(
            SampleStratum(
                sample=sample,
                key=row.key,
                region=row.region,
                settlement=row.settlement,
                population=row.population,
                voters=row.voters,
                size=row.size,
                reserves=row.reserves,
            )
            for row in rows
        )
        entries = []
        for stratum in strata_rows:
            sampled, reserve = drawn[stratum.key]
            entries.extend(
                SampledStation(
                    sample=sample,
                    stratum=stratum,
                    polling_station_id=pk,
                    rank=rank,
                    role=SampledStation.Role.SAMPLED if rank <= len(sampled) else SampledStation.Role.RESERVE,
                )
                for rank, pk in enumerate(sampled + reserve, start=1)
            )
        SampledStation.objects.bulk_create(entries, batch_size=2000)
        audit_bulk(
            actor=user,
            mission=mission,
            model=SampledStation,
            action="create",
            count=len(entries),
            detail=f"Sample drawn: {sample.size} stations and {len(entries) - sample.size} reserves "
            f"in {len(strata_rows)} strata ({strata}, {allocation}, seed {seed})",
        )
    return sample


def sample_remove(*, mission: Mission, user=None) -> None:
    """The plan no longer rests on a sample: findings say again that the stations were not drawn at random."""
    with transaction.atomic():
        plan = DeploymentPlan.objects.select_for_update().filter(mission=mission).first()
        if plan is None or not hasattr(plan, "sample"):
            raise ValidationError(_("The plan has no sample to remove."))
        if plan.is_published:
            raise ValidationError(_("The plan is published: withdraw it before removing its sample."))
        count = plan.sample.stations.count()
        plan.sample.delete()
        audit_bulk(
            actor=user, mission=mission, model=SampledStation, action="delete", count=count, detail="Sample removed"
        )


def sample_replace(*, entry: SampledStation, user=None) -> SampledStation:
    """A sampled station that cannot be visited gives its place to its stratum's next reserve (in the order
    drawn), which the returned entry now samples. Its team's route is left to the coordinator (the plan page)."""
    with transaction.atomic():
        entry = SampledStation.objects.select_for_update().select_related("stratum", "polling_station").get(pk=entry.pk)
        if entry.role != SampledStation.Role.SAMPLED:
            raise ValidationError(
                _("Polling station %(code)s is not a sampled station: only those can be replaced.")
                % {"code": entry.polling_station.code}
            )
        reserve = (
            SampledStation.objects.select_for_update()
            .filter(stratum=entry.stratum, role=SampledStation.Role.RESERVE)
            .order_by("rank")
            .first()
        )
        if reserve is None:
            raise ValidationError(
                _("Stratum %(key)s has no reserve left: draw a new sample with more reserves.")
                % {"key": entry.stratum.key}
            )
        entry.role = SampledStation.Role.REPLACED
        entry.save(update_fields=["role"])
        reserve.role = SampledStation.Role.SAMPLED
        reserve.save(update_fields=["role"])
        audit_bulk(
            actor=user,
            mission=entry.sample.plan.mission,
            model=SampledStation,
            action="update",
            count=2,
            detail=f"Sampled station {entry.polling_station.code} replaced by reserve {reserve.polling_station_id}",
        )
    return reserve


# Reads


def sample_of(*, mission: Mission) -> StationSample | None:
    return StationSample.objects.filter(plan__mission=mission).select_related("plan").first()


def sample_strata(*, sample: StationSample) -> QuerySet[SampleStratum]:
    return sample.strata_rows.select_related("region").order_by("key")


def sample_stations(*, sample: StationSample) -> QuerySet[SampledStation]:
    return sample.stations.select_related("polling_station", "stratum").order_by("stratum__key", "rank")


def sample_candidates(*, mission: Mission, stations: QuerySet[PollingStation]) -> QuerySet[PollingStation]:
    """The planner's hook: with a sample, only its sampled stations are candidates for routes."""
    sample = StationSample.objects.filter(plan__mission=mission).only("id").first()
    if sample is None:
        return stations
    return stations.filter(sample_entries__sample=sample, sample_entries__role=SampledStation.Role.SAMPLED)


def sampled_station_strata(*, mission: Mission) -> dict[int, int] | None:
    """{station id: stratum id} of the stations the sample now holds (a replaced station's forms no longer count in
    the estimates), or None when the plan has no sample."""
    sample = StationSample.objects.filter(plan__mission=mission).only("id").first()
    if sample is None:
        return None
    rows = SampledStation.objects.filter(sample=sample, role=SampledStation.Role.SAMPLED)
    return dict(rows.values_list("polling_station_id", "stratum_id"))


def strata_counts(rows: list[Stratum]) -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        totals["population"] += row.population
        totals["size"] += row.size
        totals["reserves"] += row.reserves
    return dict(totals)
