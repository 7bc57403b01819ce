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
