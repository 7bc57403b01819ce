"""Reads for reports: the statistics behind a report, aggregated in the database.

`findings_compute` is the one entry point; it runs a fixed handful of queries whatever the number of
submissions, and returns plain JSON (stored on the compilation, so the PDF can always be traced to its figures).
Labels come out in the language asked for: questions from the latest checklist version that has them,
regions from Region.label().
"""
import json
from contextlib import nullcontext

from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from mission.models import Mission, Region
from observers.checklists import ASSESSMENT_CODE, ASSESSMENT_VALUES, NEGATIVE_ASSESSMENTS, choice_values, label
from observers.models import CORE_ROLES, Assignment, Checklist, Observer, Submission

from . import report_texts
from .models import Compilation

CATEGORICAL_TYPES = ("yes_no", "single", "multiple")

# Counts per (checklist, question code, answer value) in one pass. Every answer is turned into an array with a
# trailing null, so the null "value" counts the submissions that answered the question (N), a multiple-choice
# answer counts once per choice, and a single or yes/no answer once.
_ANSWER_COUNTS_SQL = {
    "postgresql": """
        SELECT s.checklist_id, e.key, v.value, COUNT(*)
        FROM observers_submission s
        CROSS JOIN LATERAL jsonb_each(s.answers) AS e
        CROSS JOIN LATERAL jsonb_array_elements_text(
            CASE jsonb_typeof(e.value) WHEN 'array' THEN e.value ELSE jsonb_build_array(e.value) END
            || 'null'::jsonb
        ) AS v(value)
        WHERE s.mission_id = %s AND e.key = ANY(%s)
          AND e.value NOT IN ('""'::jsonb, '[]'::jsonb, 'null'::jsonb)
        GROUP BY 1, 2, 3
    """,
    "sqlite": """
        SELECT s.checklist_id, e.key, v.value, COUNT(*)
        FROM observers_submission s,
             json_each(s.answers) AS e,
             json_each(CASE e.type WHEN 'array' THEN json_insert(e.value, '$[#]', NULL)
                                   ELSE json_array(e.value, NULL) END) AS v
        WHERE s.mission_id = %s AND e.key IN (SELECT value FROM json_each(%s))
          AND e.type != 'null' AND NOT (e.type = 'text' AND e.value = '') AND NOT (e.type = 'array' AND e.value = '[]')
        GROUP BY 1, 2, 3
    """,
}


def _answer_counts(*, mission: Mission, codes: list[str]) -> list[tuple[int, str, str | None, int]]:
    """Rows (checklist id, question code, answer value or None for N, count)."""
    if not codes:
        return []
    vendor = connection.vendor
    codes_param = codes if vendor == "postgresql" else json.dumps(codes)
    postgres = vendor == "postgresql"
    with transaction.atomic() if postgres else nullcontext(), connection.cursor() as cursor:
        if postgres:
            # The set-returning functions make the planner guess millions of rows, and JIT compiling for that
            # guess costs more than the whole query (2 s of 5 s at 100,000 submissions).
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(_ANSWER_COUNTS_SQL[vendor], [mission.pk, codes_param])
        return cursor.fetchall()


def _questions_by_kind(checklists: list[Checklist]) -> dict[str, dict[str, dict]]:
    """{kind: {code: question}} over every version, the newest version's definition winning."""
    by_kind: dict[str, dict[str, dict]] = {}
    for checklist in sorted(checklists, key=lambda c: (c.kind, -c.version)):
        questions = by_kind.setdefault(checklist.kind, {})
        for question in checklist.questions:
            if question.get("type") in CATEGORICAL_TYPES:
                questions.setdefault(question["code"], question)
    return by_kind


def _answer_label(question: dict, value: str, language: str) -> str:
    if question["type"] == "yes_no":
        return report_texts.texts(language)["yes_no"].get(value, value)
    choice = next((c for c in question.get("choices", []) if c["value"] == value), None)
    return label(choice, language) if choice else value


def _question_rows(questions: dict[str, dict], counts: dict[str, dict], language: str) -> list[dict]:
    """Questions in form order, each with its answers in the form's choice order (then any unknown values)."""
    rows = []
    for code, question in questions.items():
        answered = counts.get(code, {})
        n = answered.get(None, 0)
        values = list(choice_values(question)) + sorted(v for v in answered if v is not None and v not in choice_values(question))
        rows.append({
            "code": code,
            "label": label(question, language),
            "type": question["type"],
            "n": n,
            "answers": [
                {
                    "value": value,
                    "label": _answer_label(question, value, language),
                    "count": answered.get(value, 0),
                    "percent": report_texts.percent(answered.get(value, 0), n),
                }
                for value in values
            ],
        })
    return rows


