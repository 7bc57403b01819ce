import os

import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import translation
from rest_framework.test import APIClient

from observers.onboarding.services import token_issue
from observers.submissions.services import checklists_used_forget

# Fixtures that tests of more than one folder use (imports of stations and of the roster; the findings' mission).
pytest_plugins = ["tests.mission.imports.helpers", "tests.reports.findings.helpers", "tests.reports.results.helpers"]


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def token_client():
    """An API client signed in with a phone token for the given user: token_client(user)."""

    def make(user):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=user)}")
        return client

    return make


@pytest.fixture(autouse=True)
def _login_failures_forgotten():
    """Failed logins per address live in the cache, which no transaction rolls back."""
    yield
    caches["logins"].clear()


@pytest.fixture(autouse=True)
def _used_checklists_forgotten():
    """The submission path keeps used checklist versions by id; after a test's rollback the ids come again."""
    yield
    checklists_used_forget()


@pytest.fixture(autouse=True)
def _language_reset():
    """A request in Russian or Kazakh leaves its language active in the thread (LocaleMiddleware activates it and
    nothing deactivates it): the next test would speak it."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


# Tests marked `postgres` exercise PostgreSQL-only branches (prepared statements, the one-statement insert, the
# answer-count SQL): skipped, saying why, on SQLite. With EOM_REQUIRE_POSTGRES_TESTS=1 (.ci/run) the run fails
# when none of them passed, so a CI that silently fell back to SQLite cannot go green.
_postgres_passed = 0


def _on_postgresql() -> bool:
    return "postgresql" in settings.DATABASES["default"]["ENGINE"]


def pytest_collection_modifyitems(config, items):
    if _on_postgresql():
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://...")
    for item in items:
        if item.get_closest_marker("postgres"):
            item.add_marker(skip)


def pytest_runtest_logreport(report):
    global _postgres_passed
    if report.when == "call" and report.passed and "postgres" in report.keywords:
        _postgres_passed += 1


def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("EOM_REQUIRE_POSTGRES_TESTS") == "1" and _postgres_passed == 0 and exitstatus == 0:
        session.config.get_terminal_writer().line(
            "No test marked `postgres` passed: PostgreSQL's own code paths went untested (is DATABASE_URL set?).",
            red=True,
        )
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter):
    terminalreporter.write_line(f"PostgreSQL-only tests passed: {_postgres_passed}")
