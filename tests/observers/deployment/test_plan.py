"""The plan pages: a coordinator adds, removes, reorders and marks stations by hand, proposes, publishes."""

import pytest
from auditlog.models import LogEntry

from observers.deployment.selectors import published_team_plan
from observers.models import Assignment, DeploymentPlan, Role, Team
from tests.factories import (
    AssignmentFactory,
    ObserverFactory,
    PollingStationFactory,
    RegionFactory,
    TeamFactory,
)
from tests.observers.deployment.helpers import build_deployment_mission, propose_and_apply


@pytest.fixture
def coordinator(db):
    return ObserverFactory(role=Role.COORDINATOR, full_name="Chief Coordinator")


@pytest.fixture
def signed_in(client, coordinator):
    client.force_login(coordinator.user)
    return client


@pytest.fixture
def team(coordinator):
    return TeamFactory(mission=coordinator.mission, code="STO-001", kind=Team.Kind.STO)


def _route(team):
    return list(team.assignments.order_by("order").values_list("polling_station__code", "purpose"))


def _team_with_route(team, codes):
    region = RegionFactory(mission=team.mission)
    for order, code in enumerate(codes, start=1):
        AssignmentFactory(
            published=False, team=team, order=order, polling_station=PollingStationFactory(region=region, code=code)
        )


def test_adding_stations_appends_them_to_the_route(signed_in, team):
    first, second = PollingStationFactory.create_batch(2, region=RegionFactory(mission=team.mission))
    for station in (first, second):
        response = signed_in.post(f"/deployment/plan/teams/{team.pk}/add/", {"station": station.pk})
        assert response.status_code == 302
    assert _route(team) == [(first.code, "voting"), (second.code, "voting")]
    assert DeploymentPlan.objects.get(mission=team.mission).edited_at is not None


def test_a_station_added_to_a_route_goes_before_its_counting_station(signed_in, team):
    _team_with_route(team, ["A", "B"])
    team.assignments.filter(polling_station__code="B").update(purpose="counting")
    station = PollingStationFactory(region=RegionFactory(mission=team.mission), code="C")
    signed_in.post(f"/deployment/plan/teams/{team.pk}/add/", {"station": station.pk})
    assert _route(team) == [("A", "voting"), ("C", "voting"), ("B", "counting")]


def test_adding_a_station_twice_says_so_and_keeps_one(signed_in, team):
    station = PollingStationFactory(region=RegionFactory(mission=team.mission), code="00.25.01")
    signed_in.post(f"/deployment/plan/teams/{team.pk}/add/", {"station": station.pk})
    response = signed_in.post(f"/deployment/plan/teams/{team.pk}/add/", {"station": station.pk})
    assert response.status_code == 400
    assert "00.25.01 is already in team STO-001" in response.content.decode()
    assert team.assignments.count() == 1


def test_another_missions_station_team_or_assignment_is_not_found(signed_in, team):
    foreign_station = PollingStationFactory()
    assert signed_in.post(f"/deployment/plan/teams/{team.pk}/add/", {"station": foreign_station.pk}).status_code == 404
    response = signed_in.post(f"/deployment/plan/teams/{team.pk}/add/", {"station": "abc"})
    assert response.status_code == 400 and "must be a station&#x27;s id" in response.content.decode()
    foreign = AssignmentFactory(published=False)
    assert signed_in.get(f"/deployment/plan/teams/{foreign.team.pk}/").status_code == 404
    assert signed_in.post(f"/deployment/plan/assignments/{foreign.pk}/remove/").status_code == 404
    lto = TeamFactory(mission=team.mission, kind=Team.Kind.LTO)
    assert signed_in.get(f"/deployment/plan/teams/{lto.pk}/").status_code == 404
    assert Assignment.objects.filter(pk=foreign.pk).exists() and not team.assignments.exists()


