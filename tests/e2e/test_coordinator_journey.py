"""A coordinator's pre-election day in a real browser: import the election commission's station list, let the
planner propose a plan, publish it and print a team's deployment list."""

import io
import re

import pytest
from pypdf import PdfReader

from mission.models import PollingStation
from observers.models import Role, Team
from tests.factories import ObserverFactory, TeamFactory
from tests.helpers import GEORGIA_PRECINCTS

expect = pytest.importorskip("playwright.sync_api", reason="the playwright package is missing").expect

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not GEORGIA_PRECINCTS.exists(), reason=f"{GEORGIA_PRECINCTS} is missing"),
]


@pytest.fixture
def desktop(new_context):
    return new_context(timeout=20_000, viewport={"width": 1280, "height": 900}, locale="en-GB")


def test_import_plan_publish_print(desktop, live_server, snap):
    coordinator = ObserverFactory(role=Role.COORDINATOR, user__username="coord", mission__country="Georgia")
    mission = coordinator.mission
    page = desktop.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "coord")
    page.fill("input[name=password]", "pass-word-123")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    # Import: upload, accept the columns the page guessed from the headers, check every row, import.
    page.goto(f"{live_server.url}/imports/stations/")
    page.set_input_files("input[type=file]", str(GEORGIA_PRECINCTS))
    page.click("main button[type=submit]")
    expect(page.locator("select[name=code]")).to_have_value(re.compile(r"\d+"))
    snap(page, "import-columns")
    page.click("main button[type=submit]")
    expect(page.locator("main")).to_contain_text("3095")
    snap(page, "import-preview")
    page.check("input[name=confirm_regions]")  # the 74 regions the import creates, listed for confirmation
    page.click("main form button.primary")
    page.wait_for_url(f"{live_server.url}/imports/stations/done/")
    expect(page.locator(".messages")).to_contain_text("3095 created")
    assert PollingStation.objects.filter(mission=mission).count() == 3095

    # Teams arrive from the roster; here one long-term team covering every region and two short-term teams.
    lto = TeamFactory(mission=mission, code="LTO-01", kind=Team.Kind.LTO)
    lto.area.set(mission.regions.all())
    sto = [TeamFactory(mission=mission, code=f"STO-0{n}", parent=lto) for n in (1, 2)]

    page.goto(f"{live_server.url}/deployment/plan/")
    page.click("summary")
    page.fill("input[name=stations_per_team]", "10")
    page.click("form[action$='/propose/'] button[type=submit]")
    expect(page.locator("#proposal")).to_contain_text("The planner gives 20 stations to 2 teams")
    page.click("form[action$='/apply/'] button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("The planner's plan is in the draft: 20 stations for 2 teams")
    page.click("a[href$='/plan/publish/']")  # asks first, saying what changes
    page.click("form[action$='/publish/'] button[type=submit]")
    expect(page.locator(".plan-status")).to_contain_text("Published")
    snap(page, "plan-published")

    # Print: the team's deployment list is a PDF with its route's station codes.
    response = page.request.get(f"{live_server.url}/deployment/plan/teams/{sto[0].pk}/pdf/")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    codes = list(sto[0].assignments.values_list("polling_station__code", flat=True))
    assert len(codes) == 10 and all(code in text for code in codes)
