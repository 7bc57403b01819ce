"""Sign out everywhere, on the account page: every other session of the user ends and their phone tokens stop."""

from auditlog.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.test import Client
from rest_framework.test import APIClient

from observers.models import ApiToken
from observers.onboarding.services import token_issue
from tests.observers.accounts.conftest import log_in, page_text


def test_it_ends_another_clients_session_and_the_users_tokens(client, mission):
    user = mission.coordinator.user
    laptop = Client()
    log_in(laptop, "coord")
    phone = APIClient()
    phone.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=user)}")
    token_issue(user=user)
    assert laptop.get("/").status_code == 200 and phone.get("/api/v1/submissions/").status_code == 200
    log_in(client, "coord")
    assert "2 live now" in page_text(client.get("/accounts/"))
    response = client.post("/accounts/sign-out-everywhere/", {"password": "pass-word-123"}, follow=True)
    assert "Every other session is signed out, and 2 phone tokens were revoked." in page_text(response)
    assert client.session[SESSION_KEY] == str(user.pk)  # this one goes on
    assert client.get("/").status_code == 200
    assert laptop.get("/").status_code == 302 and SESSION_KEY not in laptop.session
    assert phone.get("/api/v1/submissions/").status_code == 401
    assert not ApiToken.objects.filter(user=user, revoked_at__isnull=True).exists()
    assert log_in(Client(), "coord").status_code == 302  # the password is the same
    entry = LogEntry.objects.get(additional_data__mission=mission.mission.pk, content_type__model="apitoken")
    assert entry.actor == user and "signed out everywhere" in entry.object_repr


def test_a_wrong_password_signs_nothing_out(client, mission):
    user = mission.analyst.user
    laptop = Client()
    log_in(laptop, "analyst")
    token_issue(user=user)
    client.force_login(user)
    response = client.post("/accounts/sign-out-everywhere/", {"password": "not-it"})
    assert response.status_code == 400
    assert "That is not your password: nothing was signed out." in page_text(response)
    assert laptop.get("/").status_code == 200
    assert ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() == 1
    assert not LogEntry.objects.filter(content_type__model="apitoken").exists()


def test_an_observer_without_a_password_needs_none(client, mission):
    user = mission.sto.user
    user.set_unusable_password()
    user.save()
    phone = APIClient()
    phone.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=user)}")
    other = Client()
    other.force_login(user)
    client.force_login(user)
    assert 'name="password"' not in page_text(client.get("/accounts/"))
    response = client.post("/accounts/sign-out-everywhere/", follow=True)
    assert "Every other session is signed out, and 1 phone token was revoked." in page_text(response)
    assert other.get("/").status_code == 302
    assert phone.get("/api/v1/plan/").status_code == 401
    assert client.get("/").status_code == 200
