"""Margins for the findings: every share of findings_compute() gets its 95 % interval (reports.findings.intervals).

The interval code takes rows (share, team, stratum, weight, yes, n); this module makes them from the exact tallies
(AnswerTally: per form version, team and area, kept by the outbox worker) and counts from their answers only the
forms not tallied yet, as findings_compute does, so the margins of a million forms add up a few thousand rows. With
a sample, a tally row (which has no station) is placed in its stratum through the stations the team's forms of that
version in that area were filled at (the tallies' station rows); a team whose forms there lie in different strata,
or some outside the sample, has its answers counted from its forms instead (`_Tallied`). The figures are those of
the forms either way (tests/reports/findings/test_margins.py compares them with a count over every form).

Two designs:

- No sample behind the plan (how international missions deploy): each form weighs 1, one stratum, clusters are
  the teams. The interval describes the observed stations only: it says how far the share would move had other
  teams of the same kind visited stations like these, not what holds in the country's stations.
- A sample drawn (observers.deployment.sample): only forms at the sample's stations count; a stratum's forms weigh
  N_h / m_h (its stations over those of its sampled stations observed by a form of the kind: the inverse inclusion
  probability, adjusted for the stations not reached), with the finite-population correction m_h / N_h. The
  estimate is then the country's share, with its margin.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum, Value

from mission.models import District, Region
from observers.checklists.definitions import ASSESSMENT_CODE, ASSESSMENT_VALUES, NEGATIVE_ASSESSMENTS, TYPES
from observers.models import SampledStation, SampleStratum, StationSample
from observers.submissions import tallies
from reports.findings.intervals import share_intervals
from reports.findings.selectors import (
    Scope,
    _answer_counts,
    _questions_by_kind,
    _tuned_for_aggregation,
    findings_compute,
)

NO_STRATUM = 0


def design_of(*, scope: Scope) -> dict:
    """What the margins rest on: {"sampled": False} or the sample's seed, size, strata and populations."""
    sample = StationSample.objects.filter(plan__mission=scope.mission).first()
    if sample is None:
        return {"sampled": False}
    return {
        "sampled": True,
        "sample_id": sample.pk,
        "seed": sample.seed,
        "size": sample.size,
        "population": sample.population,
        "populations": dict(SampleStratum.objects.filter(sample=sample).values_list("id", "population")),
    }


def _forms(scope: Scope, design: dict, submissions=None):
    """The forms the margins count (`submissions`, by default those in scope), annotated with their `stratum` (and
    `kind`)."""
    submissions = (scope.submissions() if submissions is None else submissions).annotate(kind=scope.kind_of_form())
    if not design["sampled"]:
        return submissions.annotate(stratum=Value(NO_STRATUM, output_field=IntegerField()))
    in_sample = SampledStation.objects.filter(
        sample_id=design["sample_id"], role=SampledStation.Role.SAMPLED, polling_station=OuterRef("polling_station_id")
    )
    return submissions.annotate(stratum=Subquery(in_sample.values("stratum_id")[:1])).filter(stratum__isnull=False)


@dataclass
class _Tallied:
    """What the tallies say of the design: which teams' answers they can give per stratum, and the stations
    observed. A tally row has its form's team and area but not its station: where a team's forms of one version in
    one area lie at stations of different strata, or some outside the sample, its answers are counted from its forms
    (`per_form`); every other team's come from the tallies (`stratum_of`: (checklist, team, region, district) ->
    stratum)."""

    stratum_of: dict = field(default_factory=dict)
    per_form: set = field(default_factory=set)
    stations: dict = field(default_factory=dict)  # (kind, stratum) -> station ids observed
    in_sample: int = 0  # tallied forms at sampled stations


def _tallied(scope: Scope, in_sample: dict[int, int]) -> _Tallied:
    kind_of = {checklist.pk: checklist.kind for checklist in scope.checklists}
    found = _Tallied()
    strata: dict[tuple, set] = defaultdict(set)
    rows = scope.tallies().filter(code=tallies.STATION, count__gt=0)
    for checklist_id, team_id, region_id, district_id, station, count in rows.values_list(
        "checklist_id", "team_id", "region_id", "district_id", "value", "count"
    ).order_by():
        stratum = in_sample.get(int(station))
        strata[(checklist_id, team_id, region_id, district_id)].add(stratum)
        if stratum is not None:
            found.stations.setdefault((kind_of[checklist_id], stratum), set()).add(int(station))
            found.in_sample += count
    for group, its in strata.items():
        if len(its) > 1:
            found.per_form.add(group[1])
        elif None not in its:
            found.stratum_of[group] = next(iter(its))
    return found


