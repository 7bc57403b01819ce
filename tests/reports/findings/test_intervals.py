"""The 95 % intervals: a hand calculation, the survey library's figures, and a simulation's coverage."""

import math
import random

import numpy as np
import polars as pl
import pytest
import svy
from scipy.special import stdtrit

from observers.deployment.sample import allocate, draw, sample_size_needed
from reports.findings.intervals import share_intervals


def test_hand_calculation_three_teams():
    """Teams A 1 of 2, B 0 of 2, C 2 of 2, one stratum, weights 1.

    p = 3/6 = 0.5; z = (yes - p n) / 6: A 0, B -1/6, C 1/6; mean 0; Σ(z - mean)² = 2/36;
    var = 3/2 · 2/36 = 1/12, se = 0.288675; df = 3 - 1 = 2, t = 4.302653;
    logit 0 ± 4.302653 · 0.288675 / 0.25 = ± 4.968276 -> 1 / (1 + e^4.968276) = 0.006907, and 0.993093."""
    rows = [("s", "A", 0, 1.0, 1, 2), ("s", "B", 0, 1.0, 0, 2), ("s", "C", 0, 1.0, 2, 2)]
    interval = share_intervals(rows)["s"]
    assert interval.estimate == pytest.approx(0.5)
    assert interval.se == pytest.approx(math.sqrt(1 / 12))
    assert interval.df == 2 and interval.teams == 3 and interval.forms == 6
    assert interval.low == pytest.approx(0.006907, abs=1e-6)
    assert interval.high == pytest.approx(0.993093, abs=1e-6)


def test_hand_calculation_weights_and_strata():
    """Stratum 1: teams 2/4 and 1/4, weight 10; stratum 2: teams 3/5 and 4/5, weight 2.

    p = (10·3 + 2·7) / (10·8 + 2·10) = 44 / 100 = 0.44.
    z (÷100): stratum 1: 10(2 - 1.76) = 2.4, 10(1 - 1.76) = -7.6 -> mean -2.6, Σd² = 25 + 25 = 50;
    stratum 2: 2(3 - 2.2) = 1.6, 2(4 - 2.2) = 3.6 -> mean 2.6, Σd² = 2; var = (2·50 + 2·2) / 100² = 0.0104."""
    rows = [
        ("s", 1, "h1", 10.0, 2, 4),
        ("s", 2, "h1", 10.0, 1, 4),
        ("s", 3, "h2", 2.0, 3, 5),
        ("s", 4, "h2", 2.0, 4, 5),
    ]
    interval = share_intervals(rows)["s"]
    assert interval.estimate == pytest.approx(0.44)
    assert interval.se == pytest.approx(math.sqrt(0.0104))
    assert interval.df == 2
    # with the finite-population correction 1 - f_h
    corrected = share_intervals(rows, sampling_fractions={"h1": 0.5, "h2": 0.0})["s"]
    assert corrected.se == pytest.approx(math.sqrt((0.5 * 2 * 50 + 2 * 2) / 100**2))


def test_agrees_with_the_svy_library():
    """The same figures as svy 0.35's Taylor-linearised proportion (logit interval) on the forms one by one, with
    strata, weights, teams as clusters and a finite-population correction."""
    rng = np.random.default_rng(3)
    fractions = {0: 0.1, 1: 0.2, 2: 0.05, 3: 0.3}
    rows = []
    for team in range(60):
        stratum = team % 4
        n = int(rng.integers(3, 12))
        rows.append(("s", team, stratum, [2.0, 3.5, 1.0, 5.0][stratum], int(rng.binomial(n, 0.1 + 0.1 * stratum)), n))
    ours = share_intervals(rows, sampling_fractions=fractions)["s"]

    teams = {h: sum(1 for row in rows if row[2] == h) for h in fractions}
    forms = pl.DataFrame(
        [
            {"team": team, "stratum": h, "w": w, "y": float(i < yes), "N": teams[h] / fractions[h]}
            for _, team, h, w, yes, n in rows
            for i in range(n)
        ]
    )
    sample = svy.Sample(forms, svy.Design(stratum="stratum", psu="team", wgt="w", pop_size="N"))
    theirs = next(row for row in sample.estimation.prop("y").to_dicts() if row["y_level"] == 1.0)
    assert ours.estimate == pytest.approx(theirs["est"], abs=1e-9)
    assert ours.se == pytest.approx(theirs["se"], abs=1e-9)
    assert ours.low == pytest.approx(theirs["lci"], abs=1e-9)
    assert ours.high == pytest.approx(theirs["uci"], abs=1e-9)
    assert ours.df == theirs["df"]


