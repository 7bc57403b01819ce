"""The web login page: Django's, answering 429 with Retry-After when the address is slowed down."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from observers.logins.messages import address_wait_message


class LoginForm(AuthenticationForm):
    def get_invalid_login_error(self):
        wait = getattr(self.request, "login_address_wait", 0)
        if wait:
            return ValidationError(address_wait_message(wait), code="address_throttled")
        return ValidationError(gettext("Wrong username or password. Please try again."), code="invalid_login")


class LoginView(auth_views.LoginView):
    authentication_form = LoginForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        wait = getattr(self.request, "login_address_wait", 0)
        if wait:
            response.status_code = 429
            response["Retry-After"] = str(wait)
        return response
