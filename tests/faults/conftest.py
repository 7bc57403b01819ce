"""Fault tests run the app as deployed (gunicorn, production settings) against real servers, in CI."""

import os
import shutil

import pytest
from django.db import connection

from tests.faults.servers import PG_BIN


def shared_database_url() -> str:
    """This test's PostgreSQL database, for the child processes."""
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def needs_postgres(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("needs a PostgreSQL DATABASE_URL (fault tests run against the real servers, in CI)")


@pytest.fixture
def needs_redis(needs_postgres):
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs REDIS_URL (the Redis and Celery tests run with the real servers, in CI)")
    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server on PATH to start a Redis of its own")


@pytest.fixture
def needs_postgres_binaries(needs_postgres):
    if PG_BIN is None or os.geteuid() != 0 or not shutil.which("su"):
        pytest.skip("needs PostgreSQL's server binaries and root (to run a throw-away cluster as user postgres)")
