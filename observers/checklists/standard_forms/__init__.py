"""The standard election-observation forms, one JSON file per checklist kind (`<kind>.json`).

Each file holds `{"title": {"en", "ru", "kk"}, "questions": [...]}` in the format documented in
observers/checklists/definitions.py. A mission starts from these and adds its country-specific questions in later
versions.
"""

import json
from pathlib import Path

from django.db import transaction

from mission.models import Mission
from observers.checklists.definitions import validate_definition
from observers.models import Checklist

FORMS_DIR = Path(__file__).resolve().parent


class StandardFormError(ValueError):
    """A standard form file that cannot be read or is not a valid definition."""


def standard_form_load(kind: str) -> dict:
    """The definition of one standard form, validated: {"kind", "title", "questions"}."""
    path = FORMS_DIR / f"{kind}.json"
    try:
        definition = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise StandardFormError(f"{path.name}: {error}") from error
    problems = validate_definition(definition.get("questions"))
    if not definition.get("title", {}).get("en"):
        problems.append("needs an English title")
    if problems:
        raise StandardFormError(f"{path.name}: " + "; ".join(problems))
    return {"kind": kind, "title": definition["title"], "questions": definition["questions"]}


def standard_forms() -> list[dict]:
    """Every standard form, in the order of Checklist.Kind."""
    return [standard_form_load(kind) for kind in Checklist.Kind.values]


@transaction.atomic
def checklists_install_standard(*, mission: Mission) -> list[Checklist]:
    """Create version 1 of each standard form the mission has no version of yet; return those created."""
    definitions = standard_forms()  # all validated before anything is written
    present = set(Checklist.objects.filter(mission=mission).values_list("kind", flat=True))
    return Checklist.objects.bulk_create(
        Checklist(mission=mission, kind=form["kind"], version=1, title=form["title"], questions=form["questions"])
        for form in definitions
        if form["kind"] not in present
    )
