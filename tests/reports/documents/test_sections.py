"""Analysts write sections in the browser in English, Russian and Kazakh; add, reorder and remove them; the
numbers follow in each language; what is not translated prints in English. Observers and strangers are kept out."""

import pytest

from observers.models import Role
from reports.documents.services import section_add, section_update
from reports.models import ReportSection
from tests.factories import MissionFactory, ObserverFactory, ReportFactory
from tests.reports.documents.helpers import compiled_text

Level = ReportSection.Level


@pytest.fixture
def report(hand_mission):
    report = ReportFactory(mission=hand_mission.mission, kind="final")
    introduction = section_add(report=report, level=Level.CHAPTER, heading="Introduction")
    section_add(report=report, level=Level.CHAPTER, heading="Findings", after=introduction)
    return report


def _url(report, section=None, action=""):
    base = f"/reports/{report.pk}/"
    return f"{base}sections/{section.pk}/{action}" if section else base


def _numbers(report, language="en") -> list[str]:
    return [
        str(s) if language == "en" else f"{s.in_language('number', language)} {s.in_language('heading', language)}"
        for s in report.sections.order_by("order")
    ]


def test_an_analyst_writes_a_section_in_three_languages_and_missing_ones_print_in_english(report, hand_mission, client):
    client.force_login(hand_mission.analyst.user)
    section = report.sections.get(heading="Introduction")
    response = client.post(
        _url(report, section),
        {
            "level": "chapter",
            "tab": "kk",
            "heading": "Introduction",
            "heading_ru": "",
            "heading_kk": "Кіріспе",
            "body": "The mission **arrived** on 9 August.",
            "body_ru": "",
            "body_kk": "Миссия 9 тамызда келді.",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith(f"/sections/{section.pk}/?language=kk")
    section.refresh_from_db()
    assert (section.heading_kk, section.body_kk, section.updated_by) == (
        "Кіріспе",
        "Миссия 9 тамызда келді.",
        hand_mission.analyst.user,
    )

    page = client.get(response["Location"]).content.decode()
    # the preview, in the tab's language, its paragraph numbered as the final report numbers it
    assert '<span class="paragraph-number">1.</span>Миссия 9 тамызда келді.</p>' in page

    kazakh = compiled_text(report, "kk")
    assert "I. КІРІСПЕ 1. Миссия 9 тамызда келді." in kazakh and "arrived" not in kazakh
    russian = compiled_text(report, "ru")  # nothing written in Russian: the English, with no error
    assert "I. INTRODUCTION 1. The mission arrived on 9 August." in russian
    assert "II. FINDINGS" in russian


def test_the_heading_in_english_is_required(report, hand_mission, client):
    client.force_login(hand_mission.analyst.user)
    section = report.sections.get(heading="Introduction")
    response = client.post(_url(report, section), {"level": "chapter", "heading": " ", "body": "Text"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"heading": ["This field is required."]}
    section.refresh_from_db()
    assert section.body == ""


def test_sections_are_added_moved_and_removed_and_renumbered_in_each_language(report, hand_mission, client):
    client.force_login(hand_mission.analyst.user)
    findings = report.sections.get(heading="Findings")

    response = client.post(
        f"{_url(report)}sections/add/", {"level": "subsection", "heading": "Media", "after": findings.pk}
    )
    media = report.sections.get(heading="Media")
    assert response["Location"] == _url(report, media)
    client.post(
        f"{_url(report)}sections/add/", {"level": "subsection", "heading": "Legal framework", "after": findings.pk}
    )
    client.post(f"{_url(report)}sections/add/", {"level": "annex", "heading": "Programme", "after": media.pk})
    assert _numbers(report) == [
        "I. Introduction",
        "II. Findings",
        "A. Legal framework",
        "B. Media",
        "Annex 1 Programme",
    ]

    client.post(_url(report, media, "move/"), {"direction": "up"})
    assert _numbers(report) == [
        "I. Introduction",
        "II. Findings",
        "A. Media",
        "B. Legal framework",
        "Annex 1 Programme",
    ]
    assert _numbers(report, "kk")[2:] == ["А. Media", "Б. Legal framework", "1-қосымша Programme"]
    assert _numbers(report, "ru")[4] == "Приложение 1 Programme"

    client.post(
        _url(report, report.sections.get(heading="Introduction"), "move/"), {"direction": "up"}
    )  # first already
    client.post(_url(report, findings, "delete/"))
    assert _numbers(report) == ["I. Introduction", "A. Media", "B. Legal framework", "Annex 1 Programme"]
    assert list(report.sections.order_by("order").values_list("order", flat=True)) == [1, 2, 3, 4]


def test_changing_a_sections_level_renumbers_the_rest(report):
    section_add(
        report=report, level=Level.CHAPTER, heading="Recommendations", after=report.sections.get(heading="Findings")
    )
    section_update(section=report.sections.get(heading="Findings"), level=Level.SUBSECTION)
    assert _numbers(report) == ["I. Introduction", "A. Findings", "II. Recommendations"]


def test_the_report_page_lists_sections_and_their_languages_in_few_queries(
    report, hand_mission, client, django_assert_max_num_queries
):
    for number in range(20):
        section_add(report=report, level=Level.SUBSECTION, heading=f"Topic {number}")
    section_update(section=report.sections.get(heading="Introduction"), body="x", body_kk="y")
    client.force_login(hand_mission.analyst.user)
    with django_assert_max_num_queries(12):
        response = client.get(_url(report))
    assert len(response.context["sections"]) == 22
    html = " ".join(response.content.decode().split())  # the template's tags may wrap over lines
    assert html.count('class="yes">EN') == 1 and 'class="yes" title="">KK' in html


@pytest.mark.parametrize("role", [Role.ANALYST, Role.COORDINATOR])
def test_the_core_team_may_edit(report, role, client):
    member = ObserverFactory(mission=report.mission, role=role)
    client.force_login(member.user)
    section = report.sections.first()
    assert client.get(_url(report)).status_code == 200
    assert client.get(_url(report, section)).status_code == 200
    assert client.get(f"{_url(report)}preview/kk/").status_code == 200
    assert (
        client.post(_url(report, section), {"level": "chapter", "heading": "Intro", "body": "Edited"}).status_code
        == 302
    )
    assert report.sections.get(pk=section.pk).body == "Edited"


def test_observers_are_refused_and_other_missions_reports_not_found(report, hand_mission, client):
    section = report.sections.first()
    urls = [
        _url(report),
        _url(report, section),
        f"{_url(report)}preview/en/",
        f"{_url(report)}compile/",
        f"{_url(report)}sections/add/",
        _url(report, section, "move/"),
        _url(report, section, "delete/"),
        f"{_url(report)}recommendations/add/",
        "/reports/compilations/status/?ids=1",
    ]
    client.force_login(hand_mission.observer.user)  # a short-term observer of this mission
    for url in urls:
        assert client.get(url).status_code in (403, 405), url
        assert client.post(url, {"body": "x", "heading": "x", "level": "chapter"}).status_code in (403, 405), url
    assert report.sections.get(pk=section.pk).body == ""

    stranger = ObserverFactory(mission=MissionFactory(), role=Role.ANALYST)  # an analyst of another mission
    client.force_login(stranger.user)
    for url in urls[:-1]:
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url, {"body": "x", "heading": "x", "level": "chapter"}).status_code in (404, 405), url
    assert report.sections.count() == 2
