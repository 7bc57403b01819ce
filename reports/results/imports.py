"""The imports of the published results kept so far, and what changed from one to the next: the stations against
the latest earlier import that had station rows, and each district, region and national total against the latest
earlier import that had rows of its level."""

from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from mission.models import AreaResult, Mission, ResultsImport, StationResult
from mission.results.imports import FIGURES
from mission.results.lines import LINE_CODES

DIFFERENCES_SHOWN = 500


def imports_of(*, mission: Mission):
    def counted(model):  # a subquery each: a join of both would multiply the stations by the totals
        rows = model.objects.filter(results_import=OuterRef("pk")).order_by().values("results_import")
        return Subquery(rows.annotate(n=Count("pk")).values("n"), output_field=IntegerField())

    return ResultsImport.objects.filter(mission=mission).annotate(
        station_count=Coalesce(counted(StationResult), 0), area_count=Coalesce(counted(AreaResult), 0)
    )


def _earlier(results_import: ResultsImport):
    at = results_import.imported_at
    earlier = ResultsImport.objects.filter(mission_id=results_import.mission_id).filter(
        Q(imported_at__lt=at) | Q(imported_at=at, pk__lt=results_import.pk)
    )
    return earlier.order_by("-imported_at", "-pk")


def previous_of(results_import: ResultsImport) -> ResultsImport | None:
    """The latest earlier import with station rows (one of totals only is compared by level)."""
    return _earlier(results_import).filter(Exists(StationResult.objects.filter(results_import=OuterRef("pk")))).first()


@dataclass
class Change:
    station_code: str
    station_name: str
    what: str  # a line's code or a contestant's
    before: int | None
    after: int | None


@dataclass
class ImportDifferences:
    previous: ResultsImport | None
    stations_changed: int
    stations_added: int
    stations_dropped: int
    changes: list[Change]  # the first DIFFERENCES_SHOWN
    area_changes: list[Change] = None  # district, region and national totals; station_code is the place's code
    areas_changed: int = 0
    areas_added: int = 0


def _figures(results_import: ResultsImport) -> dict[int, tuple]:
    rows = StationResult.objects.filter(results_import=results_import).values_list(
        "polling_station_id", "polling_station__code", "polling_station__name", *FIGURES
    )
    return {row[0]: row[1:] for row in rows.order_by("polling_station__code")}


def _changed(code: str, name: str, before: tuple, after: tuple) -> list[Change]:
    old, new = dict(zip(FIGURES, before, strict=True)), dict(zip(FIGURES, after, strict=True))
    changes = [Change(code, name, line, old[line], new[line]) for line in LINE_CODES if old[line] != new[line]]
    for contestant in sorted(old["votes"].keys() | new["votes"].keys()):
        if old["votes"].get(contestant) != new["votes"].get(contestant):
            changes.append(Change(code, name, contestant, old["votes"].get(contestant), new["votes"].get(contestant)))
    return changes


def _grouped(rows) -> dict:
    grouped: dict = {}
    for pk, level, d_code, d_name, r_code, r_name, *figures in rows:
        grouped.setdefault((pk, level), {})[(level, d_code or r_code or "")] = (d_name or r_name or "", *figures)
    return grouped


def _area_differences(results_import: ResultsImport) -> tuple[list[Change], int, int]:
    """Each district, region and national total of this import against the latest earlier import that had rows of
    its level. Three queries."""
    mine = _grouped(
        AreaResult.objects.filter(results_import=results_import).values_list(
            "results_import_id",
            "level",
            "district__code",
            "district__name",
            "region__code",
            "region__name",
            *FIGURES,
            "seats",
        )
    )
    if not mine:
        return [], 0, 0
    levels = {level for _pk, level in mine}
    present = set(
        AreaResult.objects.filter(results_import__in=_earlier(results_import), level__in=levels)
        .values_list("results_import_id", "level")
        .distinct()
    )
    order = list(_earlier(results_import).values_list("pk", flat=True))
    previous = {level: next((pk for pk in order if (pk, level) in present), None) for level in levels}
    before = _grouped(
        AreaResult.objects.filter(
            results_import_id__in=[pk for pk in previous.values() if pk is not None], level__in=levels
        ).values_list(
            "results_import_id",
            "level",
            "district__code",
            "district__name",
            "region__code",
            "region__name",
            *FIGURES,
            "seats",
        )
    )
    changes, changed, added = [], 0, 0
    for (_pk, level), places in sorted(mine.items(), key=lambda item: item[0][1]):
        earlier = before.get((previous[level], level), {}) if previous[level] else {}
        for key, (name, *figures) in sorted(places.items()):
            if key not in earlier:
                added += previous[level] is not None
                continue
            if tuple(earlier[key][1:]) != tuple(figures):
                changed += 1
                *old, old_seats = earlier[key][1:]
                *new, new_seats = figures
                changes.extend(_changed(key[1], name, tuple(old), tuple(new)))
                changes.extend(
                    Change(key[1], name, f"seats:{code}", old_seats.get(code), new_seats.get(code))
                    for code in sorted(old_seats.keys() | new_seats.keys())
                    if old_seats.get(code) != new_seats.get(code)
                )
    return changes, changed, added


def import_differences(*, results_import: ResultsImport) -> ImportDifferences:
    """Station by station, line by line, what this import changed against the one before it (two queries), and
    its published totals against the earlier ones of their level (three more)."""
    previous = previous_of(results_import)
    after = _figures(results_import)
    before = _figures(previous) if previous else {}
    area_changes, areas_changed, areas_added = _area_differences(results_import)
    changes, changed = [], 0
    for station_id, (code, name, *figures) in after.items():
        if station_id in before and tuple(before[station_id][2:]) != tuple(figures):
            changed += 1
            if len(changes) < DIFFERENCES_SHOWN:
                changes.extend(_changed(code, name, tuple(before[station_id][2:]), tuple(figures)))
    return ImportDifferences(
        previous=previous,
        stations_changed=changed,
        stations_added=len(after.keys() - before.keys()) if previous else 0,
        stations_dropped=len(before.keys() - after.keys()) if after else 0,
        changes=changes,
        area_changes=area_changes,
        areas_changed=areas_changed,
        areas_added=areas_added,
    )
