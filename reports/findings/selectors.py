"""Reads for reports: the statistics behind a report, aggregated in the database.

`findings_compute` is the one entry point; it runs a fixed handful of queries whatever the number of
submissions, and returns plain JSON (stored on the compilation, so the PDF can always be traced to its figures).
Labels come out in the language asked for: questions from the latest checklist version that has them,
regions from Region.label().

Every figure is taken from `Scope.submissions()`: the mission's forms less those an analyst excluded, narrowed
to one form kind, region or district when asked. The answer counts, the forms and their overall assessments by
region and district, and the teams are read from the tallies (AnswerTally, kept by the outbox worker as forms
arrive: observers/submissions/tallies.py) for the forms tallied, and counted from the answers of the few not
tallied yet (`Scope.untallied()`), so a million forms add up as fast as a few thousand and the figures stay those
of the forms (the margins read them per team: reports/findings/margins.py).
`submissions_behind` lists the forms behind any one figure with the same rules, so a figure and its list always agree.
"""

import json
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    TextField,
    Value,
    When,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce, ExtractHour

from config.db.prepared import placeholders
from mission.models import Contestant, District, Mission, PollingStation, Region
from observers.checklists.definitions import (
    ASSESSMENT_CODE,
    ASSESSMENT_VALUES,
    NEGATIVE_ASSESSMENTS,
    TYPES,
    choice_values,
    is_relevant,
    label,
)
from observers.models import CORE_ROLES, AnswerTally, Assignment, Checklist, Observer, Submission, SubmissionFlag
from observers.submissions import tallies
from reports.documents import texts as report_texts
from reports.models import Compilation, Report

CATEGORICAL_TYPES = ("yes_no", "single", "multiple")
POSITIVE_ASSESSMENTS = tuple(value for value in ASSESSMENT_VALUES if value not in NEGATIVE_ASSESSMENTS)
# The standard forms' codes the time profile reads (observers/checklists/standard_forms): absent codes give empty
# profiles.
OPENED_ON_TIME_CODE, OPENING_TIME_CODE = "opened_on_time", "opening_time"
VOTERS_CODE, VOTED_CODE = "voters_on_list", "voted_by_visit"
BUCKET_MINUTES = 15


@dataclass(frozen=True)
class Scope:
    """What figures are about: a mission's counted forms, optionally of one kind and in one region or district."""

    mission: Mission
    kind: str | None = None
    region: Region | None = None
    district: District | None = None

    @cached_property
    def checklists(self) -> list[Checklist]:
        """The versions of the forms in scope (of its kind, if it has one). One query, the first time."""
        checklists = Checklist.objects.filter(mission=self.mission).only("kind", "version", "questions")
        return list(checklists.filter(kind=self.kind) if self.kind else checklists)

    def checklist_ids(self, kind: str) -> list[int]:
        return [checklist.pk for checklist in self.checklists if checklist.kind == kind]

    def kind_of_form(self) -> Case:
        """The form kind of a submission, from its checklist id: filtering or grouping by the checklist's kind
        through a join leaves the planner guessing (a table of a few rows is never analysed) and it sorts the forms
        to disk instead of hashing them."""
        by_kind: dict[str, list[int]] = defaultdict(list)
        for checklist in self.checklists:
            by_kind[checklist.kind].append(checklist.pk)
        return Case(
            *(When(checklist_id__in=ids, then=Value(kind)) for kind, ids in by_kind.items()),
            output_field=CharField(),
        )

    def all_submissions(self) -> QuerySet[Submission]:
        """In scope whatever their review status (excluded ones too)."""
        submissions = Submission.objects.filter(mission=self.mission)
        if self.kind:
            submissions = submissions.filter(checklist_id__in=self.checklist_ids(self.kind))
        return submissions.filter(self.in_area())

    def in_area(self) -> Q:
        """Rows whose polling_station lies in the scope's district or region (any, without one)."""
        if self.district:
            return Q(polling_station__district=self.district)
        return Q(polling_station__region=self.region) if self.region else Q()

    def submissions(self) -> QuerySet[Submission]:
        """The forms every figure counts."""
        return self.all_submissions().counted()

    def untallied(self) -> QuerySet[Submission]:
        """The forms counted whose answers are not in the tallies yet: counted from their answers."""
        return self.submissions().filter(tallied=False)

    def tallies(self) -> QuerySet[AnswerTally]:
        """The tallies of the forms in scope (tallied and counted)."""
        tallies = AnswerTally.objects.filter(mission=self.mission, checklist_id__in=[c.pk for c in self.checklists])
        if self.district:
            return tallies.filter(district_id=self.district.pk)
        return tallies.filter(region_id=self.region.pk) if self.region else tallies

    def as_json(self) -> dict:
        return {
            "kind": self.kind,
            "region": self.region.code if self.region else None,
            "district": self.district.code if self.district else None,
        }


