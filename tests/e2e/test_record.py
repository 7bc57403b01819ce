"""An analyst in a real browser: the record page for the interim period, a figure followed to the cases behind
it, the register filtered by hand, a case and its appeal chain. No policy violation on any page."""

import datetime as dt

import pytest

from observers.models import Role
from tests.factories import CaseFileFactory, ObserverFactory, RegionFactory

expect = pytest.importorskip("playwright.sync_api", reason="the playwright package is missing").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_analyst_follows_a_figure_to_its_cases(desktop, live_server, snap):
    analyst = ObserverFactory(role=Role.ANALYST, user__username="legal")
    mission = analyst.mission
    north = RegionFactory(mission=mission, code="N", name="North")
    complaint = CaseFileFactory(
        mission=mission,
        region=north,
        number="C-0001",
        decision="rejected",
        decided_on=dt.date(2004, 8, 24),
        is_key=True,
    )
    CaseFileFactory(
        mission=mission,
        region=north,
        number="C-0002",
        body="regional",
        appeal_of=complaint,
        filed_on=dt.date(2004, 8, 26),
        deadline=dt.date(2004, 8, 31),
    )
    for n in range(3, 8):
        CaseFileFactory(
            mission=mission,
            number=f"C-{n:04d}",
            body="court",
            filed_on=dt.date(2004, 9, 1),
            deadline=dt.date(2004, 9, 6),
        )
    page = desktop.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "legal")
    page.fill("input[name=password]", "pass-word-123")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/record/?start=2004-08-15&end=2004-09-05")
    row = page.locator("#cases-by-body tbody tr", has_text="Court of first instance")
    expect(row.locator("td").nth(1)).to_have_text("5")
    snap(page, "record-index")
    row.locator("td").nth(1).locator("a").click()
    expect(page.locator("#case-count")).to_contain_text("5 cases")
    expect(page.locator("#cases tbody tr")).to_have_count(5)

    page.goto(f"{live_server.url}/cases/")
    page.select_option("select[name=body]", "district")
    page.select_option("select[name=decision]", "rejected")
    page.click("#case-filters button[type=submit]")
    expect(page.locator("#case-count")).to_contain_text("1 case")
    snap(page, "register-filtered")
    page.click("#cases a:text('C-0001')")
    expect(page.locator("#appeal-chain li")).to_have_count(2)
    expect(page.locator("#appeal-chain")).to_contain_text("C-0002")
    snap(page, "case-detail")