def test_no_interval_without_degrees_of_freedom():
    assert share_intervals([("s", "A", 0, 1.0, 1, 3)]) == {"s": None}
    assert share_intervals([("s", "A", 0, 1.0, 0, 0)]) == {}


def test_none_observed_gives_a_one_sided_bound():
    """No form said yes: the estimate is 0 and the upper bound Clopper-Pearson's 1 - 0.025^(1/n) on the forms,
    their number cut by Korn and Graubard's (t(n - 1) / t(df))² for the few teams (df 9): 100 -> 76.9."""
    rows = [("s", team, 0, 1.0, 0, 10) for team in range(10)]
    interval = share_intervals(rows)["s"]
    assert (interval.estimate, interval.low) == (0.0, 0.0)
    effective = 100 * (stdtrit(99, 0.975) / stdtrit(9, 0.975)) ** 2
    assert effective == pytest.approx(76.9, abs=0.05)
    assert interval.high == pytest.approx(1 - 0.025 ** (1 / effective), rel=1e-9)


def test_a_lonely_team_still_adds_variance():
    rows = [("s", 1, "h1", 1.0, 1, 4), ("s", 2, "h1", 1.0, 3, 4), ("s", 3, "h2", 1.0, 4, 4)]
    """h2's one team is centred on the mean of all three team totals, not on itself (which would give 0)."""
    with_lonely = share_intervals(rows)["s"]
    centred_on_itself = share_intervals(rows, sampling_fractions={"h2": 1.0})["s"]
    assert with_lonely.se > centred_on_itself.se > 0


def test_many_shares_at_once_match_one_by_one():
    rng = random.Random(5)
    rows = [(k, t, t % 3, 1.0 + t % 2, rng.randint(0, 5), 5) for k in range(20) for t in range(30)]
    together = share_intervals(rows)
    for k in range(20):
        alone = share_intervals([row for row in rows if row[0] == k])[k]
        assert together[k] == alone


def _simulate(draws: int, seed: int) -> float:
    """A synthetic country: 6,000 stations in 6 strata of different sizes, the share of 'yes' differing by stratum
    (8 to 40 per cent); its share is known exactly. Each draw takes a stratified sample of 600 (proportional, the
    planner's own allocation and draw), teams of 8 stations within each stratum, and the interval's weights and
    corrections; the fraction of draws whose interval holds the true share is returned."""
    rng = random.Random(seed)
    sizes = [400, 700, 900, 1100, 1300, 1600]
    shares = [0.08, 0.15, 0.22, 0.30, 0.35, 0.40]
    population: dict[int, list[int]] = {}
    values: dict[int, int] = {}
    pk = 0
    for h, (size, share) in enumerate(zip(sizes, shares, strict=True)):
        population[h] = []
        for _ in range(size):
            pk += 1
            population[h].append(pk)
            values[pk] = int(rng.random() < share)
    truth = sum(values.values()) / len(values)
    allocation = allocate(
        600, {h: len(ids) for h, ids in population.items()}, {h: len(ids) for h, ids in population.items()}
    )
    covered = 0
    for number in range(draws):
        drawn = draw(population, allocation, {}, seed=seed * 100_000 + number)
        rows = []
        fractions = {}
        for h, (sampled, _reserves) in drawn.items():
            weight = len(population[h]) / len(sampled)
            fractions[h] = len(sampled) / len(population[h])
            for team_start in range(0, len(sampled), 8):
                route = sampled[team_start : team_start + 8]
                rows.append(("share", (h, team_start), h, weight, sum(values[s] for s in route), len(route)))
        interval = share_intervals(rows, sampling_fractions=fractions)["share"]
        covered += interval.low <= truth <= interval.high
    return covered / draws


def test_simulated_coverage_is_95_per_cent():
    """The 95 % interval holds the known share in 93-97 % of 2,000 draws (printed: the closing note quotes it)."""
    coverage = _simulate(draws=2000, seed=18)
    print(f"simulated coverage of the 95 % interval: {coverage:.3f} over 2000 draws")
    assert 0.93 <= coverage <= 0.97


def test_sample_size_needed():
    """± 3 points around 50 %: 1.96² · 0.25 / 0.03² = 1067.1 -> 1068; design effect 2: 2134.2 -> 2135;
    of 9,500 stations: 2134.2 / (1 + 2133.2 / 9500) = 1742.9 -> 1743."""
    assert sample_size_needed(margin=0.03) == 1068
    assert sample_size_needed(margin=0.03, design_effect=2) == 2135
    assert sample_size_needed(margin=0.03, design_effect=2, population=9500) == 1743
    assert sample_size_needed(margin=0.03, population=500) <= 500
