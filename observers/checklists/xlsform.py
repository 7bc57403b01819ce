"""XLSForm (xlsform.org) export and import of one form version, with openpyxl.

Our types map to XLSForm as: yes_no -> select_one yes_no_na, single -> select_one <list>,
multiple -> select_multiple <list>, integer, time, text; votes (a protocol's votes per contestant, whose
contestants depend on the station) has no XLSForm type: it goes as text with the appearance `votes` (the
appearance column is written only then). A follow-up becomes `relevant`
(${q} = 'value', or selected(${q}, 'value') for a select_multiple), integer limits a `constraint`
(. >= 0 and . <= 100), a section heading a group starting at that question. Import takes what export
writes and its usual spelling variants; anything else is an error naming the sheet, row and column,
so nothing is dropped silently.
"""

import io
import re
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from observers.checklists.definitions import YES_NO_VALUES
from observers.checklists.services import FORM_LANGUAGES, problems_by_question, questions_problems
from observers.models import Checklist

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000  # filled rows in a sheet
MAX_LINES = 20000  # rows read in all, blank ones included
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024  # a small .xlsx that unpacks into gigabytes is refused unread
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "kk": "Kazakh"}
YES_NO_LIST = "yes_no_na"
YES_NO_LABELS = {
    "yes": {"en": "Yes", "ru": "Да", "kk": "Иә"},
    "no": {"en": "No", "ru": "Нет", "kk": "Жоқ"},
    "na": {"en": "Not applicable", "ru": "Неприменимо", "kk": "Қатысы жоқ"},
}
SIMPLE_TYPES = ("integer", "time", "text")
VOTES_APPEARANCE = "votes"
META_COLUMNS = ("type", "name", "required", "relevant", "constraint", "appearance")
_LABEL_COLUMNS = [f"label::{LANGUAGE_NAMES[code]} ({code})" for code in FORM_LANGUAGES]
_EQUALS = re.compile(r"^\$\{([^}\s]+)\}\s*=\s*(['\"])(.*)\2$")
_SELECTED = re.compile(r"^selected\(\s*\$\{([^}\s]+)\}\s*,\s*(['\"])(.*)\2\s*\)$")
_LIMIT = re.compile(r"^\.\s*(>=|<=)\s*(-?\d+)$")


