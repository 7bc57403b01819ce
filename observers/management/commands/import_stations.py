"""`python manage.py import_stations FILE --mission ID`: the polling-station import of the page, for operators
with big files. The same columns guessed, the same options (columns, a code built from several columns, dry run),
the same checks and the same summary; all or nothing, audited, one import at a time per mission.

    python manage.py import_stations national.csv --mission 3 --code-template "{Municipality code}-{Number}" \\
        --column district_code="Municipality code" --column district=Municipality --column region=Province --dry-run
"""

import csv
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from mission.imports.rows import (
    ImportOutdated,
    Mapping,
    TemplateError,
    header_key,
    mapping_guess,
    plan_summary,
    template_parts,
)
from mission.imports.stations import FIELDS, mapping_problems
from mission.imports.tabular import Table, TableError, table_read
from mission.models import Mission, PollingStation
from mission.services.stations import polling_stations_import
from observers.imports.services import table_import

FIELD_NAMES = {f.name: f for f in FIELDS}


class Command(BaseCommand):
    help = "Import polling stations from a CSV or XLSX file into a mission, as the import page does."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--mission", required=True, help="The mission's id or slug")
        parser.add_argument(
            "--column",
            action="append",
            default=[],
            metavar="FIELD=COLUMN",
            help=f"Which column holds a field: its name or its number from 1; FIELD= (nothing) for none. "
            f"Fields: {', '.join(FIELD_NAMES)}. Unnamed fields keep the page's guess.",
        )
        parser.add_argument(
            "--template",
            action="append",
            default=[],
            metavar="FIELD=TEMPLATE",
            help="A field built from several columns, e.g. district_code={Province}-{Municipality}",
        )
        parser.add_argument(
            "--code-template", help="The station code built from several columns, e.g. {Municipality}-{Number}"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every row and print the summary; write nothing"
        )
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Confirm what the page asks to confirm: the regions to create, the stations outside the country",
        )
        parser.add_argument("--user", help="The username the audit trail names as the importer")
        parser.add_argument("--problems", type=Path, metavar="CSV", help="Write every problem to this CSV file")
        parser.add_argument("--language", default="en", help="Of the summary: en, ru or kk")

    def handle(self, *args, **options):
        with translation.override(options["language"]):
            self._handle(options)

    def _handle(self, options):
        mission = _mission(options["mission"])
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        try:
            with path.open("rb") as handle:
                table = table_read(File(handle, name=path.name), limit=None)
        except TableError as error:
            raise CommandError(f"{path.name}: {error}") from error
        mapping = _mapping(table, options)
        problems = mapping_problems(mapping)
        if problems:
            raise CommandError(" ".join(problems))
        actor = _user(options["user"])
        self.stdout.write(f"{path.name} → {mission.name} (mission {mission.pk})")
        for name, source in mapping.items():
            column = source if isinstance(source, str) else table.column_label(source)
            self.stdout.write(f"  {name}: {column}")
        run = lambda **kwargs: polling_stations_import(actor=actor, filename=path.name, **kwargs)  # noqa: E731
        preview = table_import(
            run=run,
            model=PollingStation,
            mission=mission,
            table=table,
            mapping=mapping,
            dry_run=True,
            actor=actor,
            filename=path.name,
        )
        for line in plan_summary(preview):
            self.stdout.write(line)
        if options["problems"]:
            _write_problems(options["problems"], preview)
            self.stdout.write(f"Every problem written to {options['problems']}.")
        if preview.errors:
            raise CommandError(f"Nothing imported: {len(preview.errors)} problems to fix in the file first.")
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing written.")
            return
        if preview.confirmations and not options["yes"]:
            raise CommandError("Nothing imported: confirm what is listed above with --yes, or correct the file.")
        try:
            plan = table_import(
                run=run,
                model=PollingStation,
                mission=mission,
                table=table,
                mapping=mapping,
                dry_run=False,
                actor=actor,
                filename=path.name,
                expected=preview.counts,
            )
        except ImportOutdated as outdated:
            raise CommandError(
                "The mission's stations changed while checking: nothing written; run it again."
            ) from outdated
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported: {plan.to_create} created, {plan.to_update} updated, {plan.unchanged} unchanged "
                f"(import {plan.record.pk}; undo it on the page /imports/stations/done/ while no plan uses it)."
            )
        )


def _mission(value: str) -> Mission:
    found = Mission.objects.filter(pk=int(value)) if value.isdigit() else Mission.objects.filter(slug=value)
    mission = found.first()
    if mission is None:
        raise CommandError(f"No mission has the id or slug {value!r}.")
    return mission


def _user(username: str | None):
    if not username:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"No user is called {username!r}.")
    return user


def _mapping(table: Table, options: dict) -> Mapping:
    """The page's guess, then each --column and --template over it."""
    mapping: Mapping = mapping_guess(table.headers, FIELDS)
    keys = {}
    for index, header in enumerate(table.headers):
        keys.setdefault(header_key(header), index)
    for option in options["column"]:
        name, column = _pair(option, "--column")
        if not column:
            mapping.pop(name, None)
        elif header_key(column) in keys:
            mapping[name] = keys[header_key(column)]
        elif column.isdigit() and 1 <= int(column) <= len(table.headers):
            mapping[name] = int(column) - 1
        else:
            raise CommandError(
                f"--column {option}: the file has no column {column!r}. Its columns: "
                + ", ".join(h for h in table.headers if h)
            )
    templates = [_pair(option, "--template") for option in options["template"]]
    if options["code_template"]:
        templates.append(("code", options["code_template"]))
    for name, template in templates:
        if not FIELD_NAMES[name].template:
            raise CommandError(f"{name} is one column, not a template: use --column {name}=COLUMN.")
        try:
            template_parts(template, table.headers)
        except TemplateError as error:
            raise CommandError(f"{name}: {error}") from error
        mapping[name] = template
    missing = [f.name for f in FIELDS if f.required and f.name not in mapping]
    if missing:
        raise CommandError(f"Say which column holds {', '.join(missing)}: --column FIELD=COLUMN.")
    return mapping


def _pair(option: str, flag: str) -> tuple[str, str]:
    name, sep, value = option.partition("=")
    name = name.strip()
    if not sep or name not in FIELD_NAMES:
        raise CommandError(f"{flag} {option}: write FIELD=VALUE with FIELD one of {', '.join(FIELD_NAMES)}.")
    return name, value.strip()


def _write_problems(path: Path, plan) -> None:
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(["row", "column", "value", "problem", "kind", "stops the import"])
        for problem in plan.problems:
            writer.writerow(
                [problem.row, problem.column, problem.value, problem.message, problem.group, not problem.warning]
            )
