"""Published national, district and regional totals against the sums of their stations, on the small mission of
helpers.py (stations S1, S2 in district D1 of region A; S4, S5 in D2 of region B; S3 not published).

Summed from the stations: D1 OTAN 400 + 402 = 802, AKZHOL 378, IVANOV 600, SEITOV 560; D2 OTAN 800, AKZHOL 380;
nationally valid 4 × 590 = 2,360, OTAN 1,602, AKZHOL 758. Published here: D1 IVANOV 640, SEITOV 540 (the district
does not add up: +40, -20); D2 as summed; nationally valid 2,400, OTAN 1,650, AKZHOL 750, seats 5 and 2. So OTAN
1,650 of 2,400 = 68.75 -> 69 %, AKZHOL 31 %; IVANOV 640 of 1,180 = 54 %, elected. Region A announced 360 of its
2,400 voters by 10:00 (15 %; its stations' sum says 240, 10 %); one voting form in A at 9:30 counted 200 of 1,000
(20 %)."""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from mission.imports.rows import mapping_guess
from mission.imports.tabular import Table
from mission.results import imports as results_imports
from mission.results.services import official_results_import
from observers.checklists.standard_forms import standard_form_load
from observers.models import Checklist
from reports.documents.results_blocks import results_block, turnout_block
from reports.results.selectors import official_results, turnout_by_region_and_hour
from tests.factories import ChecklistFactory, SubmissionFactory

pytestmark = pytest.mark.django_db

HEADERS = ["level", "district", "region", "Voters on the list", "Valid ballots", "OTAN", "AKZHOL", "IVANOV", "SEITOV"]
HEADERS += ["seats:OTAN", "seats:AKZHOL", "voted_by_10"]
ROWS = [
    ["district", "D1", "", "", "1180", "802", "378", "640", "540", "", "", ""],
    ["district", "D2", "", "", "1180", "800", "380", "", "", "", "", ""],
    ["region", "", "A", "2400", "", "", "", "", "", "", "", "360"],
    ["national", "", "", "", "2400", "1650", "750", "", "", "5", "2", ""],
]


@pytest.fixture
def totals(results_mission):
    plan = official_results_import(
        mission=results_mission.mission,
        table=Table(headers=HEADERS, rows=list(enumerate(ROWS, start=2))),
        mapping=mapping_guess(HEADERS, results_imports.FIELDS),
        source="CEC, totals, 21 September 2004",
    )
    assert plan.applied, plan.errors
    voting = ChecklistFactory(
        mission=results_mission.mission,
        kind=Checklist.Kind.VOTING,
        questions=standard_form_load("voting")["questions"],
    )
    zone = ZoneInfo(results_mission.mission.time_zone)
    form = results_mission.forms["S1-T1"]
    SubmissionFactory(
        mission=results_mission.mission,
        checklist=voting,
        team=form.team,
        observer=form.observer,
        polling_station=results_mission.stations["S1"],
        answers={"voters_on_list": 1000, "voted_by_visit": 200},
        observed_at=dt.datetime(2024, 9, 19, 9, 30, tzinfo=zone),
    )
    return results_mission


def test_published_totals_are_printed_and_flagged_where_they_do_not_add_up(totals):
    results = official_results(mission=totals.mission)

    assert [(t.contestant.code, t.votes, t.percent, t.seats) for t in results.lists] == [
        ("OTAN", 1650, 69, 5),
        ("AKZHOL", 750, 31, 2),
    ]
    (race,) = results.districts
    assert race.published and [(t.contestant.code, t.votes, t.percent) for t in race.candidates] == [
        ("IVANOV", 640, 54),
        ("SEITOV", 540, 46),
    ]
    assert (results.valid, results.voters) == (2400, 4800)  # published; voters not published: summed
    assert [
        (c.code, [(d.code, d.published, d.summed, d.difference) for d in c.differences]) for c in results.checks
    ] == [
        ("", [("valid_ballots", 2400, 2360, 40), ("OTAN", 1650, 1602, 48), ("AKZHOL", 750, 758, -8)]),
        ("D1", [("IVANOV", 640, 600, 40), ("SEITOV", 540, 560, -20)]),
    ]


def test_turnout_by_region_and_hour_official_against_observed(totals):
    rows = turnout_by_region_and_hour(mission=totals.mission)

    assert [(r["region"].code, r["published_by_region"], r["hours"][0]) for r in rows] == [
        ("A", True, {"hour": "10:00", "published": 15, "observed": 20, "forms": 1}),
        ("B", False, {"hour": "10:00", "published": 10, "observed": None, "forms": 0}),
    ]


def test_the_official_page_shows_the_checks_and_the_table_by_region(client, totals, django_assert_max_num_queries):
    client.force_login(totals.analyst.user)

    with django_assert_max_num_queries(32):  # a fixed number: none per district, region or total
        page = client.get(reverse("results:official"))

    text = page.content.decode()
    assert page.status_code == 200
    assert 'id="checks"' in text and 'id="region-hours"' in text
    assert [(c["code"], len(c["differences"])) for c in page.context["checks"]] == [("", 3), ("D1", 2)]
    assert page.context["checks"][1]["differences"][0]["label"] == "Ivanov"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "District 1: the published total is not the sum of its polling stations (Ivanov: 640 published"),
        ("ru", "District 1: опубликованный итог не равен сумме по избирательным участкам (Ivanov: опубликовано 640"),
        ("kk", "District 1: жарияланған қорытынды сайлау учаскелерінің сомасына тең емес (Ivanov: жарияланғаны 640"),
    ],
)
def test_the_results_annex_prints_published_totals_seats_and_checks(totals, language, expected):
    ctx = SimpleNamespace(mission=totals.mission, language=language)  # what the results blocks read

    html = results_block(ctx)

    assert expected in html
    assert '<td class="num">5</td>' in html  # OTAN's seats as published
    turnout = turnout_block(ctx)
    assert "turnout-regions" in turnout and "15 / 20" in turnout


def test_national_turnout_by_hour_as_published(totals):
    from mission.models import AreaResult
    from reports.results.selectors import turnout_by_hour_compared

    assert turnout_by_hour_compared(mission=totals.mission)[0]["published"] == 10  # 4 × 120 of 4,800 summed
    AreaResult.objects.filter(level="national").update(voters_on_list=4800, turnout={"10:00": 720})

    assert turnout_by_hour_compared(mission=totals.mission)[0]["published"] == 15  # 720 of 4,800 as published
