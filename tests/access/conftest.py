"""Two missions on one server, each with a bit of everything, and one person who belongs to both.

`two_missions.a` and `.b` each hold: geography, an LTO team and two STO teams, one with a plan, one member per role
(with personal data only a coordinator may see), forms, submissions (one with a photo), a done compilation with its
PDF, an election commission, interlocutors, a meeting, and a login link. `two_missions.dual` is a coordinator in
mission A and a short-term observer in mission B's STO team.
"""

from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile

from mission.cases.models import CaseDocument
from mission.followup.models import PriorRecommendation
from mission.models import ResultsImport
from observers.models import Attachment, Checklist, Observer, PlanProposal, Role
from observers.onboarding.services import login_links_issue, login_links_prepare
from reports.models import Compilation, Recommendation, ReportSection
from tests.factories import (
    AssignmentFactory,
    CaseFileFactory,
    ChecklistFactory,
    CommissionMemberFactory,
    DistrictFactory,
    ElectionCommissionFactory,
    InvitationFactory,
    MeetingFactory,
    MissionFactory,
    ObserverFactory,
    PersonFactory,
    PollingStationFactory,
    RegionFactory,
    ReportFactory,
    SubmissionFactory,
    TeamFactory,
    UserFactory,
)
from tests.factories.media import media_sample

ROLES = (Role.COORDINATOR, Role.ANALYST, Role.LTO, Role.STO, Role.MEDIA_MONITOR)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa75\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)


def personal_data(letter: str, role: str) -> dict:
    """Values that appear nowhere else, so a page that shows them is caught by a substring search."""
    return {
        "phone": f"+7 701 {letter}{role[:3]} 0199",
        "email": f"{role}.{letter.lower()}@personal.example",
        "nationality": f"Nation{letter}{role}",
        "gender": "female",
    }


def _mission(letter: str) -> SimpleNamespace:
    mission = MissionFactory(slug=f"mission-{letter.lower()}", name=f"Mission {letter}")
    region = RegionFactory(mission=mission, code=f"{letter}R1", name=f"Region {letter}")
    district = DistrictFactory(region=region, mission=mission, code=f"{letter}D1")
    station = PollingStationFactory(mission=mission, region=region, district=district, code=f"{letter}-PS1")
    lto_team = TeamFactory(mission=mission, code=f"{letter}-LTO1", kind="lto")
    lto_team.area.add(region)
    sto_team = TeamFactory(mission=mission, code=f"{letter}-STO1", kind="sto", parent=lto_team)
    assignment = AssignmentFactory(team=sto_team, polling_station=station, order=1)
    members = {
        role: ObserverFactory(
            mission=mission,
            role=role,
            full_name=f"{role.title()} {letter}",
            team={Role.LTO: lto_team, Role.STO: sto_team}.get(role),
            **personal_data(letter, role),
        )
        for role in ROLES
    }
    voting = ChecklistFactory(mission=mission, kind=Checklist.Kind.VOTING)
    counting = ChecklistFactory(mission=mission, kind=Checklist.Kind.COUNTING)
    sto = members[Role.STO]
    submission = SubmissionFactory(
        mission=mission, checklist=voting, team=sto_team, observer=sto, polling_station=station
    )
    counted = SubmissionFactory(
        mission=mission, checklist=counting, team=sto_team, observer=sto, polling_station=station
    )
    other_team = TeamFactory(mission=mission, code=f"{letter}-STO2", kind="sto", parent=lto_team)
    other_submission = SubmissionFactory(
        mission=mission,
        checklist=voting,
        team=other_team,
        polling_station=station,
        observer=ObserverFactory(mission=mission, role=Role.STO, team=other_team, full_name=f"Teammate-less {letter}"),
    )
    attachment = Attachment(
        submission=counted,
        original_name="protocol.png",
        content_type="image/png",
        size=len(PNG),
        sha256=letter * 64,
        uploaded_by=sto,
    )
    attachment.file.save("upload.png", ContentFile(PNG), save=False)
    attachment.save()
    compilation = Compilation(report=ReportFactory(mission=mission), status=Compilation.Status.DONE)
    compilation.pdf.save(f"{mission.slug}.pdf", ContentFile(b"%PDF-1.7 stand-in " + letter.encode()), save=False)
    compilation.save()
    section = ReportSection.objects.create(report=compilation.report, order=1, heading=f"Findings in mission {letter}")
    recommendation = Recommendation.objects.create(report=compilation.report, order=1, text=f"Publish {letter} results")
    member = CommissionMemberFactory(commission=ElectionCommissionFactory(mission=mission, region=region))
    person = PersonFactory(organisation__mission=mission)
    invitation = InvitationFactory(meeting=MeetingFactory(mission=mission), organisation=person.organisation)
    case = CaseFileFactory(mission=mission, region=region, entered_by=members[Role.LTO].user)
    case_document = CaseDocument(case=case, title=f"Complaint {letter}", uploaded_by=members[Role.LTO].user)
    case_document.file.save("complaint.pdf", ContentFile(b"%PDF-1.7 complaint " + letter.encode()), save=False)
    case_document.save()
    link = login_links_prepare(observers=[sto])[0]
    login_links_issue(links=[link], created_by=members[Role.COORDINATOR].user)
    return SimpleNamespace(
        mission=mission,
        region=region,
        district=district,
        station=station,
        lto_team=lto_team,
        sto_team=sto_team,
        assignment=assignment,
        members=members,
        voting=voting,
        counting=counting,
        submission=submission,
        counted=counted,
        other_team=other_team,
        other_submission=other_submission,
        attachment=attachment,
        compilation=compilation,
        report=compilation.report,
        section=section,
        recommendation=recommendation,
        commission=member.commission,
        commission_member=member,
        organisation=person.organisation,
        person=person,
        meeting=invitation.meeting,
        invitation=invitation,
        case=case,
        case_document=case_document,
        login_key=link.key,
        login_link=sto.login_links.get(),
        **media_sample(mission=mission, monitor=members[Role.MEDIA_MONITOR]),
        results_import=ResultsImport.objects.create(mission=mission, source=f"Commission of {letter}"),
        prior_recommendation=PriorRecommendation.objects.create(mission=mission, number="1", text=f"Reform {letter}"),
        plan_proposal=PlanProposal.objects.create(
            mission=mission, stations_per_team=3, weight="stations", status="done"
        ),
    )


@dataclass
class TwoMissions:
    a: SimpleNamespace
    b: SimpleNamespace
    dual: Observer  # coordinator in A; `dual_sto` is the same person as an STO in B

    @property
    def dual_sto(self) -> Observer:
        return Observer.objects.get(user=self.dual.user, mission=self.b.mission)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def two_missions(db, media_root) -> TwoMissions:
    a, b = _mission("A"), _mission("B")
    user = UserFactory(username="dual")
    dual = ObserverFactory(mission=a.mission, user=user, role=Role.COORDINATOR, full_name="Dual A")
    ObserverFactory(mission=b.mission, user=user, role=Role.STO, team=b.sto_team, full_name="Dual B")
    return TwoMissions(a=a, b=b, dual=dual)
