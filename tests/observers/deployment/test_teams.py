"""The teams pages: lists of long- and short-term teams, and editing a team, as a coordinator does it."""

import pytest

from observers.models import Observer, Role, Team
from tests.factories import AssignmentFactory, ObserverFactory, RegionFactory, TeamFactory
from tests.observers.deployment.helpers import build_deployment_mission


@pytest.fixture
def coordinator(db):
    return ObserverFactory(role=Role.COORDINATOR)


@pytest.fixture
def signed_in(client, coordinator):
    client.force_login(coordinator.user)
    return client


def test_lists_show_members_area_parent_and_planned_stations(signed_in, coordinator):
    mission = coordinator.mission
    north = RegionFactory(mission=mission, name="Akmola")
    lto = TeamFactory(
        mission=mission,
        code="LTO-01",
        kind=Team.Kind.LTO,
        base_city="Kokshetau",
        interpreter="Aigerim",
        driver="Nurlan",
    )
    lto.area.add(north)
    ObserverFactory(mission=mission, role=Role.LTO, team=lto, full_name="Anna Berg")
    ObserverFactory(mission=mission, role=Role.LTO, team=lto, full_name="Jan Novak")
    sto = TeamFactory(mission=mission, code="STO-001", kind=Team.Kind.STO, parent=lto)
    ObserverFactory(mission=mission, role=Role.STO, team=sto, full_name="Lone Walker")
    AssignmentFactory.create_batch(3, team=sto)

    response = signed_in.get("/deployment/teams/")

    assert response.status_code == 200
    [lto_row] = response.context["lto_page"]
    assert [m.full_name for m in lto_row.members.all()] == ["Anna Berg", "Jan Novak"]
    assert [r.name for r in lto_row.area.all()] == ["Akmola"] and lto_row.sto_count == 1
    [sto_row] = response.context["sto_page"]
    assert sto_row.parent.code == "LTO-01" and sto_row.planned == 3
    page = response.content.decode()
    for text in ("Kokshetau", "Aigerim", "Nurlan", "Akmola", "Lone Walker"):
        assert text in page
    assert page.count("⚠") == 1 and "1 member" in page  # the one-person team is flagged, the pair is not


def test_team_lists_over_a_whole_mission_use_a_fixed_number_of_queries(db, client, django_assert_max_num_queries):
    mission = build_deployment_mission(stations=10_000, lto_teams=20, sto_teams=200)
    coordinator = ObserverFactory(mission=mission, role=Role.COORDINATOR)
    client.force_login(coordinator.user)
    with django_assert_max_num_queries(12):
        response = client.get("/deployment/teams/")
    assert response.status_code == 200
    sto, lto = response.context["sto_page"], response.context["lto_page"]
    assert sto.paginator.count == 200 and len(sto.object_list) == 50 and len(lto.object_list) == 20
    with django_assert_max_num_queries(12):
        response = client.get("/deployment/teams/", {"page": 4, "q": "STO"})
    assert [t.code for t in response.context["sto_page"]][:1] == ["STO-151"]
    assert response.context["lto_page"].paginator.count == 0


def test_the_teams_page_finds_teams_by_code_member_or_base_city(signed_in, coordinator):
    mission = coordinator.mission
    lto = TeamFactory(mission=mission, code="LTO-07", kind=Team.Kind.LTO, base_city="Kokshetau")
    sto = TeamFactory(mission=mission, code="STO-042", kind=Team.Kind.STO, parent=lto)
    TeamFactory(mission=mission, code="STO-043", kind=Team.Kind.STO)
    ObserverFactory(mission=mission, role=Role.STO, team=sto, full_name="Dana Sultan")

    def codes(query):
        context = signed_in.get("/deployment/teams/", {"q": query}).context
        return [t.code for t in context["lto_page"]], [t.code for t in context["sto_page"]]

    assert codes("sultan") == ([], ["STO-042"])
    assert codes("kokshe") == (["LTO-07"], [])
    assert codes("STO-04") == ([], ["STO-042", "STO-043"])
    assert "No short-term team matches." in signed_in.get("/deployment/teams/", {"q": "zzz"}).content.decode()


