"""Importing polling stations through the coordinator's pages: upload, choose columns, preview, import."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from mission.models import District, PollingStation, Region
from observers.models import Role
from tests.factories import DistrictFactory, ObserverFactory, PollingStationFactory
from tests.helpers import GEORGIA_PRECINCTS
from tests.mission.imports.helpers import (
    choose_columns,
    confirm,
    errors_shown,
    preview,
    stored_uploads,
    upload,
    upload_and_preview,
)

# Georgia's 2024 precincts as the CEC published them (MIT), in ../shared beside the repository.
GEORGIA = GEORGIA_PRECINCTS
HEADER = "code;name;address;region;district;lat;lon;voters\n"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


@pytest.mark.skipif(not GEORGIA.exists(), reason=f"{GEORGIA} is missing; set GEORGIA_PRECINCTS")
def test_georgia_precincts_import_as_delivered_and_again_unchanged(client, coordinator, django_assert_max_num_queries):
    with GEORGIA.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    content = GEORGIA.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")

    assert upload(client, "stations", "precincts.csv", content).status_code == 302
    page = client.get(reverse("imports:map", kwargs={"kind": "stations"}))
    headers, initial = page.context["table"].headers, page.context["form"].initial
    assert {name: headers[int(index)] for name, index in initial.items()} == {
        "code": "division_id",
        "name": "address_1",
        "address": "address_3",
        "district": "district_alt_id",
        "district_code": "district_id",
        "latitude": "lat",
        "longitude": "lng",
        "registered_voters": "total_registered_voters",
    }
    assert choose_columns(client, "stations").status_code == 302
    # With the session's write of the counts the confirmation must match, and the country's extent (one query).
    with django_assert_max_num_queries(12):
        shown = preview(client, "stations")
    plan = shown.context["plan"]
    assert (plan.errors, plan.to_create, plan.to_update, plan.unchanged) == ([], 3095, 0, 0)
    assert dict(plan.notes) == {
        "regions to create": 74,
        "districts to create": 74,
        "stations without a location": 65,
        "stations without registered voters": sum(r["total_registered_voters"] in ("", "0") for r in rows),
        "stations outside the country": 0,
    }
    assert [(c.name, c.count) for c in plan.confirmations] == [("confirm_regions", 74)]
    assert PollingStation.objects.count() == 0  # the preview is a dry run
    assert confirm(client, "stations", ticked=False).status_code == 400  # the new regions are not confirmed
    assert PollingStation.objects.count() == 0

    done = confirm(client, "stations")
    assert done.status_code == 302
    stations = PollingStation.objects.filter(mission=coordinator.mission)
    assert stations.count() == 3095
    assert stations.filter(latitude__isnull=True, longitude__isnull=True).count() == 65
    assert sum(stations.values_list("registered_voters", flat=True)) == sum(
        int(r["total_registered_voters"]) for r in rows
    )
    first = stations.select_related("district", "region").get(code="00.01.01")
    assert (first.name, first.address, first.latitude, first.longitude, first.registered_voters) == (
        "მე-4 ბაგა-ბაღი",
        "შ.დადიანის ქ. 15",
        41.690315726486396,
        44.80197787284851,
        2511,
    )
    assert first.district.name == first.region.name == "Tbilisi - 01 მთაწმინდა"
    tsalka = District.objects.get(mission=coordinator.mission, name="25 წალკა")
    assert (tsalka.code, tsalka.region.name, tsalka.region.code) == ("25", "25 წალკა", "25-წალკა")
    assert stored_uploads() == []

    again = upload_and_preview(client, "stations", "precincts.csv", content).context["plan"]
    assert (again.errors, again.to_create, again.to_update, again.unchanged) == ([], 0, 0, 3095)
    assert dict(again.notes)["regions to create"] == dict(again.notes)["districts to create"] == 0
    assert again.confirmations == [] and again.warnings == []  # Georgia's own stations now set its extent
    confirm(client, "stations")
    assert PollingStation.objects.count() == 3095 and Region.objects.count() == 74


def test_preview_lists_every_bad_row_with_its_number_column_and_reason(client, coordinator):
    DistrictFactory(region__mission=coordinator.mission, region__name="North", name="Lakeside")
    content = (
        HEADER
        + "A1;School 1;;North;;43.2;76.9;1200\n"  # row 2: fine
        + ";School 2;;North;;;;10\n"  # row 3: no code
        + "A3;School 3;;North;;95.3;76.9;10\n"  # row 4: latitude out of range
        + "A1;School 4;;North;;;;10\n"  # row 5: same code as row 2
        + "\n"  # row 6: blank, skipped but counted
        + "A5;School 5;;North;;;;12.5\n"  # row 7: voters not whole
        + "A6;School 6;;North;;43.2;;10\n"  # row 8: latitude without longitude
        + "A7;School 7;;South;Lakeside;;;10\n"  # row 9: another Lakeside, in South
        + "A8;;;North;;;;10\n"  # row 10: no name
        + "A9;School 9;;;;;;10\n"  # row 11: neither region nor district
    ).encode()
    shown = upload_and_preview(client, "stations", "stations.csv", content)
    assert errors_shown(shown) == [
        (3, "code", "This cell is empty; a value is needed."),
        (4, "lat", "Not a number between -90 and 90."),
        (5, "code", "Repeats row 2."),
        (7, "voters", "Not a whole number between 0 and 2147483647."),
        (8, "lat", "Give both latitude and longitude, or leave both blank."),
        (10, "name", "This cell is empty; a value is needed."),
        (11, "district", "Every station needs a region or a district; this row has neither."),
    ]
    assert b"School 4" not in shown.content and "Repeats row 2." in shown.content.decode()
    assert shown.context["plan"].to_create == 2

    refused = confirm(client, "stations")
    assert refused.status_code == 400
    assert PollingStation.objects.count() == 0


def test_windows_1251_semicolons_decimal_commas_and_stray_spaces(client, coordinator):
    content = (HEADER + "001;Школа № 5; ул. Абая 1 ;Алматы;Медеуский;43,2567; 76,9286 ;1 204\n").encode("cp1251")
    shown = upload_and_preview(client, "stations", "участки.csv", content)
    assert errors_shown(shown) == []
    confirm(client, "stations")
    station = PollingStation.objects.select_related("region", "district").get()
    assert (
        station.code,
        station.name,
        station.address,
        station.latitude,
        station.longitude,
        station.registered_voters,
    ) == (
        "001",
        "Школа № 5",
        "ул. Абая 1",
        43.2567,
        76.9286,
        1204,
    )
    assert (station.region.name, station.district.name, station.district.region) == (
        "Алматы",
        "Медеуский",
        station.region,
    )


def test_excel_unicode_text_utf16_with_tabs(client, coordinator):
    content = "\ufeffcode\tname\tdistrict\n7\tМектеп 7\tНұра\n".encode("utf-16-le")
    shown = upload_and_preview(client, "stations", "stations.txt", content)
    assert errors_shown(shown) == []
    confirm(client, "stations")
    assert list(PollingStation.objects.values_list("code", "name", "district__name", "region__name")) == [
        ("7", "Мектеп 7", "Нұра", "Нұра"),
    ]


def test_xlsx_with_numbers_in_cells(client, coordinator):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Station code", "Station name", "Oblast", "Latitude", "Longitude", "Registered voters"])
    sheet.append([101, "Мектеп-гимназия", "Ақмола", 51.1694, 71.4491, 1500.0])
    sheet.append([102, "School 2", "Ақмола", None, None, 800])
    buffer = io.BytesIO()
    workbook.save(buffer)
    shown = upload_and_preview(client, "stations", "stations.xlsx", buffer.getvalue())
    assert errors_shown(shown) == [] and shown.context["plan"].to_create == 2
    confirm(client, "stations")
    assert list(
        PollingStation.objects.values_list("code", "name", "region__name", "latitude", "registered_voters")
    ) == [
        ("101", "Мектеп-гимназия", "Ақмола", 51.1694, 1500),
        ("102", "School 2", "Ақмола", None, 800),
    ]


def test_reimport_updates_by_code_and_leaves_other_missions_alone(client, coordinator):
    other = PollingStationFactory(code="A1", name="Elsewhere")
    first = (HEADER + "A1;School 1;;North;;43.2;76.9;1200\nA2;School 2;;North;;;;800\n").encode()
    upload_and_preview(client, "stations", "s.csv", first)
    confirm(client, "stations")

    changed = (
        HEADER + "A1;School 1;;North;;43.2;76.9;1250\nA2;School 2;;North;;;;800\nA3;School 3;;South;;;;5\n"
    ).encode()
    plan = upload_and_preview(client, "stations", "s.csv", changed).context["plan"]
    assert (plan.to_create, plan.to_update, plan.unchanged) == (1, 1, 1)
    assert dict(plan.notes)["regions to create"] == 1
    confirm(client, "stations")
    mine = PollingStation.objects.filter(mission=coordinator.mission)
    assert list(mine.values_list("code", "registered_voters", "region__name")) == [
        ("A1", 1250, "North"),
        ("A2", 800, "North"),
        ("A3", 5, "South"),
    ]
    other.refresh_from_db()
    assert (other.name, other.mission_id != coordinator.mission_id) == ("Elsewhere", True)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.csv", b"", "The submitted file is empty."),  # Django's own check
        ("blank.csv", b"\xef\xbb\xbf\r\n  \r\n", "The file is empty."),
        ("header.csv", HEADER.encode(), "The file has column names but no rows below them."),
        ("broken.xlsx", bytes(range(256)) * 40, "This is not a readable XLSX workbook."),
        ("zip.xlsx", b"PK\x03\x04" + b"\x00" * 100, "This is not a readable XLSX workbook."),
        ("picture.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This is not a text file."),
    ],
)
def test_unreadable_files_are_refused_with_a_message(client, coordinator, name, content, message):
    response = upload(client, "stations", name, content)
    assert response.status_code == 400
    assert message in response.context["form"].errors["file"][0]
    assert stored_uploads() == [] and PollingStation.objects.count() == 0


def test_a_50_mb_file_is_refused_before_it_is_read(client, coordinator, settings):
    # Keep the upload in memory so the test writes nothing to disk.
    settings.FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler"]
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 60 * 1024 * 1024
    response = upload(client, "stations", "huge.csv", HEADER.encode() + b"x" * (50 * 1024 * 1024))
    assert response.status_code == 400
    assert "The file is 50.0\xa0MB; the limit is 20.0\xa0MB." in response.context["form"].errors["file"][0]
    assert stored_uploads() == [] and PollingStation.objects.count() == 0


def test_wrong_columns_name_the_field_to_choose(client, coordinator):
    assert upload(client, "stations", "people.csv", b"first name,surname,phone\nAnna,K,123\n").status_code == 302
    response = choose_columns(client, "stations")
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "code": ["Choose the column that holds the code, or build it from several columns."],
        "name": ["Choose the column that holds the name, or build it from several columns."],
    }
    response = choose_columns(client, "stations", code="first name", name="surname", latitude="phone")
    assert response.context["form"].non_field_errors() == [
        "Choose the column with the region, the district, or both: every station needs a region.",
        "Choose both the latitude and the longitude column, or neither.",
    ]
    assert preview(client, "stations").status_code == 302  # no preview without a valid choice of columns
    assert PollingStation.objects.count() == 0


def test_steps_without_an_upload_send_the_coordinator_back_to_upload(client, coordinator):
    for step in ("imports:map", "imports:preview"):
        response = client.get(reverse(step, kwargs={"kind": "stations"}))
        assert response.status_code == 302 and response.url == reverse("imports:upload", kwargs={"kind": "stations"})
    assert client.get(reverse("imports:upload", kwargs={"kind": "parties"})).status_code == 404


@pytest.mark.parametrize("role", [Role.ANALYST, Role.LTO, Role.STO])
@pytest.mark.parametrize("step", ["imports:index", "imports:upload", "imports:map", "imports:preview"])
def test_only_coordinators_may_import(client, role, step):
    url = reverse(step, kwargs={} if step == "imports:index" else {"kind": "stations"})
    assert client.get(url).status_code == 302 and client.get(url).url.startswith(reverse("login"))
    client.force_login(ObserverFactory(role=role).user)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403


def test_coordinators_see_the_imports_link(client, coordinator):
    page = client.get(reverse("imports:index"))
    assert page.status_code == 200
    assert f'href="{reverse("imports:upload", kwargs={"kind": "stations"})}"' in page.content.decode()
    assert f'href="{reverse("imports:index")}"' in client.get(reverse("home:index")).content.decode()