class XLSFormInvalid(Exception):
    """The file cannot become a form; `errors` say where (sheet, row, column) and what to fix."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class ImportedForm:
    form_id: str
    title: dict
    questions: list[dict]


# Export ---------------------------------------------------------------------------------------


def _labels(item: dict | None) -> list[str]:
    return [(item or {}).get(code, "") for code in FORM_LANGUAGES]


def _list_name(question: dict) -> str:
    return YES_NO_LIST if question["type"] == "yes_no" else question["code"]


def _type_cell(question: dict) -> str:
    kind = question["type"]
    if kind in ("yes_no", "single"):
        return f"select_one {_list_name(question)}"
    if kind == "multiple":
        return f"select_multiple {_list_name(question)}"
    return "text" if kind == "votes" else kind


def _relevant_cell(question: dict, by_code: dict) -> str:
    condition = question.get("relevant")
    if not condition:
        return ""
    code, value = condition["question"], condition["equals"]
    if by_code[code]["type"] == "multiple":
        return f"selected(${{{code}}}, '{value}')"
    return f"${{{code}}} = '{value}'"


def _constraint_cell(question: dict) -> str:
    limits = [f". {operator} {question[key]}" for key, operator in (("min", ">="), ("max", "<=")) if key in question]
    return " and ".join(limits)


def _sheet(workbook: Workbook, title: str, header: list[str]):
    sheet = workbook.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    return sheet


def xlsform_sheets(*, checklist: Checklist) -> dict[str, list[list[str]]]:
    """The version's XLSForm as sheets of rows (the first row of each is its header): what the .xlsx holds, and
    what observers/checklists/xform.py hands to pyxform."""
    has_votes = any(question["type"] == "votes" for question in checklist.questions)
    header = ["type", "name", *_LABEL_COLUMNS, "required", "relevant", "constraint"]
    survey = [[*header, "appearance"] if has_votes else header]
    choices = [["list_name", "name", *_LABEL_COLUMNS]]
    by_code = {question["code"]: question for question in checklist.questions}
    sections = 0
    for question in checklist.questions:
        if question.get("section"):
            if sections:
                survey.append(["end_group"])
            sections += 1
            survey.append(["begin_group", f"section_{sections}", *_labels(question["section"])])
        survey.append(
            [
                _type_cell(question),
                question["code"],
                *_labels(question.get("labels")),
                "yes" if question.get("required") else "",
                _relevant_cell(question, by_code),
                _constraint_cell(question),
                *([VOTES_APPEARANCE if question["type"] == "votes" else ""] if has_votes else []),
            ]
        )
        for choice in question.get("choices", []):
            choices.append([_list_name(question), choice["value"], *_labels(choice.get("labels"))])
    if sections:
        survey.append(["end_group"])
    if any(question["type"] == "yes_no" for question in checklist.questions):
        for value in YES_NO_VALUES:
            choices.append([YES_NO_LIST, value, *_labels(YES_NO_LABELS[value])])
    settings = [
        ["form_title", "form_id", "version", "default_language"],
        [checklist.title.get("en", ""), checklist.kind, str(checklist.version), "English (en)"],
    ]
    return {"survey": survey, "choices": choices, "settings": settings}


def xlsform_export(*, checklist: Checklist) -> bytes:
    """The version as an .xlsx XLSForm (survey, choices, settings)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheets = {}
    for title, rows in xlsform_sheets(checklist=checklist).items():
        sheets[title] = _sheet(workbook, title, rows[0])
        for row in rows[1:]:
            sheets[title].append(row)
    for title, widths in (("survey", (24, 22, 40, 40, 40, 9, 30, 24)), ("choices", (22, 16, 30, 30, 30))):
        for index, width in enumerate(widths):
            sheets[title].column_dimensions[chr(ord("A") + index)].width = width
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def xlsform_filename(*, checklist: Checklist) -> str:
    return f"{checklist.mission.slug}-{checklist.kind}-v{checklist.version}.xlsx"


# Import ---------------------------------------------------------------------------------------


@dataclass
class _Row:
    number: int
    cells: dict  # column key ("type", "label:en", ...) -> text


class _Sheet:
    """One sheet's rows as text, keyed by column; collects errors that point at a cell."""

    def __init__(
        self,
        name: str,
        worksheet,
        columns: tuple[str, ...],
        errors: list[str],
        *,
        default_language: str = "en",
        strict: bool = True,
    ):
        self.name, self.errors, self.rows, self.headers = name, errors, [], {}
        self.default_language, self.strict = default_language, strict
        lines = worksheet.iter_rows(values_only=True)
        keys = [self._column_key(value, columns) for value in next(lines, None) or ()]
        for number, values in enumerate(lines, start=2):
            if len(self.rows) == MAX_ROWS or number > MAX_LINES:
                self.error(
                    number,
                    None,
                    _(
                        "the sheet goes on past %(max)d filled rows or row %(lines)d; "
                        "split the form or delete the rows below it"
                    )
                    % {"max": MAX_ROWS, "lines": MAX_LINES},
                )
                break
            cells = {key: _text(value) for key, value in zip(keys, values) if key and _text(value)}
            if cells:
                self.rows.append(_Row(number, cells))

    def _column_key(self, value, columns: tuple[str, ...]) -> str | None:
        """The key a heading is read under; None for a column that is ignored or was reported."""
        heading = _text(value)
        key = re.sub(r"\s+", " ", heading.lower()).replace("list name", "list_name")
        if not key:
            return None
        if key == "label" or key.startswith("label::"):
            language = _language(key.removeprefix("label").removeprefix("::"), self.default_language)
            if language is None:
                self.error(1, heading, _("language not supported: use English (en), Russian (ru) or Kazakh (kk)"))
                return None
            key = f"label:{language}"
        elif key not in columns:
            if not self.strict:
                return None
            key = f"unsupported:{heading}"
        if key in self.headers:
            self.error(1, heading, _("the same column appears twice (also %(other)s)") % {"other": self.headers[key]})
            return None
        self.headers[key] = heading
        return key

    def error(self, row: int, column: str | None, message: str) -> None:
        where = _("%(sheet)s sheet, row %(row)d") % {"sheet": self.name, "row": row}
        if column:
            where += ", " + _("column '%(column)s'") % {"column": column}
        self.errors.append(f"{where}: {message}")

    def column(self, key: str) -> str:
        return self.headers.get(key, key.replace("label:", "label::"))

    def report_unsupported(self) -> None:
        """A value in a column we cannot keep would be lost: refuse it, at its first row."""
        for key, heading in self.headers.items():
            if key.startswith("unsupported:"):
                row = next((row for row in self.rows if key in row.cells), None)
                if row:
                    self.error(row.number, heading, _("this column is not supported; empty it or remove it"))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _language(spec: str, default: str) -> str | None:
    if not spec:
        return default
    code = re.search(r"\(([a-z]{2,3})\)$", spec)
    spec = code[1] if code else spec.strip()
    by_name = {name.lower(): code for code, name in LANGUAGE_NAMES.items()}
    return spec if spec in LANGUAGE_NAMES else by_name.get(spec)


