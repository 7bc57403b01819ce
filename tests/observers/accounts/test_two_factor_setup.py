"""Setting up the authenticator app on the account page: a QR code and the key, confirmed by one code."""

from base64 import b32decode

from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import ObserverFactory
from tests.observers.accounts.conftest import authenticator_code, page_text, two_factor_on, verified_login

RENEW = "/accounts/two-factor/recovery-codes/"


def _shown_device(response) -> TOTPDevice:
    """A device with the key the page shows in text: what a person types into their app."""
    key = b32decode(response.context["secret"].replace(" ", "")).hex()
    return TOTPDevice(key=key)


def test_the_page_shows_a_qr_code_and_the_key(client, mission):
    client.force_login(mission.coordinator.user)
    response = client.get("/accounts/two-factor/")
    assert response.status_code == 200
    text = page_text(response)
    assert '<svg class="qr"' in text and "style=" not in text.split('<svg class="qr"')[1].split("</svg>")[0]
    assert response.context["secret"] in text
    assert not TOTPDevice.objects.exists()  # nothing saved before a code confirms it


def test_a_wrong_code_is_refused_with_a_message_and_nothing_saved(client, mission):
    client.force_login(mission.coordinator.user)
    shown = _shown_device(client.get("/accounts/two-factor/"))
    wrong = f"{(int(authenticator_code(shown)) + 1) % 1_000_000:06d}"
    response = client.post("/accounts/two-factor/", {"code": wrong})
    assert response.status_code == 400
    assert "That code does not match" in page_text(response)
    response = client.post("/accounts/two-factor/", {"code": "12ab"})
    assert response.status_code == 400
    assert "Enter the 6 digits your authenticator app shows" in page_text(response)
    assert not TOTPDevice.objects.exists() and not StaticToken.objects.exists()


def test_the_right_code_turns_it_on_and_shows_recovery_codes_once(client, mission):
    user = mission.coordinator.user
    client.force_login(user)
    shown = _shown_device(client.get("/accounts/two-factor/"))
    response = client.post("/accounts/two-factor/", {"code": authenticator_code(shown)})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    assert device.key == shown.key
    codes = response.context["codes"]
    assert len(codes) == 10 and all(code in page_text(response) for code in codes)
    assert sorted(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == sorted(codes)
    account = page_text(client.get("/accounts/"))  # this session passed the code step: it goes on
    assert "On: the login asks for a code from your authenticator app. 10 recovery codes left." in account
    assert not any(code in account for code in codes)


def test_new_recovery_codes_replace_the_old_ones(client, mission):
    user = mission.analyst.user
    device, old = two_factor_on(user)
    verified_login(client, user, device)
    response = client.post(RENEW)
    assert response.status_code == 200
    new = response.context["codes"]
    assert len(new) == 10 and not set(new) & set(old)
    assert set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == set(new)


def test_recovery_codes_need_two_factor_first(client, mission):
    client.force_login(mission.analyst.user)
    response = client.post(RENEW, follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/two-factor/"
    assert "Set up two-factor authentication first" in page_text(response)
    assert not StaticToken.objects.exists()


def test_observers_are_not_offered_it(client, mission):
    client.force_login(mission.sto.user)
    assert client.get("/accounts/two-factor/").status_code == 403
    account = page_text(client.get("/accounts/"))
    assert "Sign out everywhere" in account and "Two-factor authentication" not in account


def test_a_session_older_than_the_app_must_give_a_code_to_replace_it(mission):
    user = mission.coordinator.user
    setup, renewal = Client(), Client()
    setup.force_login(user)  # both before the app was set up (e.g. on another computer)
    renewal.force_login(user)
    device, codes = two_factor_on(user)
    for response, client in ((setup.get("/accounts/two-factor/"), setup), (renewal.post(RENEW), renewal)):
        assert response.status_code == 302 and response["Location"] == "/accounts/login/code/"
        assert "_auth_user_id" not in client.session
    assert TOTPDevice.objects.get(user=user) == device
    assert set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == set(codes)
    response = setup.post("/accounts/login/code/", {"code": authenticator_code(device)})
    assert response["Location"] == "/accounts/two-factor/"


def test_it_is_the_persons_whichever_mission_they_are_working_on(client, mission):
    """A coordinator who is also an STO of another mission sets it up while working on that one."""
    other = ObserverFactory(user=mission.coordinator.user, role="sto")
    client.force_login(mission.coordinator.user)
    client.post("/missions/switch/", {"mission": other.mission_id})
    assert client.get("/").context["membership"] == other
    assert client.get("/accounts/two-factor/").status_code == 200
    assert "Set up two-factor authentication" in page_text(client.get("/accounts/"))
