"""SQL written by hand: its placeholders, and statements prepared once per database connection for the queries
every phone's form makes.

PostgreSQL plans a statement each time it receives one. For the token lookup (five tables joined) planning cost
three times the execution: 0.75 ms of PostgreSQL's CPU per form, 0.19 ms once prepared (measured on the bench's
database). A prepared statement lives as long as its connection (it outlives a rolled-back transaction): the
names prepared on a connection are forgotten when Django opens a new one. Not for a pooler that hands one
session's statements to another (PgBouncer in transaction mode); Django connects to PostgreSQL directly here.
"""

import hashlib
import re
from functools import cache

from django.db.backends.signals import connection_created
from django.dispatch import receiver

_PLACEHOLDER = re.compile(r"%s")


def placeholders(count: int) -> str:
    """ "%s, %s, ..." for `count` values (an IN list, a row of VALUES)."""
    return ", ".join(["%s"] * count)


def execute_prepared(cursor, sql: str, params: list) -> None:
    """cursor.execute(sql, params), where `sql` (with %s placeholders, no other %) is prepared on first use;
    on other databases than PostgreSQL, a plain execute."""
    database = cursor.db  # this thread's connection (django.db.connection is a proxy shared by the threads)
    if database.vendor != "postgresql":
        cursor.execute(sql, params)
        return
    name, numbered = _prepared_form(sql)
    prepared = vars(database).setdefault("prepared_statements", set())
    if name not in prepared:
        cursor.execute(f"PREPARE {name} AS {numbered}")
        prepared.add(name)
    cursor.execute(f"EXECUTE {name} ({placeholders(len(params))})" if params else f"EXECUTE {name}", params)


@cache
def _prepared_form(sql: str) -> tuple[str, str]:
    """The statement's name (from its text, so one text is prepared once) and its text with $1, $2, ..."""
    numbers = iter(range(1, sql.count("%s") + 1))
    return "eom_" + hashlib.sha1(sql.encode()).hexdigest()[:20], _PLACEHOLDER.sub(lambda _: f"${next(numbers)}", sql)


@receiver(connection_created)
def _new_connection_has_none(sender, connection, **kwargs):
    connection.prepared_statements = set()
