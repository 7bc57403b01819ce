"""CSRF: every write made with a session cookie needs the CSRF token, on pages and in the API alike.

A coordinator's session POSTs to every URL the project routes without the token: each one is refused with 403.
Only the token login is free of it: it takes a password, not a cookie.
"""

from django.http import HttpResponseForbidden
from django.test import Client
from django.urls import reverse

from observers.models import Role
from tests.access.helpers import routed_urls, rule_url
from tests.access.rules import RULES

CSRF_FREE = {
    "api-token": "takes a username and password, reads no cookie",
    **{
        f"openrosa:key-{name}": "ODK Collect's address holds its key: a cookie signs nothing in"
        for name in ("form-list", "form", "manifest", "stations", "submission")
    },
}
OPAQUE_REFUSAL = {"api-docs": "its HTML renderer shows a bare '403 Forbidden'"}


def csrf_refused(request, reason=""):
    return HttpResponseForbidden(f"CSRF refused: {reason}")


def test_every_session_post_without_the_csrf_token_is_refused(two_missions, settings):
    settings.CSRF_FAILURE_VIEW = "tests.access.test_csrf.csrf_refused"  # pages' refusals say why
    a = two_missions.a
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(a.members[Role.COORDINATOR].user)
    accepted = []
    for name, _route in routed_urls():
        if name in CSRF_FREE or name not in RULES:
            continue
        url = rule_url(name, RULES[name], a)
        response = browser.post(url, {"mission": a.mission.pk})
        if response.status_code != 403 or (b"CSRF" not in response.content and name not in OPAQUE_REFUSAL):
            accepted.append(f"POST {url}: {response.status_code}")
    assert not accepted, "Session POSTs taken without a CSRF token:\n" + "\n".join(accepted)


def test_the_api_names_the_missing_csrf_token(two_missions):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(two_missions.a.members[Role.STO].user)
    response = browser.post(reverse("api-submission-list"), {}, content_type="application/json")
    assert response.status_code == 403
    assert response.json() == {"detail": "CSRF Failed: CSRF cookie not set."}


def test_logging_in_needs_the_csrf_token_too(two_missions):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(reverse("login"), {"username": "dual", "password": "pass-word-123"})
    assert response.status_code == 403
    assert "_auth_user_id" not in browser.session


def test_with_the_token_the_same_post_goes_through(two_missions):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(two_missions.dual.user)
    browser.get("/")
    token = browser.cookies["csrftoken"].value
    response = browser.post(
        reverse("home:mission-switch"), {"mission": two_missions.b.mission.pk, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert browser.session["mission_id"] == two_missions.b.mission.pk


def test_token_clients_need_no_csrf_token(two_missions, token_client):
    """A bearer token is not sent by a browser on its own, so it cannot be forged across sites."""
    response = token_client(two_missions.a.members[Role.STO].user).post("/api/v1/auth/token/revoke/")
    assert response.status_code == 200
