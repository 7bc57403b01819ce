"""Closing a mission and erasing its observers' personal data, through the coordinator's page."""

import csv
import io
import json

import pytest
from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import models
from rest_framework.test import APIClient

from observers.models import ApiToken, LoginLink, Observer, OutboxJob, Role
from observers.outbox.services import outbox_job_run
from reports.findings.selectors import findings_compute
from tests.factories import ObserverFactory
from tests.mission.imports.helpers import stored_uploads
from tests.observers.retention.conftest import MISSION_NAME, PERSONAL, erase

pytestmark = pytest.mark.django_db


def _shown(response) -> str:
    return " ".join(response.content.decode().split())


def personal_values_in_database() -> list[tuple[str, str, str]]:
    """(table, column, value) of every text or JSON cell, of every model, that holds a personal value."""
    found = []
    for model in apps.get_models():
        columns = [f for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))]
        columns += [f for f in model._meta.concrete_fields if isinstance(f, models.JSONField)]
        for row in model._default_manager.values_list(*(f.attname for f in columns)):
            for field, value in zip(columns, row):
                text = json.dumps(value, ensure_ascii=False) if isinstance(field, models.JSONField) else value or ""
                found += [(model._meta.db_table, field.name, p) for p in PERSONAL if p.casefold() in text.casefold()]
    return found


