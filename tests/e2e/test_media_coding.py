"""A media monitor codes items with the keyboard alone: outlet and day preselected, subject typed, seconds from
the start and stop times, tone in one key, Enter to save; then the second item, opened on the same outlet."""

import pytest

from observers.models import MediaItem
from tests.factories.media import MediaCheckFactory, MediaItemFactory
from tests.factories.media_sample import sample_build

expect = pytest.importorskip("playwright.sync_api", reason="the playwright package is missing").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coding_with_the_keyboard_alone(desktop, live_server, snap):
    sample = sample_build()
    page = desktop.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.focus("input[name=username]")
    page.keyboard.type(sample.monitor.user.username)
    page.keyboard.press("Tab")
    page.keyboard.type("pass-word-123")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/media-monitoring/code/")
    expect(page.locator("#id_title")).to_be_focused()
    page.keyboard.type("Rally in Almaty")
    page.keyboard.press("Tab")
    page.keyboard.type("Otan")
    page.keyboard.press("Tab")
    page.keyboard.type("20:03:15")
    page.keyboard.press("Tab")
    page.keyboard.type("20:04:45")
    expect(page.locator("#id_amount")).to_have_value("90")  # worked out from start and stop
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # into the tone group
    page.keyboard.press("1")
    expect(page.locator("input[name=tone][value=positive]")).to_be_checked()
    snap(page, "media-coding")
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Item saved")

    # The next item: the outlet stays, the headline has the focus again; seconds typed, tone by "-".
    expect(page.locator("#id_title")).to_be_focused()
    page.keyboard.type("Opposition press conference")
    page.keyboard.press("Tab")
    page.keyboard.type("Ak Zhol")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type("45")
    page.keyboard.press("Tab")
    page.keyboard.press("-")
    page.keyboard.press("Enter")
    expect(page.locator("#media-recent")).to_contain_text("Ak Zhol")

    items = list(MediaItem.objects.order_by("id").values_list("title", "subject__name", "amount", "tone", "outlet"))
    assert [item[:4] for item in items] == [
        ("Rally in Almaty", "Otan", 90, "positive"),
        ("Opposition press conference", "Ak Zhol", 45, "negative"),
    ]
    assert items[0][4] == items[1][4]


def test_the_media_analysts_pages_open_under_the_policy(desktop, live_server, snap):
    sample = sample_build()
    MediaItemFactory(coder=sample.second, outlet=sample.tv, subject=sample.president, amount=40, tone="positive")
    MediaCheckFactory(
        item__coder=sample.monitor,
        item__outlet=sample.tv,
        item__subject=sample.otan,
        coder=sample.second,
        tone="negative",
    )
    page = desktop.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", sample.analyst.user.username)
    page.fill("input[name=password]", "pass-word-123")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")
    for path, text in [
        ("/media-monitoring/results/", "Khabar"),
        ("/media-monitoring/results/items/", "Otan"),
        ("/media-monitoring/agreement/", "1 item coded differently"),
        ("/media-monitoring/sample/", "Evening news"),
    ]:
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("main")).to_contain_text(text)
        snap(page, "media" + path.replace("/", "-").rstrip("-"))
    page.goto(f"{live_server.url}/media-monitoring/agreement/")
    page.check("#agreement-differences input[value=tone]")
    page.click("#agreement-differences button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("Item settled")
