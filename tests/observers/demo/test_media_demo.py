"""The demo's media sample: its size, its skew and its double coding."""

import random

import pytest

from mission.models import Party
from observers.demo.media import media_sample_generate
from observers.demo.parties import PARTIES
from observers.media.agreement import agreement_compute
from observers.media.selectors import double_coded_pairs
from observers.models import MediaCheck, MediaItem, MediaOutlet, MediaSubject
from reports.media.selectors import coverage
from tests.factories import MissionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mission():
    mission = MissionFactory(is_demo=True)
    Party.objects.bulk_create(
        Party(mission=mission, name=en, name_ru=ru, name_kk=kk, abbreviation=abbreviation)
        for en, ru, kk, abbreviation in PARTIES
    )
    media_sample_generate(mission=mission, rng=random.Random(2004))
    return mission


def test_eight_outlets_four_weeks_ten_thousand_items_a_tenth_coded_twice(mission):
    outlets = MediaOutlet.objects.filter(mission=mission)
    assert outlets.count() == 8 and set(outlets.values_list("ownership", flat=True)) == {"state", "private"}
    assert outlets.filter(kind="print").count() == 2
    assert all(outlet.name_kk and outlet.name_ru and outlet.language_kk for outlet in outlets)
    items = MediaItem.objects.filter(mission=mission)
    assert 9_900 <= items.count() <= 10_100
    assert {
        day.isoformat()
        for day in (min(items.values_list("date", flat=True)), max(items.values_list("date", flat=True)))
    } == {"2004-08-21", "2004-09-17"}
    assert MediaSubject.objects.filter(mission=mission, kind="party").count() == 12
    checks = MediaCheck.objects.filter(item__mission=mission).count()
    assert 0.08 <= checks / items.count() <= 0.12


def test_state_outlets_favour_the_ruling_party_and_monitors_mostly_agree(mission):
    by_ownership = {}
    for outlet in coverage(mission=mission):
        otan = next(row for row in outlet.rows if row.subject.name == "Otan")
        by_ownership.setdefault(outlet.outlet.ownership, []).append(otan.share)
    assert min(by_ownership["state"]) > max(by_ownership["private"]) - 5
    assert sum(by_ownership["state"]) / len(by_ownership["state"]) > 1.5 * sum(by_ownership["private"]) / len(
        by_ownership["private"]
    )
    figures = {f.variable: f for f in agreement_compute(double_coded_pairs(mission=mission))}
    assert all(80 < figures[v].percent < 100 for v in ("subject", "tone", "amount"))
    assert all(0.6 < figures[v].alpha < 1 for v in ("subject", "tone", "amount"))
