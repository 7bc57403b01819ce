"""The demo's commission composition agrees with its source, the NAM report's own text (shipped as the Kazakh
default text of Election administration): every figure the source gives is read from it and compared with the
figure the report's table computes from the demo data."""

import re

import pytest
from django.utils import timezone, translation

from mission.models import CommissionLevel, Party
from mission.selectors import composition_by_party
from observers.demo.nam import AK_ZHOL, COMMUNISTS, DVK, PRO_PRESIDENTIAL, nam_demo_load
from observers.demo.parties import PARTIES
from reports.documents.blocks import BlockContext, block_render
from reports.documents.defaults import demo_text
from reports.documents.markdown import BlockCall
from reports.models import Report
from tests.factories import MissionFactory, ReportFactory

pytestmark = pytest.mark.django_db
SOURCE = demo_text("needs_assessment", "election_administration", "kk")


def _figure(pattern: str) -> str:
    found = re.search(pattern, SOURCE)
    assert found, pattern
    return found.group(1)


@pytest.fixture
def mission():
    mission = MissionFactory(is_demo=True)
    Party.objects.bulk_create(
        Party(mission=mission, name=en, name_ru=ru, name_kk=kk, abbreviation=abbreviation)
        for en, ru, kk, abbreviation in PARTIES
    )
    nam_demo_load(mission=mission)
    return mission


def _all_levels(mission):
    with translation.override("en"):
        return {block.level: block for block in composition_by_party(mission=mission)}


def test_the_oblast_commissions_hold_the_seats_the_source_gives(mission):
    oblasts = _all_levels(mission)[CommissionLevel.REGIONAL]
    assert oblasts.appointed == int(_figure(r"мәслихаттар (\d+) облыстық сайлау комиссиялары мүшелерін"))
    held = {row.nominator: row.appointed for row in oblasts.rows}
    assert held[AK_ZHOL] == int(_figure(r"«Ақжол» партиясынан - (\d+) адам"))
    assert held[COMMUNISTS] == int(_figure(r"Коммунистік партиядан – (\d+) адам"))
    assert held.get(DVK, 0) == int(_figure(r"ҚДТ – (\d+) адам"))


def test_the_appointment_rates_over_all_levels_are_the_sources(mission):
    rows = {row.nominator: row for row in _all_levels(mission)[""].rows}
    source = {
        DVK: _figure(r"ҚДТ партиясының кандидатураларының ([\d,]+) пайызын"),
        AK_ZHOL: _figure(r"«Ақжол» партиясынан - ([\d,]+) пайызын"),
        COMMUNISTS: _figure(r"Коммунистік партияның кандидаттарының ([\d,]+) пайызын"),
    }
    for party, figure in source.items():
        assert rows[party].appointed_share == float(figure.replace(",", ".")), party
    floor = int(_figure(r"тиісті пайыз (\d+) пайыздан асады"))
    assert all(rows[party].appointed_share > floor for party in PRO_PRESIDENTIAL)


def test_the_mazhilis_is_printed_apart_from_the_parties_and_the_sum_says_what_it_covers(mission):
    report = ReportFactory(mission=mission, kind=Report.Kind.NEEDS_ASSESSMENT)
    ctx = BlockContext(report=report, language="en", findings={}, findings_at=timezone.now())
    html = str(block_render(BlockCall(name="composition", line=1), ctx))
    assert "All levels" not in html
    assert "All commissions recorded (central, regional, district): members by nominating party" in html
    summed = html[html.index("All commissions recorded") :]
    bodies = summed.index("Nominated or appointed by bodies other than parties")
    assert summed.index("Mazhilis") > bodies > summed.index("Ak Zhol")
    levels = _all_levels(mission)
    assert levels[CommissionLevel.DISTRICT].commissions == 67
    assert all(row.party_id is None for row in levels[CommissionLevel.CENTRAL].rows)


def test_the_demo_follows_up_the_prior_recommendations_in_three_languages_once(mission):
    from observers.demo.followup import followup_demo_load

    followup_demo_load(mission=mission)
    followup_demo_load(mission=mission)
    report = ReportFactory(mission=mission, kind=Report.Kind.FINAL)
    ctx = BlockContext(report=report, language="kk", findings={}, findings_at=timezone.now())
    html = str(block_render(BlockCall(name="followup", line=1), ctx))
    assert "Алдыңғы есептің 5 ұсыныстамасының толық орындалғаны: 1; негізінен: 1; ішінара: 2; орындалмағаны: 1." in html
    assert mission.prior_recommendations.exclude(text_ru="").exclude(note_kk="").count() == 5
