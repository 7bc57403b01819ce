"""Who may open which deployment page: coordinators everything, analysts coverage and the map, observers nothing."""

import pytest

from observers.models import Role
from tests.factories import AssignmentFactory, ObserverFactory, RegionFactory

PAGES = {
    "teams": ("/deployment/teams/", {Role.COORDINATOR}),
    "plan": ("/deployment/plan/", {Role.COORDINATOR}),
    "team plan": ("/deployment/plan/teams/{team}/", {Role.COORDINATOR}),
    "team pdf": ("/deployment/plan/teams/{team}/pdf/", {Role.COORDINATOR}),
    "region pdf": ("/deployment/plan/regions/{region}/pdf/", {Role.COORDINATOR}),
    "coverage": ("/deployment/coverage/", {Role.COORDINATOR, Role.ANALYST}),
    "map": ("/deployment/map/", {Role.COORDINATOR, Role.ANALYST}),
    "map stations": ("/deployment/map/stations.json", {Role.COORDINATOR, Role.ANALYST}),
    "map route": ("/deployment/map/teams/{team}/route.json", {Role.COORDINATOR, Role.ANALYST}),
    "map view": ("/deployment/map/view.json?bbox=0,0,90,60&zoom=4", {Role.COORDINATOR, Role.ANALYST}),
    "publish, asked": ("/deployment/plan/publish/", {Role.COORDINATOR}),
    "withdraw, asked": ("/deployment/plan/withdraw/", {Role.COORDINATOR}),
}
ACTIONS = [
    "/deployment/plan/propose/",
    "/deployment/plan/publish/",
    "/deployment/plan/withdraw/",
    "/deployment/plan/teams/{team}/add/",
    "/deployment/plan/assignments/{assignment}/remove/",
    "/deployment/plan/assignments/{assignment}/move/",
    "/deployment/plan/assignments/{assignment}/purpose/",
]


@pytest.fixture
def world(db):
    assignment = AssignmentFactory()
    mission = assignment.team.mission
    region = RegionFactory(mission=mission)
    return {"mission": mission, "team": assignment.team.pk, "assignment": assignment.pk, "region": region.pk}


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ANALYST, Role.LTO, Role.STO])
@pytest.mark.parametrize("page", PAGES)
def test_pages_by_role(client, world, role, page):
    url, allowed = PAGES[page]
    member = ObserverFactory(mission=world["mission"], role=role)
    client.force_login(member.user)
    response = client.get(url.format(**world))
    assert response.status_code == (200 if role in allowed else 403)


@pytest.mark.parametrize("role", [Role.ANALYST, Role.LTO, Role.STO])
@pytest.mark.parametrize("url", ACTIONS)
def test_only_coordinators_change_the_plan(client, world, role, url):
    member = ObserverFactory(mission=world["mission"], role=role)
    client.force_login(member.user)
    response = client.post(url.format(**world), {"station": 1, "position": 1, "purpose": "voting"})
    assert response.status_code == 403


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_is_sent_to_login(client, world, page):
    response = client.get(PAGES[page][0].format(**world))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