def _labels_of(row: _Row) -> dict:
    return {code: row.cells[f"label:{code}"] for code in FORM_LANGUAGES if row.cells.get(f"label:{code}")}


def _workbook(upload) -> dict:
    if upload.size > MAX_UPLOAD_BYTES:
        raise XLSFormInvalid(
            [
                _("The file is %(size).1f MB; an XLSForm may be at most %(max)d MB.")
                % {"size": upload.size / 1024 / 1024, "max": MAX_UPLOAD_BYTES // 1024 // 1024}
            ]
        )
    content = io.BytesIO(upload.read())
    try:
        if sum(member.file_size for member in zipfile.ZipFile(content).infolist()) > MAX_UNZIPPED_BYTES:
            raise XLSFormInvalid(
                [
                    _("The workbook unpacks to more than %(max)d MB; an XLSForm is far smaller.")
                    % {"max": MAX_UNZIPPED_BYTES // 1024 // 1024}
                ]
            )
        workbook = load_workbook(content, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        raise XLSFormInvalid(
            [
                _(
                    "This is not an .xlsx workbook. "
                    "Save the XLSForm from Excel or LibreOffice as .xlsx and upload it again."
                )
            ]
        ) from None
    return {name.strip().lower(): workbook[name] for name in workbook.sheetnames}


def _read_lists(sheet: _Sheet) -> dict[str, list[tuple[int, dict]]]:
    """list name -> [(row number, choice)]."""
    lists: dict[str, list[tuple[int, dict]]] = {}
    for row in sheet.rows:
        list_name, value = row.cells.get("list_name"), row.cells.get("name")
        if not list_name or not value:
            sheet.error(row.number, sheet.column("name" if list_name else "list_name"), _("is empty"))
            continue
        if any(choice["value"] == value for _number, choice in lists.get(list_name, [])):
            sheet.error(
                row.number,
                sheet.column("name"),
                _("%(value)s is already in list %(list)s") % {"value": value, "list": list_name},
            )
            continue
        choice = {"value": value, "labels": _labels_of(row)}
        if not choice["labels"]:
            del choice["labels"]
        lists.setdefault(list_name, []).append((row.number, choice))
    return lists


class _SurveyReader:
    """Turns the survey sheet's rows into questions, reporting each problem at its cell."""

    def __init__(self, sheet: _Sheet, lists: dict, has_choices_sheet: bool):
        self.sheet, self.lists, self.has_choices_sheet = sheet, lists, has_choices_sheet
        self.questions: list[dict] = []
        self.rows: list[int] = []  # survey row of each question
        self.section: dict | None = None  # heading of the open group, until its first question takes it
        self.group_row: int | None = None

    def read(self) -> None:
        for row in self.sheet.rows:
            words = row.cells.get("type", "").split()
            if words and words[0].lower() in ("select", "begin", "end") and len(words) > 1:
                words = [f"{words[0].lower()}_{words[1].lower()}", *words[2:]]  # "select one x" -> "select_one x"
            head = words[0].lower() if words else ""
            if not head:
                self.sheet.error(row.number, self.sheet.column("type"), _("is empty"))
            elif head == "begin_group":
                self._begin_group(row)
            elif head == "end_group":
                self._end_group(row)
            else:
                self._question(row, head, words[1:])
        if self.group_row is not None:
            self.sheet.error(self.group_row, self.sheet.column("type"), _("this group is never ended (end_group)"))

    def _begin_group(self, row: _Row) -> None:
        if self.group_row is not None:
            self.sheet.error(row.number, self.sheet.column("type"), _("groups inside groups are not supported"))
            return
        self.group_row, self.section = row.number, _labels_of(row) or None

    def _end_group(self, row: _Row) -> None:
        if self.group_row is None:
            self.sheet.error(row.number, self.sheet.column("type"), _("end_group without a begin_group"))
        self.group_row = self.section = None

    def _question(self, row: _Row, head: str, rest: list[str]) -> None:
        question = {"code": row.cells.get("name", ""), "type": self._type(row, head, rest)}
        if question["type"] is None:
            return
        question["required"] = self._required(row)
        question["labels"] = _labels_of(row)
        if question["type"] in ("single", "multiple"):
            question["choices"] = [dict(choice) for _number, choice in self.lists[rest[0]]]
        question.update(self._limits(row, question["type"]))
        relevant = self._relevant(row)
        if relevant:
            question["relevant"] = relevant
        if self.section:
            question["section"], self.section = self.section, None
        self.questions.append(question)
        self.rows.append(row.number)

    def _type(self, row: _Row, head: str, rest: list[str]) -> str | None:
        column = self.sheet.column("type")
        appearance = row.cells.get("appearance", "")
        if appearance and (head, appearance) != ("text", VOTES_APPEARANCE):
            self.sheet.error(
                row.number,
                self.sheet.column("appearance"),
                _("appearance %(appearance)s is not supported; only a text question may have appearance votes")
                % {"appearance": appearance},
            )
            return None
        if head in SIMPLE_TYPES and not rest:
            return "votes" if appearance == VOTES_APPEARANCE else head
        if head in ("select_one", "select_multiple") and len(rest) == 1:
            if rest[0] not in self.lists:
                where = (
                    _("the choices sheet") if self.has_choices_sheet else _("a choices sheet (the workbook has none)")
                )
                self.sheet.error(
                    row.number, column, _("list %(list)s is not in %(where)s") % {"list": rest[0], "where": where}
                )
                return None
            if rest[0] == YES_NO_LIST and head == "select_one":
                return self._yes_no(row)
            return "single" if head == "select_one" else "multiple"
        if head == "begin_repeat":
            message = _("repeats are not supported; make one question per item instead")
        else:
            message = _(
                "type %(type)s is not supported; use select_one <list>, select_multiple <list>, integer, "
                "time, text, begin_group or end_group"
            ) % {"type": row.cells["type"]}
        self.sheet.error(row.number, column, message)
        return None

    def _yes_no(self, row: _Row) -> str | None:
        values = sorted(choice["value"] for _number, choice in self.lists[YES_NO_LIST])
        if values != sorted(YES_NO_VALUES):
            self.sheet.error(
                row.number,
                self.sheet.column("type"),
                _("list %(list)s must hold exactly the choices yes, no, na (it holds %(values)s)")
                % {"list": YES_NO_LIST, "values": ", ".join(values)},
            )
            return None
        return "yes_no"

    def _required(self, row: _Row) -> bool:
        value = row.cells.get("required", "").lower()
        if value in ("", "no", "false", "false()", "0"):
            return False
        if value in ("yes", "true", "true()", "1"):
            return True
        self.sheet.error(row.number, self.sheet.column("required"), _("write yes or leave it empty"))
        return False

    def _limits(self, row: _Row, kind: str) -> dict:
        constraint = row.cells.get("constraint", "")
        if not constraint:
            return {}
        if kind != "integer":
            self.sheet.error(row.number, self.sheet.column("constraint"), _("only integer questions take a constraint"))
            return {}
        limits = {}
        for part in re.split(r"\s+and\s+", constraint.strip()):
            match = _LIMIT.match(part.strip())
            key = {">=": "min", "<=": "max"}.get(match[1]) if match else None
            if key is None or key in limits:
                self.sheet.error(
                    row.number,
                    self.sheet.column("constraint"),
                    _("%(constraint)s is not supported; write . >= 0, . <= 100 or both joined by and")
                    % {"constraint": constraint},
                )
                return {}
            limits[key] = int(match[2])
        return limits

    def _relevant(self, row: _Row) -> dict | None:
        expression = row.cells.get("relevant", "")
        if not expression:
            return None
        column = self.sheet.column("relevant")
        match = _EQUALS.match(expression) or _SELECTED.match(expression)
        if not match:
            self.sheet.error(
                row.number,
                column,
                _("%(expression)s is not supported; write ${question} = 'value' or selected(${question}, 'value')")
                % {"expression": expression},
            )
            return None
        code, value = match[1], match[3]
        earlier = next((question for question in self.questions if question["code"] == code), None)
        if earlier is None:
            self.sheet.error(
                row.number, column, _("refers to %(code)s, which is not an earlier question") % {"code": code}
            )
        elif earlier["type"] == "multiple" and match.re is _EQUALS:
            self.sheet.error(
                row.number,
                column,
                _("%(code)s is a select_multiple: write selected(${%(code)s}, '%(value)s')")
                % {"code": code, "value": value},
            )
        return {"question": code, "equals": value}

    def report_definition_problems(self) -> None:
        """The definition checks every published form passes, pointed at the survey rows."""
        for index, messages in problems_by_question(questions_problems(self.questions)).items():
            for message in messages:
                if index is None:
                    self.sheet.errors.append(f"{self.sheet.name}: {message}")
                else:
                    self.sheet.error(self.rows[index - 1], None, f"{self.questions[index - 1]['code']}: {message}")


def _settings(sheets: dict, errors: list[str]) -> dict:
    """form_title, form_id and default_language (as a language code) from the settings sheet, if any."""
    if "settings" not in sheets:
        return {"default_language": "en"}
    sheet = _Sheet("settings", sheets["settings"], ("form_title", "form_id", "default_language"), errors, strict=False)
    values = dict(sheet.rows[0].cells) if sheet.rows else {}
    language = _language(values.get("default_language", "").lower(), "en")
    if language is None:
        sheet.error(
            sheet.rows[0].number,
            sheet.column("default_language"),
            _("language not supported: use English (en), Russian (ru) or Kazakh (kk)"),
        )
    values["default_language"] = language or "en"
    return values


def xlsform_import(*, upload) -> ImportedForm:
    """Read an uploaded XLSForm; raises XLSFormInvalid listing every problem found. Writes nothing."""
    sheets = _workbook(upload)
    if "survey" not in sheets:
        found = ", ".join(sheets) or _("none")
        raise XLSFormInvalid(
            [_("The workbook has no sheet named survey (sheets found: %(found)s).") % {"found": found}]
        )
    errors: list[str] = []
    settings = _settings(sheets, errors)
    language = settings["default_language"]
    choices = (
        _Sheet("choices", sheets["choices"], ("list_name", "name"), errors, default_language=language)
        if "choices" in sheets
        else None
    )
    survey = _Sheet("survey", sheets["survey"], META_COLUMNS, errors, default_language=language)
    for sheet in (choices, survey):
        if sheet:
            sheet.report_unsupported()
    reader = _SurveyReader(survey, _read_lists(choices) if choices else {}, choices is not None)
    reader.read()
    if not errors:
        reader.report_definition_problems()
    if errors:
        raise XLSFormInvalid(errors)
    title = {"en": settings["form_title"]} if settings.get("form_title") else {}
    return ImportedForm(form_id=settings.get("form_id", ""), title=title, questions=reader.questions)
