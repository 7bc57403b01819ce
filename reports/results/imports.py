"""The imports of the published results kept so far, and what changed from one to the next."""

from dataclasses import dataclass

from django.db.models import Count, Q

from mission.models import Mission, ResultsImport, StationResult
from mission.results.imports import FIGURES
from mission.results.lines import LINE_CODES

DIFFERENCES_SHOWN = 500


def imports_of(*, mission: Mission):
    return ResultsImport.objects.filter(mission=mission).annotate(station_count=Count("stations"))


def previous_of(results_import: ResultsImport) -> ResultsImport | None:
    at = results_import.imported_at
    earlier = ResultsImport.objects.filter(mission_id=results_import.mission_id).filter(
        Q(imported_at__lt=at) | Q(imported_at=at, pk__lt=results_import.pk)
    )
    return earlier.order_by("-imported_at", "-pk").first()


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


def import_differences(*, results_import: ResultsImport) -> ImportDifferences:
    """Station by station, line by line, what this import changed against the one before it. Two queries."""
    previous = previous_of(results_import)
    after = _figures(results_import)
    before = _figures(previous) if previous else {}
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
        stations_dropped=len(before.keys() - after.keys()),
        changes=changes,
    )
