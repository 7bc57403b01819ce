"""The margins from the tallies are those of a count over every form: the per-form computation the margins used
before the tallies (kept here as the reference) against margins.rows_for_margins, on a mission with three teams,
two strata, a station outside the sample, a team whose forms in one area mix sampled and unsampled stations,
excluded forms (tallied and not) and forms not tallied yet."""

import random

import pytest
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value

from observers.checklists.definitions import ASSESSMENT_CODE, ASSESSMENT_VALUES, NEGATIVE_ASSESSMENTS, TYPES
from observers.models import (
    Checklist,
    DeploymentPlan,
    SampledStation,
    SampleStratum,
    StationSample,
    Submission,
    Team,
)
from observers.submissions import review
from observers.submissions.tallies import _add, tallies_recount
from reports.findings import margins
from reports.findings.intervals import share_intervals
from reports.findings.selectors import Scope, _answer_counts, _questions_by_kind
from tests.factories import ObserverFactory, PollingStationFactory, SubmissionFactory, TeamFactory


def _reference_forms(scope, design):
    submissions = scope.submissions().annotate(kind=scope.kind_of_form())
    if not design["sampled"]:
        return submissions.annotate(stratum=Value(margins.NO_STRATUM, output_field=IntegerField()))
    in_sample = SampledStation.objects.filter(
        sample_id=design["sample_id"], role="sampled", polling_station=OuterRef("polling_station_id")
    )
    return submissions.annotate(stratum=Subquery(in_sample.values("stratum_id")[:1])).filter(stratum__isnull=False)


def reference_rows(scope, design):
    """The margins' rows counted from every form's answers (the computation before the tallies; bench/intervals.py
    times it)."""
    forms = _reference_forms(scope, design)
    weights, fractions = {}, {}
    if design["sampled"]:
        observed = forms.values("kind", "stratum").annotate(stations=Count("polling_station_id", distinct=True))
        for row in observed.order_by():
            population = design["populations"][row["stratum"]]
            weights[(row["kind"], row["stratum"])] = population / row["stations"]
            fractions[(row["kind"], row["stratum"])] = row["stations"] / population
    questions_by_kind = _questions_by_kind(scope.checklists)
    kind_of = {c.pk: c.kind for c in scope.checklists}
    codes = sorted({code for questions in questions_by_kind.values() for code in questions})
    every_code = {code for qs in _questions_by_kind(scope.checklists, types=TYPES).values() for code in qs}
    counts = {}
    for checklist_id, code, value, count, team, stratum in _answer_counts(
        submissions=forms.values("checklist_id", "team_id", "stratum", "answers"),
        codes=codes,
        untabulated=sorted(every_code - set(codes)),
        keys=("team_id", "stratum"),
    ):
        kind = kind_of[checklist_id]
        if code in questions_by_kind.get(kind, {}):
            per_value = counts.setdefault((kind, code, team, stratum), {})
            per_value[value] = per_value.get(value, 0) + count
    rows = []
    for (kind, code, team, stratum), per_value in counts.items():
        question = questions_by_kind[kind][code]
        yes_no = question["type"] == "yes_no"
        n = per_value.get("yes", 0) + per_value.get("no", 0) if yes_no else per_value.get(None, 0)
        weight = weights.get((kind, stratum), 1.0)
        values = {v for v in per_value if v is not None} | set(margins._choice_values(question))
        for value in values - ({"na"} if yes_no else set()):
            rows.append((("answer", kind, code, value), team, (kind, stratum), weight, per_value.get(value, 0), n))
    per_team = (
        forms.filter(**{f"answers__{ASSESSMENT_CODE}__in": list(ASSESSMENT_VALUES)})
        .values("kind", "team_id", "stratum", "polling_station__region__code", "polling_station__district__code")
        .annotate(
            assessed=Count("id"),
            negative=Count("id", filter=Q(**{f"answers__{ASSESSMENT_CODE}__in": list(NEGATIVE_ASSESSMENTS)})),
        )
        .order_by()
    )
    for row in per_team:
        stratum = (row["kind"], row["stratum"])
        district = row["polling_station__district__code"]
        areas = [None, ("region", row["polling_station__region__code"])] + (
            [("district", district)] if district else []
        )
        for area in areas:
            rows.append(
                (
                    ("assessment", row["kind"], area),
                    row["team_id"],
                    stratum,
                    weights.get(stratum, 1.0),
                    row["negative"],
                    row["assessed"],
                )
            )
    return rows, fractions, scope.submissions().count() - forms.count()


