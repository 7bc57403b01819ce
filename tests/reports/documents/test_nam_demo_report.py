"""The demo's needs-assessment report reads as its source: no banner calling its figures synthetic, the cover
dated by the report's own date (none when it has none, as the source has none) rather than the compile date, the
source's title, and Annex 1 with exactly the source's programme under its city headings."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from mission.models import Party
from observers.demo.nam import nam_demo_load
from observers.demo.parties import PARTIES
from reports.documents.blocks import BlockContext, block_render
from reports.documents.markdown import BlockCall
from reports.documents.render.pdf import report_context
from reports.documents.services import report_create
from reports.models import Report
from tests.factories import MissionFactory
from tests.reports.documents.helpers import compiled_text

pytestmark = pytest.mark.django_db

# Annex 1 of the source (Preliminary programme): city heading, then (day of June 2004, start time) in its order.
SOURCE_PROGRAMME = [
    ("Almaty", [(20, "23:20"), (21, "14:00"), (21, "17:00"), (22, "10:00"), (22, "11:00"), (22, "13:30")]),
    ("Almaty", [(22, "15:00"), (23, "10:00"), (23, "12:00")]),
    ("Astana", [(24, "08:40"), (24, "09:15"), (24, "11:00"), (24, "14:30"), (24, "15:55"), (24, "17:35")]),
    ("Almaty", [(25, "04:20")]),
]


@pytest.fixture
def nam_report():
    mission = MissionFactory(is_demo=True, country_kk="Қазақстан Республикасы", election_date=dt.date(2004, 9, 19))
    Party.objects.bulk_create(
        Party(mission=mission, name=en, name_ru=ru, name_kk=kk, abbreviation=abbreviation)
        for en, ru, kk, abbreviation in PARTIES
    )
    nam_demo_load(mission=mission)
    return report_create(mission=mission, kind=Report.Kind.NEEDS_ASSESSMENT)


def test_annex_1_has_exactly_the_sources_entries_under_its_city_headings(nam_report):
    ctx = BlockContext(report=nam_report, language="kk", findings={}, findings_at=timezone.now())
    html = str(block_render(BlockCall(name="meetings", line=1), ctx))
    cities = re.findall(r'<tr class="city">\s*<th colspan="2">([^<]+)</th>', html)
    assert cities == ["Almaty", "Astana", "Almaty"]
    days = re.findall(r'<tr class="day">\s*<th colspan="2">([^<]+)</th>', html)
    assert days[0] == "Жексенбі, 2004 жылғы 20 маусым" and days[-1] == "Жұма, 2004 жылғы 25 маусым"
    times = [time[:5] for time in re.findall(r'<td class="time">([^<]+)</td>', html)]
    expected = [time for _city, entries in SOURCE_PROGRAMME for _day, time in entries]
    assert times == expected  # the 15:00 NGO meeting of 21 June (Annex 4 only) is not in the programme
    for entry in (
        "Алматы қаласына келу және «Хаятт» отелінде орналасу",
        "Астана қаласына келу (Алматы ұшып шығу 06:55 сағатта)",
        "Алматы қаласына ұшып шығу",
        "Алматы қаласынан ұшып шығу («Люфтганза» авиакомпаниясының рейсімен)",
    ):
        assert entry in html
    assert 'class="city"' not in html.split("<tbody>")[1].split("</tr>", 1)[1]  # no city column in the rows


def test_the_cover_has_the_reports_own_date_and_no_synthetic_banner(nam_report):
    context = report_context(report=nam_report, language="en", findings={}, findings_at=timezone.now(), strict=False)
    assert context["issued"] == ""  # the source carries no date: none printed, never the compile date
    assert "synthetic" not in context["demo_note"] and "Needs Assessment Mission Report" in context["demo_note"]
    nam_report.issued_on = dt.date(2004, 7, 12)
    dated = report_context(report=nam_report, language="ru", findings={}, findings_at=timezone.now(), strict=False)
    assert dated["issued"] == "12 июля 2004 г."


def test_the_kazakh_title_block_keeps_the_sources_words(nam_report):
    text = compiled_text(nam_report, "kk")
    assert "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ ПАРЛАМЕНТТІК САЙЛАУ" in text
    assert "ЕҚЫҰ/ДИАҚБ Мұқтаждықтарды бағалау жөнінде миссиясының Есептемесі" in text
    assert "ойдан шығарылған" not in text  # the synthetic banner
    assert "Варшава" not in text and str(timezone.now().year) not in text.split("I. КІРІСПЕ")[0]
