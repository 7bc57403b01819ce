"""Applying an import (stations or roster) with its audit entry: they stand or fall together.

Imports into one mission run one at a time: the apply locks the mission's row (FOR NO KEY UPDATE, which phones'
inserts referring to the mission do not wait for), so a second coordinator's plan is worked out after the first
import committed. That plan then differs from the preview they confirmed, and is refused rather than applied.
"""

from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mission.imports.rows import ImportOutdated, ImportPlan, Mapping
from mission.imports.tabular import Table
from mission.models import Mission, PollingStation
from mission.services.stations import latest_station_import, station_import_revert
from observers.audit.registry import audit_bulk
from observers.models import Assignment


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


class UndoRefused(Exception):
    """The latest station import cannot be undone; the message says why and what to do instead."""


def station_import_undo(*, mission: Mission, actor) -> dict:
    """Undoes the mission's latest station import that is not undone yet, while no plan uses its stations and no
    observer has reported from one it created. Imports into the mission wait meanwhile (the same lock)."""
    with transaction.atomic():
        Mission.objects.select_for_update(no_key=True).only("pk").get(pk=mission.pk)
        record = latest_station_import(mission=mission)
        if record is None:
            raise UndoRefused(_("There is no station import to undo."))
        touched = PollingStation.objects.filter(Q(imported_in=record) | Q(pk__in=[int(pk) for pk in record.previous]))
        planned = Assignment.objects.filter(polling_station__in=touched).values("polling_station").distinct().count()
        if planned:
            raise UndoRefused(
                ngettext(
                    "A station of this import is in the deployment plan. Take it out of the plan first, "
                    "or import a corrected file instead.",
                    "%(count)s stations of this import are in the deployment plan. Take them out of the plan "
                    "first, or import a corrected file instead.",
                    planned,
                )
                % {"count": planned}
            )
        created = PollingStation.objects.filter(imported_in=record)
        used = created.filter(
            Q(submissions__isnull=False)
            | Q(results__isnull=False)
            | Q(submission_flags__isnull=False)
            | Q(commissions__isnull=False)
        ).distinct()
        if used.exists():
            raise UndoRefused(
                _(
                    "Observers' reports, results or commissions already refer to stations this import created, "
                    "so it can no longer be undone. Import a corrected file instead."
                )
            )
        done = station_import_revert(record=record)
        audit_bulk(
            actor=actor,
            mission=mission,
            model=PollingStation,
            action="delete",
            count=done["deleted"] + done["restored"],
            detail=f"Undid the import of {record.filename or 'a file'}: {done['deleted']} deleted, "
            f"{done['restored']} restored",
        )
    return done
