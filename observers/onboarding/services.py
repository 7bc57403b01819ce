"""How observers get in: one-time login links, handed out as printed cards at the briefing, and the phones'
API tokens (expiring, revocable).

A link's or a token's key is random and shown once (on the card); only its hash is stored. Opening the link shows a
confirmation page; only the POST from that page consumes it, so a chat app's link preview does not.
"""

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from observers.audit.registry import audit_bulk
from observers.models import ApiToken, LoginLink, Observer
from observers.onboarding.selectors import account_managed_by_mission

DEFAULT_LIFETIME = timedelta(hours=72)
MAX_LIFETIME = timedelta(days=30)


class AccountNotManaged(Exception):
    """The account is also used in another mission (or has staff rights): this mission may not sign it out."""


class LinkUnusable(Exception):
    """The link cannot log anyone in; `reason` is one of unknown, used, revoked, expired, inactive."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class IssuedLink:
    observer: Observer
    key: str
    expires_at: datetime
    collect_key: str = ""  # a phone token for ODK Collect's settings code on the card (observers/openrosa)


def key_hash(key: str) -> str:
    """What is stored of a login link's or a phone token's key: its SHA-256, so a database dump logs nobody in."""
    return hashlib.sha256(key.encode()).hexdigest()


def token_issue(*, user) -> str:
    """Make a new token for `user` and return its key (shown once, never stored)."""
    key = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user,
        key_hash=key_hash(key),
        expires_at=timezone.now() + timedelta(days=settings.API_TOKEN_LIFETIME_DAYS),
    )
    return key


def tokens_revoke(*, user) -> int:
    """Revoke every live token of `user`; returns how many."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def login_links_prepare(
    *, observers: Sequence[Observer], lifetime: timedelta = DEFAULT_LIFETIME, collect: bool = False
) -> list[IssuedLink]:
    """New keys for the observers, not saved yet: print them first, then issue them (nothing half-done on failure).
    `collect`: also a phone token for ODK Collect, for observers in a team (the core team fills no forms)."""
    if not observers:
        raise ValueError("Choose at least one observer.")
    if not timedelta(hours=1) <= lifetime <= MAX_LIFETIME:
        raise ValueError(f"A link may stay valid from 1 hour to {MAX_LIFETIME.days * 24} hours.")
    expires_at = timezone.now() + lifetime
    return [
        IssuedLink(
            observer=o,
            key=secrets.token_urlsafe(16),
            expires_at=expires_at,
            collect_key=secrets.token_urlsafe(32) if collect and not o.is_core and o.team_id else "",
        )
        for o in observers
    ]


def login_links_issue(*, links: Sequence[IssuedLink], created_by) -> None:
    """Save prepared links (of one mission), revoking the observers' earlier links that were still usable."""
    now = timezone.now()
    observers = [link.observer for link in links]
    with transaction.atomic():
        LoginLink.objects.filter(
            observer__in=observers, used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
        ).update(revoked_at=now)
        LoginLink.objects.bulk_create(
            LoginLink(
                observer=link.observer, key_hash=key_hash(link.key), created_by=created_by, expires_at=link.expires_at
            )
            for link in links
        )
        token_expiry = now + timedelta(days=settings.API_TOKEN_LIFETIME_DAYS)
        ApiToken.objects.bulk_create(
            ApiToken(user=link.observer.user, key_hash=key_hash(link.collect_key), expires_at=token_expiry)
            for link in links
            if link.collect_key
        )
        audit_bulk(
            actor=created_by,
            mission=observers[0].mission,
            model=LoginLink,
            action="create",
            count=len(links),
            detail=f"Issued {len(links)} login links, valid until {links[0].expires_at:%Y-%m-%d %H:%M} UTC",
        )


def _link_with_key(key: str) -> LoginLink | None:
    return (
        LoginLink.objects.select_related("observer__user", "observer__mission").filter(key_hash=key_hash(key)).first()
    )


def login_link_find(*, key: str) -> LoginLink:
    """The usable link with this key, for the confirmation page; raises LinkUnusable with the reason."""
    link = _link_with_key(key)
    _check_usable(link)
    return link


def login_link_consume(*, key: str) -> Observer:
    """Use the link once: of two simultaneous requests, only one gets the observer; the other gets LinkUnusable."""
    now = timezone.now()
    with transaction.atomic():
        claimed = LoginLink.objects.filter(
            key_hash=key_hash(key), used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
        ).update(used_at=now)
        link = _link_with_key(key)
        if not claimed:
            _check_usable(link)
            raise LinkUnusable("used")  # used between the two statements
        if not link.observer.user.is_active:
            raise LinkUnusable("inactive")  # leaving the block with an exception undoes the claim
    return link.observer


def _check_usable(link: LoginLink | None) -> None:
    if link is None:
        raise LinkUnusable("unknown")
    if link.used_at is not None:
        raise LinkUnusable("used")
    if link.revoked_at is not None:
        raise LinkUnusable("revoked")
    if link.expires_at <= timezone.now():
        raise LinkUnusable("expired")
    if not link.observer.user.is_active:
        raise LinkUnusable("inactive")


def login_links_revoke(*, observer: Observer, revoked_by, link_id: int | None = None) -> int:
    """Revoke one unused link of `observer` (or all of them when `link_id` is None); returns how many."""
    links = LoginLink.objects.filter(observer=observer, used_at__isnull=True, revoked_at__isnull=True)
    if link_id is not None:
        links = links.filter(pk=link_id)
    with transaction.atomic():
        count = links.update(revoked_at=timezone.now())
        if count:
            audit_bulk(
                actor=revoked_by,
                mission=observer.mission,
                model=LoginLink,
                action="update",
                count=count,
                detail=f"Revoked {count} login link(s) of {observer.full_name}",
            )
    return count


def observer_tokens_revoke(*, observer: Observer, revoked_by) -> int:
    """Sign the observer's phones out: revoke every live API token of their account; returns how many.

    A token signs the account in for every mission it belongs to, so an account shared with another mission is
    left alone (AccountNotManaged)."""
    if not account_managed_by_mission(observer=observer):
        raise AccountNotManaged
    with transaction.atomic():
        count = tokens_revoke(user=observer.user)
        if count:
            audit_bulk(
                actor=revoked_by,
                mission=observer.mission,
                model=ApiToken,
                action="update",
                count=count,
                detail=f"Revoked {count} API token(s) of {observer.full_name}",
            )
    return count
