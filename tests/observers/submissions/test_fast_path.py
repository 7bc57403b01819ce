"""The phone's path keeps a used checklist version in memory: it is frozen once a form is stored with it.
Committed for real (transaction=True): the version is remembered only once the form's transaction has committed."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from observers.checklists.services import ChecklistLocked, checklist_update
from observers.models import Submission
from tests.factories import valid_answers

URL = "/api/v1/submissions/"
CHECKLIST_READ = 'SELECT "observers_checklist".'
EXTRA_QUESTION = {"code": "extra", "type": "yes_no", "required": True, "labels": {"en": "Asked since the correction"}}


def form(day, **answers) -> dict:
    return {
        "uuid": str(uuid.uuid4()),
        "checklist": day.voting.pk,
        "polling_station": day.planned.pk,
        "answers": valid_answers(**answers),
        "observed_at": "2004-09-19T09:30:00+06:00",
    }


@pytest.mark.django_db(transaction=True)
def test_a_used_version_is_not_read_again_and_still_checks_the_answers(day, token_client, settings):
    # The worker's tallying, which tests run in the request's thread once it commits, reads the versions' questions
    # under a lock (observers/submissions/tallies.py); the phone's path itself must not.
    settings.TALLIES = False
    phone = token_client(day.sto.user)
    assert phone.post(URL, form(day), format="json").status_code == 201

    with CaptureQueriesContext(connection) as queries:
        stored = phone.post(URL, form(day, overall_assessment="bad"), format="json")
        refused = phone.post(URL, form(day, secrecy="maybe"), format="json")

    assert stored.status_code == 201
    assert refused.status_code == 400
    assert "secrecy" in refused.json()["answers"]
    checklist_reads = [sql for query in queries.captured_queries if (sql := query["sql"]).startswith(CHECKLIST_READ)]
    assert not checklist_reads
    with pytest.raises(ChecklistLocked):  # why it may be kept: a used version never changes
        checklist_update(
            checklist=day.voting, title=day.voting.title, questions=[*day.voting.questions, EXTRA_QUESTION]
        )
    assert Submission.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_refused_form_leaves_its_version_open_to_correction(day, token_client):
    phone = token_client(day.sto.user)
    assert phone.post(URL, form(day, secrecy="maybe"), format="json").status_code == 400

    checklist_update(checklist=day.voting, title=day.voting.title, questions=[*day.voting.questions, EXTRA_QUESTION])
    response = phone.post(URL, form(day), format="json")

    assert response.status_code == 400
    assert list(response.json()["answers"]) == ["extra"]
