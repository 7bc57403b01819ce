"""A small mission for the findings pages, every figure worked out by hand (see `findings_mission`)."""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from observers.models import Checklist, Role
from tests.factories import (
    SAMPLE_QUESTIONS,
    AssignmentFactory,
    ChecklistFactory,
    DistrictFactory,
    MissionFactory,
    ObserverFactory,
    PollingStationFactory,
    RegionFactory,
    SubmissionFactory,
    TeamFactory,
)

ALMATY = ZoneInfo("Asia/Almaty")  # UTC+7 on 19 September 2004 (summer time)
ASSESSMENT = next(q for q in SAMPLE_QUESTIONS if q["code"] == "overall_assessment")
OPENING_QUESTIONS = [
    {"code": "opened_on_time", "type": "yes_no", "required": True, "labels": {"en": "Opened on time (07:00)?"}},
    {
        "code": "opening_time",
        "type": "time",
        "required": True,
        "labels": {"en": "At what time did it open?"},
        "relevant": {"question": "opened_on_time", "equals": "no"},
    },
    ASSESSMENT,
]


def local(hour: int, minute: int) -> dt.datetime:
    return dt.datetime(2004, 9, 19, hour, minute, tzinfo=ALMATY)


@pytest.fixture
def findings_mission(db):
    """Two regions, three districts, five stations, two teams; six voting and three opening forms.

    station  region/district  voters  planned by
    P1       North / D1       1000    T1 (opening), T2
    P2       North / D1        800    T1
    P3       North / D2       1200    T1
    P4       South / D3        600    T2
    P5       South / D3        900    -          never observed

    voting  team station  local time  secrecy  voters / voted  overall
    V1      T1   P1       08:20       yes      1000 / 100      good
    V2      T2   P1       08:50       no       1000 / 150      bad        T1 and T2 disagree at P1
    V3      T1   P2       10:10       na        800 / 200      very_good
    V4      T1   P3       10:40       yes      1200 / 300      very_bad   P3's only form
    V5      T2   P4       11:05       yes       600 / -        good       no turnout figure
    V6      T2   P4       12:30       no        600 / 240      bad        same team as V5: no disagreement

    opening team station  on time  opened at  overall
    O1      T1   P1       yes      -          good
    O2      T2   P4       no       07:20      bad
    O3      T1   P2       no       07:50      good
    """
    mission = MissionFactory(time_zone="Asia/Almaty")
    north = RegionFactory(mission=mission, code="R1", name="North")
    south = RegionFactory(mission=mission, code="R2", name="South")
    d1 = DistrictFactory(region=north, code="D1", name="North-A")
    d2 = DistrictFactory(region=north, code="D2", name="North-B")
    d3 = DistrictFactory(region=south, code="D3", name="South-A")
    stations = {
        code: PollingStationFactory(
            mission=mission, region=district.region, district=district, code=code, registered_voters=voters
        )
        for code, district, voters in [
            ("P1", d1, 1000),
            ("P2", d1, 800),
            ("P3", d2, 1200),
            ("P4", d3, 600),
            ("P5", d3, 900),
        ]
    }
    t1, t2 = TeamFactory(mission=mission, code="T1"), TeamFactory(mission=mission, code="T2")
    for team, codes in ((t1, ["P1", "P2", "P3"]), (t2, ["P1", "P4"])):
        for order, code in enumerate(codes, start=1):
            AssignmentFactory(team=team, polling_station=stations[code], order=order)
    observers = {t1: ObserverFactory(mission=mission, team=t1), t2: ObserverFactory(mission=mission, team=t2)}
    voting = ChecklistFactory(mission=mission, kind=Checklist.Kind.VOTING)
    opening = ChecklistFactory(mission=mission, kind=Checklist.Kind.OPENING, questions=OPENING_QUESTIONS)

    def form(checklist, team, code, when, **answers):
        return SubmissionFactory(
            mission=mission,
            checklist=checklist,
            team=team,
            observer=observers[team],
            polling_station=stations[code],
            observed_at=when,
            answers=answers,
        )

    def vote(team, code, when, secrecy, voters, voted, overall):
        answers = dict(
            arrival_time=f"{when.hour:02d}:{when.minute:02d}",
            voters_on_list=voters,
            secrecy=secrecy,
            unauthorised="no",
            overall_assessment=overall,
        )
        if voted is not None:
            answers["voted_by_visit"] = voted
        return form(voting, team, code, when, **answers)

    submissions = {
        "V1": vote(t1, "P1", local(8, 20), "yes", 1000, 100, "good"),
        "V2": vote(t2, "P1", local(8, 50), "no", 1000, 150, "bad"),
        "V3": vote(t1, "P2", local(10, 10), "na", 800, 200, "very_good"),
        "V4": vote(t1, "P3", local(10, 40), "yes", 1200, 300, "very_bad"),
        "V5": vote(t2, "P4", local(11, 5), "yes", 600, None, "good"),
        "V6": vote(t2, "P4", local(12, 30), "no", 600, 240, "bad"),
        "O1": form(opening, t1, "P1", local(6, 50), opened_on_time="yes", overall_assessment="good"),
        "O2": form(
            opening, t2, "P4", local(6, 55), opened_on_time="no", opening_time="07:20", overall_assessment="bad"
        ),
        "O3": form(
            opening, t1, "P2", local(6, 45), opened_on_time="no", opening_time="07:50", overall_assessment="good"
        ),
    }
    SubmissionFactory(answers={"secrecy": "no", "overall_assessment": "very_bad"})  # another mission: never counted
    analyst = ObserverFactory(mission=mission, role=Role.ANALYST, full_name="Ana Analyst")
    coordinator = ObserverFactory(mission=mission, role=Role.COORDINATOR, full_name="Cora Coordinator")
    return SimpleNamespace(
        mission=mission,
        regions=(north, south),
        districts=(d1, d2, d3),
        stations=stations,
        teams=(t1, t2),
        observers=observers,
        submissions=submissions,
        analyst=analyst,
        coordinator=coordinator,
    )
