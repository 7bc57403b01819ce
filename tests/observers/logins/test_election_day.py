"""Election morning: hundreds of observers log in from one hotel's address; guessing is stopped all the same."""

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.urls import reverse

from observers.models import ApiToken

LOGIN = "/api/v1/auth/token/"
HOTEL = "203.0.113.7"  # one public address for everyone behind the hotel's Wi-Fi


@pytest.fixture
def observers(db):
    """400 accounts with a password each (one hash for all: hashing 400 passwords is not what is tested)."""
    password = make_password("right-password-1")
    return User.objects.bulk_create(User(username=f"sto{n:03}", password=password) for n in range(400))


def _login(client, username, password, **headers):
    return client.post(LOGIN, {"username": username, "password": password}, format="json", REMOTE_ADDR=HOTEL, **headers)


def test_400_observers_behind_one_address_all_log_in(observers, api_client, settings):
    typos = observers[::10]  # one in ten mistypes first, as people do
    for user in typos:
        assert _login(api_client, user.username, "right-password-l").status_code == 400

    codes = [_login(api_client, user.username, "right-password-1").status_code for user in observers]

    assert codes == [200] * 400
    assert ApiToken.objects.count() == 400
    assert len(typos) < settings.LOGIN_ADDRESS_FAILURE_LIMIT


def test_20_wrong_passwords_lock_a_username_whatever_x_forwarded_for_says(observers, api_client, client):
    victim = observers[0].username
    for n in range(20):
        _login(api_client, victim, f"guess-{n}", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")

    from_anywhere = api_client.post(
        LOGIN, {"username": victim, "password": "right-password-1"}, format="json", REMOTE_ADDR="192.0.2.99"
    )
    web = client.post(reverse("login"), {"username": victim, "password": "right-password-1"}, REMOTE_ADDR="192.0.2.9")

    assert from_anywhere.status_code == 429
    assert "locked" in from_anywhere.json()["detail"]
    assert web.status_code == 429 and "_auth_user_id" not in client.session
    assert not ApiToken.objects.filter(user__username=victim).exists()
    assert _login(api_client, observers[1].username, "right-password-1").status_code == 200  # others go on


def test_a_password_spray_from_one_address_is_slowed_down(observers, api_client, settings):
    limit = settings.LOGIN_ADDRESS_FAILURE_LIMIT
    answers = [
        _login(api_client, user.username, "Password1", HTTP_X_FORWARDED_FOR=f"198.51.100.{n % 250}")
        for n, user in enumerate(observers[:200])
    ]

    codes = [answer.status_code for answer in answers]
    assert codes[:limit] == [400] * limit
    assert set(codes[limit:]) == {429}
    refused = answers[limit]
    assert 0 < int(refused["Retry-After"]) <= settings.LOGIN_ADDRESS_WINDOW_MINUTES * 60
    assert "from your network" in refused.json()["detail"]
    elsewhere = api_client.post(
        LOGIN, {"username": observers[300].username, "password": "right-password-1"}, format="json"
    )
    assert elsewhere.status_code == 200  # another address is not slowed down


def test_the_slow_down_ends_with_its_window(observers, api_client, settings, monkeypatch):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    for user in observers[:3]:
        _login(api_client, user.username, "wrong")
    assert _login(api_client, observers[3].username, "right-password-1").status_code == 429

    import observers.logins.throttle as throttle

    later = throttle.time.time() + settings.LOGIN_ADDRESS_WINDOW_MINUTES * 60
    monkeypatch.setattr(throttle.time, "time", lambda: later)

    assert _login(api_client, observers[3].username, "right-password-1").status_code == 200


def test_the_web_login_page_says_the_network_must_wait(observers, client, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 2
    for user in observers[:2]:
        client.post(reverse("login"), {"username": user.username, "password": "wrong"}, REMOTE_ADDR=HOTEL)

    response = client.post(
        reverse("login"), {"username": observers[2].username, "password": "right-password-1"}, REMOTE_ADDR=HOTEL
    )

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many failed logins from your network" in " ".join(response.content.decode().split())
    assert "_auth_user_id" not in client.session


def test_behind_a_trusted_proxy_the_address_it_saw_counts(observers, api_client, settings):
    """With one proxy of ours, two hotels behind it are two addresses; what a client writes further left is not
    believed."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 2
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for n in range(2):
        api_client.post(
            LOGIN,
            {"username": observers[n].username, "password": "wrong"},
            format="json",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {HOTEL}",  # a different lie each time, the same real client
            **proxy,
        )

    def attempt(forwarded_for):
        body = {"username": observers[9].username, "password": "right-password-1"}
        return api_client.post(LOGIN, body, format="json", HTTP_X_FORWARDED_FOR=forwarded_for, **proxy).status_code

    assert attempt(HOTEL) == 429
    assert attempt("198.51.100.1") == 200
