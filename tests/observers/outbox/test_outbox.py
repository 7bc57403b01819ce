"""The outbox: the check each submission sets off is written with it, sent after the commit, sent again when the
broker was down, run once however often it is delivered, and failures are kept for coordinators to see."""

import datetime as dt
import threading
import uuid
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from config.celery import app as celery_app
from observers.models import Checklist, OutboxJob, Role, Submission, SubmissionFlag
from observers.outbox import services as outbox
from reports.models import Compilation
from tests.factories import (
    AssignmentFactory,
    ObserverFactory,
    ReportFactory,
    SubmissionFactory,
    valid_answers,
)

URL = "/api/v1/submissions/"


def body(day, **overrides) -> dict:
    return {
        "uuid": str(uuid.uuid4()),
        "checklist": day.voting.pk,
        "polling_station": day.planned.pk,
        "answers": valid_answers(),
        "observed_at": "2004-09-19T09:30:00+06:00",
        **overrides,
    }


@pytest.fixture
def phone(day, token_client):
    return token_client(day.sto.user)


@pytest.fixture
def second_team(day, token_client):
    """Another short-term team with the same station in its plan, and its phone."""
    AssignmentFactory(team=day.other_sto.team, polling_station=day.planned, order=1)
    return token_client(day.other_sto.user)


def broker_down():
    return mock.patch("observers.tasks.outbox_run.apply_async", side_effect=ConnectionRefusedError(111, "refused"))


