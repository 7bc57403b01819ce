"""Rows of district, region and national totals in a results import: each row's level said in the preview,
a row that cannot be matched refused by name with nothing written, seats per list on the national row, and a
file of totals only kept beside the stations' import with its differences from the earlier totals."""

import pytest
from django.urls import reverse

from mission.models import AreaResult, ResultsImport, StationResult
from reports.results.comparison import latest_import
from tests.mission.imports.helpers import choose_columns, confirm, errors_shown, preview
from tests.mission.results.test_import import GOOD, imported, upload_results

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

MIXED_HEADER = (
    "Level;Station;District;Region;Voters on the list;Valid ballots;OTAN;AKZHOL;IVANOV;SEITOV;"
    "seats:OTAN;seats:AKZHOL;voted_by_10\n"
)
MIXED = MIXED_HEADER + (
    "station;PS-1;;;1200;590;400;190;300;280;;;150\n"
    "district;;D1;;1200;600;410;190;300;280;;;\n"
    "region;;;R1;2100;;;;;;;;300\n"
    "national;;;;2100;1085;700;385;;;7;3;\n"
)


@pytest.fixture
def region(stations):
    region = stations["PS-1"].region
    region.code = "R1"
    region.save()
    return region


def test_a_mixed_file_says_the_level_of_each_row_and_keeps_the_totals(client, coordinator, stations, region):
    assert upload_results(client, MIXED).status_code == 302
    assert choose_columns(client, "results", turnout_10="voted_by_10").status_code == 302

    shown = preview(client, "results")

    plan = shown.context["plan"]
    assert (plan.errors, plan.to_create, plan.to_update, plan.unchanged) == ([], 4, 0, 0)
    notes = dict(plan.notes)
    assert (notes["station rows"], notes["district rows"], notes["region rows"], notes["national rows"]) == (1, 1, 1, 1)
    assert notes["columns of seats (AKZHOL, OTAN)"] == 2
    assert [(row, level) for row, level, _matched in plan.listed] == [(3, "District"), (4, "Region"), (5, "National")]
    assert plan.listed[0][2].startswith("D1 ")
    assert b'id="levels"' in shown.content
    assert confirm(client, "results").status_code == 302

    results_import = ResultsImport.objects.get()
    assert StationResult.objects.filter(results_import=results_import).count() == 1
    district = AreaResult.objects.get(level="district")
    assert (district.district.code, district.valid_ballots, district.votes["OTAN"]) == ("D1", 600, 410)
    assert AreaResult.objects.get(level="region").turnout == {"10:00": 300}
    national = AreaResult.objects.get(level="national")
    assert (national.seats, national.votes) == ({"OTAN": 7, "AKZHOL": 3}, {"OTAN": 700, "AKZHOL": 385})


def test_rows_that_cannot_be_matched_are_named_and_nothing_is_written(client, coordinator, stations, region):
    bad = MIXED_HEADER + (
        "district;;D9;;1200;600;410;190;;;;;\n"  # no such district
        "region;;;R9;2100;;;;;;;;300\n"  # no such region
        "province;;;;;;;;;;;;\n"  # no such level
        "station;PS-1;;;1200;590;400;190;300;280;7;;150\n"  # seats on a station's row
        "district;;D2;;900;495;300;195;12;;;;\n"  # IVANOV stands in D1
        "national;;;;2100;1085;700;385;;;7;3;\n"
        "national;;;;2100;1085;700;385;;;7;3;\n"  # a second national row
    )
    assert upload_results(client, bad).status_code == 302
    assert choose_columns(client, "results", turnout_10="voted_by_10").status_code == 302

    assert errors_shown(preview(client, "results")) == [
        (2, "District", "No district with this code in the mission: correct the code in the district column."),
        (3, "Region", "No region with this code in the mission: correct the code in the region column."),
        (4, "Level", "Not one of: station, district, region, national."),
        (
            5,
            "seats:OTAN",
            "Seats are published for the whole country: put them on the national row, or leave the cell blank.",
        ),
        (6, "IVANOV", "IVANOV does not stand in this district: leave the cell blank."),
        (8, "Level", "Repeats row 7."),
    ]
    refused = confirm(client, "results")
    assert refused.status_code == 400
    assert not ResultsImport.objects.exists() and not AreaResult.objects.exists()


def test_a_file_needs_station_codes_or_levels(client, coordinator, stations):
    assert upload_results(client, GOOD).status_code == 302

    refused = choose_columns(client, "results", station=None)

    assert refused.status_code == 400
    assert "Choose the column of station codes, or the level column" in refused.content.decode()


def test_a_file_of_totals_only_leaves_the_stations_and_shows_its_changes(client, coordinator, stations, region):
    imported(client, GOOD)
    totals = MIXED_HEADER + "national;;;;2100;1085;700;385;;;7;3;\n"
    imported(client, totals, source="CEC, national totals, 21 Sep 2004")
    corrected = MIXED_HEADER + "national;;;;2100;1085;690;395;;;6;4;\n"
    imported(client, corrected, source="CEC, national totals, 25 Sep 2004")

    first, _totals, last = ResultsImport.objects.order_by("imported_at", "pk")
    assert latest_import(coordinator.mission) == first  # the stations' figures are still the first import's
    page = client.get(reverse("results:import", args=[last.pk]))
    assert page.status_code == 200
    differences = page.context["differences"]
    assert (differences.areas_changed, differences.areas_added, differences.stations_dropped) == (1, 0, 0)
    assert [(c["label"], c["change"].before, c["change"].after) for c in page.context["area_changes"]] == [
        ("Akzhol", 385, 395),
        ("Otan", 700, 690),
        ("Seats: Akzhol", 3, 4),
        ("Seats: Otan", 7, 6),
    ]
    listing = client.get(reverse("results:imports"))
    assert listing.status_code == 200