def test_removing_a_station_closes_the_gap(signed_in, team):
    _team_with_route(team, ["A", "B", "C"])
    middle = team.assignments.get(polling_station__code="B")
    assert signed_in.post(f"/deployment/plan/assignments/{middle.pk}/remove/").status_code == 302
    assert list(team.assignments.order_by("order").values_list("polling_station__code", "order")) == [
        ("A", 1),
        ("C", 2),
    ]


def test_moving_a_station_reorders_the_route(signed_in, team):
    _team_with_route(team, ["A", "B", "C", "D"])
    last = team.assignments.get(polling_station__code="D")
    signed_in.post(f"/deployment/plan/assignments/{last.pk}/move/", {"position": 2})
    assert [code for code, _ in _route(team)] == ["A", "D", "B", "C"]
    response = signed_in.post(f"/deployment/plan/assignments/{last.pk}/move/", {"position": 9})
    assert response.status_code == 400 and "Position must be between 1 and 4" in response.content.decode()
    response = signed_in.post(f"/deployment/plan/assignments/{last.pk}/move/", {"position": "first"})
    assert response.status_code == 400 and "whole number from 1" in response.content.decode()
    assert [code for code, _ in _route(team)] == ["A", "D", "B", "C"]


def test_one_opening_and_one_counting_per_team(signed_in, team):
    _team_with_route(team, ["A", "B", "C"])
    a, b, c = team.assignments.order_by("order")
    signed_in.post(f"/deployment/plan/assignments/{a.pk}/purpose/", {"purpose": "opening"})
    signed_in.post(f"/deployment/plan/assignments/{c.pk}/purpose/", {"purpose": "counting"})
    assert _route(team) == [("A", "opening"), ("B", "voting"), ("C", "counting")]
    signed_in.post(f"/deployment/plan/assignments/{b.pk}/purpose/", {"purpose": "opening"})  # moves the opening
    assert _route(team) == [("A", "voting"), ("B", "opening"), ("C", "counting")]
    response = signed_in.post(f"/deployment/plan/assignments/{b.pk}/purpose/", {"purpose": "lunch"})
    assert response.status_code == 400 and "Choose opening, voting or counting" in response.content.decode()
    assert _route(team) == [("A", "voting"), ("B", "opening"), ("C", "counting")]


def test_team_page_warns_when_opening_or_counting_is_missing(signed_in, team):
    _team_with_route(team, ["A", "B"])
    page = signed_in.get(f"/deployment/plan/teams/{team.pk}/").content.decode()
    assert "No station is marked for Opening" in page and "No station is marked for Counting" in page


def test_station_list_filters_by_region_district_and_search(signed_in, team):
    mission = team.mission
    north, south = RegionFactory(mission=mission), RegionFactory(mission=mission)
    PollingStationFactory(region=north, code="N-1", name="Gymnasium 5")
    PollingStationFactory(region=north, code="N-2", name="Library")
    PollingStationFactory(region=south, code="S-1", name="Gymnasium 9")

    def codes(query):
        response = signed_in.get(f"/deployment/plan/teams/{team.pk}/", query)
        return [s.code for s in response.context["page"]]

    assert codes({}) == ["N-1", "N-2", "S-1"]
    AssignmentFactory(
        published=False, team=team, polling_station=PollingStationFactory(region=south, code="S-2"), order=1
    )
    assert codes({}) == ["S-1", "S-2"]  # at first, the region where the team's route starts
    assert codes({"region": north.pk}) == ["N-1", "N-2"]
    assert codes({"q": "gymnasium"}) == ["N-1", "S-1"]
    assert codes({"region": north.pk, "q": "gymnasium"}) == ["N-1"]


def test_publishing_shows_the_plan_to_observers_and_who_published_it(signed_in, coordinator, team):
    _team_with_route(team, ["A", "B"])
    assert list(published_team_plan(team=team)) == []

    response = signed_in.post("/deployment/plan/publish/", follow=True)

    plan = DeploymentPlan.objects.get(mission=team.mission)
    assert plan.status == "published" and plan.published_by == coordinator.user and plan.published_at
    page = response.content.decode()
    assert "Published" in page and "by Chief Coordinator" in page
    assert [a.polling_station.code for a in published_team_plan(team=team)] == ["A", "B"]

    signed_in.post(
        f"/deployment/plan/teams/{team.pk}/add/",
        {"station": PollingStationFactory(region=RegionFactory(mission=team.mission)).pk},
    )
    assert "Changed since publication" in signed_in.get("/deployment/plan/").content.decode()

    signed_in.post("/deployment/plan/withdraw/")
    assert DeploymentPlan.objects.get(mission=team.mission).status == "draft"
    assert list(published_team_plan(team=team)) == []


