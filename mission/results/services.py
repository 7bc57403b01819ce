"""Importing the commission's published results."""

from functools import partial

from mission.imports.rows import ImportPlan, Mapping, plan_and_apply
from mission.imports.tabular import Table
from mission.models import Mission
from mission.results.imports import results_changes


def official_results_import(
    *,
    mission: Mission,
    table: Table,
    mapping: Mapping,
    source: str,
    source_ru: str = "",
    source_kk: str = "",
    filename: str = "",
    is_demo: bool = False,
    dry_run: bool = False,
    expected: list[int] | None = None,
) -> ImportPlan:
    """Adds one import of the published results, every station of the file in it; earlier imports are kept.

    All or nothing, as the station import: with any row error nothing is written; `expected` (a preview's counts)
    refuses a plan that came out otherwise."""
    build = partial(
        results_changes,
        mission=mission,
        table=table,
        mapping=mapping,
        sources={"source": source, "source_ru": source_ru, "source_kk": source_kk},
        filename=filename,
        is_demo=is_demo,
    )
    return plan_and_apply(build=build, dry_run=dry_run, expected=expected)