def rows_for_margins(*, scope: Scope, design: dict, answers: bool = True) -> tuple[list[tuple], dict, int | None]:
    """(rows, sampling fractions, forms at the sample's stations) for share_intervals: every share of the findings,
    per team and stratum (the answers' shares only if `answers`), from the tallies and the forms not tallied yet
    (with a sample, also the forms of teams whose tallies mix strata: see `_Tallied`).

    Shares: ("answer", kind, code, value) and ("assessment", kind, area) with area None, ("region", code) or
    ("district", code). A stratum is (kind, stratum id): weights and fractions differ by form kind.
    """
    in_sample = {}
    if design["sampled"]:
        in_sample = dict(
            SampledStation.objects.filter(sample_id=design["sample_id"], role=SampledStation.Role.SAMPLED).values_list(
                "polling_station_id", "stratum_id"
            )
        )
    tallied = _tallied(scope, in_sample) if design["sampled"] else None
    untallied = _forms(scope, design, scope.untallied())
    weights, fractions = {}, {}
    if design["sampled"]:
        stations = tallied.stations
        observed = untallied.values_list("kind", "stratum", "polling_station_id").distinct().order_by()
        for kind, stratum, station in observed:
            stations.setdefault((kind, stratum), set()).add(station)
        for (kind, stratum), its in stations.items():
            population = design["populations"][stratum]
            weights[(kind, stratum)] = population / len(its)
            fractions[(kind, stratum)] = len(its) / population
        in_design = tallied.in_sample + untallied.count()
    else:
        in_design = None  # every form counted
    rows = (_answer_rows(scope, design, tallied, weights) if answers else []) + _assessment_rows(
        scope, design, untallied, in_sample, weights
    )
    return rows, fractions, in_design


def _answer_rows(scope: Scope, design: dict, tallied: _Tallied | None, weights: dict) -> list[tuple]:
    questions_by_kind = _questions_by_kind(scope.checklists)
    kind_of_checklist = {c.pk: c.kind for c in scope.checklists}
    codes = sorted({code for questions in questions_by_kind.values() for code in questions})
    every_code = {code for qs in _questions_by_kind(scope.checklists, types=TYPES).values() for code in qs}
    counted = []  # (checklist id, code, value or None, count, team, stratum)
    from_tallies = scope.tallies().filter(code__in=codes)
    per_form = scope.untallied()
    if tallied is None:
        rows = from_tallies.values_list("checklist_id", "code", "value", "team_id").annotate(n=Sum("count"))
        counted += [(c, code, value or None, n, team, NO_STRATUM) for c, code, value, team, n in rows.order_by()]
    else:
        rows = from_tallies.exclude(team_id__in=tallied.per_form).values_list(
            "checklist_id", "team_id", "region_id", "district_id", "code", "value", "count"
        )
        for checklist_id, team, region_id, district_id, code, value, n in rows.order_by():
            stratum = tallied.stratum_of.get((checklist_id, team, region_id, district_id))
            if stratum is not None:
                counted.append((checklist_id, code, value or None, n, team, stratum))
        per_form = per_form | scope.submissions().filter(tallied=True, team_id__in=tallied.per_form)
    counted += _answer_counts(
        submissions=_forms(scope, design, per_form).values("checklist_id", "team_id", "stratum", "answers"),
        codes=codes,
        untabulated=sorted(every_code - set(codes)),
        keys=("team_id", "stratum"),
    )
    counts: dict[tuple, dict] = {}
    for checklist_id, code, value, count, team, stratum in counted:
        kind = kind_of_checklist[checklist_id]
        if code in questions_by_kind.get(kind, {}) and count:
            per_value = counts.setdefault((kind, code, team, stratum), {})
            per_value[value] = per_value.get(value, 0) + count
    rows = []
    for (kind, code, team, stratum), per_value in counts.items():
        yes_no = questions_by_kind[kind][code]["type"] == "yes_no"
        n = per_value.get("yes", 0) + per_value.get("no", 0) if yes_no else per_value.get(None, 0)
        weight = weights.get((kind, stratum), 1.0)
        for value, count in per_value.items():
            if value is None or (yes_no and value == "na"):
                continue
            rows.append((("answer", kind, code, value), team, (kind, stratum), weight, count, n))
        # answers no form of this team gave still count its forms in their denominator
        for value in _choice_values(questions_by_kind[kind][code]):
            if value not in per_value and not (yes_no and value == "na"):
                rows.append((("answer", kind, code, value), team, (kind, stratum), weight, 0, n))
    return rows


def _choice_values(question: dict) -> list[str]:
    if question["type"] == "yes_no":
        return ["yes", "no"]
    return [choice["value"] for choice in question.get("choices", [])]


