"""The election-day monitor, with its figures worked out by hand at a fixed moment: 19 September 2004, 14:30 in
Almaty."""

import datetime as dt
import json
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from leaflet import app_settings as leaflet_settings

from observers.checklists.standard_forms import checklists_install_standard
from observers.models import Checklist, Role, Team
from reports.monitor.selectors import monitor_snapshot
from tests.factories import (
    AssignmentFactory,
    MissionFactory,
    ObserverFactory,
    PollingStationFactory,
    SubmissionFactory,
    TeamFactory,
)

ALMATY = ZoneInfo("Asia/Almaty")
NOW = dt.datetime(2004, 9, 19, 14, 30, tzinfo=ALMATY)
AT = {"at": "2004-09-19T14:30"}


def _at(hour, minute, day=19):
    return dt.datetime(2004, 9, day, hour, minute, tzinfo=ALMATY)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def day(db):
    """Four deployed teams and one without members; six stations, five planned.

    time (Almaty)   team  form      station  answers
    07:10           A     opening   S1       good
    08:40           B     voting    S4       very bad
    09:05           A     voting    S2       bad
    09:30           B     incident  S4       high
    10:15           A     incident  S2       critical: ballot stuffing
    13:20           B     voting    S1       good
    14:00           A     voting    S3       very good (S3 has no location)
    14:45, 15:00    A     incident, voting (after "now": not counted)
    18 Sep 19:00    C     incident  -        critical (yesterday)
    D has sent nothing; E has no members.
    """
    mission = MissionFactory(time_zone="Asia/Almaty")
    forms = {checklist.kind: checklist for checklist in checklists_install_standard(mission=mission)}
    s1, s2, s3, s4, s5, _ = (
        PollingStationFactory(
            mission=mission,
            region__mission=mission,
            code=f"S{n}",
            name=f"School {n}",
            latitude=None if n == 3 else 43.0 + n / 10,
            longitude=None if n == 3 else 76.0 + n / 10,
        )
        for n in range(1, 7)
    )
    a, b, c, d = (TeamFactory(mission=mission, code=code) for code in "ABCD")
    c.kind = d.kind = Team.Kind.LTO
    c.save(), d.save()
    TeamFactory(mission=mission, code="E")
    members = {
        a: ["Aigerim Nurlanqyzy", "John Brown"],
        b: ["Nino Beridze"],
        c: ["Carmen García", "Ryan MacDonald"],
        d: ["Anna Mäkinen"],
    }
    observers = {
        team: [ObserverFactory(mission=mission, team=team, full_name=n) for n in names]
        for team, names in members.items()
    }
    for order, (team, station) in enumerate([(a, s1), (a, s2), (a, s3), (b, s4), (b, s5)], start=1):
        AssignmentFactory(team=team, polling_station=station, order=order)

    def send(team, kind, at, station=None, **answers):
        return SubmissionFactory(
            mission=mission,
            checklist=forms[kind],
            team=team,
            observer=observers[team][0],
            polling_station=station,
            observed_at=at,
            answers=answers,
        )

    send(a, "opening", _at(7, 10), s1, overall_assessment="good")
    send(b, "voting", _at(8, 40), s4, overall_assessment="very_bad")
    send(a, "voting", _at(9, 5), s2, overall_assessment="bad")
    send(b, "incident", _at(9, 30), s4, severity="high", category="intimidation", description="Pressure", place="S4")
    stuffing = send(
        a,
        "incident",
        _at(10, 15),
        s2,
        severity="critical",
        category="ballot_stuffing",
        description="A bundle of ballots put into the box.",
        place="School 2, Almaty",
    )
    send(b, "voting", _at(13, 20), s1, overall_assessment="good")
    send(a, "voting", _at(14, 0), s3, overall_assessment="very_good")
    send(a, "incident", _at(14, 45), s3, severity="critical", category="violence", description="Later", place="S3")
    send(a, "voting", _at(15, 0), s4, overall_assessment="very_bad")
    threats = send(
        c,
        "incident",
        _at(19, 0, day=18),
        severity="critical",
        category="intimidation",
        description="Threats against a candidate.",
        place="Taraz",
    )
    SubmissionFactory(
        observed_at=_at(11, 0),
        checklist__kind=Checklist.Kind.INCIDENT,
        answers={"severity": "critical", "description": "Another mission's"},
    )
    return SimpleNamespace(
        mission=mission, stuffing=stuffing, threats=threats, analyst=ObserverFactory(mission=mission, role=Role.ANALYST)
    )