def _csv_text(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_after_erasure_nothing_personal_remains_while_the_findings_stay(closing):
    client, mission = closing.client, closing.mission
    figures = findings_compute(mission=mission, language="en")
    assert personal_values_in_database() and stored_uploads()  # the setup did spread the values about

    response = erase(client)

    assert response.status_code == 302
    page = _shown(client.get("/retention/"))
    assert "The observers' personal data was erased on" in page.replace("&#x27;", "'")
    assert personal_values_in_database() == []
    assert stored_uploads() == []  # the roster uploaded and never imported
    assert findings_compute(mission=mission, language="en") == figures
    exports = _csv_text(client, "/exports/submissions.csv", kind="voting") + _csv_text(
        client, "/exports/deployment.csv"
    )
    assert not [p for p in PERSONAL if p.casefold() in exports.casefold()]
    rows = list(csv.DictReader(io.StringIO(_csv_text(client, "/exports/submissions.csv", kind="voting"))))
    anna, jens = closing.people["Anna Kowalska"], closing.people["Jens Berg"]
    assert sorted(row["observer"] for row in rows) == sorted([f"Observer {anna.pk}", f"Observer {jens.pk}"])


def test_what_is_kept_and_what_goes(closing):
    elsewhere = Observer.objects.exclude(mission=closing.mission).get(user=closing.olga.user)
    erase(closing.client)

    observers = Observer.objects.filter(mission=closing.mission).exclude(role=Role.COORDINATOR).order_by("pk")
    kept = [("F", "Poland", "S01"), ("M", "Norway", "S01"), ("F", "Kazakhstan", "L01"), ("", "", "S01")]
    assert list(observers.values_list("full_name", "email", "phone", "gender", "nationality", "team__code")) == [
        (f"Observer {pk}", "", "", *rest) for pk, rest in zip(observers.values_list("pk", flat=True), kept)
    ]
    anna = get_user_model().objects.get(pk=closing.anna_user_pk)
    assert (anna.username, anna.email, anna.is_active, anna.has_usable_password()) == (
        f"erased-{anna.pk}",
        "",
        False,
        False,
    )
    assert not ApiToken.objects.filter(user=anna).exists()
    assert not LoginLink.objects.filter(observer__mission=closing.mission).exists()
    assert not Session.objects.filter(session_key=closing.jens_session).exists()
    assert not AccessAttempt.objects.exists() and not AccessFailureLog.objects.exists()
    # The coordinator keeps their account and name; the account shared with another mission is left alone.
    closing.coordinator.refresh_from_db()
    assert closing.coordinator.full_name == "Carla Coordinator" and closing.coordinator.user.is_active
    olga = get_user_model().objects.get(pk=closing.olga.user_id)
    assert (olga.username, olga.email, olga.is_active) == ("olga", "olga@example.org", True)
    phone = APIClient()
    phone.credentials(HTTP_AUTHORIZATION=f"Token {closing.olga_token}")
    assert phone.get("/api/v1/checklists/").status_code == 200
    kept = Observer.objects.get(pk=elsewhere.pk)
    assert (kept.full_name, kept.email, kept.phone) == (elsewhere.full_name, elsewhere.email, elsewhere.phone)


def test_the_audit_trail_keeps_its_entries_with_the_values_erased_and_records_the_erasure(closing):
    before = LogEntry.objects.count()

    erase(closing.client)

    assert LogEntry.objects.count() == before + 2  # the closing and the erasure
    anna = closing.people["Anna Kowalska"]
    change = LogEntry.objects.get(content_type__model="observer", object_pk=str(anna.pk), action=1)
    assert (change.object_repr, change.changes) == ("[erased]", {"phone": ["[erased]", "[erased]"]})
    revoked = LogEntry.objects.get(content_type__model="apitoken")
    assert revoked.object_repr == "Revoked 1 API token(s) of [erased]"
    erasure = LogEntry.objects.latest("timestamp")
    assert erasure.actor == closing.coordinator.user and erasure.additional_data["count"] == 4
    assert erasure.object_repr.startswith("Erased the personal data of 4 observers (3 accounts closed")
    audit = _shown(closing.client.get("/audit/"))
    assert "Erased the personal data of 4 observers" in audit and "Closed the mission" in audit


@pytest.mark.parametrize(
    "typed, message",
    [("", "This field is required."), ("EOM Elsewhere", f"Type “{MISSION_NAME}” exactly to confirm.")],
)
def test_a_wrong_confirmation_changes_nothing(closing, typed, message):
    refused = closing.client.post("/retention/close/", {"close-confirmation": typed})

    assert refused.status_code == 400 and message in _shown(refused)
    closing.mission.refresh_from_db()
    assert closing.mission.closed_at is None
    assert closing.client.post("/retention/close/", {"close-confirmation": " eom  testland 2004"}).status_code == 302
    refused = closing.client.post("/retention/erase/", {"erase-confirmation": typed})
    assert refused.status_code == 400 and message in _shown(refused)
    assert Observer.objects.filter(full_name="Anna Kowalska").exists()


def test_erasure_waits_for_the_closing_and_happens_once(closing):
    client = closing.client
    early = client.post("/retention/erase/", {"erase-confirmation": MISSION_NAME})
    assert early.status_code == 409 and "Close the mission first" in _shown(early)
    assert Observer.objects.filter(full_name="Anna Kowalska").exists()
    assert "Close the mission" in _shown(client.get("/retention/"))

    assert erase(client).status_code == 302
    again = client.post("/retention/erase/", {"erase-confirmation": MISSION_NAME})
    assert again.status_code == 409 and "already erased" in _shown(again)
    closed_again = client.post("/retention/close/", {"close-confirmation": MISSION_NAME})
    assert closed_again.status_code == 409 and "already closed" in _shown(closed_again)


def test_another_missions_coordinator_cannot_erase_this_one(closing, client):
    other = ObserverFactory(role=Role.COORDINATOR, mission__name=MISSION_NAME)
    client.force_login(other.user)
    client.post("/retention/close/", {"close-confirmation": MISSION_NAME})
    client.post("/retention/erase/", {"erase-confirmation": MISSION_NAME})

    assert Observer.objects.filter(mission=closing.mission, full_name="Anna Kowalska").exists()
    closing.mission.refresh_from_db()
    assert closing.mission.closed_at is None


def test_the_erasure_runs_in_the_background_and_the_page_says_so_meanwhile(closing):
    """Over a second for 3,000 observers (bench/erasure.py): an outbox job. Until a worker has run it, the page says
    it is running (and follows it), nothing is erased yet, and a second request is refused."""
    client = closing.client
    assert client.post("/retention/close/", {"close-confirmation": MISSION_NAME}).status_code == 302
    assert client.post("/retention/erase/", {"erase-confirmation": MISSION_NAME}).status_code == 302  # not run yet

    page = client.get("/retention/")
    assert "being erased in the background" in _shown(page)
    assert "js/reload_while_running.js" in page.content.decode()
    assert Observer.objects.filter(full_name="Anna Kowalska").exists()
    again = client.post("/retention/erase/", {"erase-confirmation": MISSION_NAME})
    assert again.status_code == 409 and "being erased already" in _shown(again)
    job = OutboxJob.objects.get(kind=OutboxJob.Kind.PERSONAL_DATA_ERASE)

    outbox_job_run(job_id=job.pk)  # what the worker does

    assert not Observer.objects.filter(full_name="Anna Kowalska").exists()
    assert "was erased on" in _shown(client.get("/retention/"))
