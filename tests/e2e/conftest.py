"""A real browser (Chromium) driving the phone app against pytest-django's live server.

Skipped, saying why, when /usr/bin/chromium or the playwright package is missing. Set E2E_SCREENSHOTS to a
folder to keep a screenshot of each page the tests pass through.
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
def phone(browser, live_server):
    """A fresh phone-sized browser context in Almaty, with no way out to the internet (map tiles fail, markers stay)."""
    context = browser.new_context(
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="en-GB",
        geolocation=PHONE_POSITION,
        permissions=["geolocation"],
    )
    context.route(re.compile(r"^https?://(?!localhost[:/])"), lambda route: route.abort())
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def snap():
    """snap(page, name): a screenshot into $E2E_SCREENSHOTS, when set."""
    folder = os.environ.get("E2E_SCREENSHOTS")

    def take(page, name: str) -> None:
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)

    return take
