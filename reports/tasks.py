"""Celery tasks: they take ids and call services."""
from celery import shared_task

from .services import compilation_run


@shared_task(acks_late=True)
def compile_report(compilation_id: int) -> None:
    compilation_run(compilation_id=compilation_id)
