"""The results blocks compiled into a PDF and read back, in English, Russian and Kazakh, on the small mission of
tests/reports/results/helpers.py (every figure worked out there and in test_official.py)."""

import pytest

from reports.documents.services import section_add, section_update
from reports.models import ReportSection
from tests.factories import ReportFactory
from tests.reports.documents.helpers import compiled_text

pytestmark = pytest.mark.django_db

BODY = "\n\n".join(
    ["[[block:protocols_headline]]", "[[block:protocols]]", "[[block:results]]", "[[block:turnout]]", "The end."]
)


@pytest.fixture
def report(results_mission, media_root):
    report = ReportFactory(mission=results_mission.mission)
    section = section_add(report=report, level=ReportSection.Level.CHAPTER, heading="Results")
    section_update(section=section, body=BODY)
    return report


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_results_annex_in_english(report):
    text = compiled_text(report, "en")

    assert (
        "At 2 of 3 polling stations where observers copied the results protocol, the results the election "
        "commission published differed from it." in text
    )
    assert "The protocol was not posted publicly at 1 of 5 polling stations where the count was observed." in text
    assert "Region A 2 2 Region B 1 0" in text
    assert "S1 School No." in text and "Otan 410 400 -10" in text and "Akzhol 190 188 -2" in text
    assert "Otan 1,602 68 4 Akzhol 758 32 1" in text
    assert "Voters on the list: 4,800; ballots issued: 2,440 (turnout 51%); invalid ballots: 40 (2%" in text
    assert "District 1 Elected: Ivanov (52%)" in text
    assert "10:00 published" in text and "Source: CEC, 20 September 2004" in text


def test_the_results_annex_in_russian_and_kazakh(report):
    russian = compiled_text(report, "ru")
    assert "На 2 из 3 избирательных участков, где наблюдатели переписали протокол" in russian
    assert "Otan 1 602 68 4" in russian and "Избран(а): Ivanov (52%)" in russian

    kazakh = compiled_text(report, "kk")
    assert "хаттаманы көшірген 3 учаскенің 2 учаскесінде сайлау комиссиясы жариялаған нәтижелер" in kazakh
    assert "А өңірі 2 2" in kazakh and "Сайланды: Ivanov (52%)" in kazakh
    assert "Ресми нәтижелер: партиялық тізімдер" in kazakh


def test_the_source_is_cited_in_the_readers_language_where_it_was_given(report):
    from mission.models import ResultsImport

    ResultsImport.objects.filter(mission=report.mission).update(source_kk="ОСК, 2004 жылғы 20 қыркүйек")
    assert "Дереккөзі: ОСК, 2004 жылғы 20 қыркүйек" in compiled_text(report, "kk")
    assert "Источник: CEC, 20 September 2004" in compiled_text(report, "ru")  # none given: as given
