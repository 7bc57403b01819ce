"""Reads for the operations page: background work that failed or has not run yet, in one mission."""

from django.db.models import Count, Q, QuerySet

from mission.models import Mission
from observers.models import OutboxJob
from reports.models import Compilation

LIST_LENGTH = 200


def outbox_jobs_open(*, mission: Mission) -> QuerySet[OutboxJob]:
    """Failed jobs first, then pending ones; newest first in each."""
    return (
        OutboxJob.objects.filter(mission=mission)
        .exclude(status=OutboxJob.Status.DONE)
        .order_by("status", "-created_at", "-id")  # "failed" before "pending"
    )


def outbox_job_counts(*, mission: Mission) -> dict[str, int]:
    return (
        OutboxJob.objects.filter(mission=mission)
        .exclude(status=OutboxJob.Status.DONE)
        .aggregate(
            failed=Count("pk", filter=Q(status=OutboxJob.Status.FAILED)),
            pending=Count("pk", filter=Q(status=OutboxJob.Status.PENDING)),
        )
    )


def compilations_failed(*, mission: Mission) -> QuerySet[Compilation]:
    return (
        Compilation.objects.filter(report__mission=mission, status=Compilation.Status.FAILED)
        .select_related("report", "requested_by")
        .order_by("-requested_at", "-id")
    )
