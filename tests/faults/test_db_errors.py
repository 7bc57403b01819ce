"""A database that cannot be reached answers 503 with Retry-After, in JSON, and nothing is half-written."""

from unittest import mock

import psycopg2
import pytest
from django.db import DataError, InterfaceError, OperationalError, close_old_connections, connection
from rest_framework.test import APIClient

from observers.models import OutboxJob, Submission
from observers.outbox import services as outbox
from tests.faults.seed import election_day_seed, voting_form

URL = "/api/v1/submissions/"
DETAIL = "The database is unavailable for a moment and nothing was saved: please try again."


@pytest.fixture
def seed(db):
    return election_day_seed()


@pytest.fixture
def phone(seed):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {seed['tokens'][0]}")
    return client


@pytest.mark.parametrize(
    "error",
    [OperationalError("server closed the connection unexpectedly"), InterfaceError("connection already closed")],
)
def test_a_lost_database_is_a_503_to_try_again(seed, phone, error):
    with mock.patch("observers.api.submissions.submission_receive", side_effect=error):
        response = phone.post(URL, voting_form(seed), format="json")

    assert (response.status_code, response["Retry-After"], response.json()) == (503, "5", {"detail": DETAIL})


@pytest.mark.postgres
def test_a_failure_inside_the_write_leaves_nothing_behind(needs_postgres, seed, phone):
    """The form and its check job are one statement on PostgreSQL (the API's autocommit, as in production): the
    job's row failing after the form's (a division by zero where its payload is made) takes the form with it."""
    real_sql = outbox._insert_with_job_sql

    def job_fails(model):
        sql, fields, job_fields = real_sql(model)
        return sql.replace("made.id)", "made.id / 0)"), fields, job_fields

    with mock.patch("observers.outbox.services._insert_with_job_sql", job_fails), pytest.raises(DataError):
        phone.post(URL, voting_form(seed), format="json")

    assert not Submission.objects.exists() and not OutboxJob.objects.exists()


def test_a_failure_inside_the_transaction_leaves_nothing_behind(seed, phone):
    """Elsewhere (SQLite) the ORM writes the form and its job in one transaction."""
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL writes both in one statement: the test above")
    with mock.patch("observers.outbox.services.outbox_add", side_effect=OperationalError("terminating connection")):
        assert phone.post(URL, voting_form(seed), format="json").status_code == 503

    assert not Submission.objects.exists() and not OutboxJob.objects.exists()


@pytest.mark.postgres
def test_a_connection_killed_under_the_app_is_a_503_then_the_next_request_works(needs_postgres, seed, phone):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        [pid] = cursor.fetchone()
    db = connection.settings_dict
    killer = psycopg2.connect(
        dbname=db["NAME"], user=db["USER"], password=db["PASSWORD"], host=db["HOST"], port=db["PORT"] or 5432
    )
    with killer, killer.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    killer.close()

    lost = phone.post(URL, voting_form(seed), format="json")
    close_old_connections()  # what Django does at the end of every request: a broken connection is dropped
    again = phone.post(URL, voting_form(seed), format="json")

    assert (lost.status_code, lost["Retry-After"], lost.json()) == (503, "5", {"detail": DETAIL})
    assert again.status_code == 201
    assert Submission.objects.count() == OutboxJob.objects.count() == 1
