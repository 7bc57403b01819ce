"""An analyst follows the headline of the comparison to a station whose published results differ from the
protocol the observers copied, reads it line by line beside the protocol's photo, and opens the counting form."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from observers.models import Attachment

expect = pytest.importorskip("playwright.sync_api", reason="the playwright package is missing").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (240, 240, 230)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def photographed(results_mission, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    form = results_mission.forms["S1-T2"]
    attachment = Attachment(
        submission=form,
        original_name="protocol.png",
        content_type="image/png",
        size=len(_png()),
        sha256="e" * 64,
        uploaded_by=form.observer,
    )
    attachment.file.save("protocol.png", ContentFile(_png()), save=False)
    attachment.save()
    return results_mission


def test_from_the_headline_to_a_differing_station_its_form_and_photo(desktop, live_server, photographed, snap):
    page = desktop.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", photographed.analyst.user.username)
    page.fill("input[name=password]", "pass-word-123")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.click("nav >> text=Results")
    expect(page.locator("p.headline")).to_have_text(
        "At 2 of 3 stations where observers copied the protocol, the published results differed."
    )
    snap(page, "results-headline")
    page.click(".stat.alert a")
    rows = page.locator("#counts tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Published figures differ")

    rows.first.locator("a").click()
    expect(page.locator("h1")).to_contain_text("S1")
    expect(page.locator("#lines tr.negative")).to_have_count(2)
    expect(page.locator("#lines tr.negative", has_text="Akzhol")).to_contain_text("Akzhol 180 190 10")
    photo = page.locator("img.protocol-photo")
    expect(photo).to_be_visible()
    for _ in range(100):  # until the photo has loaded; wait_for_function's string predicate is an eval the CSP refuses
        if photo.evaluate("image => image.complete"):
            break
        page.wait_for_timeout(100)
    assert page.request.get(live_server.url + photo.get_attribute("src")).status == 200
    assert photo.evaluate("image => image.naturalWidth") == 120
    snap(page, "results-count")

    page.click("#form-link")
    expect(page.locator("h1")).to_contain_text("Counting")
    expect(page.locator(".answers-list")).to_contain_text("Otan 410, Akzhol 180")  # by name, in ballot order
