"""A national list as commissions deliver it (~30,000 stations numbered within their municipality, names repeated
across and within provinces), through the coordinator's pages: the guessed code repeats, shown as one line; a code
built from two columns; districts by code; the summary; out-of-country stations; undo."""

import csv
import io
from collections import Counter

import pytest
from django.urls import reverse

from mission.models import District, PollingStation, Region, StationImport
from tests.factories import AssignmentFactory, PollingStationFactory, RegionFactory, TeamFactory
from tests.mission.imports.helpers import choose_columns, confirm, preview, upload, upload_and_preview
from tests.mission.imports.national import municipalities, national_csv

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]
STATIONS = 30_000
CODE_TEMPLATE = "{Municipality code}-{Number}"


@pytest.fixture(scope="module")
def national():
    return national_csv(STATIONS)


def choose_template(client, kind="stations", **templates):
    """The page's guess, with some fields built from templates instead of a column."""
    page = client.get(reverse("imports:map", kwargs={"kind": kind}))
    form = page.context["form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    for name, template in templates.items():
        data[name] = ""
        data[f"{name}__template"] = template
    return client.post(reverse("imports:map", kwargs={"kind": kind}), data)


def test_a_national_list_with_the_code_built_from_two_columns(client, coordinator, national):
    assert upload(client, "stations", "national.csv", national).status_code == 302
    page = client.get(reverse("imports:map", kwargs={"kind": "stations"}))
    headers, initial = page.context["table"].headers, page.context["form"].initial
    assert {name: headers[int(index)] for name, index in initial.items()} == {
        "code": "Number",
        "address": "Address",
        "region": "Province",
        "district": "Municipality",
        "district_code": "Municipality code",
    }

    # As guessed, the code (the number within the municipality) repeats: one line, not 29,000 rows.
    assert choose_columns(client, "stations", name="Address").status_code == 302  # a list without names
    shown = preview(client, "stations")
    plan = shown.context["plan"]
    repeats = STATIONS - max(int(n) for n in _column(national, "Number"))
    assert len(plan.errors) == repeats
    [group] = shown.context["groups"]
    first = plan.errors[0].row
    assert (group.column, group.count) == ("Number", repeats)
    assert [p.row for p in group.first] == list(range(first, first + 5))
    assert "{municipality}-{number}" in group.problem
    assert len(shown.content) < 60_000  # the page never lists every row
    assert shown.content.decode().count("<tr>") < 20

    listed = client.get(reverse("imports:problems", kwargs={"kind": "stations"}), {"group": 1, "page": 2})
    assert listed.status_code == 200 and len(listed.context["page"]) == 100
    assert listed.context["page"][0].row == plan.errors[100].row
    assert len(listed.content) < 60_000
    download = client.get(reverse("imports:problems-csv", kwargs={"kind": "stations"}))
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert download["Content-Type"].startswith("text/csv") and len(rows) == repeats + 1
    assert rows[1][:3] == [str(first), "Number", "1"]

    # Built from two columns, the code is unique; districts come by code, named by the municipality.
    assert choose_template(client, code=CODE_TEMPLATE).status_code == 302
    shown = preview(client, "stations")
    plan = shown.context["plan"]
    assert (plan.errors, plan.to_create) == ([], STATIONS)
    assert dict(plan.notes) == {
        "regions to create": 14,
        "districts to create": 600,
        "stations without a location": STATIONS,
        "stations without registered voters": STATIONS,
        "stations outside the country": 0,
    }
    [regions] = plan.confirmations
    assert regions.count == 14 and "01 · Province A" not in regions.items  # a region comes by name: code made from it
    assert "province-a · Province A" in regions.items
    text = shown.content.decode()
    assert "Province A" in text and "No latitude and longitude columns were chosen" in text

    done = confirm(client, "stations")
    assert done.status_code == 302 and done.url == reverse("imports:stations-done")

    mission = coordinator.mission
    assert PollingStation.objects.filter(mission=mission).count() == STATIONS
    assert Region.objects.filter(mission=mission).count() == 14
    places = municipalities()
    assert District.objects.filter(mission=mission).count() == len(places) == 600
    # Same-named municipalities: one district each, across provinces and within one.
    by_name = Counter(place.name for place in places)
    shared = District.objects.filter(mission=mission, name="Novoselo 1")
    assert shared.count() == by_name["Novoselo 1"] == 3
    assert len({d.region_id for d in shared}) == 2  # two of them in one province
    station = PollingStation.objects.select_related("district", "region").get(mission=mission, code="07001-3")
    assert (station.district.code, station.district.name, station.region.name) == ("07001", "Town 230", "Province G")
    page = client.get(done.url)
    assert page.context["totals"] == {"total": STATIONS, "without_location": STATIONS, "without_voters": STATIONS}
    assert reverse("deployment:map") in page.content.decode()
    assert reverse("deployment:stations") in page.content.decode()

    # Undone: nothing of it is left (the regions and districts it created included).
    undone = client.post(reverse("imports:stations-undo"))
    assert undone.status_code == 302
    assert PollingStation.objects.filter(mission=mission).count() == 0
    assert Region.objects.filter(mission=mission).count() == District.objects.filter(mission=mission).count() == 0


def _column(content: bytes, name: str) -> list[str]:
    return [row[name] for row in csv.DictReader(io.StringIO(content.decode()), delimiter=";")]


HEADER = "Region code;Region;District code;District;Number;Name;Lat;Lon;Voters\n"


def test_districts_by_code_never_merged_and_a_code_in_two_regions_refused(client, coordinator):
    content = (
        HEADER
        + "N;North;01;Lakeside;1;School 1;;;100\n"
        + "N;North;02;Lakeside;1;School 2;;;100\n"  # same name, same region, another code: another district
        + "S;South;03;Lakeside;1;School 3;;;100\n"  # same name in another region
        + "S;South;01;Lakeside;2;School 4;;;100\n"  # district 01 is in North
        + "S;Southern;03;Lakeside;3;School 5;;;100\n"  # region S was called South in row 4
    ).encode()
    assert upload(client, "stations", "s.csv", content).status_code == 302
    assert choose_template(client, code="{District code}-{Number}").status_code == 302
    plan = preview(client, "stations").context["plan"]
    assert [(e.row, e.column, e.message) for e in plan.errors] == [
        (5, "Region code", "District “Lakeside” (01) is in region “North”."),
        (6, "Region", "Code S is named “South” in row 4."),
    ]
    assert dict(plan.notes)["districts to create"] == 3


def test_names_alone_match_within_the_region_and_an_ambiguous_name_is_a_problem(client, coordinator):
    north = RegionFactory(mission=coordinator.mission, name="North", code="N")
    for code in ("L1", "L2"):
        District.objects.create(mission=coordinator.mission, region=north, name="Lakeside", code=code)
    content = (
        b"Code;Name;Region;District\n"
        b"A1;School 1;North;Lakeside\n"  # two districts of North are called so
        b"A2;School 2;South;Lakeside\n"  # a new Lakeside, in the new region South
    )
    plan = upload_and_preview(client, "stations", "s.csv", content).context["plan"]
    assert [(e.row, e.message) for e in plan.errors] == [
        (2, "Region “North” has 2 districts named so (codes L1, L2): choose the district code column.")
    ]
    assert dict(plan.notes)["districts to create"] == 1


def test_a_code_of_64_characters_is_kept_and_a_longer_one_refused(client, coordinator):
    long = "X" * 30 + "-" + "Y" * 33
    content = f"Code;Name;Region\n{long};School;North\n{long}Z;School;North\n".encode()
    plan = upload_and_preview(client, "stations", "s.csv", content).context["plan"]
    assert [(e.row, e.message) for e in plan.errors] == [(3, "Longer than 64 characters.")]


def test_a_template_naming_no_column_is_refused_on_the_columns_page(client, coordinator):
    assert upload(client, "stations", "s.csv", b"Code;Name;Region\n1;School;North\n").status_code == 302
    refused = choose_template(client, code="{Municipality}-{Code}")
    assert refused.status_code == 400
    assert refused.context["form"].errors["code__template"] == [
        "The template names {Municipality}, but the file has no such column. Its columns are: {Code}, {Name}, {Region}."
    ]
    assert choose_template(client, code="{2}/{code}").status_code == 302  # a position counts as a column
    plan = preview(client, "stations").context["plan"]
    assert plan.errors == [] and plan.to_create == 1
    confirm(client, "stations")
    assert PollingStation.objects.get().code == "School/1"


def _kazakh_mission(coordinator):
    region = RegionFactory(mission=coordinator.mission, name="Almaty", code="ALA")
    for n in range(12):
        PollingStationFactory(region=region, code=f"K{n}", latitude=43 + n * 0.5, longitude=52 + n * 2)
    return region


def test_stations_outside_the_country_are_flagged_and_imported_only_once_confirmed(client, coordinator):
    _kazakh_mission(coordinator)  # stations from 43 to 48.5 N, 52 to 74 E
    content = (
        b"Code;Name;Region;Lat;Lon;Voters\n"
        b"G1;Tbilisi school;Almaty;41.69;44.80;900\n"  # Georgia
        b"G2;Batumi school;Almaty;41.64;41.63;800\n"
        b"K20;Aktau school;Almaty;43.65;51.2;\n"  # within the margin
        b"Z;Null island;Almaty;0;0;10\n"
    )
    shown = upload_and_preview(client, "stations", "s.csv", content)
    plan = shown.context["plan"]
    assert plan.errors == []
    assert [(w.row, w.warning) for w in plan.warnings] == [(2, True), (3, True), (5, True)]
    assert dict(plan.notes)["stations outside the country"] == 3
    assert dict(plan.notes)["stations without registered voters"] == 1
    groups = shown.context["groups"]
    assert [g.count for g in groups] == [2, 1]
    assert groups[0].problem.startswith("Outside Kazakhstan")
    assert [c.name for c in plan.confirmations] == ["confirm_outside"]

    refused = confirm(client, "stations", ticked=False)
    assert refused.status_code == 400 and not PollingStation.objects.filter(code="G1").exists()
    assert "Tick each box" in refused.content.decode()
    assert confirm(client, "stations").status_code == 302
    assert PollingStation.objects.get(code="G1").latitude == 41.69


def test_undo_restores_what_the_import_changed_and_waits_while_a_plan_uses_its_stations(client, coordinator):
    region = _kazakh_mission(coordinator)
    before = PollingStation.objects.get(code="K0").name
    content = b"Code;Name;Region;Voters\nK0;Renamed school;Almaty;5\nNEW1;New school;Almaty;7\n"
    upload_and_preview(client, "stations", "s.csv", content)
    assert confirm(client, "stations").status_code == 302
    record = StationImport.objects.get()
    assert (record.created, record.updated, record.filename) == (1, 1, "s.csv")
    assert record.imported_by == coordinator.user

    new = PollingStation.objects.get(code="NEW1")
    assignment = AssignmentFactory(team=TeamFactory(mission=coordinator.mission), polling_station=new)
    refused = client.post(reverse("imports:stations-undo"), follow=True)
    assert "in the deployment plan" in refused.content.decode()
    assert PollingStation.objects.filter(code="NEW1").exists()

    assignment.delete()
    assert client.post(reverse("imports:stations-undo")).status_code == 302
    assert not PollingStation.objects.filter(code="NEW1").exists()
    old = PollingStation.objects.get(code="K0")
    assert (old.name, old.registered_voters, old.region_id) == (before, 1000, region.pk)
    StationImport.objects.get(undone_at__isnull=False)
    nothing = client.post(reverse("imports:stations-undo"), follow=True)
    assert "There is no station import to undo." in nothing.content.decode()
