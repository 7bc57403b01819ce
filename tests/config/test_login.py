import pytest

from tests.factories import ObserverFactory


@pytest.mark.django_db
def test_login_then_home(client):
    observer = ObserverFactory(user__username="sto001")
    response = client.post("/accounts/login/", {"username": "sto001", "password": "pass-word-123"})
    assert response.status_code == 302
    assert client.get("/").context["membership"] == observer


@pytest.mark.django_db
def test_wrong_password_says_so(client):
    ObserverFactory(user__username="sto001")
    response = client.post("/accounts/login/", {"username": "sto001", "password": "nope"})
    assert response.status_code == 200
    assert b"Wrong username or password" in response.content


@pytest.mark.django_db
def test_repeated_failures_lock_the_login_even_with_the_right_password(client, settings):
    ObserverFactory(user__username="sto001")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "sto001", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "sto001", "password": "pass-word-123"})
    assert response.status_code == 429
    assert b"Too many failed logins" in response.content
    assert "_auth_user_id" not in client.session
