"""A small mission whose comparison of protocols with published results is worked out by hand.

Region A: S1 observed by two teams (T1 copied the protocol as published; T2 copied OTAN as 410, the published
400: the station differs by 10), S2 (published OTAN 402 against the 400 copied: differs by 2).
Region B: S3 copied but not published; S4 protocol not posted, no copy given, nothing copied, and its published
lines do not add up (received 1,001, not 610 + 5 + 385); S5 copied and published alike.

So: 5 stations observed, 4 where the protocol was copied, 3 of them published: at 2 of 3 the published results
differed (A: 2 of 2, B: 0 of 1); with a tolerance of 2 votes, at 1 of 3."""

from types import SimpleNamespace

import pytest

from mission.models import ResultsImport, StationResult
from observers.checklists.standard_forms import standard_form_load
from observers.models import Checklist, Role
from tests.factories import (
    ChecklistFactory,
    ContestantFactory,
    DistrictFactory,
    MissionFactory,
    ObserverFactory,
    PollingStationFactory,
    RegionFactory,
    SubmissionFactory,
    TeamFactory,
    protocol_answers,
)

PUBLISHED = {
    "voters_on_list": 1200,
    "ballots_received": 1000,
    "ballots_issued": 610,
    "ballots_spoiled": 5,
    "ballots_unused": 385,
    "ballots_cast": 600,
    "valid_ballots": 590,
    "invalid_ballots": 10,
}
VOTES = {"OTAN": 400, "AKZHOL": 190, "IVANOV": 300, "SEITOV": 280}


@pytest.fixture
def results_mission(db):
    mission = MissionFactory(slug="results", name="Results mission")
    region_a = RegionFactory(mission=mission, code="A", name="Region A", name_kk="А өңірі")
    region_b = RegionFactory(mission=mission, code="B", name="Region B")
    district = DistrictFactory(mission=mission, region=region_a, code="D1", name="District 1")
    district_b = DistrictFactory(mission=mission, region=region_b, code="D2", name="District 2")
    for number, code in enumerate(("OTAN", "AKZHOL"), start=1):
        ContestantFactory(mission=mission, code=code, name=code.title(), number=number, seats=7 - 3 * number)
    for code in ("IVANOV", "SEITOV"):
        ContestantFactory(mission=mission, code=code, name=code.title(), kind="candidate", district=district)
    stations = {}
    for name, region, place in (
        ("S1", region_a, district),
        ("S2", region_a, district),
        ("S3", region_b, district_b),
        ("S4", region_b, district_b),
        ("S5", region_b, district_b),
    ):
        stations[name] = PollingStationFactory(mission=mission, region=region, district=place, code=name)
    counting = ChecklistFactory(
        mission=mission, kind=Checklist.Kind.COUNTING, questions=standard_form_load("counting")["questions"]
    )
    teams = {}

    def form(team: str, station: str, **answers):
        if team not in teams:
            teams[team] = ObserverFactory(mission=mission, role=Role.STO, team=TeamFactory(mission=mission, code=team))
        observer = teams[team]
        return SubmissionFactory(
            mission=mission,
            checklist=counting,
            team=observer.team,
            observer=observer,
            polling_station=stations[station],
            answers=protocol_answers(**answers),
        )

    b_votes = {"votes_candidates": None}  # district 2 has no candidates
    forms = {
        "S1-T1": form("T1", "S1"),
        "S1-T2": form("T2", "S1", votes_lists={"OTAN": 410, "AKZHOL": 180}),
        "S2": form("T3", "S2"),
        "S3": form("T4", "S3", **b_votes),
        "S4": form(
            "T5",
            "S4",
            protocol_posted="no",
            protocol_copy_given="no",
            protocol_copied="no",
            **{
                code: None
                for code in (*PUBLISHED, "votes_lists", "votes_candidates")
                if code not in ("ballots_received", "ballots_cast")
            },
        ),
        "S5": form("T6", "S5", **b_votes),
    }
    results_import = ResultsImport.objects.create(mission=mission, source="CEC, 20 September 2004")
    lists_only = {"OTAN": 400, "AKZHOL": 190}
    for station, figures, votes in (
        ("S1", PUBLISHED, VOTES),
        ("S2", PUBLISHED, {**VOTES, "OTAN": 402, "AKZHOL": 188}),
        ("S4", {**PUBLISHED, "ballots_received": 1001}, lists_only),
        ("S5", PUBLISHED, lists_only),
    ):
        StationResult.objects.create(
            results_import=results_import,
            polling_station=stations[station],
            votes=votes,
            turnout={"10:00": 120},
            **figures,
        )
    analyst = ObserverFactory(mission=mission, role=Role.ANALYST)
    return SimpleNamespace(
        mission=mission,
        regions={"A": region_a, "B": region_b},
        stations=stations,
        forms=forms,
        results_import=results_import,
        analyst=analyst,
    )
