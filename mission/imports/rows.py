"""What every import shares: the fields a file's columns map to, per-row errors, the plan a preview shows,
and writing the plan in one transaction."""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mission.imports.bulk import rows_update
from mission.imports.cells import CellError, Parser
from mission.imports.tabular import Table

Mapping = dict[str, int | str]  # field name -> column index, or a template such as "{municipality}-{number}"
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    parse: Parser
    required: bool = False  # the file must have a column for it
    aliases: tuple[str, ...] = ()  # column names that pre-select it, e.g. "lat" for latitude
    template: bool = False  # its value may be built from several columns ("{municipality}-{number}")


def header_key(header: str) -> str:
    return re.sub(r"[\W_]+", "_", header.casefold()).strip("_")


def mapping_guess(headers: list[str], fields: Iterable[Field]) -> Mapping:
    columns = {}
    for index, header in enumerate(headers):
        columns.setdefault(header_key(header), index)
    guess = {}
    for f in fields:
        for alias in (f.name, *f.aliases):
            if header_key(alias) in columns:
                guess[f.name] = columns[header_key(alias)]
                break
    return guess


class TemplateError(ValueError):
    """A code template names a column the file does not have, or no column at all; the message says which."""


def template_parts(template: str, headers: list[str]) -> list[str | int]:
    """`{Municipality code}-{Number}` -> [index of "Municipality code", "-", index of "Number"]. Column names are
    compared as the column guess compares them (case, spaces and punctuation aside); a number in braces that is no
    column's name is the column's position, counting from 1."""
    keys = {}
    for index, header in enumerate(headers):
        keys.setdefault(header_key(header), index)
    parts: list[str | int] = []
    position = 0
    for match in PLACEHOLDER.finditer(template):
        if match.start() > position:
            parts.append(template[position : match.start()])
        name = match[1].strip()
        index = keys.get(header_key(name))
        if index is None and name.isdigit() and 1 <= int(name) <= len(headers):
            index = int(name) - 1
        if index is None:
            raise TemplateError(
                _("The template names {%(name)s}, but the file has no such column. Its columns are: %(columns)s.")
                % {"name": name, "columns": ", ".join(f"{{{header}}}" for header in headers if header)}
            )
        parts.append(index)
        position = match.end()
    if position < len(template):
        parts.append(template[position:])
    if not any(isinstance(part, int) for part in parts):
        raise TemplateError(
            _("A template names at least one column in braces, such as {%(example)s}.")
            % {"example": next((header for header in headers if header), "code")}
        )
    return parts


def template_cell(parts: list[str | int], cells: list[str]) -> str:
    """The template's value for a row; empty when every column it names is empty."""
    values = [cells[part].strip() for part in parts if isinstance(part, int)]
    if not any(values):
        return ""
    return "".join(cells[part].strip() if isinstance(part, int) else part for part in parts)


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    value: str
    message: str
    kind: str = ""  # what groups it with others ("Repeats an earlier row"); the message when it stands alone
    warning: bool = False  # shown and confirmed, but does not stop the import

    @property
    def group(self) -> str:
        return self.kind or self.message


@dataclass(frozen=True)
class ProblemGroup:
    """One kind of problem in one column: how many rows have it and the first of them."""

    number: int  # its place in the list, from 1: the problems page's ?group=
    column: str
    problem: str
    warning: bool
    count: int
    first: list[RowError]


def problem_groups(problems: Iterable[RowError], *, first: int = 5) -> list[ProblemGroup]:
    """Problems by column and kind, errors before warnings, each group in the order of its first row."""
    groups: dict[tuple, list] = {}
    for problem in problems:
        key = (problem.warning, problem.column, problem.group)
        entry = groups.get(key)
        if entry is None:
            groups[key] = entry = [0, []]
        entry[0] += 1
        if len(entry[1]) < first:
            entry[1].append(problem)
    ordered = sorted(groups.items(), key=lambda item: (item[0][0], item[1][1][0].row))
    return [
        ProblemGroup(number=number, column=column, problem=group, warning=warning, count=count, first=rows)
        for number, ((warning, column, group), (count, rows)) in enumerate(ordered, start=1)
    ]


@dataclass(frozen=True)
class Confirmation:
    """Something the import would do that the coordinator must agree to first, such as creating regions."""

    name: str  # of the checkbox
    question: str  # its label
    count: int
    items: list[str]  # the first of them, to show


