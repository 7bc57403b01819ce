"""Reads about a person's account: their two-factor devices and what their memberships ask of them."""

from collections.abc import Iterable

from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from observers.models import Observer


def has_two_factor(*, user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(*, user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def is_core_team(*, memberships: Iterable[Observer]) -> bool:
    """A coordinator or analyst of any mission: their session carries the core team's rights."""
    return any(membership.is_core for membership in memberships)
