"""Printable deployment lists: a team's route and a region's teams, as PDFs whose text holds the stations."""

import io

import pytest
from pypdf import PdfReader

from observers.deployment.pdf import route_svg
from observers.models import Role
from tests.factories import AssignmentFactory, ObserverFactory, PollingStationFactory, RegionFactory, TeamFactory


def _text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


@pytest.fixture
def plan(db):
    coordinator = ObserverFactory(role=Role.COORDINATOR)
    mission = coordinator.mission
    tbilisi = RegionFactory(mission=mission, code="01", name="Tbilisi", name_ru="Тбилиси")
    team = TeamFactory(mission=mission, code="STO-007", interpreter="Nino", driver="Giorgi")
    ObserverFactory(mission=mission, role=Role.STO, team=team, full_name="Ana Kovač")
    ObserverFactory(mission=mission, role=Role.STO, team=team, full_name="Сергей Иванов")
    names = ["სკოლა № 1", "Школа № 2", "Library"]
    for order, (code, name, purpose) in enumerate(
        zip(["00.01.01", "00.01.02", "00.01.03"], names, ["opening", "voting", "counting"]), start=1
    ):
        station = PollingStationFactory(
            region=tbilisi, code=code, name=name, latitude=41.7 + order / 100, longitude=44.8
        )
        AssignmentFactory(team=team, polling_station=station, order=order, purpose=purpose)
    other = TeamFactory(mission=mission, code="STO-008")
    AssignmentFactory(team=other, polling_station=PollingStationFactory(region=tbilisi, code="00.02.01"), order=1)
    return coordinator, team, tbilisi


def test_team_list_holds_the_route_in_order_in_every_script(client, plan):
    coordinator, team, _region = plan
    client.force_login(coordinator.user)
    text = _text(client.get(f"/deployment/plan/teams/{team.pk}/pdf/"))
    assert "STO-007" in text and "Nino" in text and "Сергей Иванов" in text
    assert text.index("00.01.01") < text.index("00.01.02") < text.index("00.01.03")
    assert "სკოლა" in text and "Школа" in text
    assert "Opening" in text and "Counting" in text and "41.71000" in text
    assert "00.02.01" not in text


def test_region_list_holds_each_teams_stations(client, plan):
    coordinator, _team, region = plan
    client.force_login(coordinator.user)
    text = _text(client.get(f"/deployment/plan/regions/{region.pk}/pdf/"))
    assert text.index("STO-007") < text.index("00.01.01") < text.index("STO-008") < text.index("00.02.01")


def test_route_map_is_an_svg_drawn_from_the_coordinates():
    svg = route_svg([(41.70, 44.80, "opening"), (41.72, 44.80, "voting"), (41.72, 44.83, "counting")])
    assert svg.startswith("<svg") and svg.count("<circle") == 3 and "<polyline" in svg
    assert "#e69500" in svg and "#b3261e" in svg  # opening and counting stand out
    assert route_svg([]) == ""


def test_lists_of_another_mission_are_not_found_and_observers_are_refused(client, plan):
    coordinator, team, region = plan
    stranger = ObserverFactory(role=Role.COORDINATOR)
    client.force_login(stranger.user)
    assert client.get(f"/deployment/plan/teams/{team.pk}/pdf/").status_code == 404
    assert client.get(f"/deployment/plan/regions/{region.pk}/pdf/").status_code == 404
    member = team.members.first()
    client.force_login(member.user)
    assert client.get(f"/deployment/plan/teams/{team.pk}/pdf/").status_code == 403
