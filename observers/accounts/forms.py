"""The code step of a login, the authenticator app's confirmation, signing out everywhere, the mission's rule."""

from django import forms
from django.utils.translation import gettext_lazy as _

from observers.accounts.selectors import has_two_factor


class LoginCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "inputmode": "text"}),
    )


class TwoFactorSetupForm(forms.Form):
    code = forms.CharField(
        label=_("The 6-digit code your app shows now"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].replace(" ", "")
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError(_("Enter the 6 digits your authenticator app shows, e.g. 123456."))
        return code


class SignOutEverywhereForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            del self.fields["password"]  # an observer who logs in by link only has none to give

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password: nothing was signed out."))
        return password


class MissionSecurityForm(forms.Form):
    two_factor_required = forms.BooleanField(
        label=_("Require two-factor authentication for the core team (coordinators and analysts)"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_two_factor_required(self) -> bool:
        required = self.cleaned_data["two_factor_required"]
        if required and not has_two_factor(user=self.user):
            raise forms.ValidationError(
                _("Set up two-factor authentication for yourself first (on your account page), then require it.")
            )
        return required
