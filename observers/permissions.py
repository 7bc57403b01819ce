"""Who may do what. Every page and endpoint goes through these; roles are per mission (Observer.role)."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from rest_framework.permissions import BasePermission

from observers.models import CORE_ROLES, ApiToken, Observer, Role

SESSION_MISSION_KEY = "mission_id"


def user_memberships(request: HttpRequest) -> list[Observer]:
    """Every mission the signed-in user belongs to, newest election first: one query per request."""
    if not hasattr(request, "_memberships"):
        request._memberships = list(
            Observer.objects.select_related("mission", "team")
            .filter(user=request.user)
            .order_by("-mission__election_date", "id")
        )
    return request._memberships


def current_membership(request: HttpRequest) -> Observer | None:
    """The signed-in user's membership of the mission they are working on (chosen in the session)."""
    if not request.user.is_authenticated:
        return None
    if hasattr(request, "_membership"):
        return request._membership
    memberships = user_memberships(request)
    chosen = request.session.get(SESSION_MISSION_KEY) if hasattr(request, "session") else None
    membership = next((m for m in memberships if m.mission_id == chosen), None) or next(iter(memberships), None)
    request._membership = membership
    return membership


def role_required(*roles: str):
    """Page decorator: the user must be signed in and hold one of `roles` in the current mission."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            from django.contrib.auth.views import redirect_to_login

            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = current_membership(request)
            if membership is None or membership.role not in roles:
                raise PermissionDenied
            request.membership = membership
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


core_required = role_required(*CORE_ROLES)
coordinator_required = role_required(Role.COORDINATOR)
media_monitor_required = role_required(Role.MEDIA_MONITOR)


class HasMissionRole(BasePermission):
    """API permission: the view's `allowed_roles` (default: every role) in the caller's current mission."""

    message = "You are not a member of a mission with a role that may do this."

    def has_permission(self, request, view) -> bool:
        membership = current_membership(request)
        if membership is None:
            return False
        request.membership = membership
        if (
            isinstance(request.auth, ApiToken)
            and membership.is_core
            and membership.mission.core_team_two_factor_required
        ):
            # A token proves a password (or a login link) only; sessions are held to the code step by middleware.
            self.message = _(
                "%(mission)s requires two-factor authentication for its core team: use the web pages, signed in with "
                "your code, not a phone token."
            ) % {"mission": membership.mission.label()}
            return False
        allowed = getattr(view, "allowed_roles", None)
        return allowed is None or membership.role in allowed


class IsCore(HasMissionRole):
    def has_permission(self, request, view) -> bool:
        return super().has_permission(request, view) and request.membership.role in CORE_ROLES
