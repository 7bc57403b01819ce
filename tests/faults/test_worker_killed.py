"""The Celery worker is killed (SIGKILL) in the middle of a compilation: the compilation does not stay "running" for
ever. Redis gives the task the dead worker never acknowledged to the next worker once the visibility timeout has
passed, the row's lease has run out by then, and that worker compiles it: one PDF. When every worker dies, the
compilation is failed with the reason once its attempts are used up; and a worker that was only paused past its
lease finds, on waking, that another run has taken over, and leaves no second PDF.

The workers run the deployed settings against this test's PostgreSQL database and a Redis of their own, with a
lease and a visibility timeout of seconds; the layout of the PDF is held up (tests/faults/slow_pdf_worker.py) so
that the worker is stopped at stage "pdf", half-way.
"""

import os
import signal
import subprocess
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from pypdf import PdfReader

from reports.documents.services import report_create
from reports.models import Compilation, Report
from tests.factories import MissionFactory
from tests.faults.conftest import shared_database_url
from tests.faults.servers import BIN, RedisServer, app_env, manage, spawn, stop, wait_for

pytestmark = [pytest.mark.celery_worker, pytest.mark.postgres]

LEASE_SECONDS, VISIBILITY_SECONDS = 1, 2
HOLD_SECONDS = 60  # the PDF layout of a worker about to be killed waits this long: the kill comes first
WAIT_SECONDS = 60
Status, Stage = Compilation.Status, Compilation.Stage


class Deployment:
    """Workers, and the `manage.py shell` a web request would be, sharing a Redis, a queue and the media folder."""

    def __init__(self, *, redis_url: str, media: Path, logs: Path):
        self.media, self.logs, self.workers = media, logs, []
        self.env = {
            **app_env(database_url=shared_database_url(), redis_url=redis_url, queue=f"killed-{uuid.uuid4().hex[:8]}"),
            "MEDIA_ROOT": str(media),
            "COMPILATION_LEASE_SECONDS": str(LEASE_SECONDS),
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_SECONDS),
        }

    def worker(self, *, hold: float = 0) -> tuple[subprocess.Popen, Path]:
        log = self.logs / f"worker-{len(self.workers) + 1}.log"
        command = [
            str(BIN / "celery"),
            "-A",
            "tests.faults.slow_pdf_worker",
            "worker",
            "-Q",
            self.env["CELERY_QUEUE"],
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-n",
            f"killed-{len(self.workers) + 1}@%h",
            "--loglevel=INFO",
        ]
        process = spawn(command, env={**self.env, "EOM_TEST_PDF_HOLD_SECONDS": str(hold)}, log=log)
        self.workers.append(process)
        return process, log

    def shell(self, code: str) -> str:
        return manage("shell", "--no-imports", "-c", code, env=self.env).strip()

    def compile(self, report: Report) -> Compilation:
        """As the reports page asks for it: the row, then the task sent through Redis."""
        pk = self.shell(
            "from reports.models import Report; from reports.documents.services import compilation_start; "
            f"print(compilation_start(report=Report.objects.get(pk={report.pk}), language='kk').pk)"
        )
        return Compilation.objects.get(pk=int(pk))

    def recover(self) -> str:
        """What beat sends every minute."""
        return self.shell("from reports.tasks import compilations_recover; print(compilations_recover())")

    def pdf_files(self) -> list[str]:
        return sorted(path.name for path in (self.media / "compilations").glob("*"))

    def stop_all(self):
        for process in self.workers:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGCONT)  # a paused worker cannot act on SIGTERM
            stop(process)


@pytest.fixture
def deployment(needs_redis, tmp_path):
    redis = RedisServer(tmp_path)
    redis.start()
    deployment = Deployment(redis_url=redis.url, media=tmp_path / "media", logs=tmp_path)
    try:
        yield deployment
    finally:
        deployment.stop_all()
        redis.kill()


@pytest.fixture
def report(transactional_db):
    return report_create(mission=MissionFactory(), kind=Report.Kind.PRELIMINARY)


def _state(compilation: Compilation) -> tuple:
    compilation.refresh_from_db()
    return compilation.status, compilation.stage, compilation.attempts


def _at_pdf_stage(compilation: Compilation, attempt: int, log: Path) -> None:
    wait_for(
        lambda: _state(compilation) == (Status.RUNNING, Stage.PDF, attempt),
        seconds=WAIT_SECONDS,
        what=f"attempt {attempt} laying out the PDF",
        log=log,
    )


def _kill(process: subprocess.Popen) -> None:
    stop(process, signal.SIGKILL)  # the worker's whole process group
    assert process.returncode == -signal.SIGKILL


