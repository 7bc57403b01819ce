"""95 % intervals for shares, allowing for strata, weights and teams visiting several stations (clusters).

The estimator is a pure function of rows `(share, team, stratum, weight, yes, n)`: for one share (a question's
answer, a form kind's negative assessments, in one area), a team's forms in one stratum answered `yes` of `n`, each
form weighing `weight` (1 where stations were not drawn at random; the inverse of the station's inclusion probability
in a drawn sample). Where the rows come from does not matter: reports.findings.margins makes them from the
exact tallies per team (and the forms not tallied yet).

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

Why not call the library: `svy` 0.35 (the maintained successor of samplics, which is archived) gives the same
figures — tests/reports/findings/test_intervals.py checks that to 1e-9 — but a page holds a few hundred shares, each
with its own denominator. Measured by bench/intervals.py on this machine (2 cores, load average 9.5, /livez 6 ms in
the same run), 200 shares over 200 teams (the demo's size): svy one call per share 3.9 s, svy batched over a wide
frame 0.72 s (and then Wald, not logit, intervals), this function 0.21 s on the rows as the selector gives them.
Over 2,000 teams (400,000 rows) the batched svy call is faster (0.79 s against 2.5 s here): this function's cost
is Python's, per row; rows handed over as arrays (from the tallies) would remove it.
"""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from operator import itemgetter

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


def _codes(keys: list) -> tuple[np.ndarray, list]:
    """Integer codes for hashable keys, and the keys in the order first seen (dict and map work in C: a generator
    over the rows took 1 µs a row more)."""
    index = {key: code for code, key in enumerate(dict.fromkeys(keys))}
    return np.array(list(map(index.__getitem__, keys)), dtype=np.int64), list(index)


def _compact(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(codes renumbered 0..k-1, the original code of each)."""
    unique, inverse = np.unique(codes, return_inverse=True)
    return inverse.reshape(-1), unique


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
    shares, teams, strata, weights, yes, n = (list(map(itemgetter(column), rows)) for column in range(6))
    share_code, keys = _codes(shares)
    share_count = len(keys)
    stratum_index, stratum_keys = _codes(strata)
    team_index, team_keys = _codes(teams)
    # a stratum of one share, a team within one: numbered by numpy, not by hashing tuples row by row
    stratum_code, stratum_of = _compact(share_code * len(stratum_keys) + stratum_index)
    psu_code, _ = _compact(stratum_code * len(team_keys) + team_index)
    psu_count = int(psu_code.max()) + 1
    w, y, x = (np.array(column, dtype=float) for column in (weights, yes, n))

    weighted_x = np.bincount(share_code, w * x, share_count)
    p = np.bincount(share_code, w * y, share_count) / weighted_x
    z = w * (y - p[share_code] * x) / weighted_x[share_code]

    # per team (within stratum): its z total, its stratum, its share
    z_psu = np.bincount(psu_code, z, psu_count)
    psu_stratum = np.zeros(psu_count, dtype=np.int64)
    psu_stratum[psu_code] = stratum_code
    stratum_count = len(stratum_of)
    stratum_share = stratum_of // len(stratum_keys)
    fractions = np.zeros(stratum_count)
    if sampling_fractions:
        per_key = np.array([sampling_fractions.get(key, 0.0) for key in stratum_keys])
        fractions = per_key[stratum_of % len(stratum_keys)]

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
