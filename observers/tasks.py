"""Celery tasks of the observers app: they take ids and call the outbox (observers/outbox/services.py).

Each keeps the wire name it was first queued under (`name=`): messages already in the broker, the beat schedule
and running workers of the previous release still find it.
"""

from celery import shared_task

from observers.outbox import services


@shared_task(name="observers.tasks.outbox_run", acks_late=True, ignore_result=True)
def outbox_run(job_ids: list[int]) -> None:
    """Run the jobs of a message; those done already (a message delivered again) are skipped."""
    services.outbox_jobs_run(job_ids=job_ids)


@shared_task(name="observers.tasks.dispatch_outbox", ignore_result=True)
def outbox_dispatch() -> int:
    """Sent by celery beat (CELERY_BEAT_SCHEDULE): the pending jobs the broker lost or never got."""
    return services.outbox_dispatch()
