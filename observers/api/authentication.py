"""Bearer tokens for phones: `Authorization: Token <key>`. Expiring and revocable; only a hash is stored."""
import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from observers.models import ApiToken
from observers.api.token_lookup import token_with_memberships


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def token_issue(*, user) -> str:
    """Make a new token for `user` and return its key (shown once, never stored)."""
    key = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user,
        key_hash=_hash(key),
        expires_at=timezone.now() + timedelta(days=settings.API_TOKEN_LIFETIME_DAYS),
    )
    return key


def tokens_revoke(*, user) -> int:
    """Revoke every live token of `user`; returns how many."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


class ExpiringTokenAuthentication(TokenAuthentication):
    """Also reads the user's memberships, in the same query as the token: permissions.user_memberships finds them
    on the request and does not ask again."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            request._request._memberships = result[1].memberships
        return result

    def authenticate_credentials(self, key):
        now = timezone.now()
        token, memberships = token_with_memberships(key_hash=_hash(key))
        if token is None or token.revoked_at is not None:
            raise exceptions.AuthenticationFailed("Invalid or revoked token: log in again.")
        if token.expires_at <= now:
            raise exceptions.AuthenticationFailed("Token expired: log in again.")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("User inactive.")
        if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.memberships = memberships
        return token.user, token
