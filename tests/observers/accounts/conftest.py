"""One mission with a coordinator, an analyst and an STO (with a team and a phone); codes made as the app would."""

import time
from types import SimpleNamespace

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from observers.accounts.services import recovery_codes_regenerate
from observers.models import Role
from tests.factories import MissionFactory, ObserverFactory, TeamFactory

PASSWORD = "pass-word-123"  # tests/factories: every user's


@pytest.fixture
def mission(db) -> SimpleNamespace:
    mission = MissionFactory(name="Mission Alpha")
    return SimpleNamespace(
        mission=mission,
        coordinator=ObserverFactory(mission=mission, role=Role.COORDINATOR, user__username="coord"),
        analyst=ObserverFactory(mission=mission, role=Role.ANALYST, user__username="analyst"),
        sto=ObserverFactory(
            mission=mission, role=Role.STO, user__username="sto001", team=TeamFactory(mission=mission, code="STO-01")
        ),
    )


def authenticator_code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows for `device` now (or a time step later), by django-otp's TOTP."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def two_factor_on(user) -> tuple[TOTPDevice, list[str]]:
    """An authenticator app and recovery codes for `user`, as if set up on the account page."""
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True), recovery_codes_regenerate(user=user)


def verified_login(client, user, device: TOTPDevice) -> None:
    """Signed in as after the code step (force_login alone leaves a user with an app at the code step)."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def log_in(client, username: str, password: str = PASSWORD):
    return client.post("/accounts/login/", {"username": username, "password": password})


def page_text(response) -> str:
    return " ".join(response.content.decode().split())
