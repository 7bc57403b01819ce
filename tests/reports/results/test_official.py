"""The official results and turnout, summed from the latest import of the small mission of helpers.py:
lists OTAN 400 + 402 + 400 + 400 = 1,602 and AKZHOL 190 + 188 + 190 + 190 = 758 of 2,360 valid; in district D1
IVANOV 600 and SEITOV 560 of 1,160 (IVANOV over half: elected); ballots issued 4 × 610 of 4 × 1,200 voters."""

import pytest
from django.urls import reverse

from mission.models import StationResult
from reports.results.selectors import official_results, turnout_by_region

pytestmark = pytest.mark.django_db


def test_results_tables_summed_by_hand(results_mission):
    results = official_results(mission=results_mission.mission)

    assert [(t.contestant.code, t.votes, t.percent, t.contestant.seats) for t in results.lists] == [
        ("OTAN", 1602, 68, 4),
        ("AKZHOL", 758, 32, 1),
    ]
    (race,) = results.districts
    assert [(t.contestant.code, t.votes, t.percent) for t in race.candidates] == [
        ("IVANOV", 600, 52),
        ("SEITOV", 560, 48),
    ]
    assert (race.second_round, race.winner.contestant.code) == (False, "IVANOV")
    assert (results.stations, results.turnout_percent, results.invalid_percent) == (4, 51, 2)


def test_a_district_without_a_majority_goes_to_a_second_round(results_mission):
    StationResult.objects.filter(polling_station__code="S2").update(
        votes={"OTAN": 402, "AKZHOL": 188, "IVANOV": 280, "SEITOV": 300}
    )

    (race,) = official_results(mission=results_mission.mission).districts

    assert [(t.votes, t.percent) for t in race.candidates] == [(580, 50), (580, 50)]
    assert (race.second_round, race.winner) == (True, None)


def test_turnout_and_invalid_ballots_by_region(results_mission):
    rows = turnout_by_region(mission=results_mission.mission)

    assert [(r["region"].code, r["voters"], r["turnout"], r["invalid_percent"], r["hours"][0]) for r in rows] == [
        ("A", 2400, 51, 2, 10),  # 2 × 120 voted by 10:00 of 2,400
        ("B", 2400, 51, 2, 10),
    ]


def test_the_official_page_in_kazakh(client, results_mission, django_assert_max_num_queries):
    client.force_login(results_mission.analyst.user)

    # a fixed number whatever the stations, districts and regions (published totals and turnout by region: 11 more)
    with django_assert_max_num_queries(23):
        page = client.get(reverse("results:official"), HTTP_ACCEPT_LANGUAGE="kk")

    assert page.status_code == 200
    assert "А өңірі" in page.content.decode()
