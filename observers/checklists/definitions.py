"""Form definitions and answer validation.

A checklist's `questions` is a list of dicts:

    {"code": "secrecy", "type": "yes_no", "required": true,
     "labels": {"en": "...", "ru": "...", "kk": "..."},
     "choices": [{"value": "very_good", "labels": {...}}],   # single / multiple only
     "min": 0, "max": 10000,                                   # integer only (optional)
     "relevant": {"question": "unauthorised", "equals": "yes"}, # follow-up: asked only then
     "section": {"en": "..."}}                                  # optional heading

Types: yes_no (yes / no / na), single, multiple, integer, time ("HH:MM"), text, and votes: a results protocol's
votes per contestant, {contestant code: votes}, for the contestants on the station's ballot (the code says which
ballot: mission/results/lines.py VOTES_QUESTIONS).
A checklist may also carry cross-question checks (`CHECKS` below, and the protocol's sums, `SUMS` of
mission/results/lines.py, looked up by the codes they use).
The overall assessment is the single-choice question coded `overall_assessment`.
"""

import re
from collections.abc import Iterable, Mapping

from mission.results.lines import SUMS, VOTES_QUESTIONS

YES_NO_VALUES = ("yes", "no", "na")
TYPES = ("yes_no", "single", "multiple", "integer", "time", "text", "votes")
ASSESSMENT_CODE = "overall_assessment"
ASSESSMENT_VALUES = ("very_good", "good", "bad", "very_bad")
NEGATIVE_ASSESSMENTS = ("bad", "very_bad")
TEXT_MAX_LENGTH = 4000
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")

# Consistency checks between two answers: (left, operator, right, message). Applied when both are answered.
CHECKS = (
    ("voted_by_visit", "<=", "voters_on_list", "cannot be more than the voters on the list"),
    ("departure_time", ">=", "arrival_time", "must be after the arrival time"),
    ("ballots_cast", "<=", "ballots_received", "cannot be more than the ballots received"),
)


def choice_values(question: dict) -> tuple[str, ...]:
    if question["type"] == "yes_no":
        return YES_NO_VALUES
    return tuple(choice["value"] for choice in question.get("choices", []))


def label(item: dict, language: str) -> str:
    labels = item.get("labels", {})
    return labels.get(language) or labels.get("en") or item.get("code") or item.get("value", "")


def is_relevant(question: dict, answers: dict) -> bool:
    condition = question.get("relevant")
    if not condition:
        return True
    given = answers.get(condition["question"])
    wanted = condition["equals"]
    return wanted in given if isinstance(given, list) else given == wanted


def _check_votes(value, ballot: set[str] | None) -> str | None:
    if not isinstance(value, dict) or not all(
        isinstance(votes, int) and not isinstance(votes, bool) for votes in value.values()
    ):
        return "must map each contestant's code to a whole number of votes"
    if any(votes < 0 for votes in value.values()):
        return "votes cannot be negative"
    if ballot is not None:
        unknown = sorted(set(value) - ballot)
        if unknown:
            return f"{unknown[0]!r} is not on this station's ballot; on it: {', '.join(sorted(ballot)) or 'nobody'}"
        missing = sorted(ballot - set(value))
        if missing:
            return f"give the votes of every contestant on the ballot (0 where none); missing: {', '.join(missing)}"
    return None


def _check_value(question: dict, value, ballot: set[str] | None = None) -> str | None:
    kind = question["type"]
    if kind == "votes":
        return _check_votes(value, ballot)
    if kind in ("yes_no", "single"):
        allowed = choice_values(question)
        if not isinstance(value, str) or value not in allowed:
            return f"must be one of: {', '.join(allowed)}"
    elif kind == "multiple":
        allowed = choice_values(question)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "must be a list of choices"
        unknown = [v for v in value if v not in allowed]
        if unknown:
            return f"unknown choice {unknown[0]!r}; allowed: {', '.join(allowed)}"
        if len(set(value)) != len(value):
            return "lists a choice twice"
    elif kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            return "must be a whole number"
        if "min" in question and value < question["min"]:
            return f"must be at least {question['min']}"
        if "max" in question and value > question["max"]:
            return f"must be at most {question['max']}"
    elif kind == "time":
        if not isinstance(value, str) or not _TIME.match(value):
            return "must be a time as HH:MM (24-hour)"
    elif kind == "text":
        if not isinstance(value, str):
            return "must be text"
        if len(value) > TEXT_MAX_LENGTH:
            return f"must be at most {TEXT_MAX_LENGTH} characters"
    return None


