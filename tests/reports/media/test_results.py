"""Coverage per outlet and subject with tone, on a small data set worked out by hand, and the drill-down."""

import datetime as dt

import pytest
from django.urls import reverse

from reports.media.selectors import Period, coverage
from tests.factories import ObserverFactory
from tests.factories.media import MediaItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(sample):
    """Khabar: Otan 120 s positive + 60 s neutral (2 Sept), Ak Zhol 30 s negative, the President 90 s positive
    (9 Sept), 300 s in all. Vremya: Ak Zhol 200 cm² neutral."""
    tv, otan, ak_zhol, president = sample.tv, sample.otan, sample.ak_zhol, sample.president
    for subject, amount, tone, day in [
        (otan, 120, "positive", "2004-09-02"),
        (otan, 60, "neutral", "2004-09-02"),
        (ak_zhol, 30, "negative", "2004-09-02"),
        (president, 90, "positive", "2004-09-09"),
    ]:
        MediaItemFactory(coder=sample.monitor, outlet=tv, subject=subject, amount=amount, tone=tone, date=day)
    MediaItemFactory(coder=sample.second, outlet=sample.paper, subject=ak_zhol, amount=200, tone="neutral")


def _by_subject(outlet):
    return {row.subject.name: row for row in outlet.rows}


def test_shares_and_tone_per_outlet_with_officials_apart(sample, items, django_assert_num_queries):
    with django_assert_num_queries(3):
        khabar, vremya = sorted(coverage(mission=sample.mission), key=lambda o: o.outlet.name)
    assert (khabar.amount, khabar.items, vremya.amount) == (300, 4, 200)
    rows = _by_subject(khabar)
    assert [row.subject.name for row in khabar.contestants] == ["Otan", "Ak Zhol"]
    assert [row.subject.name for row in khabar.apart] == ["President"]
    assert rows["Otan"].share == pytest.approx(60.0)  # 180 of 300
    assert rows["Ak Zhol"].share == pytest.approx(10.0)  # 30 of 300
    assert rows["President"].share == pytest.approx(30.0)  # 90 of 300
    assert rows["Otan"].tone_shares == pytest.approx({"positive": 200 / 3, "neutral": 100 / 3, "negative": 0})
    assert khabar.apart_subtotal == {"amount": 90, "share": pytest.approx(30.0), "items": 1}
    assert khabar.tones == pytest.approx({"positive": 70.0, "neutral": 20.0, "negative": 10.0})  # 210, 60, 30
    assert _by_subject(vremya)["Ak Zhol"].share == pytest.approx(100.0)


def test_a_period_keeps_only_its_days(sample, items):
    outlets = coverage(mission=sample.mission, period=Period(ends=dt.date(2004, 9, 5)))
    khabar = next(o for o in outlets if o.outlet == sample.tv)
    assert khabar.amount == 210 and not khabar.apart  # the President's item was on 9 September
    assert _by_subject(khabar)["Otan"].share == pytest.approx(180 / 210 * 100)


def test_the_results_page_shows_the_figures_and_drills_down_to_the_items(client, sample, items):
    client.force_login(sample.analyst.user)
    page = client.get(reverse("media:results"), {"starts": "2004-09-01", "ends": "2004-09-30"})
    assert page.status_code == 200
    html = page.content.decode()
    assert ">60.0<" in html and ">66.7<" in html and "Officials and the incumbent" in html
    link = f"outlet={sample.tv.pk}&amp;subject={sample.otan.pk}&amp;tone=positive"
    assert link in html
    drill = client.get(
        reverse("media:items"),
        {
            "starts": "2004-09-01",
            "ends": "2004-09-30",
            "outlet": sample.tv.pk,
            "subject": sample.otan.pk,
            "tone": "positive",
        },
    )
    assert [(item.amount, item.tone) for item in drill.context["page"]] == [(120, "positive")]


def test_a_backwards_period_is_a_400_saying_so(client, sample, items):
    client.force_login(sample.analyst.user)
    for name in ("media:results", "media:items"):
        response = client.get(reverse(name), {"starts": "2004-09-10", "ends": "2004-09-01"})
        assert response.status_code == 400
        assert "must not come before its start" in response.content.decode()


def test_the_pages_read_in_a_bounded_number_of_queries(client, sample, items, django_assert_max_num_queries):
    for n in range(50):
        MediaItemFactory(coder=sample.monitor, outlet=sample.tv, subject=sample.otan, reference=f"more-{n}")
    client.force_login(sample.analyst.user)
    with django_assert_max_num_queries(10):
        client.get(reverse("media:results"))
    with django_assert_max_num_queries(10):
        client.get(reverse("media:items"))


def test_another_missions_core_team_sees_none_of_it(client, sample, items):
    outsider = ObserverFactory(role="analyst")
    client.force_login(outsider.user)
    assert "Khabar" not in client.get(reverse("media:results")).content.decode()
    assert client.get(reverse("media:items")).context["page"].paginator.count == 0


def test_the_items_of_private_outlets_only(client, sample, items):
    client.force_login(sample.analyst.user)
    page = client.get(reverse("media:items"), {"ownership": "private"})
    assert [(item.outlet.name, item.amount) for item in page.context["page"]] == [("Vremya", 200)]
