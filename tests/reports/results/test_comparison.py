"""The comparison of copied protocols with the published results, on the small mission of helpers.py whose
every figure is worked out by hand there."""

import pytest
from django.urls import reverse

from observers.submissions.review import submission_exclude
from reports.results.comparison import Flag, counts_compared, headline_of

pytestmark = pytest.mark.django_db


def flags(counts) -> dict[str, list[str]]:
    return {f"{c.station_code}-{c.team_code}": c.flags for c in counts}


def test_each_count_is_flagged_as_worked_out_by_hand(results_mission):
    counts = counts_compared(mission=results_mission.mission)

    assert flags(counts) == {
        "S1-T1": [],
        "S1-T2": [Flag.DIFFERS],
        "S2-T3": [Flag.DIFFERS],
        "S3-T4": [Flag.NOT_PUBLISHED],
        "S4-T5": [Flag.NOT_POSTED, Flag.COPY_NOT_GIVEN, Flag.PUBLISHED_INCONSISTENT],
        "S5-T6": [],
    }
    s2 = next(c for c in counts if c.station_code == "S2")
    # in ballot order: OTAN is number 1 on the ballot, AKZHOL number 2 (not by code)
    assert [(r.code, r.observed, r.published, r.difference) for r in s2.rows if r.difference] == [
        ("OTAN", 400, 402, 2),
        ("AKZHOL", 190, 188, -2),
    ]


def test_the_headline_counts_stations_and_regions(results_mission):
    headline = headline_of(counts_compared(mission=results_mission.mission))

    regions = results_mission.regions
    assert (headline.differing, headline.compared, headline.copied, headline.observed) == (2, 3, 4, 5)
    assert headline.by_region == {regions["A"].pk: (2, 2), regions["B"].pk: (0, 1)}


def test_a_tolerance_forgives_small_differences(results_mission):
    counts = counts_compared(mission=results_mission.mission, tolerance=2)

    assert flags(counts)["S2-T3"] == []
    assert (headline_of(counts).differing, headline_of(counts).compared) == (1, 3)


def test_an_excluded_form_no_longer_counts(results_mission):
    submission_exclude(
        submission=results_mission.forms["S1-T2"], reviewer=results_mission.analyst, reason="Copied in haste"
    )

    headline = headline_of(counts_compared(mission=results_mission.mission))

    assert (headline.differing, headline.compared) == (1, 3)


def test_the_page_leads_from_the_headline_to_the_differing_stations(
    client, results_mission, django_assert_max_num_queries
):
    client.force_login(results_mission.analyst.user)

    with django_assert_max_num_queries(12):
        page = client.get(reverse("results:index"))

    assert page.status_code == 200
    text = page.content.decode()
    assert "At 2 of 3 stations where observers copied the protocol, the published results differed." in text
    differing = client.get(reverse("results:index"), {"flag": "differs"})
    assert [c.station_code for c in differing.context["page"]] == ["S1", "S2"]
    in_b = client.get(reverse("results:index"), {"region": "B"})
    assert [c.station_code for c in in_b.context["page"]] == ["S3", "S4", "S5"]


def test_one_count_line_by_line(client, results_mission):
    client.force_login(results_mission.analyst.user)
    form = results_mission.forms["S1-T2"]

    page = client.get(reverse("results:count", args=[form.pk]))

    assert page.status_code == 200
    differing = [(item["label"], item["row"].difference) for item in page.context["rows"] if item["beyond"]]
    assert differing == [("Otan", -10), ("Akzhol", 10)]  # published less copied, in ballot order
    assert reverse("findings:submission", args=[form.pk]) in page.content.decode()


def test_a_bad_filter_is_refused_with_what_to_fix(client, results_mission):
    client.force_login(results_mission.analyst.user)

    page = client.get(reverse("results:index"), {"tolerance": "-1", "region": "Z"})

    assert page.status_code == 400
    assert page.context["form"].errors == {
        "tolerance": ["Ensure this value is greater than or equal to 0."],
        "region": ["No region of this mission has this code: choose one from the list."],
    }


def test_the_form_page_shows_votes_by_name_in_ballot_order(client, results_mission):
    from mission.results.ballot import ballots_of_stations
    from reports.findings.selectors import submission_answers

    form = results_mission.forms["S1-T2"]
    rows = {row["code"]: row["answer"] for row in submission_answers(submission=form, language="en")}

    assert rows["votes_lists"] == "Otan 410, Akzhol 180"  # OTAN is number 1 on the ballot, AKZHOL 2
    client.force_login(results_mission.analyst.user)
    assert "Otan 410, Akzhol 180" in client.get(reverse("findings:submission", args=[form.pk])).content.decode()
    station = results_mission.stations["S1"]
    ballot = ballots_of_stations(mission_id=results_mission.mission.pk, stations=[station])[station.pk]
    assert [entry["code"] for entry in ballot] == ["OTAN", "AKZHOL", "IVANOV", "SEITOV"]  # the phone's order