def _shown(rows, fractions, design):
    intervals = share_intervals(rows, sampling_fractions=fractions if design["sampled"] else None)
    return {key: interval.as_json() if interval else None for key, interval in intervals.items()}


@pytest.fixture
def busy(findings_mission):
    """The hand-counted mission and 120 more voting forms by a third team and the first two, at stations in and out
    of a sample; some excluded, a few left untallied."""
    mission, stations = findings_mission.mission, findings_mission.stations
    north, south = findings_mission.regions
    d1 = findings_mission.districts[0]
    stations["P6"] = PollingStationFactory(mission=mission, region=north, district=d1, code="P6")  # outside
    t3 = TeamFactory(mission=mission, code="T3")
    observers = {**findings_mission.observers, t3: ObserverFactory(mission=mission, team=t3)}
    voting = Checklist.objects.get(mission=mission, kind="voting")
    rng = random.Random(18)
    for number in range(120):
        team = rng.choice(list(observers))
        unauthorised = rng.choice(["yes", "no"])
        answers = {
            "arrival_time": "09:00",
            "voters_on_list": 900,
            "secrecy": rng.choice(["yes", "yes", "no", "na"]),
            "unauthorised": unauthorised,
            "overall_assessment": rng.choice(ASSESSMENT_VALUES),
        }
        if unauthorised == "yes":
            answers["unauthorised_who"] = rng.sample(["police", "officials"], rng.randint(1, 2))
        if number % 17 == 0:
            answers.pop("overall_assessment")
        SubmissionFactory(
            mission=mission,
            checklist=voting,
            team=team,
            observer=observers[team],
            polling_station=stations[rng.choice(["P1", "P2", "P3", "P4", "P6"])],
            answers=answers,
        )
    plan, _created = DeploymentPlan.objects.get_or_create(mission=mission)
    sample = StationSample.objects.create(
        plan=plan, seed=1, strata="region", allocation="stations", size=3, reserve_percent=0, population=6
    )
    r1 = SampleStratum.objects.create(sample=sample, key="R1", region=north, population=4, size=2, reserves=0)
    r2 = SampleStratum.objects.create(sample=sample, key="R2", region=south, population=2, size=1, reserves=0)
    for rank, (stratum, code) in enumerate([(r1, "P1"), (r1, "P2"), (r2, "P4")], start=1):
        SampledStation.objects.create(
            sample=sample, stratum=stratum, polling_station=stations[code], rank=rank, role="sampled"
        )
    forms = list(Submission.objects.filter(mission=mission).order_by("pk"))
    analyst = findings_mission.analyst
    waiting = {form.pk for form in forms[::9]}
    Submission.objects.filter(mission=mission).exclude(pk__in=waiting).update(tallied=True)
    _add(tallies_recount(checklists=list(Checklist.objects.filter(mission=mission))), sign=1)
    for form in {form.pk: form for form in forms[5::11] + forms[::27]}.values():  # tallied and not tallied ones
        form.refresh_from_db()
        review.submission_exclude(submission=form, reviewer=analyst, reason="Test.")
    return findings_mission


@pytest.mark.parametrize("sampled", [False, True])
@pytest.mark.parametrize("scope_of", ["mission", "voting", "north", "d1"])
def test_margins_from_the_tallies_are_those_of_every_form(busy, sampled, scope_of):
    mission = busy.mission
    if not sampled:
        StationSample.objects.filter(plan__mission=mission).delete()
    north, d1 = busy.regions[0], busy.districts[0]
    scope = {
        "mission": Scope(mission),
        "voting": Scope(mission, "voting"),
        "north": Scope(mission, region=north),
        "d1": Scope(mission, "voting", district=d1),
    }[scope_of]
    assert Submission.objects.filter(mission=mission, tallied=False).exists()
    assert Submission.objects.filter(mission=mission, review_status="excluded", tallied=True).exists()
    assert Team.objects.filter(mission=mission).count() == 3
    design = margins.design_of(scope=scope)
    rows, fractions, in_design = margins.rows_for_margins(scope=scope, design=design)
    reference, reference_fractions, left_out = reference_rows(scope, design)
    assert fractions == pytest.approx(reference_fractions)
    assert _shown(rows, fractions, design) == _shown(reference, reference_fractions, design)
    assert len(_shown(rows, fractions, design)) > 10
    if sampled:
        assert scope.submissions().count() - in_design == left_out
        tallied = margins._tallied(scope, dict(SampledStation.objects.values_list("polling_station_id", "stratum_id")))
        assert tallied.per_form  # a team counted from its forms: P6 lies in D1, outside the sample
