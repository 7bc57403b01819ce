"""The media blocks placed in a report's section, compiled to PDF in English, Russian and Kazakh and read back."""

import pytest

from reports.documents.blocks import block_check
from reports.documents.markdown import BlockCall, BlockError
from reports.documents.services import section_add, section_update
from reports.models import ReportSection
from tests.factories import ReportFactory
from tests.factories.media import MediaItemFactory
from tests.reports.documents.helpers import compiled_text

pytestmark = pytest.mark.django_db

BLOCKS = "[[block:media_summary]]\n\n[[block:media_table]]\n\n[[block:media_chart ownership=state]]"


@pytest.fixture
def report(sample):
    for subject, amount, tone in [
        (sample.otan, 180, "positive"),
        (sample.ak_zhol, 30, "negative"),
        (sample.president, 90, "neutral"),
    ]:
        MediaItemFactory(coder=sample.monitor, outlet=sample.tv, subject=subject, amount=amount, tone=tone)
    MediaItemFactory(coder=sample.monitor, outlet=sample.paper, subject=sample.ak_zhol, amount=250, tone="neutral")
    report = ReportFactory(mission=sample.mission)
    section = section_add(report=report, level=ReportSection.Level.CHAPTER, heading="Media")
    section_update(section=section, body=BLOCKS)
    return report


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "Media outlets monitored",
                "Khabar: coverage by subject",
                "Otan 180 60.0 100.0 0.0 0.0",
                "Officials and the incumbent (shown apart)",
                "President 90 30.0 0.0 100.0 0.0",
                "Otan (60.0 %)",
                "Vremya: coverage by subject",
                "Khabar: share of coverage by subject and tone",
            ],
        ),
        (
            "ru",
            [
                "Средства массовой информации, охваченные мониторингом",
                "Отан 180 60,0 100,0 0,0 0,0",
                "Должностные лица и действующая власть (отдельно)",
                "Президент 90 30,0",
                "Время: освещение по субъектам",
                "Khabar: доля освещения по субъектам и тональности",
            ],
        ),
        (
            "kk",
            [
                "Мониторинг жүргізілген бұқаралық ақпарат құралдары",
                "Хабар: субъектілер бойынша жариялану",
                "Ақ жол 30 10,0 0,0 0,0 100,0",
                "Лауазымды тұлғалар мен қазіргі билік (бөлек)",
                "Хабар: субъектілер мен реңк бойынша жариялану үлесі",
                "Теледидар, мемлекеттік",
            ],
        ),
    ],
)
def test_the_media_blocks_print_their_figures_in_the_reports_language(report, language, expected):
    text = compiled_text(report, language)
    missing = [phrase for phrase in expected if phrase not in text]
    assert not missing, text


def test_the_state_only_chart_leaves_out_private_outlets(report):
    text = compiled_text(report, "en")
    assert "Vremya: share of coverage" not in text


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"ownership": "public"}, "ownership: “public” is not one of: state, private"),
        ({"from": "1 September"}, "from: “1 September” is not a date: write it as 2004-09-01"),
        ({"outlet": "Khabar"}, "does not take “outlet”; it takes: ownership, kind, from, to"),
    ],
)
def test_a_mistyped_media_block_says_what_to_write(params, message):
    with pytest.raises(BlockError, match=message):
        block_check(BlockCall(line=3, name="media_table", params=params))


def test_no_coded_items_prints_a_sentence(sample):
    report = ReportFactory(mission=sample.mission)
    section = section_add(report=report, level=ReportSection.Level.CHAPTER, heading="Media")
    section_update(section=section, body="[[block:media_chart]]")
    assert "No media coverage had been coded" in compiled_text(report, "en")