def _assessment_rows(scope: Scope, design: dict, untallied, in_sample: dict[int, int], weights: dict) -> list[tuple]:
    """Per team, stratum, region and district: forms assessed and assessed negatively. From the tallies: with a
    sample, the per-station assessment rows (tallies.ASSESSED: each station's stratum is known); without, the
    answers to the assessment question (forms without a station too)."""
    kind_of = {checklist.pk: checklist.kind for checklist in scope.checklists}
    regions = dict(Region.objects.filter(mission=scope.mission).values_list("pk", "code"))
    districts = dict(District.objects.filter(mission=scope.mission).values_list("pk", "code"))
    totals: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])  # (kind, team, stratum, region, district)
    if design["sampled"]:
        rows = scope.tallies().filter(code=tallies.ASSESSED, count__gt=0)
        for checklist_id, team, region_id, district_id, value, count in rows.values_list(
            "checklist_id", "team_id", "region_id", "district_id", "value", "count"
        ).order_by():
            station, polarity = value.split(":")
            stratum = in_sample.get(int(station))
            if stratum is not None:
                figures = totals[
                    (kind_of[checklist_id], team, stratum, regions.get(region_id), districts.get(district_id))
                ]
                figures[0] += count
                figures[1] += count if polarity == "-" else 0
    else:
        rows = scope.tallies().filter(code=ASSESSMENT_CODE, value__in=ASSESSMENT_VALUES, count__gt=0)
        for checklist_id, team, region_id, district_id, value, count in rows.values_list(
            "checklist_id", "team_id", "region_id", "district_id", "value", "count"
        ).order_by():
            figures = totals[
                (kind_of[checklist_id], team, NO_STRATUM, regions.get(region_id), districts.get(district_id))
            ]
            figures[0] += count
            figures[1] += count if value in NEGATIVE_ASSESSMENTS else 0
    per_form = (
        untallied.filter(**{f"answers__{ASSESSMENT_CODE}__in": list(ASSESSMENT_VALUES)})
        .values("kind", "team_id", "stratum", "polling_station__region__code", "polling_station__district__code")
        .annotate(
            assessed=Count("id"),
            negative=Count("id", filter=Q(**{f"answers__{ASSESSMENT_CODE}__in": list(NEGATIVE_ASSESSMENTS)})),
        )
        .order_by()
    )
    for row in per_form:
        key = (row["kind"], row["team_id"], row["stratum"])
        figures = totals[(*key, row["polling_station__region__code"], row["polling_station__district__code"])]
        figures[0] += row["assessed"]
        figures[1] += row["negative"]
    rows = []
    for (kind, team, stratum, region, district), (assessed, negative) in totals.items():
        weight = weights.get((kind, stratum), 1.0)
        areas = [None, ("region", region)] + ([("district", district)] if district else [])
        for area in areas:
            rows.append((("assessment", kind, area), team, (kind, stratum), weight, negative, assessed))
    return rows


def margins_add(*, findings: dict, scope: Scope, answers: bool = True) -> dict:
    """Put an `interval` (per cents: estimate, low, high; teams, forms) beside every share of `findings`, and the
    design they rest on as findings["design"]; with answers=False only beside the overall assessments (what the
    findings' index page shows). Returns `findings`."""
    with _tuned_for_aggregation():
        design = design_of(scope=scope)
        rows, fractions, in_design = rows_for_margins(scope=scope, design=design, answers=answers)
        if design["sampled"]:
            counted = scope.tallies().filter(code="").aggregate(n=Sum("count"))["n"] or 0
            design["left_out"] = counted + scope.untallied().count() - in_design
    intervals = share_intervals(rows, sampling_fractions=fractions if design["sampled"] else None)

    def shown(key):
        interval = intervals.get(key)
        return interval.as_json() if interval else None

    design.pop("populations", None)
    findings["design"] = design
    for form in findings["forms"]:
        kind = form["kind"]
        form["assessment"]["interval"] = shown(("assessment", kind, None))
        for row in form["by_region"]:
            row["interval"] = shown(("assessment", kind, ("region", row["code"])))
        for row in form["by_district"]:
            row["interval"] = shown(("assessment", kind, ("district", row["code"])))
        for question in form["questions"]:
            for answer in question["answers"]:
                answer["interval"] = shown(("answer", kind, question["code"], answer["value"])) if answers else None
    return findings


def findings_for_report(*, mission, language: str, margins: bool) -> dict:
    """The findings a report prints (and stores with its compilation), with every share's interval where the
    report asks for them (Report.margins)."""
    findings = findings_compute(mission=mission, language=language)
    return margins_add(findings=findings, scope=Scope(mission)) if margins else findings
