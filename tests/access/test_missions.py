"""Several missions on one server: roles are per mission, and the mission chosen in the session decides the pages.

`dual` is a coordinator in mission A and a short-term observer in mission B (team B-STO1).
"""

import pytest
from django.urls import reverse

from observers.models import Role

SWITCH = reverse("home:mission-switch")


@pytest.fixture
def dual_client(client, two_missions):
    client.force_login(two_missions.dual.user)
    return client


def _switch(client, mission, **extra):
    return client.post(SWITCH, {"mission": mission.pk, **extra})


def test_the_switcher_shows_only_to_people_in_several_missions(client, two_missions, dual_client):
    page = dual_client.get("/").content.decode()
    assert f'action="{SWITCH}"' in page
    assert "Mission A · Coordinator" in page and "Mission B · Short-term observer" in page

    client.force_login(two_missions.a.members[Role.COORDINATOR].user)
    assert f'action="{SWITCH}"' not in client.get("/").content.decode()


def test_the_current_mission_decides_the_pages(dual_client, two_missions):
    a, b = two_missions.a, two_missions.b
    # No choice yet: the first membership (A, coordinator).
    assert dual_client.get("/reports/").status_code == 200

    response = _switch(dual_client, b.mission)
    assert response.status_code == 302 and response["Location"] == "/"
    home = dual_client.get("/").content.decode()
    assert "Team B-STO1" in home and "Mission B" in home
    assert dual_client.get("/reports/").status_code == 403
    assert dual_client.get("/deployment/teams/").status_code == 403
    assert dual_client.get(reverse("checklists:detail", args=[b.voting.pk])).status_code == 403

    _switch(dual_client, a.mission)
    assert dual_client.get("/reports/").status_code == 200
    teams = dual_client.get("/deployment/teams/").content.decode()
    assert "A-STO1" in teams and "B-STO1" not in teams
    # As A's coordinator, B's objects stay out of reach though the same person is in B.
    assert dual_client.get(reverse("checklists:detail", args=[b.voting.pk])).status_code == 404
    assert dual_client.get(reverse("documents:compilation-pdf", args=[b.compilation.pk])).status_code == 404


def test_switching_goes_back_to_a_safe_next_page(dual_client, two_missions):
    response = _switch(dual_client, two_missions.b.mission, next="/app/")
    assert response["Location"] == "/app/"
    response = _switch(dual_client, two_missions.a.mission, next="https://evil.example/")
    assert response["Location"] == "/"


def test_only_to_missions_one_belongs_to(dual_client, two_missions, django_user_model):
    from tests.factories import MissionFactory

    stranger = MissionFactory(name="Mission C")
    assert _switch(dual_client, stranger).status_code == 403
    assert dual_client.get("/reports/").status_code == 200  # still A
    response = dual_client.post(SWITCH, {"mission": "B"})
    assert response.status_code == 400 and b"whole number" in response.content
    assert dual_client.get(SWITCH).status_code == 405


def test_anonymous_cannot_switch(client, two_missions):
    response = _switch(client, two_missions.a.mission)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def _uuids(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["uuid"] for row in response.json()["results"]}


@pytest.mark.parametrize("current", ["a", "b"])
def test_api_scoping_follows_each_missions_role(dual_client, two_missions, current):
    """The API serves every mission by the role held in it: A's core-team view and B's own team only."""
    a, b = two_missions.a, two_missions.b
    _switch(dual_client, getattr(two_missions, current).mission)

    expected = {str(s.uuid) for s in (a.submission, a.counted, a.other_submission, b.submission, b.counted)}
    assert _uuids(dual_client.get("/api/v1/submissions/")) == expected
    assert dual_client.get(f"/api/v1/submissions/{b.other_submission.uuid}/").status_code == 404
    assert dual_client.get(f"/api/v1/submissions/{a.other_submission.uuid}/").status_code == 200

    compilations = dual_client.get("/api/v1/reports/compilations/")
    plan = dual_client.get("/api/v1/plan/")
    commissions = dual_client.get("/api/v1/nam/commissions/")
    if current == "a":  # working as A's coordinator
        assert [c["id"] for c in compilations.json()["results"]] == [a.compilation.pk]
        assert dual_client.get(f"/api/v1/reports/compilations/{b.compilation.pk}/").status_code == 404
        assert plan.status_code == 403
        assert [c["id"] for c in commissions.json()["results"]] == [a.commission.pk]
    else:  # working as B's short-term observer
        assert compilations.status_code == 403 and commissions.status_code == 403
        assert plan.status_code == 200
        assert plan.json()["team"]["code"] == "B-STO1"
        assert [row["polling_station"]["code"] for row in plan.json()["assignments"]] == ["B-PS1"]


def test_a_token_client_gets_the_same_scoping(token_client, two_missions):
    a, b = two_missions.a, two_missions.b
    api = token_client(two_missions.dual.user)
    response = api.get("/api/v1/submissions/", {"team": b.other_team.pk})
    assert _uuids(response) == set()
    response = api.get("/api/v1/submissions/", {"team": a.other_team.pk})
    assert _uuids(response) == {str(a.other_submission.uuid)}
    checklists = api.get("/api/v1/checklists/").json()["results"]
    assert {c["mission"] for c in checklists} == {a.mission.pk, b.mission.pk}


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ANALYST, Role.LTO, Role.STO])
def test_lists_never_hold_another_missions_rows(client, two_missions, role):
    a, b = two_missions.a, two_missions.b
    client.force_login(a.members[role].user)
    submissions = {row["mission"] for row in client.get("/api/v1/submissions/").json()["results"]}
    checklists = {row["mission"] for row in client.get("/api/v1/checklists/", {"all": "1"}).json()["results"]}
    assert b.mission.pk not in submissions | checklists
    assert checklists == {a.mission.pk}
    if role in (Role.COORDINATOR, Role.ANALYST):
        assert submissions == {a.mission.pk}
        compilations = client.get("/api/v1/reports/compilations/").json()["results"]
        assert [c["mission"] for c in compilations] == [a.mission.slug]
        meetings = client.get("/api/v1/nam/meetings/").json()["results"]
        assert [m["id"] for m in meetings] == [a.meeting.pk]
        stations = client.get("/exports/polling-stations.csv").getvalue().decode()
        assert "A-PS1" in stations and "B-PS1" not in stations


def test_a_coordinator_cannot_start_a_compilation_of_another_mission(client, two_missions):
    client.force_login(two_missions.a.members[Role.COORDINATOR].user)
    response = client.post(
        "/api/v1/reports/compilations/",
        {"mission": "mission-b", "kind": "preliminary", "language": "en"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {"mission": ["You are not a coordinator or analyst of a mission 'mission-b'."]}
    assert two_missions.b.mission.reports.count() == 1


def test_polling_compilations_shows_only_the_current_missions(client, two_missions):
    a, b = two_missions.a, two_missions.b
    client.force_login(a.members[Role.ANALYST].user)
    response = client.get(reverse("documents:compilation-status"), {"ids": f"{a.compilation.pk},{b.compilation.pk}"})
    assert [row["id"] for row in response.json()["compilations"]] == [a.compilation.pk]
