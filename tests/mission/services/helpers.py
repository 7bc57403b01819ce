"""Signed-in clients for the needs-assessment pages and API tests."""

from django.test import Client
from rest_framework.test import APIClient

from tests.factories import ObserverFactory


def signed_in(mission, role, api: bool = False):
    """A client signed in (session) as a new member of `mission` with `role`."""
    client = APIClient() if api else Client()
    client.force_login(ObserverFactory(mission=mission, role=role).user)
    return client
