"""factory_boy factories for the whole project, one module per app, all importable from here. Defaults build a
small, valid mission."""

from tests.factories.mission import (
    CommissionMemberFactory,
    ContestantFactory,
    DistrictFactory,
    ElectionCommissionFactory,
    InvitationFactory,
    MeetingFactory,
    MissionFactory,
    OrganisationFactory,
    PartyFactory,
    PersonFactory,
    PollingStationFactory,
    RegionFactory,
)
from tests.factories.observers import (
    SAMPLE_QUESTIONS,
    AssignmentFactory,
    ChecklistFactory,
    ObserverFactory,
    SubmissionFactory,
    TeamFactory,
    UserFactory,
    protocol_answers,
    valid_answers,
)
from tests.factories.record import CandidateFactory, CandidateListFactory, CaseFileFactory
from tests.factories.reports import ReportFactory

__all__ = [
    "CandidateFactory",
    "CandidateListFactory",
    "CaseFileFactory",
    "AssignmentFactory",
    "ChecklistFactory",
    "CommissionMemberFactory",
    "ContestantFactory",
    "DistrictFactory",
    "ElectionCommissionFactory",
    "InvitationFactory",
    "MeetingFactory",
    "MissionFactory",
    "ObserverFactory",
    "OrganisationFactory",
    "PartyFactory",
    "PersonFactory",
    "PollingStationFactory",
    "RegionFactory",
    "ReportFactory",
    "SAMPLE_QUESTIONS",
    "SubmissionFactory",
    "TeamFactory",
    "UserFactory",
    "protocol_answers",
    "valid_answers",
]
