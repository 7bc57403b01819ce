"""The phone's plan in a real browser: each station marked by where its forms stand, the count sent, mission
time with a warning when the phone is set to another zone, and where the observer is in a long checklist."""

import re

import pytest

from observers.models import Checklist, Role, Submission
from tests.e2e.conftest import PHONE, PHONE_POSITION
from tests.e2e.test_phone_app import PASSWORD
from tests.factories import (
    AssignmentFactory,
    ChecklistFactory,
    ObserverFactory,
    PollingStationFactory,
    RegionFactory,
    SubmissionFactory,
    TeamFactory,
)

expect = pytest.importorskip("playwright.sync_api", reason="the playwright package is missing").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SECTIONS = [
    {"code": "arrival_time", "type": "time", "required": True, "section": {"en": "Arrival"}, "labels": {"en": "At"}},
    {"code": "ballots", "type": "integer", "required": True, "section": {"en": "Figures"}, "labels": {"en": "Ballots"}},
    {"code": "valid", "type": "integer", "required": False, "labels": {"en": "Valid"}},
    {"code": "note", "type": "text", "required": False, "section": {"en": "Remarks"}, "labels": {"en": "Remarks"}},
]


@pytest.fixture
def plan(transactional_db):
    region = RegionFactory(code="R01", name="Almaty")
    mission = region.mission
    sto = ObserverFactory(
        mission=mission, role=Role.STO, user__username="sto9", team=TeamFactory(mission=mission, code="STO-09")
    )
    stations = [
        PollingStationFactory(region=region, code=f"00.30.0{n}", name=name, latitude=43.2 + n / 100, longitude=76.9)
        for n, name in enumerate(["Sent School", "Returned School", "Draft School", "Untouched School"], start=1)
    ]
    for order, station in enumerate(stations, start=1):
        AssignmentFactory(team=sto.team, polling_station=station, order=order, purpose="voting")
    voting = ChecklistFactory(mission=mission, kind=Checklist.Kind.VOTING, title={"en": "Voting"}, questions=SECTIONS)
    ChecklistFactory(mission=mission, kind=Checklist.Kind.INCIDENT, title={"en": "Incident"})
    sent = {"mission": mission, "checklist": voting, "team": sto.team, "observer": sto}
    SubmissionFactory(**sent, polling_station=stations[0], answers={"arrival_time": "08:00", "ballots": 1})
    SubmissionFactory(
        **sent,
        polling_station=stations[1],
        answers={"arrival_time": "09:00", "ballots": 2},
        review_status=Submission.ReviewStatus.SENT_BACK,
        review_note="The ballots do not add up: count again.",
    )
    return stations


def _phone(new_context, zone):
    return new_context(
        timeout=30_000,  # the live server's first page on a busy machine
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        locale="en-GB",
        timezone_id=zone,
        geolocation=PHONE_POSITION,
        permissions=["geolocation"],
    )


def _log_in(context, live_server):
    page = context.new_page()
    page.goto(f"{live_server.url}/app/")
    page.fill("#username", "sto9")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#appbar-title")).to_have_text("Team STO-09")
    return page


def test_each_station_is_marked_and_the_stations_sent_counted(new_context, live_server, plan, snap):
    page = _log_in(_phone(new_context, "Asia/Almaty"), live_server)
    cards = page.locator(".stations .station-card")
    expect(cards).to_have_count(4)
    expect(page.locator("#plan-progress")).to_have_text("1 of 4 stations sent")
    expect(cards.nth(0).locator(".mark")).to_have_text("Sent")
    expect(cards.nth(1).locator(".mark")).to_have_text("Sent back")
    expect(cards.nth(3).locator(".mark")).to_have_count(0)

    # A form started at the third station and kept for later marks it a draft.
    page.get_by_role("link", name=re.compile("Draft School")).click()
    page.get_by_role("link", name="Voting", exact=True).click()
    page.fill("#q-arrival_time-input", "10:15")
    page.get_by_role("link", name="Save for later").click()
    expect(cards.nth(2).locator(".mark")).to_have_text("Draft")
    expect(page.locator("#zone-warning")).to_have_count(0)
    expect(page.locator("#mission-clock")).to_contain_text("(Astana time)")
    snap(page, "marks-01-plan")


def test_a_phone_set_to_another_zone_is_warned_and_shows_mission_time(new_context, live_server, plan, snap):
    page = _log_in(_phone(new_context, "Europe/Berlin"), live_server)
    warning = page.locator("#zone-warning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Times in the app are mission time (Astana time)")
    expect(page.locator("#mission-clock")).to_contain_text("Mission time:")
    snap(page, "marks-02-zone-warning")


def test_a_long_checklist_says_which_section_the_observer_is_in(new_context, live_server, plan, snap):
    page = _log_in(_phone(new_context, "Asia/Almaty"), live_server)
    page.get_by_role("link", name=re.compile("Untouched School")).click()
    page.get_by_role("link", name="Voting", exact=True).click()
    expect(page.locator("h2.section .section-of")).to_have_text(["Section 1 of 3", "Section 2 of 3", "Section 3 of 3"])
    expect(page.locator("#form-where")).to_have_text("Section 1 of 3 · Arrival")  # the section's title
    page.locator("#q-note").scroll_into_view_if_needed()
    page.mouse.wheel(0, 2000)
    expect(page.locator("#form-where")).to_contain_text("of 3")
    snap(page, "marks-03-sections")
