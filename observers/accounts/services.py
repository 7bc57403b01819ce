"""Changes to a person's account: setting up two-factor authentication, recovery codes, signing out everywhere,
and a mission's requirement of two-factor authentication for its core team."""

import time
from binascii import unhexlify

from django.db import transaction
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from mission.models import Mission
from observers.audit.registry import audit_bulk
from observers.models import ApiToken, Observer
from observers.onboarding.services import tokens_revoke

RECOVERY_CODE_COUNT = 10


class CodeRefused(Exception):
    """The code does not match the authenticator app's secret."""


def _totp_step(*, key: str, code: str) -> int | None:
    """The time step of `code` for the hex `key` (django-otp's TOTP, one step of clock drift allowed), or None."""
    code = code.strip().replace(" ", "")
    if not code.isdigit():
        return None
    totp = TOTP(unhexlify(key.encode()))
    totp.time = time.time()
    return totp.t() if totp.verify(int(code), tolerance=1) else None


@transaction.atomic
def two_factor_enable(*, user, key: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Save the authenticator app whose secret `key` the user was shown, once `code` proves they added it; replaces
    any earlier app. Returns the device and a new set of recovery codes (shown once)."""
    step = _totp_step(key=key, code=code)
    if step is None:
        raise CodeRefused
    TOTPDevice.objects.filter(user=user).delete()
    # last_t: the code used to confirm cannot log in a second time.
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", key=key, confirmed=True, last_t=step)
    return device, recovery_codes_regenerate(user=user)


@transaction.atomic
def recovery_codes_regenerate(*, user) -> list[str]:
    """A new set of recovery codes, each good for one login; the earlier ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(user=user, defaults={"name": "Recovery codes"})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


class CodeThrottled(Exception):
    """Wrong codes came too fast: django-otp refuses to check another before `until`."""

    def __init__(self, until):
        super().__init__(until)
        self.until = until


def login_code_verify(*, user, code: str) -> Device | None:
    """The device that accepts `code`: the authenticator app for digits, else a recovery code (used up).

    Each device counts its failures and makes the next try wait longer (django-otp's throttling); the login
    step also counts failures with django-axes, which locks the account after a few."""
    code = code.strip().replace(" ", "").lower()
    model = TOTPDevice if code.isdigit() else StaticDevice
    with transaction.atomic():
        device = model.objects.select_for_update().filter(user=user, confirmed=True).first()
        if device is None or not code:
            return None
        allowed, info = device.verify_is_allowed()
        if not allowed:
            raise CodeThrottled(info.get("locked_until"))
        return device if device.verify_token(code) else None


def sign_out_everywhere(*, user, password: str | None) -> int:
    """End every session of `user` but the caller's, and revoke all their phone tokens; returns how many tokens.

    Every session carries a hash of the password's stored hash, checked on each request: storing the password
    again, with a new salt, makes all of them stale at once, without reading the session table. The caller's
    session is then given the new hash (django.contrib.auth.update_session_auth_hash, by the view)."""
    with transaction.atomic():
        if password is None:
            user.set_unusable_password()  # a new random one: the account logs in by links only, as before
        else:
            user.set_password(password)
        user.save(update_fields=["password"])
        count = tokens_revoke(user=user)
        for membership in Observer.objects.filter(user=user).select_related("mission"):
            audit_bulk(
                actor=user,
                mission=membership.mission,
                model=ApiToken,
                action="update",
                count=count,
                detail=f"{membership.full_name} signed out everywhere: sessions ended, {count} API token(s) revoked",
            )
    return count


def mission_two_factor_set(*, mission: Mission, required: bool, actor) -> bool:
    """Turn the mission's requirement on or off; returns whether it changed."""
    with transaction.atomic():
        changed = (
            Mission.objects.filter(pk=mission.pk)
            .exclude(core_team_two_factor_required=required)
            .update(core_team_two_factor_required=required)
        )
        if changed:
            state = "on" if required else "off"
            audit_bulk(
                actor=actor,
                mission=mission,
                model=Mission,
                action="update",
                count=1,
                detail=f"Two-factor authentication for the core team required: {state}",
            )
    mission.core_team_two_factor_required = required
    return bool(changed)