def test_an_empty_plan_cannot_be_published(signed_in, team):
    response = signed_in.post("/deployment/plan/publish/")
    assert response.status_code == 400
    assert "The plan has no stations yet" in response.content.decode()
    assert not DeploymentPlan.objects.filter(mission=team.mission, status="published").exists()


def test_proposing_through_the_page(signed_in, team, django_capture_on_commit_callbacks):
    region = RegionFactory(mission=team.mission)
    PollingStationFactory.create_batch(4, region=region)
    response = propose_and_apply(signed_in, django_capture_on_commit_callbacks, stations_per_team=3)
    assert "The planner&#x27;s plan is in the draft: 3 stations for 1 teams" in response.content.decode()
    assert [p for _code, p in _route(team)] == ["opening", "voting", "counting"]

    response = signed_in.post("/deployment/plan/propose/", {"stations_per_team": 0, "weight": "stations"})
    assert response.status_code == 400
    assert "greater than or equal to 2" in response.content.decode()


def test_plan_and_team_pages_over_a_whole_mission_use_a_fixed_number_of_queries(
    db, client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    mission = build_deployment_mission(stations=10_000, lto_teams=20, sto_teams=200)
    coordinator = ObserverFactory(mission=mission, role=Role.COORDINATOR)
    client.force_login(coordinator.user)
    propose_and_apply(client, django_capture_on_commit_callbacks)
    team = Team.objects.get(mission=mission, code="STO-100")

    with django_assert_max_num_queries(15):
        response = client.get("/deployment/plan/")
    page = response.context["page"]
    assert response.status_code == 200 and page.paginator.count == 200 and len(page.object_list) == 50
    assert response.context["coverage"]["totals"]["planned"] == 2000

    with django_assert_max_num_queries(12):
        response = client.get(f"/deployment/plan/teams/{team.pk}/", {"page": 3})
    assert response.status_code == 200
    assert len(response.context["route"]) == 10 and len(response.context["page"].object_list) == 50


def test_bulk_changes_to_the_plan_leave_an_audit_trail(
    signed_in, coordinator, team, django_capture_on_commit_callbacks
):
    PollingStationFactory.create_batch(4, region=RegionFactory(mission=team.mission))
    propose_and_apply(signed_in, django_capture_on_commit_callbacks, stations_per_team=3)
    last = team.assignments.order_by("order").last()
    signed_in.post(f"/deployment/plan/assignments/{last.pk}/move/", {"position": 1})

    entries = LogEntry.objects.filter(actor=coordinator.user, object_pk="").order_by("pk")
    assert [(e.object_repr, e.additional_data["count"]) for e in entries] == [
        ("Planner replaced the draft plan: 0 planned visits removed", 0),
        ("Planner proposed 3 visits for 1 teams (3 per team, by stations)", 3),
        (f"Team STO-001: {last.polling_station.code} moved to position 1", 3),
    ]
    assert all(e.additional_data["mission"] == team.mission_id for e in entries)


@pytest.mark.parametrize(
    ("language", "shown"), [("en", "North Region"), ("ru", "Северная область"), ("kk", "North Region")]
)
def test_the_plan_names_each_teams_region_in_the_readers_language(signed_in, team, language, shown):
    region = RegionFactory(mission=team.mission, name="North Region", name_ru="Северная область")  # no Kazakh name
    AssignmentFactory(team=team, order=1, polling_station=PollingStationFactory(region=region))
    html = signed_in.get("/deployment/plan/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f"<td>{shown}</td>" in html
