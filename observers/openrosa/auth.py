"""Who is calling an OpenRosa endpoint, three ways:

- **the key in the server URL** (`/openrosa/key/<key>/m/<mission>/`), as ODK Central's app users: the key is a
  phone token (observers.models.ApiToken: expiring, revocable, only its hash stored) printed as a settings QR code
  on the login card. Every request looks it up, so revoking it ("sign the phones out") stops Collect at once.
- **a username and password** with HTTP Basic, over HTTPS only (Collect sends Basic only then, too). Failures count
  towards the same limits as every password login (observers/logins: the per-address counter and django-axes).
  HTTP Digest is not offered: checking it needs MD5(username:realm:password) kept for every account, a password
  equivalent that anyone reading the database could log in with; Basic over TLS needs nothing but the usual hash.
- **a signed-in browser session** (Enketo or Web Forms served from this site), with Django's CSRF check on a POST.
"""

import base64
import binascii

from django.conf import settings
from django.contrib.auth import authenticate
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.translation import gettext as _
from rest_framework import exceptions

from observers.accounts.selectors import has_two_factor
from observers.api.authentication import ExpiringTokenAuthentication
from observers.logins.messages import address_wait_message, locked_out_message
from observers.models import Observer


class OpenRosaRefused(Exception):
    """The request is refused: `status`, a message for the phone, and for 401 the challenge to send."""

    def __init__(self, status: int, message: str, *, challenge: bool = False, retry_after: int | None = None):
        super().__init__(message)
        self.status, self.message, self.challenge, self.retry_after = status, message, challenge, retry_after


def realm() -> str:
    return "Election observation"


def _by_key(key: str):
    try:
        user, token = ExpiringTokenAuthentication().authenticate_credentials(key)
    except exceptions.AuthenticationFailed:
        raise OpenRosaRefused(
            403,
            _(
                "This server address has expired or was revoked: ask your coordinator for a new login card and scan "
                "its ODK Collect code again."
            ),
        ) from None
    return user, token.memberships


def _by_password(request):
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _space, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        if request.user.is_authenticated:
            return request.user, None
        raise OpenRosaRefused(401, _("Log in with your username and password."), challenge=True)
    if not request.is_secure():
        raise OpenRosaRefused(
            403, _("Passwords are accepted over HTTPS only: change the server address to begin with https://.")
        )
    try:
        username, colon, password = base64.b64decode(encoded.strip(), validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        colon = ""
    if not colon:
        raise OpenRosaRefused(400, _("The Authorization header is not username:password in Base64."))
    user = authenticate(request, username=username, password=password)
    wait = getattr(request, "login_address_wait", 0)  # set by observers.logins.backends
    if wait:
        raise OpenRosaRefused(429, address_wait_message(wait), retry_after=wait)
    if getattr(request, "axes_locked_out", False):
        request.axes_locked_out = False  # answered here, in the phone's terms, not by axes' HTML page
        cooloff = int(settings.AXES_COOLOFF_TIME.total_seconds())
        raise OpenRosaRefused(429, locked_out_message(), retry_after=cooloff)
    if user is None:
        raise OpenRosaRefused(401, _("Wrong username or password: check both and try again."), challenge=True)
    if has_two_factor(user=user):
        raise OpenRosaRefused(
            403, _("This account uses two-factor authentication: a password alone cannot send forms from ODK.")
        )
    return user, None


def _csrf_checked(request) -> None:
    reason = CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})
    if reason is not None:
        raise OpenRosaRefused(403, _("CSRF token missing or old: reload the page and send again."))


def openrosa_caller(request, *, key: str | None, mission_slug: str) -> Observer:
    """The caller's membership of the mission the URL names; sets request.user. Raises OpenRosaRefused."""
    if key is not None:
        user, memberships = _by_key(key)
    else:
        user, memberships = _by_password(request)
        if memberships is None and request.method not in ("GET", "HEAD") and "HTTP_AUTHORIZATION" not in request.META:
            _csrf_checked(request)  # a browser's session: its cookie alone must not be enough to send
    request.user = user
    if memberships is None:
        memberships = list(Observer.objects.select_related("mission", "team").filter(user=user))
    membership = next((m for m in memberships if m.mission.slug == mission_slug), None)
    if membership is None:
        # Not echoed: another mission's address tells nothing about that mission.
        raise OpenRosaRefused(404, _("This account is not in the mission this server address names."))
    return membership
