"""What a session remembers between the password and the code, and whether it passed the code step.

A password (or a login link) alone does not sign in a user who set up two-factor authentication: the session
holds them as pending, for a few minutes, until the code step signs them in (see login.py and middleware.py).
"""

import time

from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model, logout
from django.shortcuts import redirect
from django_otp import DEVICE_ID_SESSION_KEY

from observers.accounts.selectors import has_two_factor

PENDING_KEY = "two_factor_pending"
PENDING_SECONDS = 5 * 60
# "absent": the user had no confirmed device when the session began (the code step is not asked again);
# "verified" is django-otp's DEVICE_ID_SESSION_KEY.
STATE_KEY = "two_factor"
ABSENT = "absent"
LAST_ACTIVITY_KEY = "last_activity"


def pending_start(request, *, user, backend: str, next_url: str) -> None:
    request.session[PENDING_KEY] = {"user": user.pk, "backend": backend, "next": next_url, "at": int(time.time())}


def hold_for_code(request, *, next_url: str):
    """Turn the signed-in session back into a login waiting for its code; the answer sends to the code step."""
    user, backend = request.user, request.session[BACKEND_SESSION_KEY]
    logout(request)
    pending_start(request, user=user, backend=backend, next_url=next_url)
    return redirect("accounts:login-code")


def pending_login(request) -> tuple[object, str, str] | None:
    """(user, backend, next URL) of the login waiting for its code, or None when there is none or it is stale."""
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        return None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    return (user, pending["backend"], pending["next"]) if user else None


def pending_clear(request) -> None:
    request.session.pop(PENDING_KEY, None)


def is_verified(session) -> bool:
    return DEVICE_ID_SESSION_KEY in session


def needs_code(session, *, user) -> bool:
    """The session's user set up two-factor authentication but this session did not pass the code step."""
    if is_verified(session) or session.get(STATE_KEY) == ABSENT:
        return False
    if has_two_factor(user=user):
        return True
    session[STATE_KEY] = ABSENT
    return False


def note_login(sender, request, user, **kwargs) -> None:
    """On every login (password, code step, login link): the first activity, and whether the code step is to
    come (both saved with the login's session, not by the next request)."""
    request.session[LAST_ACTIVITY_KEY] = int(time.time())
    if getattr(user, "otp_device", None) is None and not has_two_factor(user=user):
        request.session[STATE_KEY] = ABSENT
    else:
        request.session.pop(STATE_KEY, None)