@dataclass(frozen=True)
class Record:
    row: int
    values: dict  # field name -> parsed value, for mapped fields only


@dataclass
class ImportPlan:
    """What an import would do (a dry run) or did. With any error nothing is written."""

    rows: int
    errors: list[RowError] = field(default_factory=list)
    to_create: int = 0
    to_update: int = 0
    unchanged: int = 0
    notes: list[tuple[str, int]] = field(default_factory=list)  # e.g. ("regions to create", 3)
    listed: list[tuple[int, str, str]] = field(default_factory=list)  # rows a preview names: (row, kind, matched)
    warnings: list[RowError] = field(default_factory=list)  # rows imported as they are once confirmed
    confirmations: list[Confirmation] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)  # what the preview says in words, e.g. a column not chosen
    applied: bool = False
    record: object = None  # what the import wrote of itself, where it keeps one (a StationImport)

    @property
    def counts(self) -> list[int]:
        """What a preview promised: the apply refuses to write anything else (ImportOutdated)."""
        return [
            self.to_create,
            self.to_update,
            self.unchanged,
            len(self.errors),
            len(self.warnings),
            *(n for _, n in self.notes),
        ]

    @property
    def problems(self) -> list[RowError]:
        return [*self.errors, *self.warnings]


class ImportOutdated(Exception):
    """The data changed since the preview the coordinator confirmed (another import, or an edit, in between)."""


class RowRejected(Exception):
    """Raised, after the error is recorded, to skip the rest of a row's checks."""


class RowChecker:
    """Reads a table through a mapping and collects every row's errors, naming the row and the column (or the
    template a value was built by)."""

    def __init__(self, *, table: Table, mapping: Mapping, fields: Iterable[Field]):
        self.table = table
        self.mapping = mapping
        self.fields = [f for f in fields if f.name in mapping]
        self.errors: list[RowError] = []
        self.warnings: list[RowError] = []
        self._cells = dict(table.rows)
        self._templates = {
            name: template_parts(source, table.headers) for name, source in mapping.items() if isinstance(source, str)
        }

    def cell(self, cells: list[str], field_name: str) -> str:
        source = self.mapping[field_name]
        if isinstance(source, str):
            return template_cell(self._templates[field_name], cells)
        return cells[source]

    def column(self, field_name: str) -> str:
        source = self.mapping[field_name]
        return source if isinstance(source, str) else self.table.column_label(source)

    def records(self) -> list[Record]:
        """Rows whose every cell parses; the others become errors."""
        records = []
        for number, cells in self.table.rows:
            values, ok = {}, True
            for f in self.fields:
                try:
                    values[f.name] = f.parse(self.cell(cells, f.name))
                except CellError as error:
                    self.reject(number, f.name, str(error))
                    ok = False
            if ok:
                records.append(Record(row=number, values=values))
        return records

    def reject(self, row: int, field_name: str, message: str, *, kind: str = "", warning: bool = False) -> None:
        """`kind` names what rows with this problem share when the message itself names a row or a value."""
        problem = RowError(
            row=row,
            column=self.column(field_name),
            value=self.cell(self._cells[row], field_name),
            message=message,
            kind=kind,
            warning=warning,
        )
        (self.warnings if warning else self.errors).append(problem)

    def warn(self, row: int, field_name: str, message: str, *, kind: str = "") -> None:
        self.reject(row, field_name, message, kind=kind, warning=True)

    def rejected(self, row: int, field_name: str, message: str, *, kind: str = "") -> RowRejected:
        self.reject(row, field_name, message, kind=kind)
        return RowRejected()

    def unique(
        self, records: list[Record], *, key: Callable[[Record], str], field_name: str, kind: str = ""
    ) -> list[Record]:
        """Keeps the first row for each non-empty key; later rows with the same key are errors (grouped as `kind`)."""
        first_row, kept = {}, []
        for record in records:
            value = key(record)
            if value and value in first_row:
                self.reject(
                    record.row,
                    field_name,
                    _("Repeats row %(row)s.") % {"row": first_row[value]},
                    kind=kind or _("The same value as an earlier row: each row needs its own."),
                )
                continue
            if value:
                first_row[value] = record.row
            kept.append(record)
        return kept

    def plan(self, **counts) -> ImportPlan:
        self.errors.sort(key=lambda error: error.row)
        self.warnings.sort(key=lambda warning: warning.row)
        return ImportPlan(rows=len(self.table.rows), errors=self.errors, warnings=self.warnings, **counts)


