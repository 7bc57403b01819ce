"""Reading the register: the filtered list, counts by body, subject and outcome, deadlines, an appeal chain.
Every page and report block takes its figures from here, so the register and the reports never disagree."""

import datetime as dt

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from mission.cases.models import CaseFile, Decision


def deadline_missed(*, on: dt.date) -> Q:
    """Decided after the deadline, or still pending when the deadline had passed by `on`."""
    return Q(deadline__isnull=False) & (Q(decided_on__gt=F("deadline")) | Q(decided_on__isnull=True, deadline__lt=on))


def deadline_kept() -> Q:
    return Q(deadline__isnull=False, decided_on__lte=F("deadline"))


def case_files_filtered(*, cases: QuerySet[CaseFile], filters: dict, today: dt.date) -> QuerySet[CaseFile]:
    """`filters`: a CaseFilterForm's cleaned data (or part of it)."""
    for name in ("body", "subject", "decision", "source"):
        if filters.get(name):
            cases = cases.filter(**{name: filters[name]})
    if filters.get("region"):
        cases = cases.filter(region=filters["region"])
    if filters.get("filed_from"):
        cases = cases.filter(filed_on__gte=filters["filed_from"])
    if filters.get("filed_to"):
        cases = cases.filter(filed_on__lte=filters["filed_to"])
    if filters.get("key"):
        cases = cases.filter(is_key=True)
    stage = filters.get("stage")
    if stage:
        cases = cases.filter(appeal_of__isnull=stage == "complaint")
    deadline = filters.get("deadline")
    if deadline == "missed":
        cases = cases.filter(deadline_missed(on=today))
    elif deadline == "kept":
        cases = cases.filter(deadline_kept())
    elif deadline == "none":
        cases = cases.filter(deadline__isnull=True)
    if filters.get("q"):
        text = filters["q"]
        cases = cases.filter(Q(number__iexact=text) | Q(complainant__icontains=text) | Q(summary__icontains=text))
    return cases


def case_files_listed(*, cases: QuerySet[CaseFile]) -> QuerySet[CaseFile]:
    """A list's rows: with what a row shows, in one query. Appeals are counted by a subquery, which the paginator's
    count leaves out and PostgreSQL runs for the page's rows only (a grouped count would group the whole register)."""
    appeals = CaseFile.objects.filter(appeal_of=OuterRef("pk")).order_by().values("appeal_of").annotate(n=Count("id"))
    return (
        cases.select_related("region", "commission", "complainant_party", "appeal_of")
        .annotate(appeal_count=Coalesce(Subquery(appeals.values("n")), 0))
        .defer("summary", "remedy")
        .order_by("-filed_on", "-id")
    )


UPHELD = (Decision.UPHELD, Decision.PARTLY_UPHELD)


def case_outcomes(*, cases: QuerySet[CaseFile], by: str) -> dict[str, dict[str, int]]:
    """Per value of `by` (body or subject): "n" cases, one count per decision, and "upheld_any" (in full or in
    part), counted in the database."""
    decisions = {code: Count("id", filter=Q(decision=code)) for code in Decision.values}
    rows = (
        cases.order_by()
        .values(by)
        .annotate(n=Count("id"), upheld_any=Count("id", filter=Q(decision__in=UPHELD)), **decisions)
    )
    return {row.pop(by): row for row in rows}


def case_deadlines(*, cases: QuerySet[CaseFile], on: dt.date) -> dict[str, int]:
    return cases.aggregate(
        with_deadline=Count("id", filter=Q(deadline__isnull=False)),
        missed=Count("id", filter=deadline_missed(on=on)),
        kept=Count("id", filter=deadline_kept()),
    )


def case_chain(*, case: CaseFile) -> tuple[list[CaseFile], list[tuple[int, CaseFile]]]:
    """What `case` appeals (first complaint first) and the appeals of it, each with its depth (1: appeals it)."""
    above, current = [], case
    while current.appeal_of_id is not None:
        current = CaseFile.objects.select_related("commission").get(pk=current.appeal_of_id)
        above.insert(0, current)
    below, level, depth = [], [case.pk], 1
    while level:
        appeals = list(CaseFile.objects.select_related("commission").filter(appeal_of__in=level).order_by("filed_on"))
        below.extend((depth, appeal) for appeal in appeals)
        level, depth = [appeal.pk for appeal in appeals], depth + 1
    return above, below


def key_cases(*, cases: QuerySet[CaseFile], limit: int) -> QuerySet[CaseFile]:
    """The cases marked key, in filing order, with what they appeal and how many appeals they had."""
    return (
        cases.filter(is_key=True)
        .select_related("commission", "appeal_of")
        .annotate(appeal_count=Count("appeals"))
        .order_by("filed_on", "id")[:limit]
    )
