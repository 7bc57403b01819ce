"""The transactional outbox: background work written in the same transaction as the change that sets it off.

- outbox_add: inside the caller's transaction, the job's row, and a hook that sends it once the transaction commits;
  outbox_insert_with: a new row and its job in one statement, sent once it is in.
- Sending: a thread of the web process hands the committed jobs to Celery, those that come close together in one
  message, so a phone never waits for the broker. A broker that is down is logged and swallowed: the rows stay
  pending and nothing is lost (nor is anything lost when the process ends with jobs not yet sent).
- outbox_dispatch: sends again the pending jobs nobody has run for a while (a beat task, `manage.py dispatch_outbox`).
- outbox_jobs_run: what the task does. It claims the pending jobs of its message (UPDATE to done ... RETURNING)
  and runs them in the same transaction, so a job delivered twice runs once and a worker killed half-way leaves
  them pending. When one raises, outbox_job_run runs each alone, claiming it with
  UPDATE ... WHERE status='pending'; a job that raises is retried later with a growing delay, and after
  MAX_ATTEMPTS it is failed, with its error kept for coordinators (/operations/jobs/).
"""

import functools
import logging
import os
import queue
import threading
import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from django.db.models import F
from django.utils import timezone

from config.db.prepared import execute_prepared, placeholders
from observers.models import OutboxJob
from observers.submissions.flags import submissions_disagreements_flag
from observers.submissions.tallies import submissions_tally

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# A pending job this much past its time is sent again: long enough for the on-commit send and the worker to run it.
RESEND_AFTER = timedelta(seconds=10)
MESSAGE_JOBS = 100  # jobs in one message at most
GATHER_SECONDS = 0.2  # how long a committed job waits for others to share its message

# A handler takes the payloads of the jobs of its kind in a message, and does their work together.
HANDLERS: dict[str, Callable[[list[dict]], object]] = {
    OutboxJob.Kind.SUBMISSION_CHECK: lambda payloads: _submissions_check(
        [payload["submission_id"] for payload in payloads]
    ),
    OutboxJob.Kind.PERSONAL_DATA_ERASE: lambda payloads: _erasure_jobs_run(payloads),
    OutboxJob.Kind.DEPLOYMENT_PROPOSE: lambda payloads: _plan_proposals_run(payloads),
}


def _submissions_check(submission_ids: list[int]) -> int:
    """A new form's follow-up: compared with other teams' forms at its station (returns the disagreements found),
    and added to the tallies."""
    flagged = submissions_disagreements_flag(submission_ids=submission_ids)
    submissions_tally(submission_ids=submission_ids)
    return flagged


def _erasure_jobs_run(payloads: list[dict]) -> None:
    from observers.retention.services import erasure_jobs_run  # imported here: retention writes outbox jobs

    erasure_jobs_run(payloads)


def _plan_proposals_run(payloads: list[dict]) -> None:
    from observers.deployment.services import plan_proposals_run  # imported here: deployment writes outbox jobs

    plan_proposals_run(payloads)


def outbox_add(*, mission_id: int, kind: str, payload: dict) -> OutboxJob:
    """Write a job in the current transaction; it is sent to the broker once (and only if) the transaction commits."""
    job = OutboxJob.objects.create(mission_id=mission_id, kind=kind, payload=payload)
    transaction.on_commit(lambda: _send_soon(job.pk))
    return job


