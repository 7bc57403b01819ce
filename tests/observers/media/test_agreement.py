"""Inter-coder agreement on the page, against figures worked out by hand; settling a disagreement."""

import krippendorff
import numpy as np
import pytest
from django.urls import reverse

from observers.media.agreement import ratio_alpha
from observers.models import MediaCheck, MediaItem
from tests.factories.media import MediaCheckFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pairs(sample):
    """Five items coded twice: (first, second) subject, tone and seconds."""
    o, a, p = sample.otan, sample.ak_zhol, sample.president
    codings = [
        ((o, o), ("positive", "positive"), (90, 85)),  # 5 s apart: within a tenth of 90, agreeing
        ((o, a), ("neutral", "neutral"), (60, 60)),
        ((p, p), ("negative", "neutral"), (30, 30)),
        ((a, a), ("neutral", "neutral"), (120, 100)),  # 20 s apart: more than a tenth of 120
        ((o, o), ("positive", "positive"), (45, 45)),
    ]
    checks = []
    for n, (subjects, tones, amounts) in enumerate(codings):
        checks.append(
            MediaCheckFactory(
                item__coder=sample.monitor,
                item__outlet=sample.tv,
                item__reference=f"pair-{n}",
                item__subject=subjects[0],
                item__tone=tones[0],
                item__amount=amounts[0],
                coder=sample.second,
                subject=subjects[1],
                tone=tones[1],
                amount=amounts[1],
            )
        )
    return checks


def test_agreement_per_variable_matches_the_hand_calculation(client, sample, pairs, django_assert_max_num_queries):
    client.force_login(sample.analyst.user)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("media:agreement"))
    figures = {f.variable: f for f in page.context["figures"]}
    # Per cent agreement: 4 of 5 on each variable.
    assert [(figures[v].agreeing, figures[v].pairs) for v in ("subject", "tone", "amount")] == [(4, 5)] * 3
    # Subject, nominal: n = 10 values (Otan 5, Ak Zhol 3, President 2); one unit disagrees, giving 2 ordered
    # coincidences off the diagonal. alpha = 1 - (n - 1) * 2 / (10² - (5² + 3² + 2²)) = 1 - 18/62 = 44/62.
    assert figures["subject"].alpha == pytest.approx(44 / 62)
    # Tone, ordinal: negative 1, neutral 5, positive 4. delta²(neg, neu) = ((1 + 5) / 2)² = 9, delta²(neu, pos) =
    # ((5 + 4) / 2)² = 20.25, delta²(neg, pos) = (10 - 2.5)² = 56.25. Observed: 2 * 9 = 18; expected:
    # 2 * (1*5*9 + 5*4*20.25 + 1*4*56.25) = 1350. alpha = 1 - 9 * 18 / 1350 = 0.88.
    assert figures["tone"].alpha == pytest.approx(0.88)
    # Seconds, ratio: delta² = ((a - b) / (a + b))²; observed 2 * ((5/175)² + (20/220)²) = 0.0181616, expected over
    # every pair of the ten values 9.2141; alpha = 1 - 9 * 0.0181616 / 9.2141 = 0.98227.
    assert figures["amount"].alpha == pytest.approx(0.98227, abs=1e-5)
    html = page.content.decode()
    assert ">80.0<" in html and ">0.710<" in html and ">0.880<" in html
    differing = {row["check"].item.reference: row["variables"] for row in page.context["rows"]}
    assert differing == {"pair-1": ["subject"], "pair-2": ["tone"], "pair-3": ["amount"]}


def test_agreement_for_one_outlet_and_with_too_few_pairs(client, sample, pairs):
    client.force_login(sample.analyst.user)
    page = client.get(reverse("media:agreement"), {"outlet": sample.paper.pk})
    assert [(f.pairs, f.percent, f.alpha) for f in page.context["figures"]] == [(0, None, None)] * 3
    assert "–" in page.content.decode()


def test_settling_takes_the_chosen_values_and_keeps_agreement_as_coded(client, sample, pairs):
    client.force_login(sample.analyst.user)
    check = pairs[1]  # subject: Otan first, Ak Zhol second
    response = client.post(reverse("media:reconcile", args=[check.pk]), {"take_second": ["subject"]})
    assert response.status_code == 302
    item = MediaItem.objects.get(pk=check.item_id)
    assert (item.subject, item.tone, item.amount) == (sample.ak_zhol, "neutral", 60)
    assert MediaCheck.objects.get(pk=check.pk).reconciled_by == sample.analyst.user
    figures = {f.variable: f for f in client.get(reverse("media:agreement")).context["figures"]}
    assert figures["subject"].agreeing == 4  # measured on the two codings, not on the settled item


def test_settling_with_a_made_up_variable_is_refused(client, sample, pairs):
    client.force_login(sample.analyst.user)
    response = client.post(reverse("media:reconcile", args=[pairs[1].pk]), {"take_second": ["coder"]}, follow=True)
    assert "Choose which of the second coding" in response.content.decode()
    assert MediaCheck.objects.get(pk=pairs[1].pk).reconciled_at is None


def test_the_ratio_alpha_worked_out_here_matches_the_krippendorff_package():
    rng = np.random.default_rng(15)
    first = rng.integers(5, 400, size=60).astype(float)
    second = np.maximum(1, first + rng.integers(-30, 30, size=60))
    data = np.array([first, second])
    assert ratio_alpha(data, rows_at_once=7) == pytest.approx(
        krippendorff.alpha(reliability_data=data, level_of_measurement="ratio")
    )
