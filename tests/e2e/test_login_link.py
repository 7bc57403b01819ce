"""A printed card's login link opened on a phone: confirm, land in the app, turn the session into a phone token."""

import pytest

from observers.models import ApiToken, LoginLink, Role
from observers.onboarding.services import login_links_issue, login_links_prepare
from tests.factories import ObserverFactory

expect = pytest.importorskip("playwright.sync_api", reason="the playwright package is missing").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_link_logs_the_observer_in_once_and_the_app_gets_a_token(phone, live_server, snap):
    observer = ObserverFactory(role=Role.STO, full_name="Aigerim Sadykova")
    coordinator = ObserverFactory(mission=observer.mission, role=Role.COORDINATOR)
    links = login_links_prepare(observers=[observer])
    login_links_issue(links=links, created_by=coordinator.user)
    page = phone.new_page()

    page.goto(f"{live_server.url}/l/{links[0].key}/")
    expect(page.get_by_role("heading")).to_have_text("Log in as Aigerim Sadykova")
    snap(page, "login-link-confirm")
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_url(f"{live_server.url}/app/")
    assert LoginLink.objects.get().used_at is not None

    # The app trades the session for a phone token by itself: no password asked, the team's plan shows.
    expect(page.locator("#password")).to_have_count(0)
    expect(page.get_by_text(observer.team.code)).to_be_visible()
    assert ApiToken.objects.get().user == observer.user

    page.goto(f"{live_server.url}/l/{links[0].key}/")
    expect(page.get_by_role("heading")).to_have_text("This login link cannot be used")
    snap(page, "login-link-used")
