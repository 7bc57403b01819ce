"""Applying an import (stations or roster) with its audit entry: they stand or fall together.

Imports into one mission run one at a time: the apply locks the mission's row (FOR NO KEY UPDATE, which phones'
inserts referring to the mission do not wait for), so a second coordinator's plan is worked out after the first
import committed. That plan then differs from the preview they confirmed, and is refused rather than applied.
"""

from collections.abc import Callable

from django.db import IntegrityError, transaction

from mission.imports.rows import ImportOutdated, ImportPlan, Mapping
from mission.imports.tabular import Table
from mission.models import Mission
from observers.audit.registry import audit_bulk


def table_import(
    *,
    run: Callable,
    model: type,
    mission: Mission,
    table: Table,
    mapping: Mapping,
    dry_run: bool,
    actor,
    filename: str,
    expected: list[int] | None = None,
) -> ImportPlan:
    """`run(mission=, table=, mapping=, dry_run=, expected=)` is the import's own service; a dry run writes nothing
    at all. Raises ImportOutdated when the data changed since the preview whose counts are `expected`."""
    if dry_run:
        return run(mission=mission, table=table, mapping=mapping, dry_run=True)
    try:
        with transaction.atomic():
            Mission.objects.select_for_update(no_key=True).only("pk").get(pk=mission.pk)
            plan = run(mission=mission, table=table, mapping=mapping, dry_run=False, expected=expected)
            if plan.applied:
                audit_bulk(
                    actor=actor,
                    mission=mission,
                    model=model,
                    action="update",
                    count=plan.to_create + plan.to_update,
                    detail=f"Imported {filename}: {plan.to_create} created, {plan.to_update} updated",
                )
    except IntegrityError as error:
        # A row the plan did not know of was written meanwhile by something that takes no lock (a page's edit).
        raise ImportOutdated from error
    return plan
