"""A real browser (Chromium) driving the phone app against pytest-django's live server.

Skipped, saying why, when /usr/bin/chromium or the playwright package is missing. Set E2E_SCREENSHOTS to a
folder to keep a screenshot of each page the tests pass through. Every browser context comes from new_context,
which fails the test on any Content-Security-Policy violation its pages report.
"""

import os
import re
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
PHONE_POSITION = {"latitude": 43.238, "longitude": 76.935}  # Almaty
DESKTOP = {"width": 1280, "height": 900}
INTERNET = re.compile(r"^https?://(?!localhost[:/])")
# Runs in every page before its own scripts: each violation of the page's policy goes to the console, where
# new_context reads it with Chromium's own line on it, and with where it happened.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.effectiveDirective} refused ${event.blockedURI || "an inline source"}`
    + ` in ${event.documentURI} (${event.sourceFile || "the document"}:${event.lineNumber})`);
}, true);
"""


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install it with `apt-get install -y chromium` to run the browser tests")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="the playwright package is missing (requirements-dev.txt)"
    )
    # Playwright's synchronous API keeps an event loop running in this thread while the browser is open;
    # Django's ORM calls here are still synchronous, so its guard against async contexts must stand aside.
    with pytest.MonkeyPatch.context() as patch, sync_api.sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, started after the test database exists: with in-memory SQLite it then
    shares the tests' connection instead of opening its own ("database table is locked")."""
    return live_server


@pytest.fixture
def new_context(browser, live_server):
    """new_context(timeout=10_000, **options): a browser context with no way out to the internet (map tiles fail,
    markers stay). At teardown the test fails if any page of it violated its Content-Security-Policy, or the
    browser found fault with its Permissions-Policy header."""
    contexts, violations = [], []

    def on_console(message):
        text = message.text
        if text.startswith(("CSP violation", "Error with Permissions-Policy")) or "Content Security Policy" in text:
            violations.append(text)

    def make(timeout=10_000, **options):
        context = browser.new_context(**options)
        context.add_init_script(REPORT_CSP_VIOLATIONS)
        context.on("console", on_console)
        context.route(INTERNET, lambda route: route.abort())
        context.set_default_timeout(timeout)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    assert not violations, "the pages broke their security policies:\n" + "\n".join(violations)


@pytest.fixture
def phone(new_context):
    """A fresh phone-sized browser context in Almaty."""
    return new_context(
        timeout=30_000,  # the first page of a session loads every module of the app: slow on a busy machine
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="en-GB",
        timezone_id="Asia/Almaty",  # the mission's zone: no warning that the phone is set to another
        geolocation=PHONE_POSITION,
        permissions=["geolocation"],
    )


@pytest.fixture
def desktop(new_context):
    """A fresh desktop-sized browser context."""
    return new_context(timeout=30_000, viewport=DESKTOP, locale="en-GB")  # as the phone: a cold first page


@pytest.fixture
def snap():
    """snap(page, name): a screenshot into $E2E_SCREENSHOTS, when set."""
    folder = os.environ.get("E2E_SCREENSHOTS")

    def take(page, name: str) -> None:
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)

    return take
