"""The account page and its two-factor setup (/accounts/), the code step of the login, the mission's security."""

from django.urls import path

from observers.accounts import login, views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="index"),
    path("login/code/", login.login_code, name="login-code"),
    path("two-factor/", views.two_factor, name="two-factor"),
    path("two-factor/recovery-codes/", views.recovery_codes, name="recovery-codes"),
    path("sign-out-everywhere/", views.sign_out_everywhere_view, name="sign-out-everywhere"),
    path("mission-security/", views.mission_security, name="mission-security"),
]
