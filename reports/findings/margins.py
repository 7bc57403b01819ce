"""Margins for the findings: every share of findings_compute() gets its 95 % interval (reports.findings.intervals).

The interval code takes rows (share, team, stratum, weight, yes, n); this module makes them with two counts
(answers per team and stratum, overall assessments per team, stratum and area): without a sample from the exact
tallies (per team and area) and the forms not tallied yet, as the findings count; with one from the forms (a
stratum is a station's).

Two designs:

- No sample behind the plan (how international missions deploy): each form weighs 1, one stratum, clusters are
  the teams. The interval describes the observed stations only: it says how far the share would move had other
  teams of the same kind visited stations like these, not what holds in the country's stations.
- A sample drawn (observers.deployment.sample): only forms at the sample's stations count; a stratum's forms weigh
  N_h / m_h (its stations over those of its sampled stations observed by a form of the kind: the inverse inclusion
  probability, adjusted for the stations not reached), with the finite-population correction m_h / N_h. The
  estimate is then the country's share, with its margin.
"""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from mission.models import District, Region
from observers.checklists.definitions import ASSESSMENT_CODE, ASSESSMENT_VALUES, NEGATIVE_ASSESSMENTS, TYPES
from observers.models import SampledStation, SampleStratum, StationSample
from reports.findings.intervals import share_intervals
from reports.findings.selectors import Scope, _answer_counts, _questions_by_kind, _tuned_for_aggregation

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


def _forms(scope: Scope, design: dict):
    """The forms the margins count, annotated with their `stratum` (and `kind`)."""
    submissions = scope.submissions().annotate(kind=scope.kind_of_form())
    if not design["sampled"]:
        return submissions.annotate(stratum=Value(NO_STRATUM, output_field=IntegerField()))
    in_sample = SampledStation.objects.filter(
        sample_id=design["sample_id"], role=SampledStation.Role.SAMPLED, polling_station=OuterRef("polling_station_id")
    )
    return submissions.annotate(stratum=Subquery(in_sample.values("stratum_id")[:1])).filter(stratum__isnull=False)


def _untallied(scope: Scope):
    """The forms not tallied yet, annotated as _forms annotates them without a sample."""
    return scope.untallied().annotate(kind=scope.kind_of_form(), stratum=Value(NO_STRATUM, output_field=IntegerField()))


def rows_for_margins(*, scope: Scope, design: dict, answers: bool = True) -> tuple[list[tuple], dict]:
    """(rows, sampling fractions) for share_intervals: every share of the findings, per team and stratum (the
    answers' shares only if `answers`: they cost a pass over every answer of every form).

    Shares: ("answer", kind, code, value) and ("assessment", kind, area) with area None, ("region", code) or
    ("district", code). A stratum is (kind, stratum id): weights and fractions differ by form kind.
    """
    forms = _forms(scope, design)
    weights, fractions = {}, {}
    if design["sampled"]:
        observed = forms.values("kind", "stratum").annotate(stations=Count("polling_station_id", distinct=True))
        for row in observed.order_by():
            population = design["populations"][row["stratum"]]
            weights[(row["kind"], row["stratum"])] = population / row["stations"]
            fractions[(row["kind"], row["stratum"])] = row["stations"] / population
    rows = (_answer_rows(scope, forms, design, weights) if answers else []) + _assessment_rows(
        scope, forms, design, weights
    )
    return rows, fractions


def _answer_rows(scope: Scope, forms, design: dict, weights: dict) -> list[tuple]:
    questions_by_kind = _questions_by_kind(scope.checklists)
    kind_of_checklist = {c.pk: c.kind for c in scope.checklists}
    codes = sorted({code for questions in questions_by_kind.values() for code in questions})
    every_code = {code for qs in _questions_by_kind(scope.checklists, types=TYPES).values() for code in qs}
    counts: dict[tuple, dict] = {}
    for checklist_id, code, value, count, team, stratum in _answer_counts_per_team(
        scope, forms, design, codes, untabulated=sorted(every_code - set(codes))
    ):
        kind = kind_of_checklist[checklist_id]
        if code in questions_by_kind.get(kind, {}):
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