def outbox_insert_with(instance: models.Model, *, kind: str, key: str) -> None:
    """Insert the new `instance` and, atomically with it, the job of `kind` whose payload is {key: its id}.
    IntegrityError, and nothing written, when a row with one of its unique values is there already.

    On PostgreSQL one statement writes both (a data-modifying WITH): it is atomic by itself, so it needs no
    transaction of its own, and a phone's form costs one round trip instead of four (BEGIN, two INSERTs, COMMIT).
    A taken value inserts nothing (ON CONFLICT DO NOTHING) rather than fail: a caller's transaction stays usable
    without a savepoint, and PostgreSQL logs no error for every form a phone sends again.
    Elsewhere (SQLite, the embedded mode) the ORM writes them in a transaction."""
    if connection.vendor != "postgresql":
        with transaction.atomic():
            instance.save(force_insert=True)
            outbox_add(mission_id=instance.mission_id, kind=kind, payload={key: instance.pk})
        return
    job = OutboxJob(mission_id=instance.mission_id, kind=kind)
    sql, fields, job_fields = _insert_with_job_sql(type(instance))
    values = [
        field.get_db_prep_save(field.pre_save(row, True), connection)
        for row, row_fields in ((instance, fields), (job, job_fields))
        for field in row_fields
    ]
    with connection.cursor() as cursor:
        execute_prepared(cursor, sql, [*values, key, key])
        inserted = cursor.fetchone()
    if inserted is None:
        raise IntegrityError(f"{type(instance).__name__} not inserted: one of its unique values is taken.")
    job_id, instance.pk = inserted
    instance._state.adding, instance._state.db = False, connection.alias
    transaction.on_commit(lambda: _send_soon(job_id))  # outside a transaction: now