class AnswerIs(Func):
    """True when the answer to `code` is one of `values` (a multiple-choice answer: includes one of them); with no
    values, when the question was answered at all (not blank, not an empty list). The rule the answer counts use."""

    output_field = BooleanField()

    def __init__(self, code: str, values: tuple[str, ...] = ()):
        super().__init__(F("answers"))
        self.code, self.values = code, tuple(values)

    def as_postgresql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        if self.values:
            # jsonb containment: a scalar contains itself, an array each of its elements
            return f"(({column} -> %s) @> ANY(%s::jsonb[]))", [*params, self.code, [json.dumps(v) for v in self.values]]
        return (
            f"(COALESCE({column} -> %s, 'null'::jsonb) NOT IN ('\"\"'::jsonb, '[]'::jsonb, 'null'::jsonb))",
            [*params, self.code],
        )

    def as_sqlite(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        # json_each over a scalar gives one row, over an array one row per element
        if self.values:
            condition, condition_params = f"value IN ({placeholders(len(self.values))})", list(self.values)
        else:
            condition, condition_params = "value IS NOT NULL AND value != ''", []
        return (
            f"EXISTS (SELECT 1 FROM json_each({column}, %s) WHERE {condition})",
            [*params, f'$."{self.code}"', *condition_params],
        )


# Counts per (checklist, question code, answer value) in one pass over the forms in scope (`{submissions}`: a
# subquery with checklist_id and answers). Forms are first grouped by their answers less the questions that are not
# tabulated (`%s`: those codes): many forms answer alike, so far fewer rows are expanded. Every answer is then turned
# into an array with a trailing null, so the null "value" counts the forms that answered the question (N), a
# multiple-choice answer counts once per choice, and a single or yes/no answer once.
_ANSWER_COUNTS_SQL = {
    "postgresql": """
        WITH forms AS (
            SELECT s.checklist_id{keys_s}, s.answers - %s::text[] AS answers, COUNT(*) AS n
            FROM ({submissions}) s
            GROUP BY {forms_groups}
        )
        SELECT f.checklist_id, e.key, v.value, SUM(f.n){keys_f}
        FROM forms f
        CROSS JOIN LATERAL jsonb_each(f.answers) AS e
        CROSS JOIN LATERAL jsonb_array_elements_text(
            CASE jsonb_typeof(e.value) WHEN 'array' THEN e.value ELSE jsonb_build_array(e.value) END
            || 'null'::jsonb
        ) AS v(value)
        WHERE e.key = ANY(%s)
          AND e.value NOT IN ('""'::jsonb, '[]'::jsonb, 'null'::jsonb)
        GROUP BY 1, 2, 3{keys_f}
    """,
    "sqlite": """
        WITH forms AS (
            SELECT s.checklist_id{keys_s}, json_remove(s.answers{removed}) AS answers, COUNT(*) AS n
            FROM ({submissions}) s
            GROUP BY {forms_groups}
        )
        SELECT f.checklist_id, e.key, v.value, SUM(f.n){keys_f}
        FROM forms f,
             json_each(f.answers) AS e,
             json_each(CASE e.type WHEN 'array' THEN json_insert(e.value, '$[#]', NULL)
                                   ELSE json_array(e.value, NULL) END) AS v
        WHERE e.key IN (SELECT value FROM json_each(%s))
          AND e.type != 'null' AND NOT (e.type = 'text' AND e.value = '') AND NOT (e.type = 'array' AND e.value = '[]')
        GROUP BY 1, 2, 3{keys_f}
    """,
}


def _answer_counts(
    *, submissions: QuerySet[Submission], codes: list[str], untabulated: list[str], keys: tuple[str, ...] = ()
) -> list[tuple]:
    """Rows (checklist id, question code, answer value or None for N, count, *keys): `keys` are further columns
    of `submissions` (names of fields or annotations) to count by, e.g. the team (reports.findings.margins)."""
    if not codes:
        return []
    vendor = connection.vendor
    inner, inner_params = submissions.order_by().values("checklist_id", *keys, "answers").query.sql_with_params()
    columns = {
        "keys_s": "".join(f", s.{connection.ops.quote_name(key)}" for key in keys),
        "keys_f": "".join(f", f.{connection.ops.quote_name(key)}" for key in keys),
        "forms_groups": ", ".join(str(position) for position in range(1, len(keys) + 3)),
    }
    if vendor == "postgresql":
        sql = _ANSWER_COUNTS_SQL[vendor].format(submissions=inner, **columns)
        params = [untabulated, *inner_params, codes]
    else:
        removed = "".join(", %s" for _ in untabulated)
        sql = _ANSWER_COUNTS_SQL[vendor].format(submissions=inner, removed=removed, **columns)
        params = [*(f'$."{code}"' for code in untabulated), *inner_params, json.dumps(codes)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(row[0], row[1], row[2], int(row[3]), *row[4:]) for row in cursor.fetchall()]


@contextmanager
def _tuned_for_aggregation():
    """On PostgreSQL, settings for the large aggregations of the findings, for their transaction only.

    No JIT: the set-returning functions make the planner guess millions of rows, and JIT compiling for that guess
    costs more than the whole query (2 s of 5 s at 100,000 submissions). More work memory: with the default 4 MB
    the planner sorts the forms, answers and all, on disk to group them; with 32 MB it hashes the groups (the
    queries take half the time).
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off; SET LOCAL work_mem = '32MB'")
        yield


def _questions_by_kind(checklists: list[Checklist], types=CATEGORICAL_TYPES) -> dict[str, dict[str, dict]]:
    """{kind: {code: question}} of the given types over every version, the newest version's definition winning."""
    by_kind: dict[str, dict[str, dict]] = {}
    for checklist in sorted(checklists, key=lambda c: (c.kind, -c.version)):
        questions = by_kind.setdefault(checklist.kind, {})
        for question in checklist.questions:
            if question.get("type") in types:
                questions.setdefault(question["code"], question)
    return by_kind


def questions_of(*, mission: Mission, kind: str | None = None) -> dict[str, dict]:
    """{code: question} of every type in the mission's forms (of one kind if given), the newest definition winning."""
    checklists = Checklist.objects.filter(mission=mission).only("kind", "version", "questions")
    by_kind = _questions_by_kind(list(checklists.filter(kind=kind) if kind else checklists), types=TYPES)
    return {code: question for questions in by_kind.values() for code, question in questions.items()}


def answer_label(*, question: dict, value: str, language: str) -> str:
    if question["type"] == "yes_no":
        return report_texts.texts(language)["yes_no"].get(value, value)
    choice = next((c for c in question.get("choices", []) if c["value"] == value), None)
    return label(choice, language) if choice else value


def _question_rows(questions: dict[str, dict], counts: dict[str, dict], language: str) -> list[dict]:
    """Questions in form order, each with its answers in the form's choice order (then any unknown values).

    N counts every form that answered; the per cent is taken of the `denominator`, which for a yes/no question
    leaves out "not applicable" (ODIHR practice: "group voting was observed in 12 per cent" is yes of yes + no).
    """
    rows = []
    for code, question in questions.items():
        answered = counts.get(code, {})
        n = answered.get(None, 0)
        yes_no = question["type"] == "yes_no"
        denominator = answered.get("yes", 0) + answered.get("no", 0) if yes_no else n
        values = list(choice_values(question)) + sorted(
            v for v in answered if v is not None and v not in choice_values(question)
        )
        rows.append(
            {
                "code": code,
                "label": label(question, language),
                "type": question["type"],
                "n": n,
                "denominator": denominator,
                "answers": [
                    {
                        "value": value,
                        "label": answer_label(question=question, value=value, language=language),
                        "count": answered.get(value, 0),
                        "percent": None
                        if yes_no and value == "na"
                        else report_texts.percent(answered.get(value, 0), denominator),
                    }
                    for value in values
                ],
            }
        )
    return rows


def _assessment_counts(scope: Scope) -> list[dict]:
    """Per form kind, region and district: submissions, those carrying an overall assessment, and negative ones."""
    kind_of = {checklist.pk: checklist.kind for checklist in scope.checklists}
    assessment = Q(code=ASSESSMENT_CODE, value__in=ASSESSMENT_VALUES)
    tallied = (
        scope.tallies()
        .filter(Q(code="") | assessment)
        .values("checklist_id", "region_id", "district_id")
        .annotate(
            submissions=Coalesce(Sum("count", filter=Q(code="")), 0),
            assessed=Coalesce(Sum("count", filter=assessment), 0),
            negative=Coalesce(Sum("count", filter=Q(code=ASSESSMENT_CODE, value__in=NEGATIVE_ASSESSMENTS)), 0),
        )
        .order_by()
    )
    merged: dict[tuple, dict] = {}
    for row in [
        {
            "kind": kind_of[row["checklist_id"]],
            "polling_station__region_id": row["region_id"] or None,
            "polling_station__district_id": row["district_id"] or None,
            **{key: row[key] for key in ("submissions", "assessed", "negative")},
        }
        for row in tallied
    ] + _assessment_counts_untallied(scope):
        key = (row["kind"], row["polling_station__region_id"], row["polling_station__district_id"])
        if key in merged:
            for figure in ("submissions", "assessed", "negative"):
                merged[key][figure] += row[figure]
        else:
            merged[key] = row
    return list(merged.values())


def _assessment_counts_untallied(scope: Scope) -> list[dict]:
    return list(
        scope.untallied()
        .annotate(kind=scope.kind_of_form())
        .values("kind", "polling_station__region_id", "polling_station__district_id")
        .annotate(
            submissions=Count("id"),
            assessed=Count("id", filter=Q(**{f"answers__{ASSESSMENT_CODE}__in": list(ASSESSMENT_VALUES)})),
            negative=Count("id", filter=Q(**{f"answers__{ASSESSMENT_CODE}__in": list(NEGATIVE_ASSESSMENTS)})),
        )
        .order_by()
    )


def _assessment(assessed: int, negative: int) -> dict:
    return {"n": assessed, "negative": negative, "percent": report_texts.percent(negative, assessed)}


def _assessment_by(rows: list[dict], key: str, names: dict[int, dict]) -> list[dict]:
    """Overall assessments summed per region or district (`key`), those with at least one, by code."""
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        if row[key] is not None and row["assessed"]:
            totals[row[key]][0] += row["assessed"]
            totals[row[key]][1] += row["negative"]
    return sorted(
        ({**names[pk], **_assessment(assessed, negative)} for pk, (assessed, negative) in totals.items()),
        key=lambda item: item["code"],
    )


def coverage_by_region(*, mission: Mission, scope: Scope | None = None) -> QuerySet[Region]:
    """Regions with their polling stations: total, planned (in a team's plan), observed (with a counted form).

    With a scope: observed by forms of its kind (planned for that purpose), only its region's or district's stations.
    """
    scope = scope or Scope(mission)
    observed_tallied = (
        scope.tallies().filter(code=tallies.STATION, count__gt=0).values(station=Cast("value", IntegerField()))
    )
    observed_untallied = scope.untallied().filter(polling_station__isnull=False).values("polling_station_id")
    planned = Assignment.objects.filter(polling_station__mission=mission)
    if scope.kind in Assignment.Purpose.values:
        planned = planned.filter(purpose=scope.kind)
    regions, in_area = Region.objects.filter(mission=mission), Q()
    if scope.district:
        regions, in_area = regions.filter(pk=scope.district.region_id), Q(polling_stations__district=scope.district)
    elif scope.region:
        regions = regions.filter(pk=scope.region.pk)
    return regions.annotate(
        stations=Count("polling_stations", filter=in_area or None),
        planned=Count(
            "polling_stations", filter=Q(polling_stations__in=planned.values("polling_station_id")) & in_area
        ),
        observed=Count(
            "polling_stations",
            filter=(Q(polling_stations__in=observed_tallied) | Q(polling_stations__in=observed_untallied)) & in_area,
        ),
        registered_voters=Coalesce(Sum("polling_stations__registered_voters", filter=in_area or None), 0),
    ).order_by("code")


def _coverage(regions: list[Region], language: str) -> dict:
    rows = [
        {
            "code": region.code,
            "name": region.label(language),
            "stations": region.stations,
            "planned": region.planned,
            "observed": region.observed,
            "registered_voters": region.registered_voters,
        }
        for region in regions
    ]
    total = {key: sum(row[key] for row in rows) for key in ("stations", "planned", "observed", "registered_voters")}
    return {
        "regions": rows,
        "total": total,
        "regions_total": len(rows),
        "regions_observed": sum(1 for row in rows if row["observed"]),
    }


def _opening_times(scope: Scope, on_time: dict) -> dict | None:
    """Opening forms by the time a late station opened, in BUCKET_MINUTES buckets, with the on-time count."""
    if scope.kind not in (None, Checklist.Kind.OPENING):
        return None
    opening = scope.checklist_ids(Checklist.Kind.OPENING)
    tallied = (
        scope.tallies()
        .filter(code=tallies.OPENED_AT, checklist_id__in=opening)
        .values(time=F("value"))
        .annotate(forms=Sum("count"))
        .order_by()
    )
    untallied = (
        scope.untallied()
        .filter(AnswerIs(OPENING_TIME_CODE), checklist_id__in=opening)
        .values(time=KT(f"answers__{OPENING_TIME_CODE}"))
        .annotate(forms=Count("id"))
        .order_by()
    )
    counts: dict[int, int] = defaultdict(int)
    for row in [*tallied, *untallied]:
        if not row["forms"]:
            continue
        hours, minutes = row["time"].split(":")
        counts[(int(hours) * 60 + int(minutes)) // BUCKET_MINUTES] += row["forms"]
    n = sum(counts.values())
    buckets = []
    if counts:
        for bucket in range(min(counts), max(counts) + 1):
            start = bucket * BUCKET_MINUTES
            buckets.append(
                {
                    "from": f"{start // 60:02d}:{start % 60:02d}",
                    "to": f"{(start + BUCKET_MINUTES) // 60 % 24:02d}:{(start + BUCKET_MINUTES) % 60:02d}",
                    "count": counts[bucket],
                    "percent": report_texts.percent(counts[bucket], n),
                }
            )
    return {
        "bucket_minutes": BUCKET_MINUTES,
        "on_time": on_time.get("yes", 0),
        "late": on_time.get("no", 0),
        "n": n,
        "buckets": buckets,
    }


def turnout_by_hour(scope: Scope) -> list[dict]:
    """Voting forms by the hour of the visit (mission's time zone): voters who had voted over voters on the list."""
    if scope.kind not in (None, Checklist.Kind.VOTING):
        return []
    hours = sorted(turnout_counts(scope).items())
    return [
        {"hour": hour, **row, "percent": report_texts.percent(row["voted"], row["voters"])} for (hour,), row in hours
    ]


def turnout_counts(scope: Scope, *, by_region: bool = False) -> dict[tuple, dict]:
    """{(hour,) or (region id or None, hour): {"forms", "voted", "voters"}} of the voting forms in scope that answer
    both turnout questions, from the tallies and the forms not tallied yet; groups of no form left out."""
    voting = scope.checklist_ids(Checklist.Kind.VOTING)
    zone = ZoneInfo(scope.mission.time_zone)
    region = ("polling_station__region_id",) if by_region else ()
    untallied = (
        scope.untallied()
        .filter(AnswerIs(VOTERS_CODE), AnswerIs(VOTED_CODE), checklist_id__in=voting)
        .annotate(hour=ExtractHour("observed_at", tzinfo=zone))
        .values_list(*region, "hour")
        .annotate(
            forms=Count("id"),
            voted=Sum(Cast(KT(f"answers__{VOTED_CODE}"), IntegerField())),
            voters=Sum(Cast(KT(f"answers__{VOTERS_CODE}"), IntegerField())),
        )
        .order_by()
    )
    figure = {tallies.TURNOUT: "forms", tallies.VOTERS: "voters", tallies.VOTED: "voted"}
    tallied = (
        scope.tallies()
        .filter(code__in=figure, checklist_id__in=voting)
        .values_list(*(("region_id",) if by_region else ()), "code", "value")
        .annotate(total=Sum("count"))
        .order_by()
    )
    counts: dict[tuple, dict] = defaultdict(lambda: {"forms": 0, "voted": 0, "voters": 0})
    for *key, forms, voted, voters in untallied:
        row = counts[tuple(key)]
        row["forms"], row["voted"], row["voters"] = row["forms"] + forms, row["voted"] + voted, row["voters"] + voters
    for *area, code, hour, total in tallied:
        counts[(area[0] or None, int(hour)) if by_region else (int(hour),)][figure[code]] += total  # region 0: none
    return {key: row for key, row in counts.items() if row["forms"]}


def _disagreements(scope: Scope, region_names: dict[int, dict], district_names: dict[int, dict]) -> list[dict]:
    """Stations where two teams' forms of one kind disagree: one assessed positively, another negatively."""
    kind_of = {checklist.pk: checklist.kind for checklist in scope.checklists}
    # (kind, station) -> [teams that assessed, positive forms, negative forms]
    stations: dict[tuple[str, int], list] = defaultdict(lambda: [set(), 0, 0])

    def add(kind, station_id, team_id, positive, negative):
        figures = stations[(kind, station_id)]
        figures[0].add(team_id)
        figures[1] += positive
        figures[2] += negative

    tallied = scope.tallies().filter(code=tallies.ASSESSED, count__gt=0).values_list("checklist_id", "team_id", "value")
    for checklist_id, team_id, value, count in tallied.annotate(total=Sum("count")).order_by():
        station, polarity = value.split(":")
        add(kind_of[checklist_id], int(station), team_id, *((count, 0) if polarity == "+" else (0, count)))
    untallied = (
        scope.untallied()
        .filter(polling_station__isnull=False, **{f"answers__{ASSESSMENT_CODE}__in": list(ASSESSMENT_VALUES)})
        .annotate(kind=scope.kind_of_form())
        .values("kind", "polling_station_id", "team_id")
        .annotate(
            positive=Count("id", filter=Q(**{f"answers__{ASSESSMENT_CODE}__in": list(POSITIVE_ASSESSMENTS)})),
            negative=Count("id", filter=Q(**{f"answers__{ASSESSMENT_CODE}__in": list(NEGATIVE_ASSESSMENTS)})),
        )
        .order_by()
    )
    for row in untallied:
        add(row["kind"], row["polling_station_id"], row["team_id"], row["positive"], row["negative"])
    disagreeing = {key: figures for key, figures in stations.items() if len(figures[0]) > 1 and all(figures[1:])}
    if not disagreeing:
        return []
    found = PollingStation.objects.filter(pk__in={station for _, station in disagreeing})
    by_id = {row["pk"]: row for row in found.values("pk", "code", "name", "region_id", "district_id")}
    rows = [
        {
            "kind": kind,
            "station_code": by_id[station]["code"],
            "station_name": by_id[station]["name"],
            "region": region_names[by_id[station]["region_id"]],
            "district": district_names.get(by_id[station]["district_id"]),
            "positive": positive,
            "negative": negative,
        }
        for (kind, station), (_, positive, negative) in disagreeing.items()
    ]
    return sorted(rows, key=lambda row: (row["station_code"], row["kind"]))


def findings_compute(
    *,
    mission: Mission,
    language: str,
    kind: str | None = None,
    region: Region | None = None,
    district: District | None = None,
) -> dict:
    """Every figure a report prints, as JSON, from the forms in scope (see `Scope`). Fifteen queries (one more
    where stations disagree): each figure from the tallies and from the forms not tallied yet."""
    with _tuned_for_aggregation():
        return _findings(Scope(mission, kind, region, district), language)


def _answer_counts_by_kind(scope: Scope, checklists: list[Checklist]) -> tuple[dict, dict]:
    """({kind: {code: question}} of the tabulated questions, {kind: {code: {value or None: count}}})."""
    questions_by_kind = _questions_by_kind(checklists)
    kind_of_checklist = {c.pk: c.kind for c in checklists}
    codes = sorted({code for questions in questions_by_kind.values() for code in questions})
    every_code = {code for questions in _questions_by_kind(checklists, types=TYPES).values() for code in questions}
    counts: dict[str, dict[str, dict]] = {}
    tallied = (
        scope.tallies()
        .filter(code__in=codes)
        .values_list("checklist_id", "code", "value")
        .annotate(total=Sum("count"))
        .order_by()
    )
    rows = [(checklist_id, code, value or None, count) for checklist_id, code, value, count in tallied]
    for checklist_id, code, value, count in rows + _answer_counts(
        submissions=scope.untallied(), codes=codes, untabulated=sorted(every_code - set(codes))
    ):
        kind = kind_of_checklist[checklist_id]
        if code in questions_by_kind.get(kind, {}):
            per_value = counts.setdefault(kind, {}).setdefault(code, {})
            per_value[value] = per_value.get(value, 0) + count
    return questions_by_kind, counts


def _findings(scope: Scope, language: str) -> dict:
    mission = scope.mission
    questions_by_kind, counts = _answer_counts_by_kind(scope, scope.checklists)
    regions = list(coverage_by_region(mission=mission, scope=scope))
    region_names = {region.pk: {"code": region.code, "name": region.label(language)} for region in regions}
    district_names = {
        district.pk: {
            "code": district.code,
            "name": district.label(language),
            "region_code": region_names[district.region_id]["code"],
        }
        for district in District.objects.filter(mission=mission, region_id__in=region_names)
    }
    assessment_rows = _assessment_counts(scope)
    forms = []
    for kind in Checklist.Kind.values:
        if kind not in questions_by_kind:
            continue
        rows = [row for row in assessment_rows if row["kind"] == kind]
        forms.append(
            {
                "kind": kind,
                "submissions": sum(row["submissions"] for row in rows),
                "has_assessment": ASSESSMENT_CODE in questions_by_kind[kind],
                "assessment": _assessment(sum(row["assessed"] for row in rows), sum(row["negative"] for row in rows)),
                "by_region": _assessment_by(rows, "polling_station__region_id", region_names),
                "by_district": _assessment_by(rows, "polling_station__district_id", district_names),
                "questions": _question_rows(questions_by_kind[kind], counts.get(kind, {}), language),
            }
        )
    return {
        "language": language,
        "scope": scope.as_json(),
        "submissions": sum(row["submissions"] for row in assessment_rows),
        "teams": len(_teams(scope)),
        "forms": forms,
        "coverage": _coverage(regions, language),
        "time_profile": {
            "time_zone": mission.time_zone,
            "opening_times": _opening_times(scope, counts.get(Checklist.Kind.OPENING, {}).get(OPENED_ON_TIME_CODE, {})),
            "turnout_by_hour": turnout_by_hour(scope),
        },
        "disagreements": _disagreements(scope, region_names, district_names),
    }


def _teams(scope: Scope) -> set[int]:
    """The teams with a form in scope."""
    tallied = scope.tallies().filter(code="", count__gt=0).values_list("team_id", flat=True).order_by()
    return set(tallied.union(scope.untallied().values_list("team_id", flat=True).order_by()))


def submissions_behind(
    *,
    scope: Scope,
    status: str = "counted",
    question: str | None = None,
    values: tuple[str, ...] = (),
    time_from: str | None = None,
    time_to: str | None = None,
    answered: tuple[str, ...] = (),
    hour: int | None = None,
    station=None,
) -> QuerySet[Submission]:
    """The forms behind a figure, by the rules that counted it.

    status: "counted" (what figures count), "all", or one review status. question with values: the answer is one of
    them (a multiple choice includes one); without: answered. time_from / time_to: a time answer to `question` in
    [from, to) (HH:MM compares as text). answered: codes that must be answered. hour: of the visit, mission time.
    """
    submissions = scope.submissions() if status == "counted" else scope.all_submissions()
    if status not in ("counted", "all"):
        submissions = submissions.filter(review_status=status)
    if question:
        submissions = submissions.filter(AnswerIs(question, values))
    if question and (time_from or time_to):
        # cast: a key transform's own comparisons would read the bound as JSON
        submissions = submissions.annotate(answer_text=Cast(KT(f"answers__{question}"), TextField()))
        if time_from:
            submissions = submissions.filter(answer_text__gte=time_from)
        if time_to:
            submissions = submissions.filter(answer_text__lt=time_to)
    for code in answered:
        submissions = submissions.filter(AnswerIs(code))
    if hour is not None:
        zone = ZoneInfo(scope.mission.time_zone)
        submissions = submissions.annotate(hour=ExtractHour("observed_at", tzinfo=zone)).filter(hour=hour)
    if station is not None:
        submissions = submissions.filter(polling_station=station)
    return submissions


def submissions_listed(*, submissions: QuerySet[Submission]) -> QuerySet[Submission]:
    """A list's rows: what a row shows (the overall assessment as `assessment`), newest first, without the answers."""
    return (
        submissions.select_related(
            "checklist", "team", "polling_station__region", "polling_station__district", "reviewed_by"
        )
        .annotate(assessment=KT(f"answers__{ASSESSMENT_CODE}"))
        .defer("answers", "checklist__questions", "checklist__title")
        .order_by("-observed_at", "-id")
    )


def _votes_shown(votes: dict, contestants: dict, language: str) -> str:
    """A protocol's votes by contestant: by name, in ballot order (a code no longer on the ballot last)."""

    def order(code: str) -> tuple:
        return (contestants[code].number, code) if code in contestants else (1 << 16, code)

    return ", ".join(
        f"{contestants[code].label(language) if code in contestants else code} {votes[code]}"
        for code in sorted(votes, key=order)
    )


def submission_answers(*, submission: Submission, language: str) -> list[dict]:
    """The form's questions in order, each with its answer labelled in `language` (follow-ups not asked are left
    out); `section` is set on the first question of each section."""
    rows, contestants = [], None
    for question in submission.checklist.questions:
        if not is_relevant(question, submission.answers):
            continue
        value = submission.answers.get(question["code"])
        if question["type"] in CATEGORICAL_TYPES and value not in (None, "", []):
            values = value if isinstance(value, list) else [value]
            shown = ", ".join(answer_label(question=question, value=v, language=language) for v in values)
        elif question["type"] == "votes" and isinstance(value, dict):
            if contestants is None:  # one query, for the first votes question
                contestants = {c.code: c for c in Contestant.objects.filter(mission_id=submission.mission_id)}

            shown = _votes_shown(value, contestants, language)
        else:
            shown = "" if value is None else str(value)
        section = question.get("section")
        rows.append(
            {
                "code": question["code"],
                "section": label({"labels": section}, language) if section else "",
                "label": label(question, language),
                "answer": shown,
                "negative": question["code"] == ASSESSMENT_CODE and value in NEGATIVE_ASSESSMENTS,
            }
        )
    return rows


def flags_of(*, scope: Scope) -> QuerySet[SubmissionFlag]:
    """Answers on which two teams' forms at one station disagree, as recorded when the forms arrived
    (observers/submissions/flags.py), between forms that still count."""
    flags = SubmissionFlag.objects.filter(mission=scope.mission).exclude(
        Q(first__review_status=Submission.ReviewStatus.EXCLUDED)
        | Q(second__review_status=Submission.ReviewStatus.EXCLUDED)
    )
    if scope.kind:
        flags = flags.filter(kind=scope.kind)
    return (
        flags.filter(scope.in_area())
        .select_related("polling_station", "first__team", "second__team")
        .defer("first__answers", "second__answers")
        .order_by("polling_station__code", "kind", "question")
    )


def findings_summary(*, findings: dict | None) -> dict | None:
    """The headline figures of stored findings, for lists and the API."""
    if not findings:
        return None
    return {
        "submissions": findings["submissions"],
        "stations_observed": findings["coverage"]["total"]["observed"],
        "stations_total": findings["coverage"]["total"]["stations"],
        "forms": [
            {"kind": form["kind"], "submissions": form["submissions"], **form["assessment"]}
            for form in findings["forms"]
        ],
    }


def compilations_of_mission(*, mission: Mission) -> QuerySet[Compilation]:
    return (
        Compilation.objects.filter(report__mission=mission)
        .select_related("report__mission", "requested_by")
        .defer("findings")
    )


def compilations_visible_to(*, user) -> QuerySet[Compilation]:
    """Compilations of the missions where the user is a coordinator or an analyst."""
    core_missions = Observer.objects.filter(user=user, role__in=CORE_ROLES).values("mission_id")
    return Compilation.objects.filter(report__mission_id__in=core_missions).select_related(
        "report__mission", "requested_by"
    )


def reports_visible_to(*, user) -> QuerySet[Report]:
    """Reports of the missions where the user is a coordinator or an analyst."""
    core_missions = Observer.objects.filter(user=user, role__in=CORE_ROLES).values("mission_id")
    return Report.objects.filter(mission_id__in=core_missions).select_related("mission").order_by("pk")


def core_mission_of(*, user, slug: str) -> Mission | None:
    """The mission with this slug if the user is one of its coordinators or analysts."""
    return Mission.objects.filter(slug=slug, observers__user=user, observers__role__in=CORE_ROLES).first()
