"""The deployment map and plan in a real browser, as a coordinator uses them: no tile server reachable."""

import pytest

from observers.models import Assignment, DeploymentPlan, Role
from tests.factories import AssignmentFactory, ObserverFactory, PollingStationFactory, RegionFactory, TeamFactory

expect = pytest.importorskip("playwright.sync_api", reason="the playwright package is missing").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-word-123"  # UserFactory's
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def mission_with_a_route(transactional_db):
    region = RegionFactory(code="R01", name="Almaty")
    mission = region.mission
    coordinator = ObserverFactory(mission=mission, role=Role.COORDINATOR, user__username="coord")
    team = TeamFactory(mission=mission, code="STO-07")
    stations = [
        PollingStationFactory(
            region=region, code=f"00.25.{n:02d}", latitude=43.20 + n * 0.01, longitude=76.90 + (n % 3) * 0.02
        )
        for n in range(1, 7)
    ]
    for order, (station, purpose) in enumerate(zip(stations[:3], ["opening", "voting", "counting"]), start=1):
        AssignmentFactory(published=False, team=team, polling_station=station, order=order, purpose=purpose)
    return coordinator, team, stations


def _log_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def test_coordinator_sees_stations_and_adds_one_to_a_route_from_the_map(
    desktop, live_server, mission_with_a_route, snap
):
    _coordinator, team, stations = mission_with_a_route
    page = desktop.new_page()
    page.add_init_script("window.addEventListener('map:init', function (e) { window.__map = e.detail.map; });")
    _log_in(page, live_server, "coord")

    page.goto(f"{live_server.url}/deployment/map/?team={team.pk}")
    # The map shows what is in view: fitted to the team's route, its three stations.
    expect(page.locator("#map-status")).to_have_text("3 stations shown, 3 planned")
    expect(page.locator(".route-number")).to_have_count(3)
    snap(page, "deployment-map-route")

    page.check("#map-add-on-click")
    free = stations[4]
    # Moving the map loads the stations of the new view: wait for them before clicking one.
    with page.expect_response(lambda response: "/deployment/map/view.json?bbox=" in response.url):
        point = page.evaluate(
            "([lat, lon]) => { window.__map.setView([lat, lon], 14, {animate: false});"
            " const p = window.__map.latLngToContainerPoint([lat, lon]);"
            " const box = window.__map.getContainer().getBoundingClientRect();"
            " return [box.left + p.x, box.top + p.y]; }",
            [free.latitude, free.longitude],
        )
    expect(page.locator("#map-status")).to_contain_text("stations shown")
    page.wait_for_timeout(300)  # the markers are drawn once the answer is read
    page.mouse.click(*point)
    expect(page.locator(".route-number")).to_have_count(4)
    snap(page, "deployment-map-added")
    assert list(team.assignments.order_by("order").values_list("polling_station__code", flat=True)) == [
        "00.25.01",
        "00.25.02",
        free.code,
        "00.25.03",  # the counting station stays last
    ]


def test_coordinator_proposes_reviews_the_changes_and_publishes_after_confirming(
    desktop, live_server, mission_with_a_route, snap
):
    coordinator, team, _stations = mission_with_a_route
    ObserverFactory.create_batch(2, mission=team.mission, role=Role.STO, team=team)
    page = desktop.new_page()
    _log_in(page, live_server, "coord")

    page.goto(f"{live_server.url}/deployment/plan/")
    page.click("summary")
    page.fill("input[name=stations_per_team]", "4")
    page.click("form[action$='/propose/'] button[type=submit]")
    # No broker in the tests: the planner's job runs as soon as it is committed; the page shows what it changes.
    proposal = page.locator("#proposal")
    expect(proposal).to_contain_text("The planner gives 4 stations to 1 teams")
    expect(proposal).to_contain_text("4 stations planned afterwards")
    expect(proposal).to_contain_text("2 observers will see a different plan")
    snap(page, "deployment-proposal-changes")
    assert Assignment.objects.filter(team=team).count() == 3  # nothing changed yet
    page.click("form[action$='/apply/'] button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("The planner's plan is in the draft: 4 stations for 1 teams")

    page.click("a[href$='/plan/publish/']")
    expect(page.locator("h1")).to_have_text("Publish the plan?")
    expect(page.locator(".changes")).to_contain_text("1 team whose route changes: STO-07")
    expect(page.locator(".changes")).to_contain_text("2 observers will see a different plan")
    snap(page, "deployment-publish-confirm")
    assert DeploymentPlan.objects.get(mission=team.mission).status == "draft"  # asking published nothing
    page.click("form[action$='/publish/'] button[type=submit]")
    expect(page.locator(".plan-status")).to_contain_text("Published")
    expect(page.locator(".plan-status")).to_contain_text(f"by {coordinator.full_name}")
    snap(page, "deployment-plan-published")

    page.click("a[href$='/plan/withdraw/']")
    expect(page.locator(".changes")).to_contain_text("2 observers will see a different plan")
    page.click("a.button.secondary:has-text('Cancel')")
    expect(page.locator(".plan-status")).to_contain_text("Published")  # cancelled: still published

    assert DeploymentPlan.objects.get(mission=team.mission).published_by == coordinator.user
    assert list(Assignment.objects.filter(team=team).order_by("order").values_list("purpose", flat=True)) == [
        "opening",
        "voting",
        "voting",
        "counting",
    ]
