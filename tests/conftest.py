import pytest
from rest_framework.test import APIClient

from observers.onboarding.services import token_issue
from observers.submissions.services import checklists_used_forget


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
def _used_checklists_forgotten():
    """The submission path keeps used checklist versions by id; after a test's rollback the ids come again."""
    yield
    checklists_used_forget()
