"""The login: the password, then, for a user who set up two-factor authentication, a code.

Wrong codes count as failed logins for django-axes, with wrong passwords: after LOGIN_FAILURE_LIMIT of them the
account is locked (both steps refuse) for LOGIN_COOLOFF_MINUTES.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from observers.accounts.forms import LoginCodeForm
from observers.accounts.selectors import has_two_factor
from observers.accounts.services import CodeThrottled, login_code_verify
from observers.accounts.session_state import pending_clear, pending_login, pending_start
from observers.logins.views import LoginView


class PasswordLoginView(LoginView):
    """The login page (429 for an address slowed down: observers/logins); a user with an authenticator app is held
    at the code step instead of signed in."""

    def form_valid(self, form):
        user = form.get_user()
        if not has_two_factor(user=user):
            return super().form_valid(form)
        pending_start(self.request, user=user, backend=user.backend, next_url=self.get_success_url())
        return redirect("accounts:login-code")


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def login_code(request):
    pending = pending_login(request)
    if pending is None:
        pending_clear(request)
        messages.info(request, _("Log in with your username and password first."))
        return redirect("login")
    user, backend, next_url = pending
    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        pending_clear(request)
        return get_lockout_response(request, None, credentials)
    form = LoginCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            device = login_code_verify(user=user, code=form.cleaned_data["code"])
        except CodeThrottled as throttled:
            device = None
            seconds = max(1, int((throttled.until - timezone.now()).total_seconds()) + 1) if throttled.until else 1
            form.add_error(
                "code",
                _("Too many wrong codes in a row: wait %(seconds)d seconds, then try again.") % {"seconds": seconds},
            )
        if device is not None:
            pending_clear(request)
            user.otp_device = device  # django-otp marks the session as verified on login
            login(request, user, backend=backend)
            return redirect(next_url)
        if not form.errors:
            form.add_error("code", _("That code is not right. Try the code your app shows now, or a recovery code."))
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            pending_clear(request)
            return get_lockout_response(request, None, credentials)
    status = 400 if form.errors else 200
    return render(request, "accounts/login_code.html", {"form": form}, status=status)