def _assessment_counts(*, mission: Mission) -> list[dict]:
    """Per form kind and region: submissions, those carrying an overall assessment, and negative ones."""
    return list(
        Submission.objects.filter(mission=mission)
        .values("checklist__kind", "polling_station__region_id")
        .annotate(
            submissions=Count("id"),
            assessed=Count("id", filter=Q(**{f"answers__{ASSESSMENT_CODE}__in": list(ASSESSMENT_VALUES)})),
            negative=Count("id", filter=Q(**{f"answers__{ASSESSMENT_CODE}__in": list(NEGATIVE_ASSESSMENTS)})),
        )
        .order_by()
    )


def _assessment(assessed: int, negative: int) -> dict:
    return {"n": assessed, "negative": negative, "percent": report_texts.percent(negative, assessed)}


def coverage_by_region(*, mission: Mission) -> QuerySet[Region]:
    """Regions with their polling stations: total, planned (in a team's plan), observed (with a submission)."""
    observed = Submission.objects.filter(mission=mission, polling_station__isnull=False).values("polling_station_id")
    planned = Assignment.objects.filter(polling_station__mission=mission).values("polling_station_id")
    return (
        Region.objects.filter(mission=mission)
        .annotate(
            stations=Count("polling_stations"),
            planned=Count("polling_stations", filter=Q(polling_stations__in=planned)),
            observed=Count("polling_stations", filter=Q(polling_stations__in=observed)),
            registered_voters=Coalesce(Sum("polling_stations__registered_voters"), 0),
        )
        .order_by("code")
    )


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


def findings_compute(*, mission: Mission, language: str) -> dict:
    """Every figure a report prints, as JSON. Five queries."""
    checklists = list(Checklist.objects.filter(mission=mission).only("kind", "version", "questions"))
    questions_by_kind = _questions_by_kind(checklists)
    kind_of_checklist = {c.pk: c.kind for c in checklists}

    codes = sorted({code for questions in questions_by_kind.values() for code in questions})
    counts: dict[str, dict[str, dict]] = {}
    for checklist_id, code, value, count in _answer_counts(mission=mission, codes=codes):
        kind = kind_of_checklist[checklist_id]
        if code in questions_by_kind.get(kind, {}):
            per_value = counts.setdefault(kind, {}).setdefault(code, {})
            per_value[value] = per_value.get(value, 0) + count

    regions = list(coverage_by_region(mission=mission))
    region_names = {region.pk: (region.code, region.label(language)) for region in regions}
    assessment_rows = _assessment_counts(mission=mission)
    teams = Submission.objects.filter(mission=mission).aggregate(n=Count("team_id", distinct=True))["n"]

    forms = []
    for kind in Checklist.Kind.values:
        if kind not in questions_by_kind:
            continue
        rows = [row for row in assessment_rows if row["checklist__kind"] == kind]
        by_region = sorted(
            (
                {"code": region_names[row["polling_station__region_id"]][0],
                 "name": region_names[row["polling_station__region_id"]][1],
                 **_assessment(row["assessed"], row["negative"])}
                for row in rows
                if row["polling_station__region_id"] is not None and row["assessed"]
            ),
            key=lambda item: item["code"],
        )
        forms.append({
            "kind": kind,
            "submissions": sum(row["submissions"] for row in rows),
            "has_assessment": ASSESSMENT_CODE in questions_by_kind[kind],
            "assessment": _assessment(sum(row["assessed"] for row in rows), sum(row["negative"] for row in rows)),
            "by_region": by_region,
            "questions": _question_rows(questions_by_kind[kind], counts.get(kind, {}), language),
        })

    return {
        "language": language,
        "submissions": sum(row["submissions"] for row in assessment_rows),
        "teams": teams,
        "forms": forms,
        "coverage": _coverage(regions, language),
    }


def findings_summary(findings: dict | None) -> dict | None:
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


def core_mission_of(*, user, slug: str) -> Mission | None:
    """The mission with this slug if the user is one of its coordinators or analysts."""
    return Mission.objects.filter(slug=slug, observers__user=user, observers__role__in=CORE_ROLES).first()
