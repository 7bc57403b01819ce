"""A monitor imports a coding sheet through the stations' preview-and-refuse import."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from observers.models import MediaItem
from tests.factories import ObserverFactory
from tests.mission.imports.helpers import confirm, errors_shown, upload, upload_and_preview

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

SHEET = (
    "Outlet,Date,Programme,Item,Headline,Subject,Seconds,Tone\n"
    "Khabar,01.09.2004,Evening news,1,Rally in Almaty,Otan,1:30,+\n"
    "Хабар,2004-09-01,Evening news,2,Rally in Almaty,President,45,neutral\n"
    "Время,02.09.2004,,3,Interview,Ak Zhol,300,негативный\n"
)


@pytest.fixture
def monitor(client, sample):
    client.force_login(sample.monitor.user)
    return sample.monitor


def _items():
    return list(
        MediaItem.objects.order_by("reference").values_list(
            "reference", "outlet__name", "programme__name", "subject__name", "amount", "tone", "coder__full_name"
        )
    )


def test_a_sheet_is_previewed_then_imported_as_the_monitors_items_and_updated_on_reimport(client, monitor):
    plan = upload_and_preview(client, "media", "sheet.csv", SHEET.encode()).context["plan"]
    assert (plan.errors, plan.to_create, plan.to_update, plan.unchanged) == ([], 3, 0, 0)
    assert not MediaItem.objects.exists()  # the preview writes nothing
    response = confirm(client, "media")
    assert response.status_code == 302 and response["Location"] == "/media-monitoring/code/"
    assert _items() == [
        ("1", "Khabar", "Evening news", "Otan", 90, "positive", "Aigerim Monitor"),
        ("2", "Khabar", "Evening news", "President", 45, "neutral", "Aigerim Monitor"),
        ("3", "Vremya", None, "Ak Zhol", 300, "negative", "Aigerim Monitor"),
    ]
    plan = upload_and_preview(client, "media", "sheet.csv", SHEET.replace("1:30,+", "1:40,+").encode()).context["plan"]
    assert (plan.errors, plan.to_create, plan.to_update, plan.unchanged) == ([], 0, 1, 2)
    confirm(client, "media")
    assert MediaItem.objects.get(reference="1").amount == 100 and MediaItem.objects.count() == 3


def test_an_xlsx_sheet_imports_too(client, monitor):
    book = Workbook()
    for row in [line.split(",") for line in SHEET.strip().split("\n")]:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    plan = upload_and_preview(client, "media", "sheet.xlsx", data.getvalue()).context["plan"]
    assert (plan.errors, plan.to_create) == ([], 3)


def test_every_bad_row_is_named_and_nothing_is_imported(client, monitor):
    bad = (
        SHEET.replace("Khabar,01.09.2004", "Khabar TV,01.09.2004")
        .replace("President,45,neutral", "President,45,furious")
        .replace("Время,02.09.2004", "Время,02.10.2004")
        + "Khabar,2004-09-03,Morning show,4,,Otan,20,0\n"
        + "Khabar,2004-09-03,,4,,Otan,20,0\n"
        + "Khabar,2004-09-03,,5,,Otan,0,0\n"
        + "Khabar,2004-09-03,,6,,Nobody,10,0\n"
    )
    response = upload_and_preview(client, "media", "sheet.csv", bad.encode())
    assert errors_shown(response) == [
        (2, "Outlet", "No outlet of the sample has this name."),
        (3, "Tone", "Not one of: positive, neutral, negative (or +, 0, -)."),
        (4, "Date", "You are not assigned to Vremya on this day."),
        (5, "Programme", "This outlet has no programme of this name."),
        (6, "Item", "Repeats row 5."),
        (7, "Seconds", "Give the seconds (90 or 1:30) or the cm², more than 0."),
        (8, "Subject", "No subject has this name or abbreviation."),
    ]
    refused = confirm(client, "media")
    assert refused.status_code == 400 and not MediaItem.objects.exists()


def test_only_media_monitors_import_coding_sheets(client, sample):
    client.force_login(sample.analyst.user)
    assert upload(client, "media", "sheet.csv", SHEET.encode()).status_code == 403
    client.force_login(sample.monitor.user)
    assert upload(client, "roster", "roster.csv", b"Name,Role\nA,sto\n").status_code == 403


def test_the_imports_page_lists_to_each_role_its_own_imports(client, sample):
    coordinator = ObserverFactory(mission=sample.mission, role="coordinator")
    client.force_login(coordinator.user)
    assert list(client.get(reverse("imports:index")).context["kinds"]) == [
        "stations",
        "roster",
        "results",
        "candidates",
        "cases",
        "prior_recommendations",
    ]


def test_an_unknown_import_asks_for_a_login_first_then_is_a_404(client, sample):
    response = client.get(reverse("imports:upload", kwargs={"kind": "bogus"}))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(ObserverFactory(mission=sample.mission, role="coordinator").user)
    assert client.get(reverse("imports:upload", kwargs={"kind": "bogus"})).status_code == 404
