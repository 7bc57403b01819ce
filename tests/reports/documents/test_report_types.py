"""The four kinds of report start with the sections their kind calls for; the needs-assessment report exactly as
the OSCE/ODIHR NAM report on Kazakhstan's 2004 elections, whose text and annexes the demo mission carries."""

import pytest

from mission.models import Party
from observers.demo.nam import nam_demo_load
from observers.demo.parties import PARTIES
from observers.models import Role
from reports.documents.services import report_create, reports_install_defaults
from reports.models import Report, ReportSection
from tests.factories import MissionFactory, ObserverFactory
from tests.reports.documents.helpers import compiled_text

NAM_SECTIONS_KK = [  # (number, heading) as the source report has them
    ("I.", "Кіріспе"),
    ("II.", "Сипаттама"),
    ("III.", "Анықталған фактілер"),
    ("А.", "Саяси контекст"),
    ("Б.", "Алдындағы сайлауда байқау және келесідегі қадамдар"),
    ("В.", "Құқықтық база"),
    ("Г.", "Сайлауды басқару"),
    ("Д.", "БАҚ"),
    ("Е.", "Халықаралық және ішкі байқаушылар"),
    ("IV.", "Қорытындылар және ұсыныстамалар"),
    ("1-қосымша", "Алдын ала бағдарлама"),
    ("2-қосымша", "Саяси партиялармен кездесуге шақырылғандардың тізімі"),
    ("3-қосымша", "БАҚ саласындағы МЕҰ және баспасөз өкілдерімен кездесуге шақырылғандардың тізімі"),
    ("4-қосымша", "МЕҰ өкілдерімен кездесуге шақырылғандардың тізімі"),
]
NAM_SECTIONS_EN = [
    ("I.", "Introduction"),
    ("II.", "Summary"),
    ("III.", "Findings"),
    ("A.", "Political context"),
    ("B.", "Previous observation and next steps"),
    ("C.", "Legal framework"),
    ("D.", "Election administration"),
    ("E.", "Media"),
    ("F.", "International and domestic observers"),
    ("IV.", "Conclusions and recommendations"),
    ("Annex 1", "Preliminary programme"),
    ("Annex 2", "List of invitees to the meeting with political parties"),
    ("Annex 3", "List of invitees to the meeting with media NGOs and the press"),
    ("Annex 4", "List of invitees to the meeting with NGOs"),
]


def _sections(report: Report, language: str) -> list[tuple[str, str]]:
    return [
        (section.in_language("number", language), section.in_language("heading", language))
        for section in report.sections.order_by("order")
    ]


@pytest.mark.django_db
def test_the_needs_assessment_report_has_the_source_reports_sections_in_each_language():
    report = report_create(mission=MissionFactory(), kind=Report.Kind.NEEDS_ASSESSMENT)

    assert _sections(report, "kk") == NAM_SECTIONS_KK
    assert _sections(report, "en") == NAM_SECTIONS_EN
    assert _sections(report, "ru")[4] == ("Б.", "Предыдущее наблюдение и дальнейшие шаги")
    assert _sections(report, "ru")[13] == ("Приложение 4", "Список приглашённых на встречу с НПО")
    annexes = report.sections.filter(level=ReportSection.Level.ANNEX).order_by("order")
    assert [section.body.splitlines()[-1] for section in annexes] == [
        "[[block:meetings]]",
        "[[block:invitees category=political_parties]]",
        "[[block:invitees category=media]]",
        "[[block:invitees category=civil_society,international]]",
    ]
    # a new mission's report has guides for the analysts, not the 2004 text
    assert report.sections.get(order=1).body_kk.startswith("*[Миссия құрамы")


@pytest.mark.parametrize(
    "kind, expected",
    [
        (
            Report.Kind.INTERIM,
            [
                "I. Summary",
                "II. Background and political context",
                "III. Legal framework",
                "IV. Election administration",
                "V. Voter and candidate registration",
                "VI. Election campaign",
                "VII. Media",
                "VIII. Complaints and appeals",
                "IX. International and domestic observers",
                "X. Mission activities",
            ],
        ),
        (
            Report.Kind.PRELIMINARY,
            [
                "I. Preliminary conclusions",
                "II. Preliminary findings",
                "A. Background and political context",
                "B. Legal framework",
                "C. Election administration",
                "D. Voter and candidate registration",
                "E. Election campaign",
                "F. Media",
                "G. Complaints and appeals",
                "H. International and domestic observers",
                "III. Election day",
                "A. Opening",
                "B. Voting",
                "C. Counting",
                "D. Tabulation",
                "Mission information and acknowledgements",
            ],
        ),
        (
            Report.Kind.FINAL,
            [
                "I. Executive summary",
                "II. Introduction and acknowledgements",
                "III. Background and political context",
                "IV. Legal framework",
                "V. Election administration",
                "VI. Voter and candidate registration",
                "VII. Election campaign",
                "VIII. Media",
                "IX. Complaints and appeals",
                "X. International and domestic observers",
                "XI. Election day",
                "A. Opening",
                "B. Voting",
                "C. Counting",
                "D. Tabulation",
                "XII. Announcement of results",
                "XIII. Recommendations",
                "Annex 1 Observer deployment by region",
                "Annex 2 Final results",
                "Annex 3 Follow-up of prior recommendations",
                "Annex 4 List of observers by nationality",
                "Annex 5 Meetings held by the mission",
            ],
        ),
    ],
)
@pytest.mark.django_db
def test_the_other_kinds_have_the_shape_of_odihr_reports(kind, expected):
    report = report_create(mission=MissionFactory(), kind=kind)
    assert [str(section) for section in report.sections.order_by("order")] == expected


