"""Celery tasks of the reports app: they take ids and call services (reports/documents/services.py).

Each keeps the wire name it was first queued under (`name=`): messages already in the broker, the beat schedule
and running workers of the previous release still find it.
"""

from celery import shared_task

from reports.documents import services


@shared_task(name="reports.tasks.compile_report", acks_late=True)
def compilation_run(compilation_id: int) -> None:
    services.compilation_run(compilation_id=compilation_id)


@shared_task(name="reports.tasks.recover_compilations", ignore_result=True)
def compilations_recover() -> dict[str, int]:
    """Sent by celery beat (CELERY_BEAT_SCHEDULE): compilations whose worker was lost, queued again or failed."""
    return services.compilations_recover()
