"""The previous mission's recommendations from a spreadsheet (one per row), through the stations' import: map the
columns, preview every bad row, import all or nothing. Matched by their number, so a corrected file updates them;
an assessment already made is kept unless the file has a column for it."""

from functools import partial

from django.utils.translation import gettext_lazy

from mission.cases.imports import choice_of
from mission.followup.models import Implementation, PriorRecommendation
from mission.imports import cells
from mission.imports.rows import Changes, Field, ImportPlan, Mapping, RowChecker, Tally, plan_and_apply
from mission.imports.tabular import Table
from mission.models import Mission


def _yes(value: str) -> bool:
    return value.strip().casefold() in {"yes", "y", "true", "1", "x", "да", "иә"}


FIELDS = (
    Field(
        "number",
        gettext_lazy("Number"),
        cells.text(max_length=16, required=True),
        required=True,
        aliases=("no", "nr", "#"),
    ),
    Field(
        "text",
        gettext_lazy("Recommendation (English)"),
        cells.text(max_length=5000, required=True),
        required=True,
        aliases=("recommendation", "text_en"),
    ),
    Field("text_ru", gettext_lazy("Recommendation (Russian)"), cells.text(max_length=5000), aliases=("russian",)),
    Field("text_kk", gettext_lazy("Recommendation (Kazakh)"), cells.text(max_length=5000), aliases=("kazakh",)),
    Field("priority", gettext_lazy("Priority (yes/no)"), _yes, aliases=("priority_recommendation",)),
    Field("source", gettext_lazy("Report"), cells.text(max_length=200), aliases=("report", "source_report")),
    Field(
        "implementation",
        gettext_lazy("Implemented (fully, mostly, partially, not)"),
        choice_of(Implementation, blank=True),
        aliases=("implemented", "assessment", "grade"),
    ),
    Field("note", gettext_lazy("Note (English)"), cells.text(max_length=5000), aliases=("comment",)),
    Field("note_ru", gettext_lazy("Note (Russian)"), cells.text(max_length=5000)),
    Field("note_kk", gettext_lazy("Note (Kazakh)"), cells.text(max_length=5000)),
)
WRITTEN = tuple(f.name for f in FIELDS if f.name != "number")


def prior_recommendation_changes(*, mission: Mission, table: Table, mapping: Mapping) -> tuple[ImportPlan, Changes]:
    checker = RowChecker(table=table, mapping=mapping, fields=FIELDS)
    records = checker.unique(checker.records(), key=lambda r: r.values["number"].casefold(), field_name="number")
    existing = {r.number.casefold(): r for r in PriorRecommendation.objects.filter(mission=mission)}
    tally = Tally()
    for record in records:
        values = record.values
        wanted = {name: values[name] for name in WRITTEN if name in values}
        wanted["order"] = record.row
        found = existing.get(values["number"].casefold())
        tally.add(found or PriorRecommendation(mission=mission, number=values["number"]), wanted)
    fields = [name for name in WRITTEN if name in mapping] + ["order"]
    return checker.plan(**tally.counts()), Changes(creates=[tally.created], updates=[(tally.updated, fields)])


def prior_recommendations_import(
    *, mission: Mission, table: Table, mapping: Mapping, dry_run: bool = False, expected: list[int] | None = None
) -> ImportPlan:
    """All or nothing, as the stations' import: with any row error nothing is written."""
    build = partial(prior_recommendation_changes, mission=mission, table=table, mapping=mapping)
    return plan_and_apply(build=build, dry_run=dry_run, expected=expected)
