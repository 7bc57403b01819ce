"""Functions that change the mission's reference data."""

from functools import partial

from mission.imports.rows import ImportPlan, Mapping, plan_and_apply
from mission.imports.stations import station_changes
from mission.imports.tabular import Table
from mission.models import Mission


def polling_stations_import(
    *, mission: Mission, table: Table, mapping: Mapping, dry_run: bool = False, expected: list[int] | None = None
) -> ImportPlan:
    """Creates and updates the mission's polling stations (matched by code), regions and districts from a table.

    All or nothing: with any row error nothing is written. `dry_run` works out the same plan without writing it;
    `expected` (a preview's counts) refuses a plan that came out otherwise.
    """
    build = partial(station_changes, mission=mission, table=table, mapping=mapping)
    return plan_and_apply(build=build, dry_run=dry_run, expected=expected)
