"""A coordinator imports a national list whose stations are numbered within their municipality: the guessed code
repeats (one line, its rows a page at a time), the code is built from two columns, the new regions are confirmed,
and the import is undone from the page it leads to."""

import pytest

from mission.models import District, PollingStation
from observers.models import Role
from tests.e2e.conftest import DESKTOP
from tests.factories import ObserverFactory

expect = pytest.importorskip("playwright.sync_api", reason="the playwright package is missing").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _national(municipalities: int = 30, stations: int = 40) -> str:
    """Municipalities 001..030 in two provinces; names repeat in both, and within each (Novoselo 0: twice in A)."""
    lines = ["Province;Municipality code;Municipality;Number;Address"]
    for m in range(municipalities):
        province = "Province A" if m % 2 == 0 else "Province B"
        name = f"Novoselo {m % 10}" if m < 20 else ("Novoselo 0" if m == 21 else f"Town {m}")
        for number in range(1, stations + 1):
            lines.append(f"{province};{m + 1:03d};{name};{number};{name}, School {number}")
    return "\n".join(lines) + "\n"


def test_a_list_numbered_within_municipalities_built_imported_and_undone(
    new_context, live_server, tmp_path, settings, snap
):
    settings.MEDIA_ROOT = tmp_path / "media"
    coordinator = ObserverFactory(role=Role.COORDINATOR)
    path = tmp_path / "national.csv"
    path.write_text(_national())
    page = new_context(timeout=30_000, viewport=DESKTOP, locale="en-GB").new_page()  # a preview of 1,200 rows
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", coordinator.user.username)
    page.fill("input[name=password]", "pass-word-123")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/imports/stations/")
    page.set_input_files("input[type=file]", str(path))
    page.click("main button[type=submit]")
    page.select_option("select[name=name]", label="Address · Novoselo 0, School 1")
    page.click("text=Check every row")
    groups = page.locator("table.problem-groups tbody tr")
    expect(groups).to_have_count(1)
    expect(groups.first).to_contain_text("1,160")  # 1,200 rows, 40 numbers
    snap(page, "import-problems-grouped")

    groups.first.locator("text=All 1,160 rows").click()
    expect(page.locator("main table tbody tr")).to_have_count(100)
    page.click("text=Next")
    expect(page.locator("main")).to_contain_text("Page 2 of 12")
    snap(page, "import-problems-page-2")

    page.goto(f"{live_server.url}/imports/stations/columns/")
    page.select_option("select[name=code]", index=0)
    page.fill("input[name=code__template]", "{Municipality code}-{Number}")
    page.click("text=Check every row")
    expect(page.locator("table.problem-groups")).to_have_count(0)
    expect(page.locator("fieldset.confirmation")).to_contain_text("province-a · Province A")
    snap(page, "import-preview-confirm-regions")
    page.check("input[name=confirm_regions]")
    page.click("main form button.primary")

    page.wait_for_url(f"{live_server.url}/imports/stations/done/")
    expect(page.locator(".stats")).to_contain_text("1,200")
    expect(page.locator("a[href='/deployment/map/']")).to_be_visible()
    assert District.objects.filter(name="Novoselo 0").count() == 3  # in A twice, in B once: never merged
    snap(page, "import-done")
    page.click("text=Undo this import")
    expect(page.locator("main")).to_contain_text("Import undone: 1200 stations deleted")
    assert PollingStation.objects.count() == 0