def _is_blank(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _total(value) -> int:
    return sum(value.values()) if isinstance(value, dict) else value


def _check_sums(by_code: dict, answers: dict, errors: dict) -> None:
    """The protocol's arithmetic, for the lines the form has and the observer gave (and that are fine alone)."""
    for total, parts in SUMS:
        codes = (total, *parts)
        if any(code not in by_code or code in errors or _is_blank(answers.get(code)) for code in codes):
            continue
        figures = [_total(answers[code]) for code in parts]
        if sum(figures) != answers[total]:
            named = " + ".join(f"{code} {figure}" for code, figure in zip(parts, figures, strict=True))
            errors.setdefault(total, []).append(
                f"must equal {named} = {sum(figures)}, not {answers[total]}: check the figures copied"
            )


def validate_answers(
    questions: Iterable[dict], answers, *, ballots: Mapping[str, set[str]] | None = None
) -> dict[str, list[str]]:
    """Return {question code: [problems]}; empty when the answers fit the form.

    `ballots`: the contestant codes on the station's ballot by contestant kind ("list", "candidate"); without it
    votes are checked as numbers only."""
    if not isinstance(answers, dict):
        return {"answers": ["must be an object mapping question codes to answers"]}
    questions = list(questions)
    by_code = {q["code"]: q for q in questions}
    errors: dict[str, list[str]] = {}
    for code in answers:
        if code not in by_code:
            errors.setdefault(code, []).append("is not a question of this form")
    for question in questions:
        code = question["code"]
        value = answers.get(code)
        ballot = None if ballots is None else ballots.get(VOTES_QUESTIONS.get(code), set())
        if not is_relevant(question, answers):
            if not _is_blank(value):
                condition = question["relevant"]
                errors.setdefault(code, []).append(
                    f"is asked only when {condition['question']} is {condition['equals']!r}"
                )
            continue
        if _is_blank(value):
            # Votes are required only where the ballot has someone to vote for.
            if question.get("required") and not (question["type"] == "votes" and ballot == set()):
                errors.setdefault(code, []).append("is required")
            continue
        problem = _check_value(question, value, ballot)
        if problem:
            errors.setdefault(code, []).append(problem)
    for left, operator, right, message in CHECKS:
        a, b = answers.get(left), answers.get(right)
        if left in errors or right in errors or _is_blank(a) or _is_blank(b) or left not in by_code:
            continue
        if (operator == "<=" and a > b) or (operator == ">=" and a < b):
            errors.setdefault(left, []).append(f"{message} ({right}: {b})")
    _check_sums(by_code, answers, errors)
    return errors


def validate_definition(questions) -> list[str]:
    """Problems with a form definition itself (used when forms are loaded or edited)."""
    problems = []
    if not isinstance(questions, list) or not questions:
        return ["a form needs a list of at least one question"]
    seen = set()
    for index, question in enumerate(questions, start=1):
        if not isinstance(question, dict):
            problems.append(f"question {index}: must be an object with a code, a type and labels")
            continue
        code = question.get("code") if isinstance(question.get("code"), str) else None
        where = f"question {index} ({code or 'no code'})"
        if not code or not re.match(r"^[a-z][a-z0-9_]*$", code):
            problems.append(f"{where}: code must be lower-case letters, digits and _")
        if code in seen:
            problems.append(f"{where}: code used twice")
        seen.add(code)
        if question.get("type") not in TYPES:
            problems.append(f"{where}: type must be one of {', '.join(TYPES)}")
        if question.get("type") == "votes" and code not in VOTES_QUESTIONS:
            problems.append(f"{where}: votes are asked as {' or '.join(VOTES_QUESTIONS)}")
        if question.get("type") in ("single", "multiple") and not question.get("choices"):
            problems.append(f"{where}: needs choices")
        labels = question.get("labels")
        if not isinstance(labels, dict) or not labels.get("en"):
            problems.append(f"{where}: needs an English label")
        relevant = question.get("relevant")
        if relevant and (not isinstance(relevant, dict) or relevant.get("question") not in seen):
            problems.append(f"{where}: follow-up of an unknown or later question")
    return problems
