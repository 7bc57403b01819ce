"""Publishing form versions. A version that has submissions never changes: an edit publishes a new version."""

import re

from django.db import IntegrityError, transaction

from mission.models import Mission
from observers.checklists.definitions import choice_values, validate_definition
from observers.models import Checklist
from observers.submissions.tallies import tabulated_codes, tallies_codes_change

FORM_LANGUAGES = ("en", "ru", "kk")
_QUESTION_PROBLEM = re.compile(r"^question (\d+) \(.*?\): (.*)$", re.DOTALL)


class ChecklistError(Exception):
    """A publish or update refused; `problems` says why, one message each."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


class ChecklistInvalid(ChecklistError):
    """The definition does not hold together (see `questions_problems`)."""


class ChecklistLocked(ChecklistError):
    """The version has submissions, or another version was published meanwhile."""


def questions_problems(questions) -> list[str]:
    """validate_definition, plus checks it leaves out; messages start with "question N (code): "."""
    problems = validate_definition(questions)
    if problems:
        return problems
    by_code = {question["code"]: question for question in questions}
    for index, question in enumerate(questions, start=1):
        where = f"question {index} ({question['code']})"
        kind = question["type"]
        values = [choice.get("value") for choice in question.get("choices", [])]
        if kind in ("single", "multiple") and (not all(values) or len(set(values)) != len(values)):
            problems.append(f"{where}: every choice needs its own value")
        if kind not in ("single", "multiple") and question.get("choices"):
            problems.append(f"{where}: only single and multiple questions have choices")
        limits = [question[key] for key in ("min", "max") if key in question]
        if limits and kind != "integer":
            problems.append(f"{where}: only integer questions have a minimum or maximum")
        elif len(limits) == 2 and limits[0] > limits[1]:
            problems.append(f"{where}: the minimum is more than the maximum")
        relevant = question.get("relevant")
        if relevant and relevant.get("equals") not in choice_values(by_code[relevant["question"]]):
            allowed = ", ".join(choice_values(by_code[relevant["question"]])) or "none: it has no choices"
            problems.append(
                f"{where}: follow-up value {relevant.get('equals')!r} is not an answer of {relevant['question']} "
                f"(answers: {allowed})"
            )
    return problems


def problems_by_question(problems: list[str]) -> dict[int | None, list[str]]:
    """Group problem messages by question number (1-based); None holds those about the whole form."""
    grouped: dict[int | None, list[str]] = {}
    for problem in problems:
        match = _QUESTION_PROBLEM.match(problem)
        key, message = (int(match[1]), match[2]) if match else (None, problem)
        grouped.setdefault(key, []).append(message)
    return grouped


def _check(*, kind: str, title, questions) -> None:
    problems = [] if kind in Checklist.Kind.values else [f"unknown form kind {kind!r}"]
    if not isinstance(title, dict) or not str(title.get("en") or "").strip():
        problems.append("the form needs an English title")
    problems += questions_problems(questions)
    if problems:
        raise ChecklistInvalid(problems)


def checklist_publish(
    *, mission: Mission, kind: str, title: dict, questions: list[dict], expected_latest: int | None = None
) -> Checklist:
    """Publish a new version of a form (latest + 1, or 1 for a new kind). Existing versions are not touched.

    `expected_latest` is the latest version the editor started from (0: none); if another version was
    published since, the publish is refused rather than silently replacing that version's changes.
    """
    _check(kind=kind, title=title, questions=questions)
    with transaction.atomic():
        latest = Checklist.objects.select_for_update().filter(mission=mission, kind=kind).order_by("-version").first()
        latest_version = latest.version if latest else 0
        if expected_latest is not None and expected_latest != latest_version:
            raise ChecklistLocked(
                [f"version {latest_version} was published after you started; open the latest version and edit it"]
            )
        if latest and latest.questions == questions and latest.title == title:
            raise ChecklistInvalid([f"nothing changed: version {latest.version} already has these questions"])
        before = _tabulated(mission_id=mission.pk, kind=kind)
        try:
            with transaction.atomic():
                checklist = Checklist.objects.create(
                    mission=mission, kind=kind, version=latest_version + 1, title=title, questions=questions
                )
        except IntegrityError:
            raise ChecklistLocked(["another version was published at the same moment; try again"]) from None
        tallies_codes_change(mission_id=mission.pk, kind=kind, before=before)
        return checklist


def checklist_update(*, checklist: Checklist, title: dict, questions: list[dict]) -> Checklist:
    """Correct a version in place: only while nothing has been submitted with it."""
    _check(kind=checklist.kind, title=title, questions=questions)
    with transaction.atomic():
        locked = Checklist.objects.select_for_update().get(pk=checklist.pk)
        if locked.submissions.exists():
            raise ChecklistLocked(
                [f"version {locked.version} has submissions and can never change; publish a new version instead"]
            )
        before = _tabulated(mission_id=locked.mission_id, kind=locked.kind)
        locked.title, locked.questions = title, questions
        locked.save(update_fields=["title", "questions"])
        tallies_codes_change(mission_id=locked.mission_id, kind=locked.kind, before=before)
    checklist.title, checklist.questions = title, questions
    return checklist


def _tabulated(*, mission_id: int, kind: str) -> set[str]:
    """The codes the tallies of a form kind count now (before a version changes them)."""
    return tabulated_codes(Checklist.objects.filter(mission_id=mission_id, kind=kind).only("kind", "questions"))[kind]
