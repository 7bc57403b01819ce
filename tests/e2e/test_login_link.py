"""A printed card's login link opened on a phone: confirm, land in the app, turn the session into a phone token."""
import pytest

from observers.models import ApiToken, LoginLink, Role
from observers.onboarding import login_links_issue, login_links_prepare
from tests.factories import ObserverFactory

expect = pytest.importorskip("playwright.sync_api", reason="the playwright package is missing").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TOKEN_FROM_SESSION = """async () => {
  const csrf = document.cookie.split("; ").find((c) => c.startsWith("csrftoken=")).split("=")[1];
  const response = await fetch("/api/v1/auth/token/from-session/", {method: "POST", headers: {"X-CSRFToken": csrf}});
  return {status: response.status, body: await response.json()};
}"""


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

    result = page.evaluate(TOKEN_FROM_SESSION)
    assert result["status"] == 200 and result["body"]["token"]
    assert ApiToken.objects.get().user == observer.user

    page.goto(f"{live_server.url}/l/{links[0].key}/")
    expect(page.get_by_role("heading")).to_have_text("This login link cannot be used")
    snap(page, "login-link-used")
