"""A report carries its own date (set per report on its page, shown on its title page), not the day it is
compiled; the line saying when its data was taken names the mission's zone in the report's language."""

import datetime as dt

import pytest

from reports.documents.services import report_get_or_create
from reports.models import Report

COVERS = {"en": "1 October 2004", "ru": "1 октября 2004 г.", "kk": "2004 жылғы 1 қазан"}
ZONES = {"en": "(Astana time)", "ru": "(время Астаны)", "kk": "(Астана уақыты)"}


@pytest.fixture
def report(hand_mission):
    return report_get_or_create(mission=hand_mission.mission, kind=Report.Kind.PRELIMINARY)


def test_the_date_is_set_on_the_reports_page_and_printed_on_its_title_page(client, hand_mission, report):
    client.force_login(hand_mission.analyst.user)
    response = client.post(f"/reports/{report.pk}/", {"issued_on": "2004-10-01"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.issued_on == dt.date(2004, 10, 1)
    for language, cover in COVERS.items():
        html = client.get(f"/reports/{report.pk}/preview/{language}/").content.decode()
        assert f"{cover}</p>" in html, language
        assert ZONES[language] in html and "Asia/Almaty" not in html, language


def test_a_bad_date_is_refused_with_what_to_write(client, hand_mission, report):
    client.force_login(hand_mission.analyst.user)
    response = client.post(f"/reports/{report.pk}/", {"issued_on": "next week"})
    assert response.status_code == 200 and "Enter a valid date." in response.content.decode()
    report.refresh_from_db()
    assert report.issued_on is None


def test_without_a_date_the_title_page_prints_none_not_the_compile_day(client, hand_mission, report):
    client.force_login(hand_mission.analyst.user)
    client.post(f"/reports/{report.pk}/", {"title": "A statement"})
    report.refresh_from_db()
    assert report.issued_on is None and report.title == "A statement"
    html = client.get(f"/reports/{report.pk}/preview/en/").content.decode()
    assert 'class="issued"' not in html
