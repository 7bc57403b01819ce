"""How long the margins take: the estimator against the svy library, and margins_add over 100,000 forms.

    .venv/bin/python bench/intervals.py                       # the estimator alone (no database)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eom_intervals .venv/bin/python bench/intervals.py --forms

The first table times reports.findings.intervals.share_intervals and svy 0.35 (the survey library it is checked
against) on the same rows: 200 shares over 2,000 teams in 16 strata, the medians of three runs. With --forms it
creates the database named in DATABASE_URL (it must not exist yet; dropped at the end unless --keep), loads the
demo mission topped up to 100,000 forms as bench/findings.py does, tallies them (as the outbox worker would have),
and times findings_compute and margins_add side by side, with the margins counted from every form's answers as
they were before the tallies (the reference of tests/reports/findings/test_margins_tallied.py) and /livez in the
same run for reference. Targets: the estimator under 50 ms for 200 shares over 200
teams (the demo's size), in proportion beyond; margins under half the findings' own time.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("DJANGO_DEBUG", "false")

ESTIMATOR_TARGET_MS = 50
SHARES, TEAMS, STRATA = 200, 2000, 16


def _median_ms(function, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def estimator_table() -> bool:
    import numpy as np
    import polars as pl
    import svy

    from reports.findings.intervals import share_intervals

    print(f"{'estimator, ' + str(SHARES) + ' shares':<44} {'teams':>6} {'rows':>8} {'ms':>9} {'target':>7}")
    met = True
    for teams in (200, TEAMS):
        rng = np.random.default_rng(18)
        strata = rng.integers(0, STRATA, teams)
        weights = (strata + 1).astype(float)
        n = rng.integers(5, 15, teams)
        yes = {k: rng.binomial(n, 0.05 + 0.9 * k / SHARES) for k in range(SHARES)}
        rows = [
            (k, team, int(strata[team]), float(weights[team]), int(yes[k][team]), int(n[team]))
            for k in range(SHARES)
            for team in range(teams)
        ]
        frame = pl.DataFrame(
            {"team": np.arange(teams), "stratum": strata, "w": weights, "n": n.astype(float)}
            | {f"y{k}": yes[k].astype(float) for k in range(SHARES)}
        )
        sample = svy.Sample(frame, svy.Design(stratum="stratum", psu="team", wgt="w"))
        ours = _median_ms(lambda rows=rows: share_intervals(rows))
        batched = _median_ms(lambda s=sample: s.estimation.ratio([f"y{k}" for k in range(SHARES)], "n"), runs=1)
        one = _median_ms(lambda s=sample: s.estimation.ratio("y0", "n"))
        met = met and ours < ESTIMATOR_TARGET_MS * teams / 200
        print(
            f"{'share_intervals (rows as the selector gives)':<44} {teams:>6} {len(rows):>8,} {ours:>9.1f} "
            f"{ESTIMATOR_TARGET_MS * teams // 200:>7}"
        )
        print(f"{'svy 0.35 ratio, one call per share':<44} {teams:>6} {len(rows):>8,} {one * SHARES:>9.1f} {'-':>7}")
        print(f"{'svy 0.35 ratio, batched over a wide frame':<44} {teams:>6} {len(rows):>8,} {batched:>9.1f} {'-':>7}")
    return met


def forms_table(keep: bool) -> None:
    from compile import database_drop  # bench/compile.py
    from django.test import Client
    from findings import _build  # bench/findings.py

    from observers.models import Checklist
    from observers.submissions.tallies import tallies_replace
    from reports.findings import margins
    from reports.findings.intervals import share_intervals
    from reports.findings.selectors import Scope, _tuned_for_aggregation, findings_compute
    from tests.reports.findings.test_margins_tallied import reference_rows

    def before(scope):
        """The margins as they were counted before the tallies: every form's answers (the test's reference)."""
        with _tuned_for_aggregation():
            design = margins.design_of(scope=scope)
            rows, fractions, _left_out = reference_rows(scope, design)
        return share_intervals(rows, sampling_fractions=fractions if design["sampled"] else None)

    try:
        mission = _build()
        tallies_replace(checklists=list(Checklist.objects.filter(mission=mission)))  # as the outbox worker keeps them
        client = Client()
        livez = _median_ms(lambda: client.get("/livez"), runs=5)
        print(f"{'measurement (100,000 forms, tallied)':<52} {'ms':>9}")
        print(f"{'/livez (reference)':<52} {livez:>9.1f}")
        worst = 0.0
        for kind in (None, "voting"):
            scope = Scope(mission, kind)
            findings_ms = _median_ms(lambda kind=kind: findings_compute(mission=mission, language="en", kind=kind))
            findings = findings_compute(mission=mission, language="en", kind=kind)
            margins_ms = _median_ms(
                lambda scope=scope, findings=findings, kind=kind: margins.margins_add(
                    findings=findings, scope=scope, answers=kind is not None
                )
            )
            before_ms = _median_ms(lambda kind=kind: before(Scope(mission, kind)), runs=1)
            print(f"{'findings_compute, ' + (kind or 'every form'):<52} {findings_ms:>9.1f}")
            shown = "margins_add, " + (kind or "every form (assessments: the index)")
            print(f"{shown:<52} {margins_ms:>9.1f}")
            print(f"{'  before: counted from every form (one run)':<52} {before_ms:>9.1f}")
            worst = max(worst, margins_ms / findings_ms)
        print(f"target: margins under half the findings' time: {'met' if worst < 0.5 else 'MISSED'} ({worst:.2f})")
    finally:
        if not keep:
            database_drop(os.environ["DATABASE_URL"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", action="store_true", help="also time the margins over 100,000 forms")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    arguments = parser.parse_args()
    random.seed(18)
    if arguments.forms:
        from compile import database_create  # bench/compile.py

        database_create(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.test import Client

    client = Client()
    livez = _median_ms(lambda: client.get("/livez"), runs=5)
    met = estimator_table()
    print(f"{'/livez (same run, reference)':<44} {'':>6} {'':>8} {livez:>9.1f}")
    print(f"target: estimator under {ESTIMATOR_TARGET_MS} ms per 200 teams: {'met' if met else 'MISSED'}")
    if arguments.forms:
        forms_table(arguments.keep)


if __name__ == "__main__":
    main()
