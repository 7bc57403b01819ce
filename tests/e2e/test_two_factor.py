"""A coordinator turns on two-factor authentication in the browser, as a person would: scans (here: reads) the key,
types the app's code, keeps the recovery codes, and from then on logs in with a code; the mission's retention page
opens too. All under the Content-Security-Policy (the new_context fixture fails on any violation)."""

import base64
import time

import pytest
from django_otp.oath import TOTP

from observers.models import Role
from tests.factories import ObserverFactory

expect = pytest.importorskip("playwright.sync_api", reason="the playwright package is missing").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-word-123"  # UserFactory's


def _code(secret: str, *, steps_ahead: int = 0) -> str:
    """What the app shows (a code is used once: the next login takes the next time step's, as the app would)."""
    totp = TOTP(base64.b32decode(secret + "=" * (-len(secret) % 8)))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def _password_step(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "coord")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")


def test_a_coordinator_sets_up_two_factor_and_logs_in_with_a_code(desktop, live_server, transactional_db, snap):
    ObserverFactory(role=Role.COORDINATOR, user__username="coord")
    page = desktop.new_page()
    _password_step(page, live_server)
    page.wait_for_url(f"{live_server.url}/")

    page.click("a[href='/accounts/']")
    page.click("a[href='/accounts/two-factor/']")
    expect(page.locator(".qr-box svg")).to_be_visible()
    secret = page.locator("code.secret").inner_text().replace(" ", "")
    snap(page, "two-factor-setup")
    page.fill("input[name=code]", "000000" if _code(secret) != "000000" else "111111")
    page.click("main button.primary")
    expect(page.locator("p.error")).to_be_visible()  # a wrong code: told so, nothing turned on
    page.fill("input[name=code]", _code(secret))
    page.click("main button.primary")
    expect(page.locator("ul.recovery-codes li")).to_have_count(10)

    page.goto(f"{live_server.url}/retention/")
    expect(page.locator("main h1")).to_be_visible()

    page.click("header button.link")  # log out
    _password_step(page, live_server)
    page.wait_for_url(f"{live_server.url}/accounts/login/code/")
    page.fill("input[name=code]", _code(secret, steps_ahead=1))
    page.click("main button.primary")
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator("header .who")).to_contain_text("Coordinator")
