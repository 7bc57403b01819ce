"""Phone tokens end to end: they expire after API_TOKEN_LIFETIME_DAYS, and the observer (logging out), a
coordinator (signing the phones out) or deactivating the account revokes them at once."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from observers.models import ApiToken, Role

SUBMISSIONS = "/api/v1/submissions/"


def _with(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.fixture
def at(monkeypatch):
    """at(moment): the clock reads `moment` from now on (for the whole process, undone after the test)."""

    def travel(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return travel


def test_a_token_lives_its_lifetime_and_not_a_second_longer(two_missions, api_client, settings, at):
    settings.API_TOKEN_LIFETIME_DAYS = 2
    sto = two_missions.a.members[Role.STO]
    issued = timezone.now()
    at(issued)
    body = api_client.post("/api/v1/auth/token/", {"username": sto.user.username, "password": "pass-word-123"}).json()
    assert body["expires_at"] == (issued + timedelta(days=2)).isoformat().replace("+00:00", "Z")
    phone = _with(body["token"])

    at(issued + timedelta(days=2) - timedelta(seconds=1))
    assert phone.get(SUBMISSIONS).status_code == 200
    at(issued + timedelta(days=2))
    response = phone.get(SUBMISSIONS)
    assert response.status_code == 401
    assert response.json() == {"detail": "Token expired: log in again."}


def test_a_coordinator_signs_an_observers_phones_out(two_missions, token_client):
    a, b = two_missions.a, two_missions.b
    sto = a.members[Role.STO]
    phone, other_phone = token_client(sto.user), token_client(a.members[Role.LTO].user)
    url = f"/onboarding/observers/{sto.pk}/tokens/revoke/"

    outsider = Client()
    outsider.force_login(b.members[Role.COORDINATOR].user)
    assert outsider.post(url).status_code == 404  # another mission's coordinator
    analyst = Client()
    analyst.force_login(a.members[Role.ANALYST].user)
    assert analyst.post(url).status_code == 403
    assert phone.get(SUBMISSIONS).status_code == 200

    coordinator = Client()
    coordinator.force_login(a.members[Role.COORDINATOR].user)
    assert coordinator.post(url).status_code == 302
    response = phone.get(SUBMISSIONS)
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid or revoked token: log in again."}
    assert other_phone.get(SUBMISSIONS).status_code == 200
    assert ApiToken.objects.get(user=sto.user).revoked_at is not None


def test_a_deactivated_account_s_tokens_stop_working(two_missions, token_client):
    sto = two_missions.a.members[Role.STO]
    phone = token_client(sto.user)
    sto.user.is_active = False
    sto.user.save()
    assert phone.get(SUBMISSIONS).status_code == 401


def test_login_link_to_token_to_logout(two_missions):
    """The phone's whole path: a card's link opens a session, the session buys a token, logging out kills it."""
    a = two_missions.a
    browser = Client(enforce_csrf_checks=True)
    link = f"/l/{a.login_key}/"
    browser.get(link)
    csrf = browser.cookies["csrftoken"].value
    assert browser.post(link, {"csrfmiddlewaretoken": csrf}).status_code == 302

    assert browser.post("/api/v1/auth/token/from-session/").status_code == 403  # no CSRF header
    response = browser.post("/api/v1/auth/token/from-session/", HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value)
    assert response.status_code == 200
    phone = _with(response.json()["token"])
    assert phone.get(SUBMISSIONS).status_code == 200

    assert phone.post("/api/v1/auth/token/revoke/").json() == {"revoked": 1}
    assert phone.get(SUBMISSIONS).status_code == 401
    again = {"csrfmiddlewaretoken": browser.cookies["csrftoken"].value}  # logging in rotated the CSRF token
    assert browser.post(link, again).status_code == 410  # the link worked once
