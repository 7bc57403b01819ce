"""The core team's sessions end after CORE_TEAM_IDLE_TIMEOUT_MINUTES without a request; observers' do not."""

import time

from django.contrib.auth import SESSION_KEY

from observers.accounts.session_state import LAST_ACTIVITY_KEY
from tests.observers.accounts.conftest import page_text


def _idle_for(client, minutes: float) -> None:
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time() - minutes * 60)
    session.save()


def test_a_coordinators_idle_session_ends_with_a_message(client, mission, settings):
    settings.CORE_TEAM_IDLE_TIMEOUT_MINUTES = 30
    client.force_login(mission.coordinator.user)
    assert client.get("/").status_code == 200
    _idle_for(client, 29)
    assert client.get("/").status_code == 200  # within the timeout: still signed in
    _idle_for(client, 31)
    response = client.get("/audit/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=/audit/"
    assert SESSION_KEY not in client.session
    assert "You were signed out after 30 minutes without activity." in page_text(client.get(response["Location"]))


def test_the_session_notes_activity_at_most_once_a_minute(client, mission):
    client.force_login(mission.analyst.user)
    client.get("/")
    first = client.session[LAST_ACTIVITY_KEY]
    client.get("/")
    assert client.session[LAST_ACTIVITY_KEY] == first
    _idle_for(client, 2)
    client.get("/")
    assert client.session[LAST_ACTIVITY_KEY] >= first


def test_an_observers_session_is_not_cut(client, mission, settings):
    settings.CORE_TEAM_IDLE_TIMEOUT_MINUTES = 30
    client.force_login(mission.sto.user)
    _idle_for(client, 24 * 60)
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/plan/").status_code == 200
    assert client.session[SESSION_KEY] == str(mission.sto.user.pk)


def test_an_idle_session_calling_the_api_is_refused(client, mission):
    client.force_login(mission.analyst.user)
    _idle_for(client, 31)
    assert client.get("/api/v1/submissions/").status_code == 401  # signed out: as without a session
    assert SESSION_KEY not in client.session
