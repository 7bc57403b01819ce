"""The Celery application. Workers start with `celery -A config worker` (production settings unless told)."""

import os

from celery import Celery
from celery.signals import task_postrun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")  # as config/wsgi.py

app = Celery("eom")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_postrun.connect
def _database_connections_mend(task=None, **kwargs):
    """After a task, what Django does after a request: close a connection that failed or outlived CONN_MAX_AGE
    (the next task opens a new one). Not for eager tasks: they run inside the caller's transaction."""
    from django.db import close_old_connections

    if not getattr(task.request, "is_eager", False):
        close_old_connections()
