"""Celery tasks of the observers app: they take ids and call the outbox (observers/outbox/services.py)."""
from celery import shared_task

from observers.outbox.services import outbox_dispatch, outbox_jobs_run


@shared_task(acks_late=True, ignore_result=True)
def outbox_run(job_ids: list[int]) -> None:
    """Run the jobs of a message; those done already (a message delivered again) are skipped."""
    outbox_jobs_run(job_ids=job_ids)


@shared_task(ignore_result=True)
def dispatch_outbox() -> int:
    """Sent by celery beat (CELERY_BEAT_SCHEDULE): the pending jobs the broker lost or never got."""
    return outbox_dispatch()
