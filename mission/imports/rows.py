"""What every import shares: the fields a file's columns map to, per-row errors, the plan a preview shows,
and writing the plan in one transaction."""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mission.imports.cells import CellError, Parser
from mission.imports.tabular import Table

Mapping = dict[str, int]  # field name -> column index, for the fields the file has


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    parse: Parser
    required: bool = False  # the file must have a column for it
    aliases: tuple[str, ...] = ()  # column names that pre-select it, e.g. "lat" for latitude


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


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    value: str
    message: str


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
    applied: bool = False

    @property
    def counts(self) -> list[int]:
        """What a preview promised: the apply refuses to write anything else (ImportOutdated)."""
        return [self.to_create, self.to_update, self.unchanged, len(self.errors), *(n for _, n in self.notes)]


class ImportOutdated(Exception):
    """The data changed since the preview the coordinator confirmed (another import, or an edit, in between)."""


class RowRejected(Exception):
    """Raised, after the error is recorded, to skip the rest of a row's checks."""


class RowChecker:
    """Reads a table through a mapping and collects every row's errors, naming the row and the column."""

    def __init__(self, *, table: Table, mapping: Mapping, fields: Iterable[Field]):
        self.table = table
        self.mapping = mapping
        self.fields = [f for f in fields if f.name in mapping]
        self.errors: list[RowError] = []
        self._cells = dict(table.rows)

    def records(self) -> list[Record]:
        """Rows whose every cell parses; the others become errors."""
        records = []
        for number, cells in self.table.rows:
            values, ok = {}, True
            for f in self.fields:
                try:
                    values[f.name] = f.parse(cells[self.mapping[f.name]])
                except CellError as error:
                    self.reject(number, f.name, str(error))
                    ok = False
            if ok:
                records.append(Record(row=number, values=values))
        return records

    def reject(self, row: int, field_name: str, message: str) -> None:
        index = self.mapping[field_name]
        self.errors.append(
            RowError(row=row, column=self.table.column_label(index), value=self._cells[row][index], message=message)
        )

    def rejected(self, row: int, field_name: str, message: str) -> RowRejected:
        self.reject(row, field_name, message)
        return RowRejected()

    def unique(self, records: list[Record], *, key: Callable[[Record], str], field_name: str) -> list[Record]:
        """Keeps the first row for each non-empty key; later rows with the same key are errors."""
        first_row, kept = {}, []
        for record in records:
            value = key(record)
            if value and value in first_row:
                self.reject(record.row, field_name, _("Repeats row %(row)s.") % {"row": first_row[value]})
                continue
            if value:
                first_row[value] = record.row
            kept.append(record)
        return kept

    def plan(self, **counts) -> ImportPlan:
        self.errors.sort(key=lambda error: error.row)
        return ImportPlan(rows=len(self.table.rows), errors=self.errors, **counts)


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
            if objects and fields:
                type(objects[0]).objects.bulk_update(objects, fields, batch_size=1000)


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
    return plan


def code_from(name: str, *, taken: set[str], max_length: int = 32) -> str:
    """A short code from a name ("25 წალკა" -> "25-წალკა"), made unique with a counter; added to `taken`."""
    base = slugify(name, allow_unicode=True)[:max_length] or "x"
    code, counter = base, 1
    while code in taken:
        counter += 1
        suffix = f"-{counter}"
        code = base[: max_length - len(suffix)] + suffix
    taken.add(code)
    return code