@functools.cache
def _insert_with_job_sql(model: type[models.Model]) -> tuple[str, list, list]:
    """The statement that inserts a row of `model` and its job, with the fields whose values it takes (all but
    the generated primary keys; the job's payload is made in the statement from the new row's key)."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    job_fields = [
        field for field in OutboxJob._meta.concrete_fields if not field.primary_key and field.name != "payload"
    ]
    pk = model._meta.pk.column
    sql = (
        f"WITH made AS (INSERT INTO {model._meta.db_table} ({_columns(fields)}) VALUES ({placeholders(len(fields))})"
        f" ON CONFLICT DO NOTHING RETURNING {pk})"
        f" INSERT INTO {OutboxJob._meta.db_table} ({_columns(job_fields)}, payload)"
        f" SELECT {placeholders(len(job_fields))}, jsonb_build_object(%s::text, made.{pk}) FROM made"
        " RETURNING id, (payload ->> %s::text)::bigint"
    )
    return sql, fields, job_fields


def _columns(fields) -> str:
    return ", ".join(connection.ops.quote_name(field.column) for field in fields)


def outbox_enqueue(*, job_ids: list[int]) -> bool:
    """Hand jobs to Celery in one message; False (logged) when the broker cannot take them: they stay pending."""
    from observers.tasks import outbox_run  # tasks.py imports this module

    try:
        outbox_run.apply_async(args=[job_ids], retry=False)  # no waiting for the broker: the dispatcher retries
    except Exception:  # the broker's client raises many kinds (kombu, redis, socket): all mean "not sent"
        logger.warning("Outbox jobs %s were not sent to the broker; they stay pending.", job_ids, exc_info=True)
        return False
    return True


class _Sender:
    """A web process's sending thread: it takes the jobs committed by the request threads and sends those that
    come within GATHER_SECONDS of each other in one message (a worker runs them in one transaction). It touches
    no database."""

    def __init__(self):
        self.jobs: queue.SimpleQueue[int] = queue.SimpleQueue()
        threading.Thread(target=self._run, name="outbox-sender", daemon=True).start()

    def _run(self):
        while True:
            batch = [self.jobs.get()]
            deadline = time.monotonic() + GATHER_SECONDS
            while len(batch) < MESSAGE_JOBS and (wait := deadline - time.monotonic()) > 0:
                try:
                    batch.append(self.jobs.get(timeout=wait))
                except queue.Empty:
                    break
            outbox_enqueue(job_ids=batch)


_senders: dict[int, _Sender] = {}  # by process id: a process forked from this one starts its own thread
_senders_lock = threading.Lock()


def _send_soon(job_id: int) -> None:
    if settings.CELERY_TASK_ALWAYS_EAGER:  # no broker: the job runs now, in this thread (embedded mode, tests)
        outbox_enqueue(job_ids=[job_id])
        return
    with _senders_lock:
        sender = _senders.get(os.getpid())
        if sender is None:
            sender = _senders[os.getpid()] = _Sender()
    sender.jobs.put(job_id)


def outbox_dispatch(*, older_than: timedelta = RESEND_AFTER) -> int:
    """Send again the pending jobs due for longer than `older_than`; returns how many were sent."""
    cutoff, last_id, total = timezone.now() - older_than, 0, 0
    due = OutboxJob.objects.filter(status=OutboxJob.Status.PENDING, available_at__lte=cutoff)
    while batch := list(due.filter(pk__gt=last_id).order_by("pk").values_list("pk", flat=True)[:MESSAGE_JOBS]):
        if not outbox_enqueue(job_ids=batch):
            break  # the broker is down: the rest waits for the next round
        # Not sent again before another `older_than` (unless a failure has already pushed the time further).
        due.filter(pk__in=batch).update(available_at=timezone.now())
        total += len(batch)
        last_id = batch[-1]
    return total


def outbox_jobs_run(*, job_ids: list[int]) -> None:
    """Run the pending ones of `job_ids` (a message's worth) in one transaction: one claim and one commit for all.
    Should one of them raise, each is run again on its own, so a failing job neither holds back nor hides the
    others. A job another worker is running is left to it (the claim waits for that worker's commit)."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(_CLAIM_SQL.format(ids=placeholders(len(job_ids))), [timezone.now(), *job_ids])
            jobs = [(kind, _PAYLOAD.from_db_value(payload, None, connection)) for kind, payload in cursor.fetchall()]
            for kind in {kind for kind, _ in jobs}:
                HANDLERS[kind]([payload for job_kind, payload in jobs if job_kind == kind])
    except Exception:
        logger.warning("A job among outbox jobs %s failed; running them one by one.", job_ids, exc_info=True)
        for job_id in job_ids:
            outbox_job_run(job_id=job_id)


# The claim of a message's jobs, as one statement: marked done (undone with the transaction should a job raise).
_CLAIM_SQL = (
    f"UPDATE {OutboxJob._meta.db_table} SET status = '{OutboxJob.Status.DONE.value}', attempts = attempts + 1,"
    f" finished_at = %s, last_error = '' WHERE status = '{OutboxJob.Status.PENDING.value}'"
    " AND id IN ({ids}) RETURNING kind, payload"
)
_PAYLOAD = OutboxJob._meta.get_field("payload")


def outbox_job_run(*, job_id: int) -> bool:
    """Run a pending job; False when it was not pending (done already, failed, or being run by another worker)."""
    try:
        with transaction.atomic():
            claimed = OutboxJob.objects.filter(pk=job_id, status=OutboxJob.Status.PENDING).update(
                status=OutboxJob.Status.DONE, attempts=F("attempts") + 1, finished_at=timezone.now(), last_error=""
            )
            if not claimed:
                return False
            job = OutboxJob.objects.only("kind", "payload").get(pk=job_id)
            HANDLERS[job.kind]([job.payload])
    except Exception as error:
        logger.exception("Outbox job %s failed.", job_id)
        _failure_record(job_id=job_id, error=error)
    return True


def _failure_record(*, job_id: int, error: Exception) -> None:
    """Count the attempt and keep the error; retry after 30 s, 1, 2, 4 min; then the job is failed."""
    attempts = 1 + (OutboxJob.objects.filter(pk=job_id).values_list("attempts", flat=True).first() or 0)
    now, failed = timezone.now(), attempts >= MAX_ATTEMPTS
    OutboxJob.objects.filter(pk=job_id, status=OutboxJob.Status.PENDING).update(
        attempts=attempts,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        status=OutboxJob.Status.FAILED if failed else OutboxJob.Status.PENDING,
        available_at=now + timedelta(seconds=30 * 2 ** (attempts - 1)),
        finished_at=now if failed else None,
    )


def outbox_jobs_retry(*, mission_id: int) -> int:
    """Give the failed jobs of a mission another round of attempts (once their cause is mended); returns how many."""
    retried = list(
        OutboxJob.objects.filter(mission_id=mission_id, status=OutboxJob.Status.FAILED).values_list("pk", flat=True)
    )
    OutboxJob.objects.filter(pk__in=retried, status=OutboxJob.Status.FAILED).update(
        status=OutboxJob.Status.PENDING, attempts=0, available_at=timezone.now(), finished_at=None
    )
    transaction.on_commit(lambda: _send_each(retried))
    return len(retried)


def _send_each(job_ids: list[int]) -> None:
    for start in range(0, len(job_ids), MESSAGE_JOBS):
        outbox_enqueue(job_ids=job_ids[start : start + MESSAGE_JOBS])
