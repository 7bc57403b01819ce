"""The same figure on every page that shows it: the pages are rendered as a coordinator sees them, their figures
read from the elements marked `data-figure`, and compared (stations planned on the dashboard, the monitor, the
map and the plan; forms today on the dashboard and the monitor; critical incidents today beside their list).

The mission is a demo, whose "today" is its election day as of 16:00 on every page (mission/clock.py)."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from observers.checklists.standard_forms import checklists_install_standard
from observers.models import Role, Team
from tests.factories import (
    AssignmentFactory,
    MissionFactory,
    ObserverFactory,
    PollingStationFactory,
    SubmissionFactory,
    TeamFactory,
)

ALMATY = ZoneInfo("Asia/Almaty")
PAGES = {"dashboard": "/", "monitor": "/monitor/", "map": "/deployment/map/", "plan": "/deployment/plan/"}


def _at(hour, minute=0, day=19):
    return dt.datetime(2004, 9, day, hour, minute, tzinfo=ALMATY)


@pytest.fixture
def mission(db):
    """Eight stations: five planned (one by two teams, one without coordinates), one observed without a plan.
    Forms today before 16:00: five, two of them critical incidents; one critical yesterday, one after 16:00."""
    cache.clear()
    mission = MissionFactory(is_demo=True, election_date=dt.date(2004, 9, 19), time_zone="Asia/Almaty")
    forms = {checklist.kind: checklist for checklist in checklists_install_standard(mission=mission)}
    stations = [
        PollingStationFactory(
            mission=mission,
            region__mission=mission,
            code=f"S{n}",
            latitude=None if n == 5 else 43 + n / 10,
            longitude=None if n == 5 else 76 + n / 10,
        )
        for n in range(1, 9)
    ]
    a, b = TeamFactory(mission=mission, code="A"), TeamFactory(mission=mission, code="B")
    lto = TeamFactory(mission=mission, code="L", kind=Team.Kind.LTO)
    for team in (a, b, lto):
        ObserverFactory(mission=mission, team=team)
    for order, (team, station) in enumerate(
        [(a, stations[0]), (a, stations[1]), (b, stations[1]), (b, stations[2]), (b, stations[3]), (a, stations[4])],
        start=1,
    ):
        AssignmentFactory(team=team, polling_station=station, order=order)

    def send(team, kind, at, station, **answers):
        SubmissionFactory(
            mission=mission,
            checklist=forms[kind],
            team=team,
            observer=team.members.first(),
            polling_station=station,
            observed_at=at,
            answers=answers,
        )

    send(a, "opening", _at(7), stations[0], overall_assessment="good")
    send(a, "voting", _at(9), stations[1], overall_assessment="bad")
    send(b, "voting", _at(10), stations[6], overall_assessment="good")  # observed, not planned
    send(a, "incident", _at(11), stations[1], severity="critical", category="ballot_stuffing", description="One")
    send(b, "incident", _at(12), stations[2], severity="critical", category="intimidation", description="Two")
    send(lto, "incident", _at(19, day=18), None, severity="critical", category="intimidation", description="Old")
    send(a, "incident", _at(17), stations[0], severity="critical", category="violence", description="Later")
    return mission


def _figures(html: str, name: str) -> list[int]:
    pattern = rf'data-figure="{name}"[^>]*>\s*([\d,\xa0 ]+?)\s*<'
    return [int(re.sub(r"\D", "", value)) for value in re.findall(pattern, html)]


@pytest.fixture
def pages(client, mission):
    coordinator = ObserverFactory(mission=mission, role=Role.COORDINATOR)
    client.force_login(coordinator.user)
    rendered = {}
    for name, url in PAGES.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        rendered[name] = response.content.decode()
    return rendered


def test_stations_planned_agree_on_dashboard_monitor_map_and_plan(pages):
    figures = {name: _figures(html, "stations-planned") for name, html in pages.items()}
    assert figures == {name: [5] for name in PAGES}, figures
    totals = {name: _figures(html, "stations-total") for name, html in pages.items() if name != "monitor"}
    assert totals == {name: [8] for name in totals}


def test_forms_today_agree_on_dashboard_and_monitor(pages):
    assert _figures(pages["dashboard"], "forms-today") == _figures(pages["monitor"], "forms-today") == [5]


def test_critical_incidents_today_agree_with_their_list(pages):
    monitor = pages["monitor"]
    listed = re.search(r'<ol class="incidents">(.*?)</ol>', monitor, re.S).group(1).count("<li")
    assert _figures(monitor, "critical-incidents-today") == [listed] == [2]
    assert "Old" not in monitor and "Later" not in monitor


def test_the_map_data_plans_the_same_stations(client, pages, mission):
    # The map's status line counts the located stations with a team: the stations planned but the one without
    # coordinates (S5), and never the station observed without a plan (S7).
    rows = client.get("/deployment/map/stations.json").json()["rows"]
    assert sorted(row[1] for row in rows if row[7]) == ["S1", "S2", "S3", "S4"]
