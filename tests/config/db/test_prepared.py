"""Statements prepared once per connection (config/db/prepared.py): on PostgreSQL only, where they are used."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.db.prepared import execute_prepared

pytestmark = pytest.mark.postgres


def run(name, *params):
    """A statement of its own for each test (`name`): whichever runs first, each sees its first preparation."""
    with connection.cursor() as cursor:
        execute_prepared(cursor, f"SELECT %s::int + %s::int AS {name}, %s::text", list(params))
        return cursor.fetchone()


def test_a_statement_is_prepared_once_per_connection_and_answers_each_time(db):
    with CaptureQueriesContext(connection) as queries:
        assert run("once", 1, 2, "a") == (3, "a")
        assert run("once", 40, 2, "it's") == (42, "it's")  # quoting done by the driver, as with execute
    statements = [query["sql"].split()[0] for query in queries.captured_queries]
    assert statements == ["PREPARE", "EXECUTE", "EXECUTE"]


@pytest.mark.django_db(transaction=True)
def test_a_new_connection_prepares_it_again():
    assert run("again", 1, 1, "x") == (2, "x")
    connection.close()  # a failed or expired connection is closed by Django; the next query opens another
    with CaptureQueriesContext(connection) as queries:
        assert run("again", 2, 2, "y") == (4, "y")
    assert [query["sql"].split()[0] for query in queries.captured_queries] == ["PREPARE", "EXECUTE"]


def test_it_outlives_a_rolled_back_transaction(db):
    from django.db import transaction

    with pytest.raises(ZeroDivisionError), transaction.atomic():
        run("rolled_back", 1, 2, "a")
        _ = 1 / 0  # fail inside the transaction, so that it rolls back
    assert run("rolled_back", 5, 5, "b") == (10, "b")