def test_editing_a_long_term_team_sets_members_area_and_details(signed_in, coordinator):
    mission = coordinator.mission
    team = TeamFactory(mission=mission, code="LTO-01", kind=Team.Kind.LTO)
    old = ObserverFactory(mission=mission, role=Role.LTO, team=team)
    elsewhere = TeamFactory(mission=mission, code="LTO-02", kind=Team.Kind.LTO)
    first, second = (ObserverFactory(mission=mission, role=Role.LTO, team=elsewhere) for _ in range(2))
    regions = [RegionFactory(mission=mission) for _ in range(2)]

    response = signed_in.post(
        f"/deployment/teams/{team.pk}/edit/",
        {
            "code": "LTO-01",
            "members": [first.pk, second.pk],
            "area": [r.pk for r in regions],
            "base_city": "Shymkent",
            "interpreter": "Dana",
            "driver": "Yerlan",
        },
    )

    assert response.status_code == 302
    team.refresh_from_db()
    assert set(team.members.all()) == {first, second}
    assert Observer.objects.get(pk=old.pk).team is None
    assert set(team.area.all()) == set(regions)
    assert (team.base_city, team.interpreter, team.driver) == ("Shymkent", "Dana", "Yerlan")


def test_a_team_of_other_than_two_is_saved_with_a_warning(signed_in, coordinator):
    mission = coordinator.mission
    lto = TeamFactory(mission=mission, kind=Team.Kind.LTO)
    members = [ObserverFactory(mission=mission, role=Role.STO, team=None) for _ in range(3)]

    response = signed_in.post(
        "/deployment/teams/new/?kind=sto",
        {
            "code": "STO-009",
            "members": [m.pk for m in members],
            "parent": lto.pk,
        },
        follow=True,
    )

    team = Team.objects.get(mission=mission, code="STO-009")
    assert team.kind == "sto" and team.parent == lto and team.members.count() == 3
    assert "has 3 members; teams are usually two observers" in response.content.decode()


def test_a_taken_code_is_refused_with_the_reason(signed_in, coordinator):
    TeamFactory(mission=coordinator.mission, code="STO-001")
    response = signed_in.post("/deployment/teams/new/?kind=sto", {"code": "STO-001"})
    assert response.status_code == 400
    assert "Team code STO-001 is taken" in response.content.decode()
    assert Team.objects.filter(mission=coordinator.mission, code="STO-001").count() == 1


def test_observers_of_another_mission_or_role_cannot_be_members(signed_in, coordinator):
    stranger = ObserverFactory(role=Role.STO)  # another mission
    analyst = ObserverFactory(mission=coordinator.mission, role=Role.ANALYST)
    for candidate in (stranger, analyst):
        response = signed_in.post("/deployment/teams/new/?kind=sto", {"code": "STO-002", "members": [candidate.pk]})
        assert response.status_code == 400
        assert "Select a valid choice" in response.content.decode()
    assert not Team.objects.filter(code="STO-002").exists()


def test_another_missions_team_is_not_found(signed_in):
    other = TeamFactory()
    assert signed_in.get(f"/deployment/teams/{other.pk}/edit/").status_code == 404
    assert signed_in.post(f"/deployment/teams/{other.pk}/edit/", {"code": "X"}).status_code == 404
    assert signed_in.get("/deployment/teams/new/?kind=xyz").status_code == 404


@pytest.mark.parametrize("role", [Role.ANALYST, Role.LTO, Role.STO])
def test_only_coordinators_see_and_edit_teams(db, client, role):
    member = ObserverFactory(role=role)
    team = TeamFactory(mission=member.mission)
    client.force_login(member.user)
    assert client.get("/deployment/teams/").status_code == 403
    assert client.post(f"/deployment/teams/{team.pk}/edit/", {"code": "HACKED"}).status_code == 403
    team.refresh_from_db()
    assert team.code != "HACKED"
