"""One clock: templates name a date format (config/formats, per language) instead of spelling one out, never print
a zone's code (`Asia/Almaty`), and page scripts give a time zone whenever they print a time. Pages in the three
languages show month names in the reader's language and 24-hour times in the mission's zone, labelled."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import formats, translation

from mission import clock

TEMPLATES = Path(settings.BASE_DIR) / "templates"
STATIC = Path(settings.BASE_DIR) / "static"
NAMED = {
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "TIME_FORMAT",
    "MONTH_DAY_FORMAT",
    "YEAR_MONTH_FORMAT",
}
FORMAT_ARGUMENT = re.compile(r"""\|(?:date|time):(["'])(.*?)\1""")
ZONE_CODE = re.compile(r"\{\{\s*[\w.]*time_zone\s*\}\}|with zone=mission\.time_zone")


def _templates():
    return sorted(path for path in TEMPLATES.rglob("*") if path.suffix in {".html", ".txt", ".js", ".css"})


def test_templates_name_their_date_formats():
    spelled = [
        f"{path.relative_to(TEMPLATES)}:{number}: {match.group(2)}"
        for path in _templates()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        for match in FORMAT_ARGUMENT.finditer(line)
        if match.group(2) not in NAMED
    ]
    assert spelled == [], "use a named format or the clock filters (when, weekday_date, iso_date):\n" + "\n".join(
        spelled
    )


def test_templates_name_the_zone_as_people_say_it():
    raw = [
        f"{path.relative_to(TEMPLATES)}:{number}"
        for path in _templates()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if ZONE_CODE.search(line)
    ]
    assert raw == [], "use {% zone_label %} or the when filters:\n" + "\n".join(raw)


def test_scripts_print_times_in_a_zone_they_name():
    loose = []
    for path in sorted(STATIC.rglob("*.js")):
        lines = path.read_text().splitlines()
        for number, line in enumerate(lines):
            call = re.search(r"toLocale(?:Date|Time)?String\(|Intl\.DateTimeFormat\(", line)
            if call and "timeZone" not in " ".join(lines[number : number + 3]):
                loose.append(f"{path.relative_to(STATIC)}:{number + 1}")
    assert loose == [], "\n".join(loose)


MOMENT = dt.datetime(2004, 9, 19, 7, 5, tzinfo=dt.UTC)  # 14:05 in Almaty (UTC+7: summer time then)


@pytest.mark.parametrize(
    ("language", "long", "short", "zone"),
    [
        ("en", "19 September 2004, 14:05", "19 Sep 2004, 14:05", "Astana time"),
        ("ru", "19 сентября 2004 г., 14:05", "19 сен 2004, 14:05", "время Астаны"),
        ("kk", "2004 жылғы 19 Қыркүйек, 14:05", "19 қыр 2004, 14:05", "Астана уақыты"),
    ],
)
def test_each_language_has_its_formats_24_hour(language, long, short, zone):
    assert clock.moment_text(MOMENT, zone="Asia/Almaty", language=language) == f"{long} ({zone})"
    assert clock.moment_text(MOMENT, zone="Asia/Almaty", language=language, short=True, label=False) == short
    with translation.override(language):
        assert "/" not in formats.date_format(MOMENT.date(), "SHORT_DATE_FORMAT")


@pytest.mark.parametrize(
    ("language", "count", "share"), [("en", "9,530", "1.5"), ("ru", "9\xa0530", "1,5"), ("kk", "9\xa0530", "1,5")]
)
def test_each_language_groups_its_numbers(language, count, share):
    from django.contrib.humanize.templatetags.humanize import intcomma

    with translation.override(language):
        assert intcomma(9530) == count
        assert formats.localize(1.5) == share


def test_a_zone_without_a_name_is_named_by_its_offset_and_a_bad_one_falls_back_to_utc():
    assert clock.zone_label("Asia/Kathmandu", language="en", at=MOMENT) == "UTC+05:45"
    assert clock.zone_label("America/Caracas", language="ru", at=MOMENT) == "UTC−04:00"
    assert clock.zone_of("Mars/Olympus").key == "UTC"
    assert clock.zone_label("UTC", language="kk") == "UTC"


PAGE_DATES = {
    "en": ("19 September 2004, 14:05 (Astana time)", "Sunday"),
    "ru": ("19 сентября 2004 г., 14:05 (время Астаны)", "Воскресенье"),
    "kk": ("2004 жылғы 19 Қыркүйек, 14:05 (Астана уақыты)", "Жексенбі"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", PAGE_DATES)
def test_pages_show_mission_time_labelled_in_three_languages(client, language):
    from observers.models import Role
    from tests.factories import MeetingFactory, ObserverFactory, SubmissionFactory

    coordinator = ObserverFactory(role=Role.COORDINATOR)
    mission = coordinator.mission
    submission = SubmissionFactory(mission=mission, checklist__mission=mission, observed_at=MOMENT)
    meeting = MeetingFactory(mission=mission, date=dt.date(2004, 9, 19), starts_at=dt.time(15, 0))
    client.force_login(coordinator.user)
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    moment, weekday = PAGE_DATES[language]
    page = client.get(f"/findings/submissions/{submission.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert moment in html and "Asia/Almaty" not in html
    meetings = client.get("/nam/meetings/").content.decode()
    assert weekday in meetings and "15:00" in meetings and "PM" not in meetings, meeting
