import pytest
from rest_framework.test import APIClient

from observers.authentication import token_issue


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