@pytest.mark.django_db
def test_the_statement_and_the_final_report_carry_the_election_day_blocks():
    report = report_create(mission=MissionFactory(), kind=Report.Kind.FINAL)
    voting = report.sections.get(heading="Voting")
    assert "[[block:chart kind=voting]]" in voting.body and "[[block:map kind=voting]]" in voting.body
    assert "[[block:statistics kind=voting]]" in voting.body_kk  # the blocks are in every language
    assert report.sections.get(heading="Recommendations").body.endswith("[[block:recommendations]]")


@pytest.mark.django_db
def test_install_defaults_creates_each_missing_kind_once():
    mission = MissionFactory()
    report_create(mission=mission, kind=Report.Kind.FINAL)

    created = reports_install_defaults(mission=mission)

    assert sorted(report.kind for report in created) == ["interim", "needs_assessment", "preliminary"]
    assert reports_install_defaults(mission=mission) == []
    assert Report.objects.filter(mission=mission).count() == 4


@pytest.mark.django_db
def test_opening_the_reports_page_installs_the_four_reports(client):
    analyst = ObserverFactory(role=Role.ANALYST)
    client.force_login(analyst.user)

    response = client.get("/reports/")

    kinds = [report.kind for report in response.context["reports"]]
    assert sorted(kinds) == ["final", "interim", "needs_assessment", "preliminary"]
    assert ReportSection.objects.filter(report__mission=analyst.mission).count() == 14 + 10 + 16 + 22


@pytest.fixture
def demo_nam(db):
    """The demo's parties and needs-assessment data (commissions, meetings, invitations) on a demo mission."""
    mission = MissionFactory(is_demo=True, country_kk="Қазақстан Республикасы")
    Party.objects.bulk_create(
        Party(mission=mission, name=en, name_ru=ru, name_kk=kk, abbreviation=abbreviation)
        for en, ru, kk, abbreviation in PARTIES
    )
    nam_demo_load(mission=mission)
    return report_create(mission=mission, kind=Report.Kind.NEEDS_ASSESSMENT)


def test_the_demo_carries_the_source_text_with_the_kazakh_schwa_restored(demo_nam):
    introduction = demo_nam.sections.get(order=1)
    assert introduction.body_kk.startswith(
        "2004 жылғы 21 маусымнан 24 маусымға дейін Еуропадағы Қауіпсіздік және ынтымақтастық"
    )
    assert introduction.body.startswith("From 21 to 24 June 2004, the Office for Democratic Institutions")
    assert introduction.body_ru.startswith("С 21 по 24 июня 2004 года Бюро по демократическим институтам")
    bodies = "".join(section.body_kk for section in demo_nam.sections.all())
    assert "\u0259" not in bodies and "\u018f" not in bodies  # Latin schwa from the PDF extraction
    assert "40 ұзақ мерзімді байқаушылар" in bodies and "8,5 млн" in bodies


def test_the_demo_kazakh_needs_assessment_report_prints_the_source_and_its_four_annexes(demo_nam):
    text = compiled_text(demo_nam, "kk")

    assert "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ ПАРЛАМЕНТТІК САЙЛАУ 2004 жылғы 19 қыркүйек" in text
    assert "ЕҚЫҰ/ДИАҚБ Мұқтаждықтарды бағалау жөнінде миссиясының Есептемесі" in text  # the source's title
    for heading in (
        "I. КІРІСПЕ",
        "II. СИПАТТАМА",
        "III. АНЫҚТАЛҒАН ФАКТІЛЕР",
        "А. САЯСИ КОНТЕКСТ",
        "Д. БАҚ",
        "Е. ХАЛЫҚАРАЛЫҚ ЖӘНЕ ІШКІ БАЙҚАУШЫЛАР",
        "IV. ҚОРЫТЫНДЫЛАР ЖӘНЕ ҰСЫНЫСТАМАЛАР",
    ):
        assert heading in text
    for number in range(1, 5):
        assert f"{number}-ҚОСЫМША" in text
    # Annex 1: the programme, day by day
    assert "Сейсенбі, 2004 жылғы 22 маусым" in text
    assert "15:00 ОСК Төрағасы Байлиева ханыммен кездесу" in text
    # Annex 2: the twelve parties invited on 23 June, who came and who did not
    assert "Almaty, 2004 жылғы 23 маусым, 10:00–12:00" in text
    assert "2 «Ақ жол» Қазақстанның Демократиялық партиясы Ak Zhol Қатысқан Болат Әбілов мырза" in text
    assert "3 «Асар» Республикалық партиясы Asar 4" in text  # invited, did not attend
    # Annex 3: the media; Annex 4: the NGOs, numbered on across the two meetings
    assert "«Әділ Сөз» Халықаралық сөз бостандығын қорғау қоры Қатысқан" in text
    assert "Almaty, 2004 жылғы 21 маусым, 15:00–16:00" in text
    assert "8 Халықаралық Республикалық Институт (IRI) Қатысқан Донна Стюарт ханым" in text
