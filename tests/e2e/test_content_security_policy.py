"""The pages that once needed inline scripts or styles, working in a real browser under the policy: the API docs,
the browsable API, the deployment map with its tiles, the monitor, a report's preview and Django's admin. The shared
new_context fixture fails each test on any violation the browser reports."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from observers.models import Role
from reports.documents.services import section_add, section_update
from reports.models import ReportSection
from tests.factories import ObserverFactory, PollingStationFactory, ReportFactory, UserFactory

expect = pytest.importorskip("playwright.sync_api", reason="the playwright package is missing").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-word-123"  # UserFactory's
TILE = Path(settings.BASE_DIR) / "static" / "phone" / "icons" / "icon-192.png"


@pytest.fixture
def coordinator(transactional_db):
    return ObserverFactory(role=Role.COORDINATOR, user__username="coord")


def log_in(context, live_server, username="coord"):
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return page


def test_the_api_docs_draw_every_operation(desktop, live_server, coordinator, snap):
    page = log_in(desktop, live_server)
    page.goto(f"{live_server.url}/api/docs/")
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/submissions/").first).to_be_visible()
    assert page.locator(".opblock").count() > 10
    page.locator(".opblock-summary", has_text="/api/v1/plan/").first.click()  # an operation opens
    expect(page.locator(".opblock-body").first).to_be_visible()
    snap(page, "csp-api-docs")


def test_the_browsable_api_opens_its_filters(desktop, live_server, coordinator, snap):
    page = log_in(desktop, live_server)
    page.goto(f"{live_server.url}/api/v1/nam/commissions/")
    page.get_by_role("button", name="Filters").click()  # DRF's own scripts (jQuery, Bootstrap) run
    expect(page.locator("#filtersModal")).to_be_visible()
    snap(page, "csp-browsable-api")


def test_the_deployment_map_draws_tiles_from_the_configured_server_and_the_stations(
    desktop, live_server, coordinator, snap
):
    for n in range(3):
        PollingStationFactory(mission=coordinator.mission, latitude=43.2 + n / 100, longitude=76.9)
    tiles = urlsplit(settings.LEAFLET_CONFIG["TILES"])
    desktop.route(f"{tiles.scheme}://{tiles.netloc}/**", lambda route: route.fulfill(path=TILE))
    page = log_in(desktop, live_server)
    page.goto(f"{live_server.url}/deployment/map/")
    expect(page.locator("#map-status")).to_have_text("3 stations shown, 0 planned")
    expect(page.locator("img.leaflet-tile-loaded").first).to_be_visible()
    snap(page, "csp-deployment-map")


def test_the_monitor_draws_its_map_and_refreshes(desktop, live_server, coordinator, snap):
    PollingStationFactory(mission=coordinator.mission, latitude=43.2, longitude=76.9)
    page = log_in(desktop, live_server)
    page.goto(f"{live_server.url}/monitor/")
    expect(page.locator("#monitor-map.leaflet-container")).to_be_visible()
    page.evaluate("() => document.dispatchEvent(new Event('visibilitychange'))")  # refreshes at once
    expect(page.locator("#monitor-refresh")).to_contain_text("Updated at")  # data.json fetched, fragments swapped
    snap(page, "csp-monitor")


def test_a_report_preview_shows_its_numbered_captions(desktop, live_server, coordinator, snap):
    report = ReportFactory(mission=coordinator.mission)
    section = section_add(report=report, level=ReportSection.Level.CHAPTER, heading="Deployment")
    section_update(section=section, body="Observers deployed.\n\n[[block:deployment]]")
    page = log_in(desktop, live_server)
    page.goto(f"{live_server.url}/reports/{report.pk}/preview/en/")
    caption = page.locator("p.caption.table").first
    expect(caption).to_be_visible()
    # "Table 1." comes from the one inline style, admitted by its nonce.
    label = caption.evaluate("(element) => getComputedStyle(element, '::before').content")
    assert label == '"Table " counter(table) ". "'
    snap(page, "csp-report-preview")


def test_the_admin_logs_in_and_its_scripts_run(desktop, live_server, snap):
    UserFactory(username="root", is_staff=True, is_superuser=True)
    UserFactory.create_batch(2)
    page = desktop.new_page()
    page.goto(f"{live_server.url}/admin/")  # the admin's login page sends to ours
    page.fill("input[name=username]", "root")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    expect(page.locator("#site-name")).to_be_visible()

    page.goto(f"{live_server.url}/admin/auth/user/")
    page.check("#action-toggle")  # admin/js/actions.js selects every row
    expect(page.locator("input.action-select:checked")).to_have_count(3)
    page.goto(f"{live_server.url}/admin/auth/user/add/")
    expect(page.locator("input[name=username]")).to_be_visible()
    # A form with date and time widgets and an inline formset: calendar.js, DateTimeShortcuts.js and inlines.js.
    page.goto(f"{live_server.url}/admin/mission/meeting/add/")
    page.locator("#id_date").locator("xpath=..").get_by_role("link", name="Today").click()
    expect(page.locator("#id_date")).not_to_have_value("")
    rows = page.locator("#invitations-group tr.form-row:not(.empty-form)")
    before = rows.count()
    page.locator("#invitations-group .add-row a").click()
    expect(rows).to_have_count(before + 1)
    snap(page, "csp-admin")