class Tally:
    """Sorts the objects a file describes into new, changed and unchanged, setting the wanted values on them."""

    def __init__(self):
        self.created: list[models.Model] = []
        self.updated: list[models.Model] = []
        self.unchanged = 0

    def add(self, instance: models.Model, wanted: dict) -> None:
        if instance.pk is None:
            self.created.append(instance)
        elif any(_differs(instance, name, value) for name, value in wanted.items()):
            self.updated.append(instance)
        else:
            self.unchanged += 1
            return
        for name, value in wanted.items():
            setattr(instance, name, value)

    def counts(self) -> dict:
        return {"to_create": len(self.created), "to_update": len(self.updated), "unchanged": self.unchanged}


def _differs(instance: models.Model, name: str, value) -> bool:
    if instance._meta.get_field(name).is_relation:  # compare ids: reading the related object would cost a query
        return (value is not None and value.pk is None) or getattr(instance, f"{name}_id") != getattr(value, "pk", None)
    return getattr(instance, name) != value


@dataclass
class Changes:
    """Objects to write, in dependency order (a region before the districts and stations that refer to it)."""

    creates: list[list[models.Model]] = field(default_factory=list)
    updates: list[tuple[list[models.Model], list[str]]] = field(default_factory=list)

    def apply(self) -> None:
        for objects in self.creates:
            if objects:
                type(objects[0]).objects.bulk_create(objects, batch_size=1000)
        for objects, fields in self.updates:
            rows_update(objects, fields)


def plan_and_apply(
    *, build: Callable[[], tuple[ImportPlan, Changes]], dry_run: bool, expected: list[int] | None = None
) -> ImportPlan:
    """All or nothing: the plan is worked out and written in one transaction, and only when it has no errors.

    `expected` is the counts of the preview being confirmed: a plan that came out otherwise raises ImportOutdated."""
    with transaction.atomic():
        plan, changes = build()
        if dry_run or plan.errors:
            return plan
        if expected is not None and plan.counts != list(expected):
            raise ImportOutdated
        changes.apply()
        plan.applied = True
        plan.record = getattr(changes, "record", None)
    return plan


def code_from(name: str, *, taken: set[str], max_length: int = 64) -> str:
    """A short code from a name ("25 წალკა" -> "25-წალკა"), made unique with a counter; added to `taken`."""
    base = slugify(name, allow_unicode=True)[:max_length] or "x"
    code, counter = base, 1
    while code in taken:
        counter += 1
        suffix = f"-{counter}"
        code = base[: max_length - len(suffix)] + suffix
    taken.add(code)
    return code


def plan_summary(plan: ImportPlan, *, first: int = 5) -> list[str]:
    """The preview in lines of text, as the command line prints it: the counts, what was said in words, the
    problems by kind with their first rows, what the import needs confirmed."""
    lines = [
        _(
            "%(rows)s rows: %(created)s to create, %(updated)s to update, %(unchanged)s unchanged, "
            "%(errors)s problems, %(warnings)s warnings."
        )
        % {
            "rows": plan.rows,
            "created": plan.to_create,
            "updated": plan.to_update,
            "unchanged": plan.unchanged,
            "errors": len(plan.errors),
            "warnings": len(plan.warnings),
        },
        *(f"  {label}: {count}" for label, count in plan.notes),
        *plan.remarks,
    ]
    for group in problem_groups(plan.problems, first=first):
        lines.append(
            f"{_('Warning') if group.warning else _('Problem')} · {group.column} · {group.count} × {group.problem}"
        )
        for problem in group.first:
            detail = "" if problem.message == group.problem else f" · {problem.message}"
            lines.append(f"    {_('row')} {problem.row}: {problem.value}{detail}")
        if group.count > len(group.first):
            lines.append("    …")
    for confirmation in plan.confirmations:
        lines.append(_("To confirm: %(question)s") % {"question": confirmation.question})
        lines.extend(f"    {item}" for item in confirmation.items[:first])
        if confirmation.count > min(first, len(confirmation.items)) and confirmation.items:
            lines.append("    …")
    return lines
