"""95 % intervals for shares, allowing for strata, weights and teams visiting several stations (clusters).

The estimator is a pure function of rows `(share, team, stratum, weight, yes, n)`: for one share (a question's
answer, a form kind's negative assessments, in one area), a team's forms in one stratum answered `yes` of `n`, each
form weighing `weight` (1 where stations were not drawn at random; the inverse of the station's inclusion probability
in a drawn sample). Where the rows come from does not matter: a selector over the forms today
(reports.findings.margins), the exact tallies per team tomorrow.

The method is the survey statistician's usual one (Taylor linearisation of a ratio, as in R's `survey`, Stata's
`svy: prop` and the `svy` Python package):

- estimate p = Σ w·yes / Σ w·n;
- each row's linearised value z = w·(yes − p·n) / Σ w·n, summed per team within its stratum (the primary sampling
  unit is the team: its stations are not independent draws, its observers answer alike);
- variance = Σ over strata of (1 − f_h) · m_h / (m_h − 1) · Σ (z_team − z̄_h)², with m_h teams in stratum h and f_h
  the stratum's sampling fraction (0 where stations were not drawn). A stratum one team alone observed is centred
  on the mean of all teams instead of its own (R's `lonely.psu = "adjust"`), so it still adds variance;
- degrees of freedom: teams − strata; the interval is the logit interval (svy's and Stata's default for a
  proportion): logit(p) ± t · se / (p(1 − p)), taken back. At p = 0 or 1 the variance says nothing, so the interval
  is the one-sided Korn–Graubard (Clopper–Pearson) bound on the forms behind the share (design effect 1).

Why not call the library for each share: `svy` 0.35 (the maintained successor of samplics, which is archived)
gives the same figures — the tests check that to 1e-9 — but takes 1.83 s for 200 shares over 2,000 teams
(17 ms a share, measured on this machine), and a findings page holds several hundred shares. This module does all
of a page's shares at once with numpy in about 5 ms for the same rows (bench/intervals.py prints both).
"""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from scipy.special import stdtrit
from scipy.stats import f as f_distribution

LEVEL = 0.95


@dataclass(frozen=True)
class Interval:
    estimate: float  # the (weighted) share, 0..1
    low: float
    high: float
    se: float
    teams: int  # clusters behind it
    forms: int  # n summed: the forms behind the share
    df: int

    def as_json(self) -> dict:
        """Per cents, one decimal: what pages and reports print."""
        return {
            "estimate": round(100 * self.estimate, 1),
            "low": round(100 * self.low, 1),
            "high": round(100 * self.high, 1),
            "se": round(100 * self.se, 2),
            "teams": self.teams,
            "forms": self.forms,
        }


def _codes(keys: list) -> tuple[np.ndarray, int]:
    index: dict = {}
    codes = np.fromiter((index.setdefault(key, len(index)) for key in keys), dtype=np.int64, count=len(keys))
    return codes, len(index)