HOURS = {
    "hours": [6, 7, 8, 9, 10, 11, 12, 13, 14],
    "per_hour": [0, 1, 1, 2, 1, 0, 0, 1, 1],
    "total": 7,
    "rows": [
        ("opening", "Opening of the polling station", [0, 1, 0, 0, 0, 0, 0, 0, 0], 1),
        ("voting", "Voting", [0, 0, 1, 1, 0, 0, 0, 1, 1], 4),
        ("incident", "Incident report", [0, 0, 0, 1, 1, 0, 0, 0, 0], 2),
    ],
}
SILENT_LTO = [
    {
        "code": "D",
        "kind": "lto",
        "members": ["Anna Mäkinen"],
        "last_station": "",
        "last_seen": "",
        "minutes_silent": None,
        "silent_for": None,
    },
    {
        "code": "C",
        "kind": "lto",
        "members": ["Carmen García", "Ryan MacDonald"],
        "last_station": "",
        "last_seen": "18 Sep 2004, 19:00",
        "minutes_silent": 19 * 60 + 30,
        "silent_for": [19, 30],
    },
]
# Long-term teams report weekly: the election-day list leaves them out unless asked for.
SILENT = [
    {
        "code": "B",
        "kind": "sto",
        "members": ["Nino Beridze"],
        "last_station": "S1 School 1",
        "last_seen": "13:20",
        "minutes_silent": 70,
        "silent_for": [1, 10],
    },
]


def _hours(snapshot):
    hours = snapshot["hours"]
    rows = [(row["kind"], row["title"], [cell["n"] for cell in row["cells"]], row["total"]) for row in hours["rows"]]
    return {"hours": hours["hours"], "per_hour": hours["per_hour"], "total": hours["total"], "rows": rows}


def test_snapshot_at_a_fixed_moment(day):
    snapshot = monitor_snapshot(mission=day.mission, now=NOW, silent_minutes=60, language="en")
    assert (snapshot["day"], snapshot["time"]) == ("2004-09-19", "14:30")
    assert snapshot["totals"] == {
        "forms": 7,
        "stations_observed": 4,
        "critical_incidents": 1,
        "stations_planned": 5,
        "stations_total": 6,
        "teams_silent": 1,
        "teams_deployed": 2,
    }
    assert _hours(snapshot) == HOURS
    assert snapshot["silent"]["teams"] == SILENT
    assert snapshot["incidents"] == [
        {
            "uuid": str(day.stuffing.uuid),
            "seen": "10:15",
            "team": "A",
            "station": "S2 School 2",
            "place": "School 2, Almaty",
            "description": "A bundle of ballots put into the box.",
            "category": "Ballot stuffing",
        },
    ]  # yesterday's threats are not among today's: the list holds what "critical incidents today" counts
    # The worst assessment of each located station observed today: S1 good+good, S2 bad (+incident), S4 very bad.
    assert snapshot["stations"] == [
        ["S1", "School 1", 43.1, 76.1, 2, 2],
        ["S2", "School 2", 43.2, 76.2, 3, 2],
        ["S4", "School 4", 43.4, 76.4, 4, 2],
    ]


def test_the_shade_of_an_hour_grows_with_its_count(day):
    hours = monitor_snapshot(mission=day.mission, now=NOW, silent_minutes=60, language="en")["hours"]
    voting = next(row for row in hours["rows"] if row["kind"] == "voting")
    assert [cell["shade"] for cell in voting["cells"]] == [0, 0, 4, 4, 0, 0, 0, 4, 4]  # every hour holds the most: 1


@pytest.mark.parametrize(("minutes", "silent"), [(60, ["B"]), (30, ["B"]), (20, ["B", "A"]), (120, [])])
def test_how_long_a_team_may_be_quiet_is_chosen(day, minutes, silent):
    # A's last form came at 14:00: silent only when the limit is under 30 minutes; B's at 13:20.
    snapshot = monitor_snapshot(mission=day.mission, now=NOW, silent_minutes=minutes, language="en")
    assert [team["code"] for team in snapshot["silent"]["teams"]] == silent


def test_only_the_teams_of_one_kind_may_be_watched(client, day):
    client.force_login(day.analyst.user)
    data = client.get("/monitor/data.json", {**AT, "teams": "lto"}).json()
    assert data["silent"]["teams"] == SILENT_LTO
    assert (data["totals"]["teams_silent"], data["totals"]["teams_deployed"]) == (2, 2)
    assert "19 h 30 min" in data["html"]["silent"]


def test_just_after_midnight_every_team_is_silent_until_it_sends(day):
    snapshot = monitor_snapshot(mission=day.mission, now=_at(0, 30, day=20), silent_minutes=60, language="en")
    assert [team["code"] for team in snapshot["silent"]["teams"]] == ["B", "A"]
    assert snapshot["totals"]["forms"] == 0 and snapshot["hours"]["rows"] == []


def test_titles_and_categories_in_the_page_language(day):
    snapshot = monitor_snapshot(mission=day.mission, now=NOW, silent_minutes=60, language="kk")
    assert [row["title"] for row in snapshot["hours"]["rows"]] == [
        "Сайлау учаскесінің ашылуы",
        "Дауыс беру",
        "Оқиға туралы хабарлама",
    ]
    assert snapshot["incidents"][0]["category"] == "Бюллетеньдерді заңсыз салу"


