"""Checks on every request of a signed-in session: the core team's idle timeout, the code step of two-factor
authentication, and a mission's requirement of it. Phone tokens are not sessions: the API's token requests pass
through untouched (their user is not known here)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext as _

from mission.clock import zone_of
from observers.accounts.selectors import is_core_team
from observers.accounts.session_state import LAST_ACTIVITY_KEY, hold_for_code, is_verified, needs_code
from observers.permissions import current_membership, user_memberships

ACTIVITY_WRITE_SECONDS = 60  # the session is saved at most this often just to note activity
# What a core-team member may still open in a mission that requires two-factor authentication they lack.
SETUP_ALLOWED = {"accounts:index", "accounts:two-factor", "logout", "home:mission-switch", "set_language"}


class SignedInSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            refusal = self._refusal(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    def _refusal(self, request):
        if is_core_team(memberships=user_memberships(request)) and self._idle_too_long(request):
            minutes = settings.CORE_TEAM_IDLE_TIMEOUT_MINUTES
            logout(request)
            messages.info(
                request, _("You were signed out after %(minutes)d minutes without activity.") % {"minutes": minutes}
            )
            return None if _is_api(request) else redirect_to_login(request.get_full_path())
        if needs_code(request.session, user=request.user):
            # A login link, or a session older than the user's two-factor setup: the code step comes first.
            if _is_api(request):
                logout(request)
                return None
            return hold_for_code(request, next_url=request.get_full_path())
        membership = current_membership(request)
        if _two_factor_missing(request, membership) and _url_name(request) not in SETUP_ALLOWED:
            message = _("%(mission)s requires two-factor authentication for its core team: set it up to continue.") % {
                "mission": membership.mission.label()
            }
            if _is_api(request):
                return JsonResponse({"detail": message}, status=403)
            messages.warning(request, message)
            return redirect("accounts:two-factor")
        return None

    @staticmethod
    def _idle_too_long(request) -> bool:
        now = int(time.time())
        last = request.session.get(LAST_ACTIVITY_KEY)
        if last is not None and now - last > settings.CORE_TEAM_IDLE_TIMEOUT_MINUTES * 60:
            return True
        if last is None or now - last >= ACTIVITY_WRITE_SECONDS:
            request.session[LAST_ACTIVITY_KEY] = now
        return False


def _two_factor_missing(request, membership) -> bool:
    """A core-team member of a mission that requires two-factor authentication, in a session without it."""
    return (
        membership is not None
        and membership.is_core
        and membership.mission.core_team_two_factor_required
        and not is_verified(request.session)
    )


def _is_api(request) -> bool:
    return request.path_info.startswith("/api/")


def _url_name(request) -> str | None:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None


class MissionTimeZoneMiddleware:
    """Pages of a signed-in member show times in their mission's zone (mission/clock.py names it). The API keeps
    UTC: its clients convert (the phone shows mission time from the plan's zone)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        membership = current_membership(request) if request.user.is_authenticated and not _is_api(request) else None
        if membership is None:
            return self.get_response(request)
        timezone.activate(zone_of(membership.mission.time_zone))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
