"""Inter-coder agreement on the double-coded items: per variable, per cent agreement and Krippendorff's alpha.

Alpha comes from the `krippendorff` package (maintained, vectorised with NumPy); per cent agreement is a count.
Subject is nominal, tone ordinal (negative < neutral < positive), time or space ratio. Two time or space figures
agree, for per cent agreement, when they differ by at most AMOUNT_TOLERANCE of the larger one: monitors timing
the same item with a stopwatch rarely hit the same second.
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


def _alpha(variable: str, pairs: list[Pair]) -> float | None:
    data = np.array([[_numeric(variable, getattr(p, variable)[coder]) for p in pairs] for coder in (0, 1)], dtype=float)
    if len(pairs) < 2 or len(np.unique(data)) < 2:
        return None
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
