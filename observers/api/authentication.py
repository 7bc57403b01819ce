"""Bearer tokens for phones: `Authorization: Token <key>`. Expiring and revocable; only a hash is stored."""

from datetime import timedelta

from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from observers.api.token_lookup import token_with_memberships
from observers.models import ApiToken
from observers.onboarding.services import key_hash


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
        token, memberships = token_with_memberships(key_hash=key_hash(key))
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
