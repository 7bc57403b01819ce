"""Who may call the OpenRosa endpoints: the login card's key URL, a password over HTTPS, or a browser session."""

import base64
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from observers.models import ApiToken
from observers.onboarding.services import observer_tokens_revoke
from tests.factories import valid_answers
from tests.observers.openrosa.collect import Collect, card_server, fill, message

pytestmark = pytest.mark.django_db
PASSWORD = "pass-word-123"  # tests/factories UserFactory


def _basic(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def password_collect(day, password=PASSWORD, **extra):
    return Collect(
        f"https://testserver/openrosa/m/{day.mission.slug}",
        HTTP_AUTHORIZATION=_basic(day.sto.user.username, password),
        **{"secure": True, **extra},
    )


def test_revoking_the_token_stops_collect_at_once(day):
    collect = Collect(card_server(day.sto))
    assert collect.form_list()

    observer_tokens_revoke(observer=day.sto, revoked_by=day.coordinator.user)

    response = collect.get(f"{collect.server}/formList")
    assert response.status_code == 403
    assert "login card" in message(response)
    xform = b"<data/>"
    assert collect.submit(xform).status_code == 403


def test_an_expired_token_is_refused(day):
    collect = Collect(card_server(day.sto))
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert collect.get(f"{collect.server}/formList").status_code == 403


def test_a_key_for_another_mission_is_404_without_naming_it(day):
    from tests.factories import MissionFactory

    other = MissionFactory(slug="elsewhere")
    server = card_server(day.sto).replace(day.mission.slug, other.slug)
    response = Collect(server).get(f"{server}/formList")
    assert response.status_code == 404 and "elsewhere" not in response.content.decode()


def test_a_password_over_https_fills_and_sends(day):
    collect = password_collect(day)
    xform = collect.xform(f"eom-{day.mission.pk}-voting")
    response = collect.submit(fill(xform, valid_answers(), station=day.planned.code))
    assert response.status_code == 201, message(response)


def test_no_credentials_get_a_basic_challenge(day):
    response = Client().get(f"/openrosa/m/{day.mission.slug}/formList", secure=True)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith('Basic realm="')
    assert response["X-OpenRosa-Version"] == "1.0"


def test_a_password_over_plain_http_is_refused(day):
    response = Client().get(
        f"/openrosa/m/{day.mission.slug}/formList", HTTP_AUTHORIZATION=_basic(day.sto.user.username, PASSWORD)
    )
    assert response.status_code == 403 and "HTTPS" in message(response)


def test_a_wrong_password_is_401_and_locks_as_the_rest_login_does(day, settings):
    settings.AXES_FAILURE_LIMIT = 3
    wrong = password_collect(day, password="nope")
    for _attempt in range(2):  # the third failure reaches the limit
        assert wrong.get(f"{wrong.server}/formList").status_code == 401
    locked = wrong.get(f"{wrong.server}/formList")
    assert locked.status_code == 429 and locked["Retry-After"]
    assert locked["Content-Type"].startswith("text/xml")
    # The right password now waits too: the username is locked out, as for the web and the phone app.
    assert password_collect(day).get(f"{wrong.server}/formList").status_code == 429


def test_a_garbled_authorization_header_is_400(day):
    response = Client().get(f"/openrosa/m/{day.mission.slug}/formList", HTTP_AUTHORIZATION="Basic !!!", secure=True)
    assert response.status_code == 400


def test_a_signed_in_browser_reads_the_form_list(day, client):
    client.force_login(day.sto.user)
    response = client.get(f"/openrosa/m/{day.mission.slug}/formList")
    assert response.status_code == 200 and b"eom-" in response.content


def test_a_browser_session_post_needs_the_csrf_token(day):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(day.sto.user)
    response = browser.post(f"/openrosa/m/{day.mission.slug}/submission", {})
    assert response.status_code == 403 and "CSRF token" in message(response)
