"""The account page (two-factor authentication, signing out everywhere) and the mission's security settings."""

from base64 import b32encode
from functools import wraps

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from observers.accounts.forms import MissionSecurityForm, SignOutEverywhereForm, TwoFactorSetupForm
from observers.accounts.qr import qr_svg
from observers.accounts.selectors import has_two_factor, is_core_team, recovery_codes_left
from observers.accounts.services import (
    CodeRefused,
    mission_two_factor_set,
    recovery_codes_regenerate,
    sign_out_everywhere,
    two_factor_enable,
)
from observers.accounts.session_state import STATE_KEY, hold_for_code, is_verified
from observers.onboarding.selectors import live_token_count
from observers.permissions import coordinator_required, user_memberships

SETUP_KEY = "two_factor_setup_key"  # the secret being set up, kept in the session until a code confirms it


def core_team_required(view):
    """A coordinator or analyst of any mission (two-factor authentication is the person's, not a mission's)."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not is_core_team(memberships=user_memberships(request)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _account_page(request, *, sign_out_form=None, status=200):
    user = request.user
    context = {
        "memberships": user_memberships(request),
        "core_team": is_core_team(memberships=user_memberships(request)),
        "two_factor": has_two_factor(user=user),
        "recovery_codes_left": recovery_codes_left(user=user),
        "live_tokens": live_token_count(user=user, now=timezone.now()),
        "sign_out_form": sign_out_form or SignOutEverywhereForm(user=user),
    }
    return render(request, "accounts/index.html", context, status=status)


@require_http_methods(["GET"])
@login_required
def account(request):
    return _account_page(request)


@never_cache
@sensitive_post_parameters("password")
@require_POST
@login_required
def sign_out_everywhere_view(request):
    user = request.user
    form = SignOutEverywhereForm(request.POST, user=user)
    if not form.is_valid():
        return _account_page(request, sign_out_form=form, status=400)
    count = sign_out_everywhere(user=user, password=form.cleaned_data.get("password"))
    update_session_auth_hash(request, user)  # this session stays signed in
    messages.success(
        request,
        ngettext(
            "Every other session is signed out, and %(count)d phone token was revoked.",
            "Every other session is signed out, and %(count)d phone tokens were revoked.",
            count,
        )
        % {"count": count},
    )
    return redirect("accounts:index")


def _setup_page(request, form, status=200):
    key = request.session.get(SETUP_KEY)
    if key is None:
        key = request.session[SETUP_KEY] = default_key()
    device = TOTPDevice(user=request.user, key=key)  # not saved: only for its otpauth:// URL
    secret = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "qr": qr_svg(device.config_url),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "two_factor": has_two_factor(user=request.user),
    }
    return render(request, "accounts/two_factor.html", context, status=status)


def _code_step_due(request) -> bool:
    """The user has an app but this session began before it (or without its code): replacing the app or the
    recovery codes takes a code first, so that a session taken from them cannot."""
    return not is_verified(request.session) and has_two_factor(user=request.user)


def _codes_page(request, codes: list[str], *, first_time: bool):
    # Shown once: the views are never_cache (no-store), and the codes are in no session.
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "first_time": first_time})


@never_cache
@require_http_methods(["GET", "POST"])
@core_team_required
def two_factor(request):
    """Set up (or replace) the authenticator app: a QR code and the secret, confirmed by one code."""
    if _code_step_due(request):
        return hold_for_code(request, next_url=reverse("accounts:two-factor"))
    if request.method == "GET":
        return _setup_page(request, TwoFactorSetupForm())
    form = TwoFactorSetupForm(request.POST)
    key = request.session.get(SETUP_KEY)
    if key is None:
        messages.error(request, _("The setup expired: scan the new QR code, then enter the code it shows."))
        return redirect("accounts:two-factor")
    if form.is_valid():
        try:
            device, codes = two_factor_enable(user=request.user, key=key, code=form.cleaned_data["code"])
        except CodeRefused:
            form.add_error(
                "code",
                _("That code does not match. Check that your phone's clock is right, then enter the code shown now."),
            )
        else:
            del request.session[SETUP_KEY]
            request.session.pop(STATE_KEY, None)
            otp_login(request, device)  # this session has passed the code step
            return _codes_page(request, codes, first_time=True)
    return _setup_page(request, form, status=400)


@never_cache
@require_POST
@core_team_required
def recovery_codes(request):
    if not has_two_factor(user=request.user):
        messages.error(request, _("Set up two-factor authentication first: recovery codes come with it."))
        return redirect("accounts:two-factor")
    if _code_step_due(request):
        return hold_for_code(request, next_url=reverse("accounts:index"))
    return _codes_page(request, recovery_codes_regenerate(user=request.user), first_time=False)


@require_http_methods(["GET", "POST"])
@coordinator_required
def mission_security(request):
    mission = request.membership.mission
    initial = {"two_factor_required": mission.core_team_two_factor_required}
    data = request.POST if request.method == "POST" else None  # an unticked box sends an empty form
    form = MissionSecurityForm(data, initial=initial, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            required = form.cleaned_data["two_factor_required"]
            if mission_two_factor_set(mission=mission, required=required, actor=request.user):
                text = (
                    _("The core team must now use two-factor authentication in %(mission)s.")
                    if required
                    else _("Two-factor authentication is no longer required in %(mission)s.")
                )
                messages.success(request, text % {"mission": mission.label()})
            return redirect("accounts:mission-security")
        return render(request, "accounts/mission_security.html", {"form": form}, status=400)
    return render(request, "accounts/mission_security.html", {"form": form})