def test_data_json_at_a_moment_gives_the_same_figures_and_the_fragments(client, day):
    client.force_login(day.analyst.user)
    response = client.get("/monitor/data.json", {**AT, "silent": 60})
    assert response.status_code == 200
    data = response.json()
    assert data["totals"]["forms"] == 7 and data["silent"]["teams"] == SILENT
    assert _hours(data) == HOURS
    assert set(data["html"]) == {"totals", "hours", "silent", "incidents"}
    assert "A bundle of ballots put into the box." in data["html"]["incidents"]
    assert "Nino Beridze" in data["html"]["silent"] and "1 h 10 min" in data["html"]["silent"]
    assert '4 / <span data-figure="stations-planned">5</span>' in data["html"]["totals"]


def test_the_page_shows_the_monitor_with_its_map_and_refreshes_from_the_json(client, day):
    client.force_login(day.analyst.user)
    response = client.get("/monitor/", AT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "leaflet/leaflet.js" in html and "js/monitor.js" in html and 'data-map-options="monitor-map-options"' in html
    assert json.dumps(leaflet_settings["TILES"][0][1]) in html  # the tile server of settings.LEAFLET_CONFIG
    assert response.context["config"]["data"] == "/monitor/data.json?at=2004-09-19T14%3A30"
    assert response.context["config"]["stations"][0] == ["S1", "School 1", 43.1, 76.1, 2, 2]
    assert "A bundle of ballots put into the box." in html and "Nino Beridze" in html
    # Yesterday's incident and the long-term teams (who report weekly) are not election day's.
    assert "Threats against a candidate." not in html and "Carmen García" not in html
    assert "As of 19 September 2004, 14:30 (Astana time)." in html
    assert '<td class="num"><strong>7</strong></td>' in html  # all forms today


def test_a_fixed_number_of_queries_and_the_json_is_cached_for_a_few_seconds(client, day, django_assert_num_queries):
    client.force_login(day.analyst.user)
    with django_assert_num_queries(12):  # session, user, membership, then the snapshot's nine
        first = client.get("/monitor/data.json", AT).json()
    SubmissionFactory(
        mission=day.mission,
        checklist=day.stuffing.checklist,
        team=day.stuffing.team,
        observer=day.stuffing.observer,
        observed_at=_at(14, 20),
        answers={"severity": "critical"},
    )
    with django_assert_num_queries(3):  # from the cache: no new figures yet
        assert client.get("/monitor/data.json", AT).json() == first
    cache.clear()
    assert client.get("/monitor/data.json", AT).json()["totals"]["critical_incidents"] == 2


def test_the_queries_do_not_grow_with_the_teams_and_forms(client, day, django_assert_num_queries):
    team = Team.objects.get(code="B")
    for n in range(30):
        extra = TeamFactory(mission=day.mission, code=f"X{n:02d}")
        ObserverFactory(mission=day.mission, team=extra)
        SubmissionFactory(
            mission=day.mission,
            checklist=day.stuffing.checklist,
            team=team,
            observer=team.members.first(),
            observed_at=_at(12, n),
            answers={"severity": "low"},
        )
    client.force_login(day.analyst.user)
    with django_assert_num_queries(12):
        data = client.get("/monitor/data.json", AT).json()
    assert data["totals"]["forms"] == 37 and data["totals"]["teams_silent"] == 31


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"silent": "soon"}, "silent: Enter a whole number."),
        ({"silent": "1"}, "silent: Ensure this value is greater than or equal to 5."),
        ({"at": "yesterday"}, "at: Enter a valid date/time."),
        ({"teams": "core"}, "teams: Select a valid choice. core is not one of the available choices."),
    ],
)
def test_bad_parameters_get_a_400_naming_what_to_fix(client, day, params, message):
    client.force_login(day.analyst.user)
    response = client.get("/monitor/data.json", params)
    assert response.status_code == 400 and response.json() == {"error": message}
    assert client.get("/monitor/", params).status_code == 400


@pytest.mark.parametrize("role", [Role.STO, Role.LTO])
def test_observers_are_refused(client, day, role):
    client.force_login(ObserverFactory(mission=day.mission, role=role).user)
    assert client.get("/monitor/").status_code == 403
    assert client.get("/monitor/data.json").status_code == 403


def test_strangers_log_in_and_another_missions_core_team_sees_only_its_own(client, day):
    assert client.get("/monitor/data.json")["Location"].startswith("/accounts/login/")
    other_analyst = ObserverFactory(role=Role.COORDINATOR)
    client.force_login(other_analyst.user)
    data = client.get("/monitor/data.json", AT).json()
    assert data["totals"]["forms"] == 0 and data["incidents"] == [] and data["silent"]["teams"] == []


@pytest.mark.django_db
def test_a_demo_mission_replays_its_election_day_afternoon(client):
    from observers.models import Role
    from tests.factories import ObserverFactory

    coordinator = ObserverFactory(role=Role.COORDINATOR, mission__is_demo=True)
    client.force_login(coordinator.user)
    response = client.get("/monitor/data.json")
    assert response.status_code == 200
    data = response.json()
    assert (data["day"], data["time"], data["as_of"]) == (
        "2004-09-19",
        "16:00",
        "19 September 2004, 16:00 (Astana time)",
    )
