"""Case files from a spreadsheet (the register as a legal analyst kept it before, or the commission's list),
through the stations' import: map the columns, preview every bad row, import all or nothing. Cases are matched
by their number: a known number updates the case, a new one creates it; `appeal_of` names the number of the case
appealed, in the register already or earlier in the file."""

from functools import partial

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mission.cases.models import Body, CaseFile, Complainant, Decision, Source, Subject
from mission.imports import cells
from mission.imports.rows import Changes, Field, ImportPlan, Mapping, RowChecker, Tally, plan_and_apply
from mission.imports.tabular import Table
from mission.models import Mission


def choice_of(choices, *, blank: bool = False) -> cells.Parser:
    """A value by its code or its English label ("district", "District election commission"); `blank`: an empty
    cell is allowed (and gives "")."""
    synonyms = {**{value: value for value in choices.values}, **{str(label): value for value, label in choices.choices}}
    parse = cells.choice(synonyms, accepted=", ".join(choices.values))
    return (lambda value: parse(value) if value.strip() else "") if blank else parse


def _yes(value: str) -> bool:
    return value.strip().casefold() in {"yes", "y", "true", "1", "x", "да", "иә"}


FIELDS = (
    Field("number", gettext_lazy("Number"), cells.text(max_length=32, required=True), required=True, aliases=("no",)),
    Field(
        "complainant_kind",
        gettext_lazy("Filed by (party, candidate, voter, observer group, media, other)"),
        choice_of(Complainant),
        required=True,
        aliases=("filed_by", "complainant_type"),
    ),
    Field("complainant", gettext_lazy("Complainant"), cells.text(max_length=200, required=True), required=True),
    Field("party", gettext_lazy("Party"), cells.text(max_length=200)),
    Field("subject", gettext_lazy("Against what"), choice_of(Subject), required=True, aliases=("type", "against")),
    Field("respondent", gettext_lazy("Against whom"), cells.text(max_length=200), aliases=("respondent",)),
    Field("summary", gettext_lazy("Summary"), cells.text(max_length=5000, required=True), required=True),
    Field("body", gettext_lazy("Filed with"), choice_of(Body), required=True, aliases=("filed_with", "body_level")),
    Field("body_name", gettext_lazy("Name of the body"), cells.text(max_length=200)),
    Field("region", gettext_lazy("Region"), cells.text(max_length=200), aliases=("oblast",)),
    Field("filed_on", gettext_lazy("Filed on"), cells.date(required=True), required=True, aliases=("filed", "date")),
    Field("deadline", gettext_lazy("Legal deadline"), cells.date(), aliases=("legal_deadline",)),
    Field("decided_on", gettext_lazy("Decided on"), cells.date(), aliases=("decision_date",)),
    Field("decision", gettext_lazy("Decision"), choice_of(Decision, blank=True), aliases=("outcome",)),
    Field("remedy", gettext_lazy("Remedy"), cells.text(max_length=2000)),
    Field("source", gettext_lazy("Source"), choice_of(Source), required=True),
    Field("appeal_of", gettext_lazy("Appeal of (number)"), cells.text(max_length=32), aliases=("appeal_of_number",)),
    Field("key", gettext_lazy("Key case (yes/no)"), _yes, aliases=("key_case", "is_key")),
)
VALUES = ("complainant_kind", "complainant", "subject", "respondent", "summary", "body", "body_name", "filed_on")
VALUES += ("deadline", "decided_on", "remedy", "source")


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def by_names(objects, *names) -> dict:
    found = {}
    for obj in objects:
        for name in names:
            if getattr(obj, name, ""):
                found.setdefault(name_key(getattr(obj, name)), obj)
    return found


def case_changes(*, mission: Mission, table: Table, mapping: Mapping) -> tuple[ImportPlan, Changes]:
    checker = RowChecker(table=table, mapping=mapping, fields=FIELDS)
    records = checker.unique(checker.records(), key=lambda r: r.values["number"], field_name="number")
    existing = {case.number: case for case in CaseFile.objects.filter(mission=mission)}
    regions = by_names(mission.regions.all(), "name", "name_ru", "name_kk", "code")
    parties = by_names(mission.parties.all(), "name", "name_ru", "name_kk", "abbreviation")
    tally, depth, by_number = Tally(), {}, dict(existing)
    for record in records:
        values = record.values
        wanted = {name: values[name] for name in VALUES if name in values}
        wanted["decision"] = values.get("decision") or Decision.PENDING
        wanted["is_key"] = bool(values.get("key"))
        problem = _dates_problem(wanted)
        if problem:
            checker.reject(record.row, *problem)
            continue
        for name, lookup, label in (("region", regions, _("region")), ("party", parties, _("party"))):
            text = values.get(name, "")
            if text and name_key(text) not in lookup:
                checker.reject(record.row, name, _("No %(what)s of this mission is called so.") % {"what": label})
                break
            wanted["complainant_party" if name == "party" else name] = lookup.get(name_key(text)) if text else None
        else:
            appealed = values.get("appeal_of", "")
            parent = by_number.get(appealed) if appealed else None
            if appealed and (parent is None or appealed == values["number"]):
                checker.reject(
                    record.row, "appeal_of", _("No case numbered so in the register or in an earlier row of the file.")
                )
                continue
            if parent is not None and (parent.decided_on is None or wanted["filed_on"] < parent.decided_on):
                checker.reject(
                    record.row, "appeal_of", _("An appeal is filed after the decision of the case it appeals.")
                )
                continue
            wanted["appeal_of"] = parent
            case = existing.get(values["number"]) or CaseFile(mission=mission, number=values["number"])
            by_number[values["number"]] = case
            depth[values["number"]] = depth.get(appealed, 0) + 1 if parent is not None and parent.pk is None else 0
            tally.add(case, wanted)
    plan = checker.plan(**tally.counts())
    levels: dict[int, list] = {}
    for case in tally.created:
        levels.setdefault(depth[case.number], []).append(case)
    changes = Changes(
        creates=[levels[level] for level in sorted(levels)],
        updates=[(tally.updated, [*VALUES, "decision", "is_key", "region", "complainant_party", "appeal_of"])],
    )
    return plan, changes


def _dates_problem(wanted: dict) -> tuple[str, str] | None:
    filed, deadline, decided = wanted["filed_on"], wanted.get("deadline"), wanted.get("decided_on")
    if deadline and deadline < filed:
        return "deadline", _("The deadline is before the filing date.")
    if decided and decided < filed:
        return "decided_on", _("The decision is dated before the filing.")
    if (wanted["decision"] == Decision.PENDING) != (decided is None):
        if decided is None:
            return "decision", _("A decided case needs the date of its decision (Decided on).")
        return "decided_on", _("The case has a decision date: give its decision too.")
    return None


def case_files_import(
    *, mission: Mission, table: Table, mapping: Mapping, dry_run: bool = False, expected: list[int] | None = None
) -> ImportPlan:
    """All or nothing, as the stations' import: with any row error nothing is written."""
    build = partial(case_changes, mission=mission, table=table, mapping=mapping)
    return plan_and_apply(build=build, dry_run=dry_run, expected=expected)