def test_a_stored_submission_writes_its_check_and_runs_it_after_the_commit(
    day, phone, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = phone.post(URL, body(day), format="json")

    assert response.status_code == 201
    job = OutboxJob.objects.get()
    submission = Submission.objects.get()
    assert (job.kind, job.payload, job.mission) == ("submission_check", {"submission_id": submission.pk}, day.mission)
    assert len(callbacks) == 1
    assert (job.status, job.attempts, job.last_error) == ("done", 1, "")
    assert job.finished_at is not None


def test_a_resend_and_a_refused_form_write_no_job(day, phone, django_capture_on_commit_callbacks):
    first = body(day)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert phone.post(URL, first, format="json").status_code == 201
        assert phone.post(URL, first, format="json").status_code == 200
        assert phone.post(URL, {**first, "answers": valid_answers(secrecy="no")}, format="json").status_code == 409
        assert phone.post(URL, body(day, polling_station=day.unplanned.pk), format="json").status_code == 403

    assert OutboxJob.objects.count() == 1
    assert len(callbacks) == 1


def test_with_the_broker_down_the_form_is_stored_and_its_job_waits(
    day, phone, django_capture_on_commit_callbacks, caplog
):
    with broker_down(), django_capture_on_commit_callbacks(execute=True):
        response = phone.post(URL, body(day), format="json")

    assert response.status_code == 201
    assert Submission.objects.count() == 1
    job = OutboxJob.objects.get()
    assert (job.status, job.attempts) == ("pending", 0)
    assert f"Outbox jobs [{job.pk}] were not sent to the broker; they stay pending." in caplog.text


def test_with_a_broker_a_thread_sends_the_jobs_that_gather_meanwhile_in_one_message(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    sent, first_may_return, all_sent = [], threading.Event(), threading.Event()

    def publish(args, retry):
        sent.append(args[0])
        first_may_return.wait(5)  # the broker is slow: the other jobs gather meanwhile
        if sum(map(len, sent)) == 30:
            all_sent.set()

    with mock.patch("observers.tasks.outbox_run.apply_async", side_effect=publish):
        for job_id in range(1, 31):
            outbox._send_soon(job_id)  # returns at once: the request does not wait for the broker
        first_may_return.set()
        assert all_sent.wait(5)

    assert [job_id for message in sent for job_id in message] == list(range(1, 31))
    assert len(sent) <= 2


def test_the_dispatcher_sends_again_only_jobs_due_for_a_while(day):
    now = timezone.now()
    overdue = OutboxJob.objects.create(
        mission=day.mission,
        kind="submission_check",
        payload={"submission_id": 0},
        available_at=now - dt.timedelta(minutes=1),
    )
    recent = OutboxJob.objects.create(mission=day.mission, kind="submission_check", payload={"submission_id": 0})
    done = OutboxJob.objects.create(
        mission=day.mission, kind="submission_check", status="done", available_at=now - dt.timedelta(minutes=1)
    )

    with mock.patch("observers.tasks.outbox_run.apply_async") as send:
        assert outbox.outbox_dispatch() == 1

    send.assert_called_once_with(args=[[overdue.pk]], retry=False)
    overdue.refresh_from_db()
    assert overdue.available_at > now  # not sent again before another RESEND_AFTER
    assert recent.status == "pending" and done.status == "done"


def test_the_dispatcher_sends_a_message_per_hundred_jobs_and_stops_when_the_broker_refuses(day):
    old = timezone.now() - dt.timedelta(minutes=5)
    OutboxJob.objects.bulk_create(
        OutboxJob(mission=day.mission, kind="submission_check", payload={"submission_id": 0}, available_at=old)
        for _ in range(250)
    )
    refusals = [None, ConnectionRefusedError(111, "refused")]

    with mock.patch("observers.tasks.outbox_run.apply_async", side_effect=refusals) as send:
        assert outbox.outbox_dispatch() == 100

    assert [len(call.kwargs["args"][0]) for call in send.call_args_list] == [100, 100]
    assert OutboxJob.objects.filter(available_at=old).count() == 150  # waiting for the next round


def test_dispatch_outbox_runs_the_pending_checks(day, phone, second_team, django_capture_on_commit_callbacks):
    with broker_down(), django_capture_on_commit_callbacks(execute=True):
        phone.post(URL, body(day), format="json")
        second_team.post(URL, body(day, answers=valid_answers(overall_assessment="bad")), format="json")
    assert list(OutboxJob.objects.values_list("status", flat=True)) == ["pending", "pending"]
    assert not SubmissionFlag.objects.exists()

    with mock.patch("sys.stdout") as stdout:  # the broker is back (eager in tests): the jobs run
        call_command("dispatch_outbox", "--older-than", "0", stdout=stdout)

    assert set(OutboxJob.objects.values_list("status", flat=True)) == {"done"}
    flag = SubmissionFlag.objects.get()
    assert (flag.question, flag.first_answer, flag.second_answer) == ("overall_assessment", "good", "bad")
    stdout.write.assert_called_with("Sent 2 job(s) to the workers; 0 pending now.\n")


def test_a_job_delivered_twice_runs_once(day):
    job = OutboxJob.objects.create(mission=day.mission, kind="submission_check", payload={"submission_id": 7})
    check = mock.Mock()
    with mock.patch.dict(outbox.HANDLERS, {"submission_check": check}):
        assert outbox.outbox_job_run(job_id=job.pk) is True
        assert outbox.outbox_job_run(job_id=job.pk) is False

    check.assert_called_once_with([{"submission_id": 7}])
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("done", 1)


def test_a_message_of_jobs_runs_them_together_and_once(day, django_assert_max_num_queries):
    jobs = [
        OutboxJob.objects.create(mission=day.mission, kind="submission_check", payload={"submission_id": n})
        for n in (1, 2, 3)
    ]
    check = mock.Mock()
    with mock.patch.dict(outbox.HANDLERS, {"submission_check": check}):
        with django_assert_max_num_queries(4):  # claim, done; savepoint and its release in the test's transaction
            outbox.outbox_jobs_run(job_ids=[job.pk for job in jobs])
        outbox.outbox_jobs_run(job_ids=[job.pk for job in jobs])  # the message delivered again

    check.assert_called_once()  # the three together
    assert sorted(payload["submission_id"] for payload in check.call_args.args[0]) == [1, 2, 3]
    assert set(OutboxJob.objects.values_list("status", "attempts")) == {("done", 1)}


def test_one_failing_job_of_a_message_neither_holds_back_nor_hides_the_others(day):
    jobs = [
        OutboxJob.objects.create(mission=day.mission, kind="submission_check", payload={"submission_id": n})
        for n in (1, 2, 3)
    ]

    def check(payloads):
        if any(payload["submission_id"] == 2 for payload in payloads):
            raise KeyError("station")

    with mock.patch.dict(outbox.HANDLERS, {"submission_check": check}):
        outbox.outbox_jobs_run(job_ids=[job.pk for job in jobs])

    assert [(job.status, job.attempts, job.last_error) for job in OutboxJob.objects.order_by("pk")] == [
        ("done", 1, ""),
        ("pending", 1, "KeyError: 'station'"),
        ("done", 1, ""),
    ]


def test_a_failing_job_is_retried_later_then_failed_with_its_reason(day):
    job = OutboxJob.objects.create(mission=day.mission, kind="submission_check", payload={"submission_id": 7})
    failing = mock.Mock(side_effect=ValueError("station 7 has no region"))
    delays = []
    with mock.patch.dict(outbox.HANDLERS, {"submission_check": failing}):
        for _ in range(outbox.MAX_ATTEMPTS):
            before = timezone.now()
            outbox.outbox_job_run(job_id=job.pk)
            job.refresh_from_db()
            delays.append(round((job.available_at - before).total_seconds() / 30))
            if job.status == "pending":
                assert job.finished_at is None

    assert (job.status, job.attempts, job.last_error) == ("failed", 5, "ValueError: station 7 has no region")
    assert delays == [1, 2, 4, 8, 16]  # x 30 s
    assert outbox.outbox_job_run(job_id=job.pk) is False  # a failed job is not run again by a late delivery


def test_the_beat_schedule_names_a_registered_task(db, settings):
    task = settings.CELERY_BEAT_SCHEDULE["dispatch-outbox"]["task"]
    assert task in celery_app.tasks
    assert celery_app.tasks[task].apply().get() == 0


# --- disagreements between teams ---


def check_of(*submission_ids) -> int:
    """The submission_check jobs of these submissions, run as a worker runs a message of them."""
    return outbox.HANDLERS["submission_check"]([{"submission_id": pk} for pk in submission_ids])


def station_form(day, team, **answers):
    return SubmissionFactory(
        checklist=day.voting,
        team=team,
        observer=team.members.first(),
        polling_station=day.planned,
        answers=valid_answers(**answers),
    )


def test_teams_that_disagree_at_a_station_are_flagged_once_per_question(day):
    first = station_form(day, day.sto.team, overall_assessment="good", secrecy="yes", unauthorised="no")
    second = station_form(
        day,
        day.other_sto.team,
        overall_assessment="very_bad",
        secrecy="no",
        unauthorised="yes",
        unauthorised_who=["police"],
    )

    assert check_of(second.pk) == 3
    assert check_of(first.pk) == 3  # found again from the other side

    assert check_of(first.pk, second.pk) == 3  # both in one message: each disagreement once
    assert SubmissionFlag.objects.count() == 3
    flags = set(SubmissionFlag.objects.values_list("question", "first", "second", "first_answer", "second_answer"))
    assert flags == {
        ("overall_assessment", first.pk, second.pk, "good", "very_bad"),
        ("secrecy", first.pk, second.pk, "yes", "no"),
        ("unauthorised", first.pk, second.pk, "no", "yes"),
    }
    assert set(SubmissionFlag.objects.values_list("mission", "polling_station", "kind")) == {
        (day.mission.pk, day.planned.pk, "voting")
    }


@pytest.mark.parametrize(
    "mine, theirs",
    [
        ({"overall_assessment": "good"}, {"overall_assessment": "very_good"}),  # both positive
        ({"overall_assessment": "bad"}, {"overall_assessment": "very_bad"}),  # both negative
        ({"secrecy": "na"}, {"secrecy": "no"}),  # not applicable disagrees with nothing
    ],
)
def test_answers_of_the_same_side_are_no_disagreement(day, mine, theirs):
    station_form(day, day.sto.team, **mine)
    second = station_form(day, day.other_sto.team, **theirs)

    assert check_of(second.pk) == 0
    assert not SubmissionFlag.objects.exists()


def test_only_other_teams_forms_of_the_same_kind_at_the_same_station_count(day):
    station_form(day, day.sto.team, overall_assessment="good")
    mine_again = station_form(day, day.sto.team, overall_assessment="bad")  # the same team changed its mind
    elsewhere = SubmissionFactory(
        checklist=day.voting,
        team=day.other_sto.team,
        observer=day.other_sto,
        polling_station=day.unplanned,
        answers=valid_answers(overall_assessment="very_bad"),
    )
    opening = Checklist.objects.create(mission=day.mission, kind="opening", questions=day.voting.questions)
    other_kind = SubmissionFactory(
        checklist=opening,
        team=day.other_sto.team,
        observer=day.other_sto,
        polling_station=day.planned,
        answers=valid_answers(overall_assessment="very_bad"),
    )
    no_station = SubmissionFactory(checklist=day.incident, team=day.lto.team, observer=day.lto, polling_station=None)

    for submission in (mine_again, elsewhere, other_kind, no_station):
        assert check_of(submission.pk) == 0
    assert check_of(10**9) == 0  # deleted since
    assert check_of(mine_again.pk, elsewhere.pk, other_kind.pk, no_station.pk, 10**9) == 0  # all in one message
    assert not SubmissionFlag.objects.exists()


# --- the operations page ---

JOBS = "/operations/jobs/"


@pytest.fixture
def troubles(day):
    """A failed and a pending check, a finished one, a failed compilation; and another mission's failed job."""
    failed = OutboxJob.objects.create(
        mission=day.mission,
        kind="submission_check",
        payload={"submission_id": 41},
        status="failed",
        attempts=5,
        last_error="OperationalError: could not connect to server",
    )
    pending = OutboxJob.objects.create(mission=day.mission, kind="submission_check", payload={"submission_id": 42})
    OutboxJob.objects.create(mission=day.mission, kind="submission_check", status="done", payload={"submission_id": 40})
    compilation = Compilation.objects.create(
        report=ReportFactory(mission=day.mission), status="failed", attempts=3, error="WeasyPrint: font not found"
    )
    elsewhere = ObserverFactory(role=Role.COORDINATOR)
    OutboxJob.objects.create(
        mission=elsewhere.mission, kind="submission_check", status="failed", last_error="KeyError: another mission"
    )
    return failed, pending, compilation


def test_a_coordinator_sees_failed_and_waiting_jobs_with_their_reasons(
    day, client, troubles, django_assert_max_num_queries
):
    failed, pending, compilation = troubles
    client.force_login(day.coordinator.user)

    with django_assert_max_num_queries(8):
        response = client.get(JOBS)

    assert response.status_code == 200
    assert response.context["counts"] == {"failed": 1, "pending": 1}
    assert [job.pk for job in response.context["outbox_jobs"]] == [failed.pk, pending.pk]
    assert [c.pk for c in response.context["compilations"]] == [compilation.pk]
    page = response.content.decode()
    assert "OperationalError: could not connect to server" in page
    assert "WeasyPrint: font not found" in page
    assert "another mission" not in page


@pytest.mark.parametrize("role", ["analyst", "sto", "lto"])
def test_only_coordinators_see_the_jobs(day, client, role):
    client.force_login(ObserverFactory(mission=day.mission, role=role).user)
    assert client.get(JOBS).status_code == 403
    assert client.post(JOBS + "retry/").status_code == 403


def test_a_coordinator_tries_the_failed_jobs_again(day, client, troubles, django_capture_on_commit_callbacks):
    failed, _, _ = troubles
    failed.payload = {"submission_id": station_form(day, day.sto.team).pk}
    failed.save()
    client.force_login(day.coordinator.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(JOBS + "retry/", follow=True)

    assert "1 failed job(s) will be tried again." in response.content.decode()
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.last_error) == ("done", 1, "")
    assert OutboxJob.objects.filter(status="failed").count() == 1  # the other mission's stays as it was


def test_the_jobs_page_needs_a_login(client):
    response = client.get(JOBS)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_quiet_mission_says_every_check_has_run(day, client):
    client.force_login(day.coordinator.user)
    page = client.get(JOBS).content.decode()
    assert "Every check has run." in page and "No compilation has failed." in page


@pytest.mark.postgres
def test_on_postgresql_a_row_and_its_job_are_one_statement_and_a_taken_uuid_writes_neither(day):
    first = SubmissionFactory.build(
        mission=day.mission, checklist=day.voting, team=day.sto.team, observer=day.sto, polling_station=day.planned
    )
    with CaptureQueriesContext(connection) as captured:
        outbox.outbox_insert_with(first, kind=OutboxJob.Kind.SUBMISSION_CHECK, key="submission_id")
    statements = [q["sql"] for q in captured.captured_queries if not q["sql"].startswith("PREPARE ")]
    assert len(statements) == 1 and statements[0].startswith("EXECUTE"), statements
    assert first.pk and Submission.objects.filter(pk=first.pk).exists()
    job = OutboxJob.objects.get(mission=day.mission)
    assert (job.kind, job.payload) == (OutboxJob.Kind.SUBMISSION_CHECK, {"submission_id": first.pk})

    again = SubmissionFactory.build(
        mission=day.mission,
        checklist=day.voting,
        team=day.sto.team,
        observer=day.sto,
        polling_station=day.planned,
        uuid=first.uuid,
    )
    with transaction.atomic():
        with pytest.raises(IntegrityError, match="Submission not inserted"):
            outbox.outbox_insert_with(again, kind=OutboxJob.Kind.SUBMISSION_CHECK, key="submission_id")
        assert Submission.objects.count() == 1  # the transaction is still usable: no savepoint was needed
    assert OutboxJob.objects.count() == 1