def share_intervals(
    rows: Iterable[tuple[Hashable, Hashable, Hashable, float, int, int]],
    *,
    sampling_fractions: Mapping[Hashable, float] | None = None,
    level: float = LEVEL,
) -> dict[Hashable, Interval | None]:
    """{share: Interval} for every share in `rows`; None where no interval can be given (no form answered, or
    a single team in a single stratum: no degrees of freedom). `sampling_fractions`: {stratum: f_h} of a drawn
    sample (finite-population correction); strata left out, or no mapping, count as f = 0."""
    rows = [row for row in rows if row[5] > 0]
    if not rows:
        return {}
    shares, teams, strata, weights, yes, n = zip(*rows, strict=True)
    share_code, share_count = _codes(list(shares))
    stratum_code, _ = _codes([(s, h) for s, h in zip(share_code.tolist(), strata, strict=True)])
    psu_code, psu_count = _codes([(s, h, t) for s, h, t in zip(share_code.tolist(), strata, teams, strict=True)])
    w = np.asarray(weights, dtype=float)
    y = np.asarray(yes, dtype=float)
    x = np.asarray(n, dtype=float)

    weighted_x = np.bincount(share_code, w * x, share_count)
    p = np.bincount(share_code, w * y, share_count) / weighted_x
    z = w * (y - p[share_code] * x) / weighted_x[share_code]

    # per team (within stratum): its z total, its stratum, its share
    z_psu = np.bincount(psu_code, z, psu_count)
    psu_stratum = np.zeros(psu_count, dtype=np.int64)
    psu_stratum[psu_code] = stratum_code
    stratum_count = int(stratum_code.max()) + 1
    stratum_share = np.zeros(stratum_count, dtype=np.int64)
    stratum_share[stratum_code] = share_code
    fractions = np.zeros(stratum_count)
    if sampling_fractions:
        for h, stratum in zip(stratum_code.tolist(), strata, strict=True):
            fractions[h] = sampling_fractions.get(stratum, 0.0)

    m = np.bincount(psu_stratum, minlength=stratum_count).astype(float)
    z_mean = np.bincount(psu_stratum, z_psu, stratum_count) / m
    # lonely teams: centred on the share's mean team total
    psu_share = stratum_share[psu_stratum]
    share_mean = np.bincount(psu_share, z_psu, share_count) / np.bincount(psu_share, minlength=share_count)
    centre = np.where(m[psu_stratum] > 1, z_mean[psu_stratum], share_mean[psu_share])
    squares = np.bincount(psu_stratum, (z_psu - centre) ** 2, stratum_count)
    scale = np.where(m > 1, m / np.maximum(m - 1, 1), 1.0) * (1 - fractions)
    variance = np.bincount(stratum_share, scale * squares, share_count)
    se = np.sqrt(np.maximum(variance, 0))

    psus_per_share = np.bincount(psu_share, minlength=share_count)
    strata_per_share = np.bincount(stratum_share, minlength=share_count)
    df = psus_per_share - strata_per_share
    forms = np.bincount(share_code, x, share_count)
    low, high = _logit_interval(p, se, df, forms, level)

    keys = list(dict.fromkeys(shares))
    result: dict[Hashable, Interval | None] = {}
    for code, key in enumerate(keys):
        if df[code] <= 0:
            result[key] = None
            continue
        result[key] = Interval(
            estimate=float(p[code]),
            low=float(low[code]),
            high=float(high[code]),
            se=float(se[code]),
            teams=int(psus_per_share[code]),
            forms=int(forms[code]),
            df=int(df[code]),
        )
    return result


def _logit_interval(p, se, df, forms, level):
    alpha = 1 - level
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(df > 0, stdtrit(np.maximum(df, 1), 1 - alpha / 2), np.nan)
        inner = (p > 0) & (p < 1)
        safe = np.where(inner, p, 0.5)
        logit = np.log(safe / (1 - safe))
        half = t * se / (safe * (1 - safe))
        low = np.where(inner, 1 / (1 + np.exp(-(logit - half))), 0.0)
        high = np.where(inner, 1 / (1 + np.exp(-(logit + half))), 1.0)
        # at 0 or 1: Korn-Graubard's one-sided bound on the forms (effective size = forms, df-adjusted)
        t_forms = stdtrit(np.maximum(forms - 1, 1), 1 - alpha / 2)
        effective = np.where(forms > 1, np.minimum(forms, forms * (t_forms / np.where(df > 0, t, t_forms)) ** 2), forms)
        effective = np.maximum(effective, 1e-9)
        f_upper = f_distribution.ppf(1 - alpha / 2, 2.0, 2.0 * effective)
        bound = 2.0 * f_upper / (2.0 * effective + 2.0 * f_upper)
        high = np.where(p <= 0, bound, high)
        low = np.where(p >= 1, 1 - bound, low)
    return low, high


def sample_size(
    *,
    margin: float,
    share: float = 0.5,
    design_effect: float = 1.0,
    population: int | None = None,
    level: float = LEVEL,
) -> int:
    """Stations needed for a 95 % interval of ± `margin` (0..1) around a share near `share`, with a design effect
    for teams visiting several stations, corrected for a finite population: n0 = z² p(1 − p) deff / e²,
    n = n0 / (1 + (n0 − 1) / N)."""
    from scipy.special import ndtri

    z = float(ndtri(1 - (1 - level) / 2))
    n0 = z * z * share * (1 - share) * design_effect / (margin * margin)
    if population:
        n0 = n0 / (1 + (n0 - 1) / population)
        return min(population, int(np.ceil(n0 - 1e-9)))
    return int(np.ceil(n0 - 1e-9))
