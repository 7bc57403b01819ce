"""The tallies of the answers: kept by the worker as forms arrive through the phone's API, corrected by the review
and by a new form version, and recounted by `manage.py tallies_check`, which fails when they disagree."""

import threading
import uuid
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import F, Sum
from django.test import TestCase

from observers.checklists.services import checklist_publish
from observers.models import AnswerTally, OutboxJob, Submission
from observers.submissions import review
from observers.submissions.tallies import submissions_tally
from tests.factories import AssignmentFactory, SubmissionFactory, valid_answers

URL = "/api/v1/submissions/"


def send(phone, day, **answers):
    with TestCase.captureOnCommitCallbacks(execute=True):  # the worker's job, run as the form commits
        response = phone.post(
            URL,
            {
                "uuid": str(uuid.uuid4()),
                "checklist": day.voting.pk,
                "polling_station": day.planned.pk,
                "answers": valid_answers(**answers),
                "observed_at": "2004-09-19T09:30:00+06:00",
            },
            format="json",
        )
    assert response.status_code == 201, response.content
    return Submission.objects.get(uuid=response.json()["uuid"])


def tally(day, code: str, value: str = "", **where) -> int:
    rows = AnswerTally.objects.filter(mission=day.mission, code=code, value=value, **where)
    return rows.aggregate(n=Sum("count"))["n"] or 0


def check() -> str:
    out = StringIO()
    call_command("tallies_check", stdout=out)
    return out.getvalue()


def test_tallies_follow_arrivals_excludes_restores_and_new_versions_and_agree_with_a_recount(day, token_client):
    AssignmentFactory(team=day.other_sto.team, polling_station=day.planned, order=1)
    mine, theirs = token_client(day.sto.user), token_client(day.other_sto.user)
    first = send(mine, day)
    send(mine, day, secrecy="no", overall_assessment="bad")
    both = send(theirs, day, unauthorised="yes", unauthorised_who=["police", "officials"], notes="Two men in uniform")
    send(theirs, day, overall_assessment="very_bad")

    assert not Submission.objects.filter(mission=day.mission, tallied=False).exists()  # by the worker's job
    assert tally(day, "", "") == 4 and tally(day, "secrecy") == 4 and tally(day, "secrecy", "yes") == 3
    assert tally(day, "unauthorised_who", "police") == 1 and tally(day, "unauthorised_who") == 1
    assert tally(day, "secrecy", "yes", team=day.other_sto.team) == 2
    assert tally(day, "", "", region_id=day.region.pk) == 4
    assert not AnswerTally.objects.filter(code__in=["notes", "voters_on_list", "arrival_time"]).exists()

    review.submission_exclude(submission=both, reviewer=day.coordinator, reason="Sent from the wrong station.")
    assert tally(day, "unauthorised_who", "police") == 0 and tally(day, "", "") == 3
    review.submission_exclude(submission=first, reviewer=day.coordinator, reason="A test form.")
    review.submission_restore(submission=first, reviewer=day.coordinator)
    assert tally(day, "", "") == 3 and tally(day, "secrecy", "yes") == 2
    assert OutboxJob.objects.filter(status=OutboxJob.Status.DONE).count() == 4
    assert "the tallies agree" in check()

    # A new version asks "notes" as a choice: the notes the forms gave so far are tabulated from now on.
    questions = [
        {**q, "type": "single", "choices": [{"value": "none", "labels": {"en": "None"}}]} if q["code"] == "notes" else q
        for q in day.voting.questions
    ]
    checklist_publish(mission=day.mission, kind="voting", title=day.voting.title, questions=questions)
    assert tally(day, "notes", "Two men in uniform") == 0  # that form is excluded
    review.submission_restore(submission=both, reviewer=day.coordinator)
    assert tally(day, "notes", "Two men in uniform") == 1 and tally(day, "", "") == 4
    assert "the tallies agree" in check()


def test_the_check_fails_when_a_tally_is_off_and_the_rebuild_mends_it(day, token_client):
    send(token_client(day.sto.user), day)
    SubmissionFactory(checklist=day.voting, team=day.sto.team, observer=day.sto, polling_station=day.planned)
    AnswerTally.objects.filter(code="secrecy", value="yes").update(count=F("count") + 1)
    with pytest.raises(CommandError, match="1 tally row"):
        check()
    out = StringIO()
    call_command("tallies_check", "--rebuild", stdout=out)
    assert "rebuilt" in out.getvalue()
    assert not Submission.objects.filter(tallied=False).exists()  # the factory's form too
    assert tally(day, "secrecy", "yes") == 2 and "the tallies agree" in check()
    with pytest.raises(CommandError, match="No mission with slug"):
        call_command("tallies_check", "--mission", "nowhere")


def test_with_tallies_off_the_forms_stay_untallied(day, token_client, settings):
    settings.TALLIES = False
    send(token_client(day.sto.user), day)
    assert Submission.objects.filter(tallied=False).count() == 1 and not AnswerTally.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_workers_adding_to_the_same_rows_at_once_lose_nothing(day):
    """Four workers tally forms of the same team and answers at once while an analyst excludes one: the upsert
    adds every form once (no lost update, no deadlock), and the recount agrees."""
    forms = [
        SubmissionFactory(checklist=day.voting, team=day.sto.team, observer=day.sto, polling_station=day.planned)
        for _ in range(40)
    ]
    chunks = [[form.pk for form in forms[n::4]] for n in range(4)]
    barrier, errors = threading.Barrier(5), []

    def work(action):
        try:
            barrier.wait()
            with transaction.atomic():
                action()
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    actions = [lambda chunk=chunk: submissions_tally(submission_ids=chunk) for chunk in chunks]
    actions.append(
        lambda: review.submission_exclude(submission=forms[0], reviewer=day.coordinator, reason="A duplicate.")
    )
    threads = [threading.Thread(target=work, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert tally(day, "", "") in (39, 40)  # 40 if the exclusion came first (the form is then never added)
    assert tally(day, "", "") == Submission.objects.counted().filter(tallied=True).count() == 39
    assert "the tallies agree" in check()


def test_values_with_quotes_backslashes_commas_and_braces_are_tallied_as_sent(day, token_client):
    """The upsert hands PostgreSQL each column as an array's text: a value with the array syntax's own characters
    is one value still, counted as the form gave it."""
    phone, odd = token_client(day.sto.user), 'He said "no", {then} left \\ NULL'
    send(phone, day, notes=odd)
    questions = [
        {**q, "type": "single", "choices": [{"value": "none", "labels": {"en": "None"}}]} if q["code"] == "notes" else q
        for q in day.voting.questions
    ]
    checklist_publish(mission=day.mission, kind="voting", title=day.voting.title, questions=questions)
    assert tally(day, "notes", odd) == 1  # counted afresh from the forms so far
    send(phone, day, notes="none")
    send(phone, day, notes="NULL")
    assert tally(day, "notes", odd) == 1 and tally(day, "notes", "none") == 1 and tally(day, "notes", "NULL") == 1
    assert tally(day, "notes") == 3 and "the tallies agree" in check()
