"""The demo's pre-election record: 20 LTO teams × 6 weeks of weekly reports, about 150 complaints and appeals,
the lists of the 12 parties and about 600 single-mandate applicants, LTO meetings in every region; the interim
report for 15 August – 5 September compiles with those figures in English, Russian and Kazakh."""

import datetime as dt
import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F

from mission.cases.models import CaseFile
from mission.models import Meeting, Mission
from observers.demo.build import DEMO_SLUG
from observers.demo.record import record_demo_load
from reports.documents.render.pdf import report_html
from reports.documents.services import report_get_or_create
from reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def test_the_record_holds_six_weeks_of_every_lto_team_cases_candidates_and_meetings():
    mission = Mission.objects.get(slug=DEMO_SLUG)
    weekly = mission.submissions.filter(checklist__kind="lto_weekly")
    per_team = weekly.values("team").annotate(n=Count("id"))
    assert per_team.count() == 20 and {row["n"] for row in per_team} == {6}
    cases = CaseFile.objects.filter(mission=mission)
    assert 130 <= cases.count() <= 180 and cases.filter(appeal_of__isnull=False).exists()
    assert set(cases.values_list("body", flat=True)) >= {"cec", "regional", "district", "court"}
    assert cases.exclude(decision="pending").filter(decided_on__gt=F("deadline")).exists()
    assert {party.pk for lst in mission.candidate_lists.all() for party in lst.parties.all()} == set(
        mission.parties.values_list("pk", flat=True)
    )
    district_candidates = mission.candidates.filter(district__isnull=False)
    assert 550 <= district_candidates.count() <= 650
    assert district_candidates.values("district").distinct().count() == mission.districts.count()
    held = Meeting.objects.filter(mission=mission, held_by__isnull=False)
    assert set(held.values_list("region", flat=True)) == set(mission.regions.values_list("pk", flat=True))
    assert held.filter(people__isnull=False).exists()


def test_a_second_load_changes_nothing():
    mission = Mission.objects.get(slug=DEMO_SLUG)
    before = CaseFile.objects.filter(mission=mission).count(), mission.candidates.count()
    record_demo_load(mission=mission, rng=random.Random(1))
    assert (CaseFile.objects.filter(mission=mission).count(), mission.candidates.count()) == before


@pytest.mark.parametrize(
    ("language", "sentences"),
    [
        (
            "en",
            ["Interim Report No. 1", "Reporting period: 15 August 2004 – 5 September 2004", "sent 80 weekly reports"],
        ),
        ("ru", ["Промежуточный отчёт № 1", "Отчётный период", "направили еженедельные отчёты: 80"]),
        ("kk", ["№ 1 аралық есеп", "Есепті кезең", "жіберген апталық есептер саны: 80"]),
    ],
)
def test_the_interim_report_speaks_of_its_period(language, sentences):
    mission = Mission.objects.get(slug=DEMO_SLUG)
    report = report_get_or_create(mission=mission, kind=Report.Kind.INTERIM)
    assert (report.number, report.period_from) == (1, dt.date(2004, 8, 15))
    html = report_html(report=report, language=language, findings={"forms": []}, findings_at=dt.datetime.now(dt.UTC))
    for sentence in sentences:
        assert sentence in html
    assert "block-error" not in html
