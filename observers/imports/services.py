"""Applying an import (stations or roster) with its audit entry: they stand or fall together."""

from collections.abc import Callable

from django.db import transaction

from mission.imports.rows import ImportPlan, Mapping
from mission.imports.tabular import Table
from mission.models import Mission
from observers.audit.registry import audit_bulk


def table_import(
    *, run: Callable, model: type, mission: Mission, table: Table, mapping: Mapping, dry_run: bool, actor, filename: str
) -> ImportPlan:
    """`run(mission=, table=, mapping=, dry_run=)` is the import's own service; a dry run writes nothing at all."""
    with transaction.atomic():
        plan = run(mission=mission, table=table, mapping=mapping, dry_run=dry_run)
        if plan.applied:
            audit_bulk(
                actor=actor,
                mission=mission,
                model=model,
                action="update",
                count=plan.to_create + plan.to_update,
                detail=f"Imported {filename}: {plan.to_create} created, {plan.to_update} updated",
            )
    return plan
