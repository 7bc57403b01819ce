"""Importing the commission's published results through the coordinator's import pages: bad rows refused with
nothing written, a good file imported, and a re-import kept beside the first with its differences shown."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mission.models import ResultsImport, StationResult
from tests.mission.imports.helpers import choose_columns, confirm, errors_shown, preview

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

HEADER = (
    "Station;Voters on the list;Ballots received;Ballots issued;Ballots spoiled;Ballots unused;"
    "Ballots in the box;Valid ballots;Invalid ballots;OTAN;AKZHOL;IVANOV;SEITOV;voted_by_10\n"
)
GOOD = HEADER + (
    "PS-1;1200;1000;610;5;385;600;590;10;400;190;300;280;150\nPS-2;900;800;500;0;300;500;495;5;300;195;;;90\n"
)


NO_STATION = "No polling station with this code in the mission: import the stations first, or correct the code."


def upload_results(client, content: str, source="https://www.election.kz/results 20 Sep 2004", **translations):
    url = reverse("imports:upload", kwargs={"kind": "results"})
    data = {"file": SimpleUploadedFile("results.csv", content.encode()), "source": source, **translations}
    return client.post(url, data)


def imported(client, content: str, **source) -> None:
    assert upload_results(client, content, **source).status_code == 302
    assert choose_columns(client, "results", turnout_10="voted_by_10").status_code == 302
    assert preview(client, "results").status_code == 200
    assert confirm(client, "results").status_code == 302


def test_published_results_are_imported_by_station_code(client, coordinator, stations):
    assert upload_results(client, GOOD).status_code == 302
    assert choose_columns(client, "results", turnout_10="voted_by_10").status_code == 302

    shown = preview(client, "results")

    plan = shown.context["plan"]
    assert (plan.errors, plan.to_create, plan.to_update, plan.unchanged) == ([], 2, 0, 0)
    assert dict(plan.notes) == {
        "columns of votes (OTAN, AKZHOL, IVANOV, SEITOV)": 4,
        "stations of the latest import missing from this file": 0,
    }
    assert not ResultsImport.objects.exists()  # the preview is a dry run
    done = confirm(client, "results")
    assert done.status_code == 302 and done["Location"] == reverse("results:imports")
    results_import = ResultsImport.objects.get()
    assert results_import.source == "https://www.election.kz/results 20 Sep 2004"
    first = StationResult.objects.get(polling_station=stations["PS-1"])
    assert (first.ballots_received, first.ballots_cast, first.valid_ballots) == (1000, 600, 590)
    assert first.votes == {"OTAN": 400, "AKZHOL": 190, "IVANOV": 300, "SEITOV": 280}
    assert first.turnout == {"10:00": 150}
    second = StationResult.objects.get(polling_station=stations["PS-2"])
    assert second.votes == {"OTAN": 300, "AKZHOL": 195}  # blank cells: candidates of another district


def test_bad_rows_are_each_named_and_nothing_is_written(client, coordinator, stations):
    bad = HEADER + (
        "PS-1;1200;1000;610;5;385;600;590;10;400;190;300;280;150\n"
        "PS-9;900;800;500;0;300;500;495;5;300;195;;;90\n"
        "PS-2;900;eight hundred;500;0;300;500;495;5;300;195;;;90\n"
        "PS-2;900;800;500;0;300;500;495;5;300;195;12;;90\n"
        "PS-1;1200;1000;610;5;385;600;590;10;400;190;300;280;150\n"
    )
    assert upload_results(client, bad).status_code == 302
    assert choose_columns(client, "results").status_code == 302

    shown = preview(client, "results")

    assert errors_shown(shown) == [
        (
            3,
            "Station",
            "No polling station with this code in the mission: import the stations first, or correct the code.",
        ),
        (4, "Ballots received", "Not a whole number between 0 and 2147483647."),
        (5, "IVANOV", "IVANOV does not stand in this station's district: leave the cell blank."),
        (6, "Station", "Repeats row 2."),
    ]
    refused = confirm(client, "results")
    assert refused.status_code == 400
    assert not ResultsImport.objects.exists() and not StationResult.objects.exists()


def test_the_source_is_kept_in_three_languages(client, coordinator, stations):
    imported(client, GOOD, source="CEC, 20 Sep 2004", source_kk="ОСК, 2004 жылғы 20 қыркүйек")
    kept = ResultsImport.objects.get()
    assert (kept.source, kept.source_ru, kept.source_kk) == ("CEC, 20 Sep 2004", "", "ОСК, 2004 жылғы 20 қыркүйек")
    assert kept.source_label("kk") == "ОСК, 2004 жылғы 20 қыркүйек" and kept.source_label("ru") == "CEC, 20 Sep 2004"


def test_an_upload_needs_its_source(client, coordinator, stations):
    response = upload_results(client, GOOD, source="")

    assert response.status_code == 400
    assert response.context["form"].errors == {"source": ["This field is required."]}


def test_a_reimport_is_kept_beside_the_first_with_its_differences(client, coordinator, stations):
    imported(client, GOOD)
    corrected = GOOD.replace(
        "PS-1;1200;1000;610;5;385;600;590;10;400;190", "PS-1;1200;1000;610;5;385;600;590;10;420;170"
    )
    assert upload_results(client, corrected, source="CEC site, 25 Sep 2004").status_code == 302
    assert choose_columns(client, "results", turnout_10="voted_by_10").status_code == 302

    plan = preview(client, "results").context["plan"]
    assert (plan.to_create, plan.to_update, plan.unchanged) == (0, 1, 1)
    assert confirm(client, "results").status_code == 302

    first, second = ResultsImport.objects.order_by("imported_at", "pk")
    assert StationResult.objects.filter(results_import=first).count() == 2
    assert StationResult.objects.get(results_import=second, polling_station=stations["PS-1"]).votes["OTAN"] == 420
    page = client.get(reverse("results:import", args=[second.pk]))
    assert page.status_code == 200
    changes = [
        (c["change"].station_code, c["label"], c["change"].before, c["change"].after) for c in page.context["changes"]
    ]
    assert changes == [("PS-1", "Akzhol", 190, 170), ("PS-1", "Otan", 400, 420)]
    assert page.context["differences"].stations_changed == 1
