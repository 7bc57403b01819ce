"""The annexes drawn from data: follow-up of prior recommendations, observers by nationality with the count of
OSCE participating States, meetings held, and the long-term teams; each in three languages, in a fixed number of
queries, and placed in the final report's default annexes."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mission.followup.models import PriorRecommendation
from mission.models import OrganisationCategory
from observers.models import Role, Submission
from reports.documents.blocks import BlockContext, block_render
from reports.documents.defaults import section_defaults
from reports.documents.markdown import BlockCall
from reports.models import Report
from tests.factories import (
    InvitationFactory,
    MeetingFactory,
    MissionFactory,
    ObserverFactory,
    OrganisationFactory,
    PollingStationFactory,
    RegionFactory,
    ReportFactory,
    SubmissionFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _render(report, name: str, language: str = "en") -> str:
    ctx = BlockContext(report=report, language=language, findings={}, findings_at=timezone.now())
    return str(block_render(BlockCall(name=name, line=1), ctx))


@pytest.fixture
def report():
    return ReportFactory(mission=MissionFactory(), kind=Report.Kind.FINAL)


def test_the_final_report_starts_with_the_four_annexes_from_data():
    bodies = [default.bodies["en"] for default in section_defaults(Report.Kind.FINAL, demo=False)]
    for block in ("[[block:results]]", "[[block:followup]]", "[[block:observers]]", "[[block:teams]]"):
        assert any(block in body for body in bodies), block
    assert any("[[block:meetings_held]]" in body for body in bodies)


def test_followup_annex_counts_each_grade_and_prints_each_recommendation_in_the_language(report):
    mission = report.mission
    for number, grade, priority in (("1", "fully", True), ("2", "partially", False), ("3", "", False)):
        PriorRecommendation.objects.create(
            mission=mission,
            number=number,
            order=int(number),
            priority=priority,
            text=f"Recommendation {number}",
            text_ru=f"Рекомендация {number}",
            implementation=grade,
            note="Amended" if grade else "",
            note_kk="Өзгертілді" if grade else "",
        )
    english = _render(report, "followup")
    assert "Of the 3 recommendations of the previous report: fully implemented, 1; mostly, 0; partially, 1" in english
    assert "Not yet assessed: 1." in english and "1 (priority)" in english
    assert "Fully implemented" in english and "Partially implemented" in english and "Not assessed" in english
    russian = _render(report, "followup", "ru")
    assert "Из 3 рекомендаций предыдущего отчёта выполнено полностью: 1" in russian and "Рекомендация 2" in russian
    kazakh = _render(report, "followup", "kk")
    assert "Толық орындалды" in kazakh and "Өзгертілді" in kazakh and "Recommendation 1" in kazakh  # English fallback


def test_followup_annex_says_when_nothing_was_imported(report):
    assert "No recommendations of the previous report have been imported." in _render(report, "followup")


def test_observers_by_nationality_count_participating_states_and_list_others_as_written(report):
    mission = report.mission
    for nationality, role, n in (
        ("Germany", Role.STO, 3),
        ("German", Role.LTO, 1),
        ("Sweden", Role.COORDINATOR, 1),
        ("UK", Role.STO, 2),
        ("Atlantis", Role.STO, 1),
        ("", Role.STO, 1),
        ("Kazakhstan", Role.MEDIA_MONITOR, 4),  # local staff: not the mission's observers
    ):
        for _ in range(n):
            ObserverFactory(mission=mission, role=role, nationality=nationality)
    ObserverFactory(role=Role.STO, nationality="France")  # another mission
    english = _render(report, "observers")
    assert "The mission comprised 9 observers from 3 OSCE participating States." in english
    assert english.index("Germany") < english.index("United Kingdom") < english.index("Sweden")
    assert "Atlantis" in english and "Not given" in english and "not counted among the States" in english
    assert "France" not in english and "Kazakhstan" not in english
    russian = _render(report, "observers", "ru")
    assert "наблюдатели из 3 государств — участников ОБСЕ; всего наблюдателей: 9." in russian
    assert "Германия" in russian and "Соединённое Королевство" in russian
    kazakh = _render(report, "observers", "kk")
    assert "ЕҚЫҰ-ға қатысушы 3 мемлекеттен 9 байқаушы болды" in kazakh and "Ұлыбритания" in kazakh


def test_meetings_held_by_category_with_the_organisations_met(report):
    mission = report.mission
    cec = OrganisationFactory(mission=mission, category=OrganisationCategory.ELECTION_ADMINISTRATION, name="CEC")
    ngo = OrganisationFactory(mission=mission, category=OrganisationCategory.CIVIL_SOCIETY, name="Bureau")
    absent = OrganisationFactory(mission=mission, category=OrganisationCategory.MEDIA, name="Absent Daily")
    first = MeetingFactory(mission=mission, date=dt.date(2004, 6, 21))
    InvitationFactory(meeting=first, organisation=cec, attended=True)
    InvitationFactory(meeting=first, organisation=absent, attended=False)
    lto_meeting = MeetingFactory(mission=mission, date=dt.date(2004, 9, 1), held_by=UserFactory())
    InvitationFactory(meeting=lto_meeting, organisation=ngo)
    english = _render(report, "meetings_held")
    assert "The mission held 2 meetings with 2 organisations." in english
    assert "CEC" in english and "Bureau" in english and "Absent Daily" not in english
    assert "Election administration" in _render(report, "meetings_held") and "Гражданское общество" in _render(
        report, "meetings_held", "ru"
    )


def test_teams_with_their_area_and_the_stations_their_short_term_teams_observed(report):
    mission = report.mission
    north = RegionFactory(mission=mission, code="N", name="North", name_kk="Солтүстік")
    lto = TeamFactory(mission=mission, code="LTO-01", kind="lto", base_city="Kokshetau")
    lto.area.add(north)
    sto = TeamFactory(mission=mission, code="STO-01", kind="sto", parent=lto)
    TeamFactory(mission=mission, code="LTO-02", kind="lto")
    stations = [PollingStationFactory(mission=mission, region=north) for _ in range(3)]
    for station in (*stations[:2], stations[0]):
        SubmissionFactory(mission=mission, team=sto, polling_station=station)
    excluded = SubmissionFactory(mission=mission, team=sto, polling_station=stations[2])
    Submission.objects.filter(pk=excluded.pk).update(
        review_status=Submission.ReviewStatus.EXCLUDED, review_note="duplicate"
    )
    kazakh = _render(report, "teams", "kk")
    assert "LTO-01" in kazakh and "Kokshetau" in kazakh and "Солтүстік" in kazakh
    row = kazakh[kazakh.index("LTO-01") : kazakh.index("LTO-02")]
    assert ">1<" in row and ">2<" in row  # one short-term team; two stations (the excluded form not counted)


@pytest.mark.parametrize("name", ["followup", "observers", "meetings_held", "teams"])
def test_each_annex_takes_as_many_queries_for_many_rows_as_for_few(report, name):
    mission = report.mission

    def grow(n: int) -> None:
        for i in range(n):
            tag = f"{name}-{mission.pk}-{i}-{PriorRecommendation.objects.count()}"
            PriorRecommendation.objects.create(mission=mission, number=tag[-16:], text=tag)
            ObserverFactory(mission=mission, role=Role.STO, nationality=("Italy", "Spain", "Peru")[i % 3])
            organisation = OrganisationFactory(mission=mission, category=OrganisationCategory.MEDIA)
            InvitationFactory(meeting=MeetingFactory(mission=mission), organisation=organisation, attended=True)
            lto = TeamFactory(mission=mission, kind="lto")
            lto.area.add(RegionFactory(mission=mission))
            SubmissionFactory(mission=mission, team=TeamFactory(mission=mission, kind="sto", parent=lto))

    grow(2)
    with CaptureQueriesContext(connection) as few:
        _render(report, name)
    grow(8)
    with CaptureQueriesContext(connection) as many:
        _render(report, name)
    assert len(many) == len(few)
