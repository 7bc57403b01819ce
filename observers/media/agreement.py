"""Inter-coder agreement on the double-coded items: per variable, per cent agreement and Krippendorff's alpha.

Alpha for subject (nominal) and tone (ordinal: negative < neutral < positive) comes from the `krippendorff`
package. For time or space (ratio) it is worked out here: the package builds a units × values × values array,
and 9,920 double-coded items with 654 distinct numbers of seconds asked it for 31.6 GiB (bench/media.py at 100,000
items). With two codings of every item the coincidences reduce to the pairs themselves and to the pooled values'
counts, which `ratio_alpha` sums in slices (checked against the package on small data in the tests).

Two time or space figures agree, for per cent agreement, when they differ by at most AMOUNT_TOLERANCE of the
larger one: monitors timing the same item with a stopwatch rarely hit the same second.
"""

from dataclasses import dataclass

import krippendorff
import numpy as np

from observers.media.models import TONE_ORDER

AMOUNT_TOLERANCE = 0.10
VARIABLES = ("subject", "tone", "amount")
LEVELS = {"subject": "nominal", "tone": "ordinal", "amount": "ratio"}


@dataclass(frozen=True)
class Pair:
    """One item's two codings: (first, second) for each variable."""

    item_id: int
    subject: tuple[int, int]
    tone: tuple[str, str]
    amount: tuple[int, int]


@dataclass(frozen=True)
class Agreement:
    variable: str
    pairs: int
    agreeing: int
    alpha: float | None  # None when alpha is undefined: fewer than two pairs, or one value only

    @property
    def percent(self) -> float | None:
        return 100 * self.agreeing / self.pairs if self.pairs else None


def values_agree(variable: str, first, second) -> bool:
    if variable == "amount":
        return abs(first - second) <= AMOUNT_TOLERANCE * max(first, second)
    return first == second


def _numeric(variable: str, value) -> float:
    return TONE_ORDER[value] if variable == "tone" else value


def _ratio_distance(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    return ((first - second) / (first + second)) ** 2


def ratio_alpha(data: np.ndarray, *, rows_at_once: int = 512) -> float:
    """Krippendorff's alpha, ratio metric, for a 2 × units array without missing values:
    1 - (n - 1) · Σ_units 2·δ(a, b) / Σ_values,values n_c·n_k·δ(c, k), n = 2 × units."""
    n = data.size
    observed = 2 * _ratio_distance(data[0], data[1]).sum()
    values, counts = np.unique(data, return_counts=True)
    expected = 0.0
    for start in range(0, len(values), rows_at_once):
        rows = slice(start, start + rows_at_once)
        expected += (counts[rows, None] * counts[None, :] * _ratio_distance(values[rows, None], values[None, :])).sum()
    return float(1 - (n - 1) * observed / expected)


def _alpha(variable: str, pairs: list[Pair]) -> float | None:
    data = np.array([[_numeric(variable, getattr(p, variable)[coder]) for p in pairs] for coder in (0, 1)], dtype=float)
    if len(pairs) < 2 or len(np.unique(data)) < 2:
        return None
    if LEVELS[variable] == "ratio":
        return ratio_alpha(data)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement=LEVELS[variable]))


def agreement_compute(pairs: list[Pair]) -> list[Agreement]:
    return [
        Agreement(
            variable=variable,
            pairs=len(pairs),
            agreeing=sum(values_agree(variable, *getattr(p, variable)) for p in pairs),
            alpha=_alpha(variable, pairs),
        )
        for variable in VARIABLES
    ]


def disagreements(pair: Pair) -> list[str]:
    """The variables on which the two codings of an item differ."""
    return [variable for variable in VARIABLES if not values_agree(variable, *getattr(pair, variable))]
