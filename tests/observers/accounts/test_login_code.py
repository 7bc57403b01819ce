"""The login of a user with an authenticator app: the password, then a code (or a recovery code, once)."""

from django.contrib.auth import SESSION_KEY
from django_otp import DEVICE_ID_SESSION_KEY

from observers.onboarding.services import login_links_issue, login_links_prepare
from tests.observers.accounts.conftest import authenticator_code, log_in, page_text, two_factor_on


def test_the_password_alone_does_not_sign_in(client, mission):
    device, _codes = two_factor_on(mission.coordinator.user)
    response = log_in(client, "coord")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/code/"
    assert SESSION_KEY not in client.session
    assert client.get("/").status_code == 302  # still anonymous: to the login page
    response = client.post("/accounts/login/code/", {"code": authenticator_code(device)})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.session[SESSION_KEY] == str(mission.coordinator.user.pk)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/").status_code == 200


def test_the_code_step_goes_on_to_the_page_asked_for(client, mission):
    device, _codes = two_factor_on(mission.coordinator.user)
    client.post("/accounts/login/", {"username": "coord", "password": "pass-word-123", "next": "/audit/"})
    response = client.post("/accounts/login/code/", {"code": authenticator_code(device)})
    assert response["Location"] == "/audit/"


def test_a_user_without_an_app_logs_in_with_the_password(client, mission):
    response = log_in(client, "analyst")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_recovery_code_works_once(client, mission, settings):
    settings.OTP_STATIC_THROTTLE_FACTOR = 0  # the second try follows the first at once
    _device, codes = two_factor_on(mission.analyst.user)
    log_in(client, "analyst")
    response = client.post("/accounts/login/code/", {"code": codes[0].upper()})
    assert response.status_code == 302 and SESSION_KEY in client.session
    client.post("/accounts/logout/")
    log_in(client, "analyst")
    response = client.post("/accounts/login/code/", {"code": codes[0]})
    assert response.status_code == 400
    assert "That code is not right" in page_text(response)
    assert SESSION_KEY not in client.session
    assert client.post("/accounts/login/code/", {"code": codes[1]}).status_code == 302


def test_wrong_codes_lock_the_account(client, mission, settings):
    device, _codes = two_factor_on(mission.coordinator.user)
    log_in(client, "coord")
    right = authenticator_code(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    answers = [client.post("/accounts/login/code/", {"code": wrong}) for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert [a.status_code for a in answers[:-1]] == [400] * (settings.AXES_FAILURE_LIMIT - 1)
    assert "wait" in page_text(answers[1])  # django-otp's throttling: the next try must wait
    assert answers[-1].status_code == 429
    assert "Too many failed logins" in page_text(answers[-1])
    # Locked: the right code is refused, and so is the right password.
    assert client.post("/accounts/login/code/", {"code": right}).status_code == 302  # no login pending: start again
    assert SESSION_KEY not in client.session
    response = log_in(client, "coord")
    assert response.status_code == 429 and SESSION_KEY not in client.session


def test_the_code_step_without_a_password_goes_to_the_login_page(client, mission):
    response = client.post("/accounts/login/code/", {"code": "123456"}, follow=True)
    assert response.redirect_chain[0][0] == "/accounts/login/"
    assert "Log in with your username and password first." in page_text(response)


def test_a_login_link_of_a_core_member_with_an_app_asks_for_the_code(client, mission):
    coordinator = mission.coordinator
    device, _codes = two_factor_on(coordinator.user)
    link = login_links_prepare(observers=[coordinator])[0]
    login_links_issue(links=[link], created_by=coordinator.user)
    response = client.post(f"/l/{link.key}/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/code/"
    assert SESSION_KEY not in client.session
    response = client.post("/accounts/login/code/", {"code": authenticator_code(device)})
    assert response["Location"] == "/" and client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
