"""Factories of the pre-election record: case files, candidate lists and candidates."""

import datetime as dt

import factory

from mission.candidates.models import Candidate, CandidateList
from mission.cases.models import CaseFile
from tests.factories.mission import DistrictFactory, MissionFactory


class CaseFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseFile

    mission = factory.SubFactory(MissionFactory)
    number = factory.Sequence(lambda n: f"T-{n:04d}")
    complainant_kind = "party"
    complainant = factory.Sequence(lambda n: f"Complainant {n}")
    subject = "candidate_registration"
    summary = "Registration refused over signatures"
    body = "district"
    filed_on = dt.date(2004, 8, 20)
    deadline = dt.date(2004, 8, 25)
    source = "lto"


class CandidateListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CandidateList

    mission = factory.SubFactory(MissionFactory)
    name = factory.Sequence(lambda n: f"List {n}")
    status = "registered"


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate

    mission = factory.SubFactory(MissionFactory)
    full_name = factory.Sequence(lambda n: f"Candidate {n}")
    gender = "male"
    district = factory.SubFactory(DistrictFactory, mission=factory.SelfAttribute("..mission"))
    status = "registered"


def record_mission():
    """A mission with two regions, an LTO team in each (two LTOs each), a coordinator, an analyst, an STO and the
    standard forms: what the register and the record pages need."""
    from types import SimpleNamespace

    from observers.checklists.standard_forms import checklists_install_standard
    from observers.models import Checklist, Role
    from tests.factories.mission import RegionFactory
    from tests.factories.observers import ObserverFactory, TeamFactory

    mission = MissionFactory(starts_on=dt.date(2004, 8, 9))
    north, south = RegionFactory(mission=mission, code="N", name="North"), RegionFactory(mission=mission, code="S")
    teams = []
    for code, region in (("LTO1", north), ("LTO2", south)):
        team = TeamFactory(mission=mission, code=code, kind="lto")
        team.area.add(region)
        teams.append(team)
    ltos = [ObserverFactory(mission=mission, role=Role.LTO, team=team) for team in teams for _ in range(2)]
    checklists_install_standard(mission=mission)
    return SimpleNamespace(
        mission=mission,
        north=north,
        south=south,
        teams=teams,
        lto=ltos[0],
        teammate=ltos[1],
        other_lto=ltos[2],
        coordinator=ObserverFactory(mission=mission, role=Role.COORDINATOR),
        analyst=ObserverFactory(mission=mission, role=Role.ANALYST),
        sto=ObserverFactory(mission=mission, role=Role.STO),
        weekly=Checklist.objects.get(mission=mission, kind=Checklist.Kind.LTO_WEEKLY),
        incident=Checklist.objects.get(mission=mission, kind=Checklist.Kind.INCIDENT),
    )