def _answer_counts_per_team(scope: Scope, forms, design: dict, codes: list[str], *, untabulated: list[str]) -> list:
    """Rows (checklist id, code, value or None for N, count, team, stratum): with a sample from the forms (a
    stratum is a station's, which the tallies per team and area cannot give); else from the tallies and the forms
    not tallied yet."""
    tallied = []
    if not design["sampled"]:
        forms = _untallied(scope)
        tallied = [
            (checklist_id, code, value or None, count, team, NO_STRATUM)
            for checklist_id, code, value, team, count in scope.tallies()
            .filter(code__in=codes, count__gt=0)
            .values_list("checklist_id", "code", "value", "team_id")
            .annotate(total=Sum("count"))
            .order_by()
        ]
    return tallied + _answer_counts(
        submissions=forms.values("checklist_id", "team_id", "stratum", "answers"),
        codes=codes,
        untabulated=untabulated,
        keys=("team_id", "stratum"),
    )


def _choice_values(question: dict) -> list[str]:
    if question["type"] == "yes_no":
        return ["yes", "no"]
    return [choice["value"] for choice in question.get("choices", [])]


def _assessment_rows(scope: Scope, forms, design: dict, weights: dict) -> list[tuple]:
    """Rows of the overall assessments' shares: per team, stratum and area, the forms assessing and the negative
    ones; without a sample from the tallies and the forms not tallied yet."""
    per_team = _assessment_counts_of(forms if design["sampled"] else _untallied(scope))
    if not design["sampled"]:
        per_team += _assessment_counts_tallied(scope)
    rows = []
    for row in per_team:
        stratum = (row["kind"], row["stratum"])
        weight = weights.get(stratum, 1.0)
        district = row["polling_station__district__code"]
        areas = [None, ("region", row["polling_station__region__code"])] + (
            [("district", district)] if district else []
        )
        for area in areas:
            rows.append(
                (("assessment", row["kind"], area), row["team_id"], stratum, weight, row["negative"], row["assessed"])
            )
    return rows


def _assessment_counts_of(forms) -> list[dict]:
    return list(
        forms.filter(**{f"answers__{ASSESSMENT_CODE}__in": list(ASSESSMENT_VALUES)})
        .values("kind", "team_id", "stratum", "polling_station__region__code", "polling_station__district__code")
        .annotate(
            assessed=Count("id"),
            negative=Count("id", filter=Q(**{f"answers__{ASSESSMENT_CODE}__in": list(NEGATIVE_ASSESSMENTS)})),
        )
        .order_by()
    )


def _assessment_counts_tallied(scope: Scope) -> list[dict]:
    """As _assessment_counts_of, from the tallies (region and district 0: a form without a station)."""
    kind_of = {checklist.pk: checklist.kind for checklist in scope.checklists}
    regions = dict(Region.objects.filter(mission=scope.mission).values_list("pk", "code"))
    districts = dict(District.objects.filter(mission=scope.mission).values_list("pk", "code"))
    rows = (
        scope.tallies()
        .filter(code=ASSESSMENT_CODE, value__in=ASSESSMENT_VALUES, count__gt=0)
        .values("checklist_id", "team_id", "region_id", "district_id")
        .annotate(assessed=Sum("count"), negative=Coalesce(Sum("count", filter=Q(value__in=NEGATIVE_ASSESSMENTS)), 0))
        .order_by()
    )
    return [
        {
            "kind": kind_of[row["checklist_id"]],
            "team_id": row["team_id"],
            "stratum": NO_STRATUM,
            "polling_station__region__code": regions.get(row["region_id"]),
            "polling_station__district__code": districts.get(row["district_id"]),
            "assessed": row["assessed"],
            "negative": row["negative"],
        }
        for row in rows
    ]


def margins_add(*, findings: dict, scope: Scope, answers: bool = True) -> dict:
    """Put an `interval` (per cents: estimate, low, high; teams, forms) beside every share of `findings`, and the
    design they rest on as findings["design"]; with answers=False only beside the overall assessments (what the
    findings' index page shows). Returns `findings`."""
    with _tuned_for_aggregation():
        design = design_of(scope=scope)
        rows, fractions = rows_for_margins(scope=scope, design=design, answers=answers)
        if design["sampled"]:
            counted = scope.submissions().count()
            design["left_out"] = counted - _forms(scope, design).count()
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
