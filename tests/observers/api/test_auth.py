"""Phone tokens: logging in, logging out, expiry, revocation, throttling."""

from datetime import timedelta

import pytest
import redis
from django.core.cache import caches
from django.utils import timezone
from rest_framework.test import APIClient

from observers.logins.messages import locked_out_message
from observers.models import ApiToken
from tests.factories import ObserverFactory

LOGIN = "/api/v1/auth/token/"
REVOKE = "/api/v1/auth/token/revoke/"
PROTECTED = "/api/v1/submissions/"
PASSWORD = "pass-word-123"  # tests/factories/__init__.py UserFactory


@pytest.fixture
def observer(db):
    return ObserverFactory()


def with_token(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_login_returns_a_working_token(observer, api_client):
    before = timezone.now()
    response = api_client.post(LOGIN, {"username": observer.user.username, "password": PASSWORD}, format="json")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"token", "expires_at"}
    stored = ApiToken.objects.get(user=observer.user)
    assert stored.key_hash != body["token"]  # only a hash is kept
    assert before + timedelta(days=30) <= stored.expires_at <= timezone.now() + timedelta(days=30)
    assert body["expires_at"] == stored.expires_at.isoformat().replace("+00:00", "Z")
    assert with_token(body["token"]).get(PROTECTED).status_code == 200


@pytest.mark.parametrize("password", ["wrong", ""])
def test_wrong_credentials_are_refused_with_a_message(observer, api_client, password):
    response = api_client.post(LOGIN, {"username": observer.user.username, "password": password}, format="json")

    assert response.status_code == 400
    problems = response.json()
    assert problems in (
        {"non_field_errors": ["Wrong username or password: check both and try again."]},
        {"password": ["This field may not be blank."]},
    )
    assert not ApiToken.objects.exists()


def test_an_inactive_user_cannot_log_in(observer, api_client):
    observer.user.is_active = False
    observer.user.save()
    response = api_client.post(LOGIN, {"username": observer.user.username, "password": PASSWORD}, format="json")
    assert response.status_code == 400


def test_a_locked_out_user_is_told_so_even_with_the_right_password(observer, api_client, settings):
    if "axes" not in settings.INSTALLED_APPS:
        pytest.skip("needs django-axes")
    username = observer.user.username
    for _ in range(settings.AXES_FAILURE_LIMIT):
        api_client.post(LOGIN, {"username": username, "password": "wrong"}, format="json")

    response = api_client.post(LOGIN, {"username": username, "password": PASSWORD}, format="json")

    assert response.status_code == 429
    assert response.json() == {"detail": locked_out_message()}
    assert int(response["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    assert not ApiToken.objects.exists()


def test_a_bad_token_header_does_not_block_logging_in(observer):
    response = with_token("stale").post(
        LOGIN, {"username": observer.user.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200


def test_an_expired_token_is_refused(observer, token_client):
    client = token_client(observer.user)
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = client.get(PROTECTED)

    assert response.status_code == 401
    assert response.json() == {"detail": "Token expired: log in again."}


def test_logging_out_revokes_all_my_tokens_and_no_one_elses(observer, token_client):
    phone, tablet = token_client(observer.user), token_client(observer.user)
    someone_else = token_client(ObserverFactory(mission=observer.mission).user)

    response = phone.post(REVOKE)

    assert response.status_code == 200
    assert response.json() == {"revoked": 2}
    assert phone.get(PROTECTED).status_code == 401
    assert tablet.get(PROTECTED).json() == {"detail": "Invalid or revoked token: log in again."}
    assert someone_else.get(PROTECTED).status_code == 200


def test_an_unknown_token_is_refused(db):
    assert with_token("made-up").get(PROTECTED).status_code == 401


def test_a_user_with_no_mission_may_log_in_but_sees_nothing(api_client, django_user_model):
    django_user_model.objects.create_user("visitor", password=PASSWORD)
    token = api_client.post(LOGIN, {"username": "visitor", "password": PASSWORD}, format="json").json()["token"]
    assert with_token(token).get(PROTECTED).status_code == 403


def test_logins_go_on_when_the_cache_that_counts_them_is_down(observer, api_client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise redis.ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    for method in ("get", "add", "incr"):
        monkeypatch.setattr(caches["logins"], method, unreachable)
    wrong = api_client.post(LOGIN, {"username": observer.user.username, "password": "wrong"}, format="json")
    response = api_client.post(LOGIN, {"username": observer.user.username, "password": PASSWORD}, format="json")

    assert wrong.status_code == 400

    assert response.status_code == 200
    assert ApiToken.objects.filter(user=observer.user).count() == 1
