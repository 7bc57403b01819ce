"""The printed report: the figures and the fixed texts survive into the PDF, in Kazakh letters too."""

import io
import re

import pytest
from pypdf import PdfReader

from reports.documents.services import compilation_run, report_get_or_create
from reports.models import Compilation


def _compiled_text(mission, language: str) -> tuple[str, int]:
    report = report_get_or_create(mission=mission, kind="preliminary")
    compilation = compilation_run(compilation_id=Compilation.objects.create(report=report, language=language).pk)
    assert compilation.status == Compilation.Status.DONE, compilation.error
    reader = PdfReader(io.BytesIO(compilation.pdf.read()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    text = re.sub(r"[-‐]\n", "", text)  # words hyphenated at a line end
    return " ".join(text.split()), len(reader.pages)


def test_kazakh_report_holds_the_figures_and_the_headings(hand_mission):
    text, pages = _compiled_text(hand_mission.mission, "kk")

    assert pages >= 3
    # the statement's shape: preliminary conclusions, findings by topic, election day by process
    for heading in (
        "I. АЛДЫН АЛА ҚОРЫТЫНДЫЛАР",
        "II. АЛДЫН АЛА ТҰЖЫРЫМДАР",
        "Б. ҚҰҚЫҚТЫҚ БАЗА",
        "III. САЙЛАУ КҮНІ",
        "Б. ДАУЫС БЕРУ",
        "МИССИЯ ТУРАЛЫ АҚПАРАТ ЖӘНЕ АЛҒЫС",
    ):
        assert heading in text
    assert "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ" in text and "2004 жылғы 19 қыркүйек" in text
    assert "Демонстрациялық деректер" in text  # the mission is a demo
    # 3 negative of 6 assessed: fewer than 30, so counts, not per cent
    assert "«Дауыс беру» процесі 6 байқаудың 3 байқауында теріс бағаланды" in text
    assert "Байқаушылар 7 сайлау учаскесінің 5 учаскесіне барды (жоспарланғаны: 3)" in text
    assert "байқау 3 өңірдің 2 өңірінде жүргізілді" in text
    assert "Дауыс беру құпиясы қамтамасыз етілді ме?" in text  # the latest version's label
    # secrecy: yes 5 (83 per cent), no 1 (17), not applicable 1 (no per cent), N = yes + no = 6
    assert "Дауыс беру құпиясы қамтамасыз етілді ме? 5 83 1 17 1 – 6" in text
    assert "Жалпы баға very good 1 17 6" in text  # overall assessment: 1 of 6 very good
    assert "Солтүстік 4 2 –" in text  # by region: 2 negative of 4, too few for a percentage
    assert "Барлығы 7 3 5 71 7 700" in text  # coverage: stations, planned, observed, observed %, voters
    assert "Бет 2" in text
    for letter in "ӘҒҚҢӨҰҮІ":
        assert letter in text.upper()


def test_english_and_russian_reports_word_the_same_figures(hand_mission):
    english, _ = _compiled_text(hand_mission.mission, "en")
    assert "Voting was assessed negatively (bad or very bad) in 3 of 6 observations." in english
    assert "Observers visited 5 of 7 polling stations (3 planned) in 2 of 3 regions." in english
    assert "OSCE/ODIHR Election Observation Mission" in english and "Page 2" in english

    russian, _ = _compiled_text(hand_mission.mission, "ru")
    assert "Процесс «Голосование» был оценён негативно («плохо» или «очень плохо») в 3 из 6 наблюдений." in russian
    assert "Наблюдатели посетили 5 из 7 избирательных участков (запланировано: 3) в 2 из 3 регионов." in russian


@pytest.mark.django_db
def test_a_mission_without_forms_still_gets_a_report():
    from tests.factories import MissionFactory

    text, _ = _compiled_text(MissionFactory(), "en")
    assert "No forms had been received when this report was compiled." in text
