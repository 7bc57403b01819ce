"""Functions that change the mission's reference data."""

from django.db import transaction
from django.utils import timezone

from mission.imports.bulk import rows_update
from mission.imports.rows import ImportPlan, Mapping, plan_and_apply
from mission.imports.stations import KEPT, station_changes
from mission.imports.tabular import Table
from mission.models import District, Mission, PollingStation, Region, StationImport

RESTORED = KEPT  # the order of StationImport.previous's values
BATCH = 2000


def polling_stations_import(
    *,
    mission: Mission,
    table: Table,
    mapping: Mapping,
    dry_run: bool = False,
    expected: list[int] | None = None,
    actor=None,
    filename: str = "",
) -> ImportPlan:
    """Creates and updates the mission's polling stations (matched by code), regions and districts from a table.

    All or nothing: with any row error nothing is written. `dry_run` works out the same plan without writing it;
    `expected` (a preview's counts) refuses a plan that came out otherwise. An import that went through is kept as
    a StationImport (`plan.record`), by `actor` from `filename`, so it can be undone.
    """

    def build():
        plan, changes = station_changes(mission=mission, table=table, mapping=mapping)
        changes.actor, changes.filename = actor, filename
        return plan, changes

    return plan_and_apply(build=build, dry_run=dry_run, expected=expected)


def latest_station_import(*, mission: Mission) -> StationImport | None:
    return StationImport.objects.filter(mission=mission, undone_at__isnull=True).select_related("imported_by").first()


def station_import_revert(*, record: StationImport) -> dict:
    """Puts the mission's stations back as they were before `record`: deletes the stations it created, restores
    what it changed in the others, deletes the regions and districts it created that nothing else now uses.
    The caller checks first that nothing refers to the stations it deletes (observers' plans and reports);
    returns what was done, by count."""
    with transaction.atomic():
        created = PollingStation.objects.filter(imported_in=record)
        # Nothing refers to them (checked by the caller, under the mission's lock): no cascade to collect, and one
        # DELETE rather than an audit entry per station (the caller writes one for all).
        deleted = created._raw_delete(created.db)
        ids = [int(pk) for pk in record.previous]
        restored = 0
        for start in range(0, len(ids), BATCH):
            stations = list(PollingStation.objects.filter(pk__in=ids[start : start + BATCH]))
            for station in stations:
                for name, value in zip(RESTORED, record.previous[str(station.pk)], strict=True):
                    setattr(station, name, value)
            rows_update(stations, list(RESTORED))
            restored += len(stations)
        # Only what nothing else has come to use since: a district with candidates or results stays, and so does
        # its region, or a region some LTO team covers.
        district_ids = _unused(District, record.districts, ("polling_stations", "contestants", "results"))
        District.objects.filter(pk__in=district_ids).delete()
        region_ids = _unused(Region, record.regions, ("polling_stations", "districts", "results", "lto_teams"))
        Region.objects.filter(pk__in=region_ids).delete()
        record.undone_at = timezone.now()
        record.save(update_fields=["undone_at"])
    return {"deleted": deleted, "restored": restored, "districts": len(district_ids), "regions": len(region_ids)}


def _unused(model, ids: list[int], relations: tuple[str, ...]) -> list[int]:
    unused = model.objects.filter(pk__in=ids, **{f"{name}__isnull": True for name in relations})
    return list(unused.values_list("pk", flat=True).distinct())
