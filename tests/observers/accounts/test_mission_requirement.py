"""A mission that requires two-factor authentication of its core team: set on the mission's security page by a
coordinator; its core team without it can only set it up; its observers never notice."""

from django.contrib.auth import SESSION_KEY
from rest_framework.test import APIClient

from mission.models import Mission
from observers.models import ApiToken
from observers.onboarding.services import login_links_issue, login_links_prepare, token_issue
from tests.factories import MissionFactory, ObserverFactory
from tests.observers.accounts.conftest import log_in, page_text, two_factor_on, verified_login

REQUIRED = "Mission Alpha requires two-factor authentication for its core team: set it up to continue."


def _require(mission) -> None:
    Mission.objects.filter(pk=mission.mission.pk).update(core_team_two_factor_required=True)


def test_a_coordinator_turns_it_on_once_they_use_it(client, mission):
    coordinator = mission.coordinator.user
    client.force_login(coordinator)
    response = client.post("/accounts/mission-security/", {"two_factor_required": "on"})
    assert response.status_code == 400
    assert "Set up two-factor authentication for yourself first" in page_text(response)
    assert not Mission.objects.get(pk=mission.mission.pk).core_team_two_factor_required
    device, _codes = two_factor_on(coordinator)
    verified_login(client, coordinator, device)
    response = client.post("/accounts/mission-security/", {"two_factor_required": "on"}, follow=True)
    assert "The core team must now use two-factor authentication in Mission Alpha." in page_text(response)
    assert Mission.objects.get(pk=mission.mission.pk).core_team_two_factor_required
    assert "Two-factor authentication for the core team required: on" in page_text(client.get("/audit/"))
    response = client.post("/accounts/mission-security/", {}, follow=True)
    assert "no longer required in Mission Alpha" in page_text(response)
    assert not Mission.objects.get(pk=mission.mission.pk).core_team_two_factor_required


def test_its_core_team_without_it_is_sent_to_set_it_up(client, mission):
    _require(mission)
    log_in(client, "analyst")
    for url in ("/", "/findings/", "/accounts/mission-security/"):
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0] == "/accounts/two-factor/", url
        assert REQUIRED in page_text(response)
    assert client.post("/findings/submissions/").status_code == 302
    api = client.get("/api/v1/submissions/")
    assert api.status_code == 403 and api.json() == {"detail": REQUIRED}
    assert client.get("/accounts/").status_code == 200  # their account page and the setup stay open


def test_they_may_still_work_in_another_mission(client, mission):
    _require(mission)
    other = MissionFactory(name="Mission Beta")
    ObserverFactory(mission=other, user=mission.analyst.user, role="analyst")
    client.force_login(mission.analyst.user)
    response = client.post("/missions/switch/", {"mission": other.pk})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_with_it_set_up_they_work_as_before(client, mission):
    _require(mission)
    device, _codes = two_factor_on(mission.analyst.user)
    verified_login(client, mission.analyst.user, device)
    assert client.get("/findings/").status_code == 200
    assert client.get("/api/v1/submissions/").status_code == 200


def test_its_observers_keep_their_login_links_and_tokens(client, api_client, mission):
    _require(mission)
    sto = mission.sto
    link = login_links_prepare(observers=[sto])[0]
    login_links_issue(links=[link], created_by=mission.coordinator.user)
    response = client.post(f"/l/{link.key}/")
    assert response.status_code == 302 and response["Location"] == "/app/"
    assert client.session[SESSION_KEY] == str(sto.user.pk)
    assert client.get("/").status_code == 200
    token = client.post("/api/v1/auth/token/from-session/").json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api_client.get("/api/v1/plan/").status_code == 200
    password_token = api_client.post("/api/v1/auth/token/", {"username": "sto001", "password": "pass-word-123"})
    assert password_token.status_code == 200


def test_its_core_team_cannot_work_with_a_phone_token(api_client, mission):
    """A token proves only a password: in such a mission the core team works in the browser, after the code."""
    token = token_issue(user=mission.analyst.user)  # got before the mission asked for a second factor
    _require(mission)
    two_factor_on(mission.analyst.user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    for url in ("/api/v1/submissions/", "/api/v1/nam/commissions/", "/api/v1/checklists/"):
        response = api_client.get(url)
        assert response.status_code == 403, url
        assert "requires two-factor authentication for its core team" in response.json()["detail"]


def test_a_password_alone_gets_no_phone_token_for_an_account_with_a_second_factor(api_client, mission):
    two_factor_on(mission.analyst.user)
    response = APIClient().post("/api/v1/auth/token/", {"username": "analyst", "password": "pass-word-123"})
    assert response.status_code == 400
    assert "two-factor authentication" in str(response.json())
    assert not ApiToken.objects.filter(user=mission.analyst.user).exists()