def _past_lease_and_visibility(compilation: Compilation) -> None:
    """Wait until the broker may redeliver the task (the attempt's start is just after its delivery)."""
    compilation.refresh_from_db()
    ready = compilation.started_at + timedelta(seconds=max(LEASE_SECONDS, VISIBILITY_SECONDS) + 0.5)
    time.sleep(max(0.0, (ready - timezone.now()).total_seconds()))


def _finished(compilation: Compilation, log: Path) -> None:
    wait_for(
        lambda: _state(compilation)[0] in (Status.DONE, Status.FAILED),
        seconds=WAIT_SECONDS,
        what="the compilation finishing",
        log=log,
    )


def test_a_worker_killed_mid_compilation_leaves_it_to_the_next_worker_which_makes_one_pdf(deployment, report):
    first, first_log = deployment.worker(hold=HOLD_SECONDS)
    compilation = deployment.compile(report)
    _at_pdf_stage(compilation, 1, first_log)

    _kill(first)
    time.sleep(LEASE_SECONDS + 0.5)
    assert _state(compilation) == (Status.RUNNING, Stage.PDF, 1)  # nobody is left to change it

    _past_lease_and_visibility(compilation)
    _, second_log = deployment.worker()
    _finished(compilation, second_log)

    assert (compilation.status, compilation.error, compilation.attempts) == (Status.DONE, "", 2), second_log.read_text()
    assert (compilation.stage, compilation.progress) == (Stage.DONE, 100)
    name = f"{report.mission.slug}-preliminary-kk-draft-{compilation.pk}.pdf"  # not marked final: a draft
    assert (compilation.pdf.name, deployment.pdf_files()) == (f"compilations/{name}", [name])
    pdf = PdfReader(deployment.media / compilation.pdf.name)
    assert len(pdf.pages) == 5
    assert "ЕҚЫҰ ДЕМОКРАТИЯЛЫҚ ИНСТИТУТТАР ЖӘНЕ АДАМ ҚҰҚЫҚТАРЫ БЮРОСЫ" in pdf.pages[0].extract_text()


def test_a_compilation_whose_every_worker_is_killed_ends_failed_with_the_reason(deployment, report):
    deployment.env["COMPILATION_MAX_ATTEMPTS"] = "2"  # the workers and beat give up after two lost runs
    first, first_log = deployment.worker(hold=HOLD_SECONDS)
    compilation = deployment.compile(report)
    _at_pdf_stage(compilation, 1, first_log)
    _kill(first)
    _past_lease_and_visibility(compilation)
    assert deployment.recover() == "{'requeued': 1, 'failed': 0}"  # beat does not wait for the broker
    assert _state(compilation) == (Status.QUEUED, Stage.WAITING, 1)

    second, second_log = deployment.worker(hold=HOLD_SECONDS)
    _at_pdf_stage(compilation, 2, second_log)
    _kill(second)
    _past_lease_and_visibility(compilation)
    _, third_log = deployment.worker()  # it gets the killed worker's task again, and gives up
    _finished(compilation, third_log)

    assert (compilation.status, compilation.attempts) == (Status.FAILED, 2), third_log.read_text()
    assert compilation.error == (
        "The worker stopped 2 times while compiling this report (it was killed or ran out of memory). "
        "Compile it again; if it stops again, send this message to the mission's data team."
    )
    assert not compilation.pdf and deployment.pdf_files() == []
    assert deployment.recover() == "{'requeued': 0, 'failed': 0}"


def test_a_worker_paused_past_its_lease_wakes_up_to_a_finished_compilation_and_leaves_no_second_pdf(deployment, report):
    hold = max(LEASE_SECONDS, VISIBILITY_SECONDS) + 1  # over by the time the other worker has finished
    paused, paused_log = deployment.worker(hold=hold)
    compilation = deployment.compile(report)
    _at_pdf_stage(compilation, 1, paused_log)
    os.killpg(paused.pid, signal.SIGSTOP)

    _past_lease_and_visibility(compilation)
    _, second_log = deployment.worker()
    _finished(compilation, second_log)
    assert (compilation.status, compilation.attempts) == (Status.DONE, 2), second_log.read_text()
    done = (compilation.pdf.name, compilation.finished_at)

    os.killpg(paused.pid, signal.SIGCONT)
    wait_for(
        lambda: "succeeded in" in paused_log.read_text(),
        seconds=WAIT_SECONDS,
        what="the paused worker finishing its run",
        log=paused_log,
    )

    compilation.refresh_from_db()
    assert (compilation.status, compilation.attempts, compilation.pdf.name, compilation.finished_at) == (
        Status.DONE,
        2,
        *done,
    )
    assert deployment.pdf_files() == [Path(compilation.pdf.name).name]
    assert f"Compilation {compilation.pk}: attempt 1 lost its claim; its PDF is discarded" in paused_log.read_text()
