"""Celery tasks: they take ids and call services."""
from celery import shared_task

from reports.documents.services import compilation_run, compilations_recover


@shared_task(acks_late=True)
def compile_report(compilation_id: int) -> None:
    compilation_run(compilation_id=compilation_id)


@shared_task(ignore_result=True)
def recover_compilations() -> dict[str, int]:
    """Sent by celery beat (CELERY_BEAT_SCHEDULE): compilations whose worker was lost, queued again or failed."""
    return compilations_recover()
