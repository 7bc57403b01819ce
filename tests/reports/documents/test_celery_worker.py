"""A compilation sent through Redis to a real Celery worker process, which writes a real PDF.

Needs REDIS_URL and a PostgreSQL DATABASE_URL (the worker connects to this test's database); skipped otherwise.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from config.celery import app as celery_app
from reports.documents.services import compilation_start, report_get_or_create
from reports.models import Compilation

pytestmark = pytest.mark.celery_worker

WAIT_SECONDS = 90


def _skip_reason() -> str | None:
    if not os.environ.get("REDIS_URL"):
        return "needs REDIS_URL: the worker and this test must share a Redis"
    if connection.vendor != "postgresql":
        return "needs a PostgreSQL DATABASE_URL: the worker must connect to this test's database"
    return None


def _database_url() -> str:
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(transactional_db, tmp_path):
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    queue = celery_app.conf.task_default_queue
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "REDIS_URL": os.environ["REDIS_URL"],
        "CELERY_QUEUE": queue,
    }
    log = tmp_path / "worker.log"
    command = [
        str(Path(sys.executable).with_name("celery")),
        "-A",
        "config",
        "worker",
        "-Q",
        queue,
        "--pool=solo",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "-n",
        f"reports-test-{os.getpid()}@%h",
        "--loglevel=INFO",
    ]
    with open(log, "wb") as output:
        process = subprocess.Popen(command, env=env, cwd=settings.BASE_DIR, stdout=output, stderr=subprocess.STDOUT)
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        yield process, log
    finally:
        celery_app.conf.task_always_eager = eager
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_a_worker_compiles_the_report_sent_through_redis(worker, hand_mission):
    process, log = worker
    report = report_get_or_create(mission=hand_mission.mission, kind="preliminary")

    compilation = compilation_start(report=report, language="kk", requested_by=hand_mission.analyst.user)

    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        compilation.refresh_from_db()
        if compilation.status in (Compilation.Status.DONE, Compilation.Status.FAILED):
            break
        assert process.poll() is None, f"the worker stopped:\n{log.read_text()}"
        time.sleep(0.5)
    assert compilation.status == Compilation.Status.DONE, f"{compilation.status} {compilation.error}\n{log.read_text()}"
    assert compilation.submissions_covered == 7 and compilation.attempts == 1
    assert (Path(settings.MEDIA_ROOT) / compilation.pdf.name).read_bytes()[:5] == b"%PDF-"
