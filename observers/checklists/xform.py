"""The XForm (ODK XForms 1.0) of one checklist version, for ODK Collect, Enketo and ODK Web Forms.

Made by pyxform from the same XLSForm sheets the export writes (observers/checklists/xlsform.py), with what a
phone needs beyond the questions:

- the polling station, chosen from the team's stations (`select_one_from_file stations.csv`, the form's media
  file, observers/openrosa): a station outside the plan is not on the list;
- `start` and `end`, filled by the phone: `end` is the form's `observed_at`;
- for the forms that take files (the counting and incident forms) a photo question, whose file is sent with the
  form and stored as its attachment;
- `meta/instanceID` (pyxform adds it): the submission's uuid.

The form id is `eom-<mission id>-<kind>`, the same for every version; `version` is the version number. The same
definition always gives the same bytes (pyxform writes nothing that changes from run to run), so a version used
once, whose definition never changes again, keeps its XForm and its md5 hash.
"""

import hashlib
import io
import json
import threading

from openpyxl import Workbook
from pyxform.errors import PyXFormError
from pyxform.xls2xform import convert

from observers.checklists.services import FORM_LANGUAGES
from observers.checklists.xlsform import _LABEL_COLUMNS, xlsform_sheets
from observers.models import Checklist
from observers.submissions.attachments import ATTACHABLE_KINDS

STATION_QUESTION = "polling_station"
STATIONS_FILE = "stations.csv"
PHOTO_QUESTION = "protocol_photo"
START, END = "start", "end"
# Instance elements that are not answers to the checklist's questions.
RESERVED = (STATION_QUESTION, PHOTO_QUESTION, START, END)
STATION_LABELS = {"en": "Polling station", "ru": "Избирательный участок", "kk": "Сайлау учаскесі"}
PHOTO_LABELS = {
    Checklist.Kind.COUNTING: {
        "en": "Photo of the results protocol",
        "ru": "Фото протокола об итогах",
        "kk": "Нәтижелер хаттамасының суреті",
    },
    Checklist.Kind.INCIDENT: {"en": "Photo", "ru": "Фото", "kk": "Сурет"},
}
VOTES_HINTS = {
    "en": "Each contestant's code and votes, e.g. A=120; B=75 (0 where none)",
    "ru": "Код каждого участника и число голосов, например A=120; B=75 (0, если голосов нет)",
    "kk": "Әр үміткердің коды мен дауыс саны, мысалы A=120; B=75 (дауыс болмаса 0)",
}
_HINT_COLUMNS = [column.replace("label::", "hint::") for column in _LABEL_COLUMNS]


class XFormUnavailable(Exception):
    """pyxform refused the definition (it should not: every published form passes the definition checks)."""


def form_id(checklist: Checklist) -> str:
    return f"eom-{checklist.mission_id}-{checklist.kind}"


def _labels(labels: dict) -> list[str]:
    return [labels.get(code, "") for code in FORM_LANGUAGES]


def _survey(checklist: Checklist, sheets: dict) -> list[list[str]]:
    """The export's survey with the phone's questions, in columns of one header."""
    header = list(sheets["survey"][0])
    for column in ("appearance", *_HINT_COLUMNS):
        if column not in header:
            header.append(column)
    at = {column: index for index, column in enumerate(header)}

    def row(**cells) -> list[str]:
        values = [""] * len(header)
        for column, value in cells.items():
            values[at[column]] = value
        return values

    def labelled(labels: dict, prefix: str = "label::") -> dict:
        return {
            column.replace("label::", prefix): text
            for column, text in zip(_LABEL_COLUMNS, _labels(labels), strict=True)
        }

    rows = [row(type=START, name=START), row(type=END, name=END)]
    rows.append(
        row(
            type=f"select_one_from_file {STATIONS_FILE}",
            name=STATION_QUESTION,
            required="yes" if checklist.needs_station else "",
            appearance="autocomplete",
            **labelled(STATION_LABELS),
        )
    )
    for original in sheets["survey"][1:]:
        cells = dict(zip(sheets["survey"][0], original, strict=False))
        if cells.get("appearance") == "votes":
            cells.update(labelled(VOTES_HINTS, "hint::"))
            # A plain text box on the phone, read as code=votes pairs; never required there: a ballot with nobody
            # on it needs no votes (the server checks the ballot).
            cells["appearance"], cells["required"] = "", ""
        rows.append(row(**cells))
    if checklist.kind in ATTACHABLE_KINDS:
        rows.append(row(type="image", name=PHOTO_QUESTION, **labelled(PHOTO_LABELS[checklist.kind])))
    return [header, *rows]


def _workbook(sheets: dict) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _build(checklist: Checklist) -> bytes:
    sheets = xlsform_sheets(checklist=checklist)
    sheets["survey"] = _survey(checklist, sheets)
    sheets["settings"] = [
        [*sheets["settings"][0], "instance_name"],
        [sheets["settings"][1][0] or checklist.get_kind_display(), form_id(checklist), *sheets["settings"][1][2:], ""],
    ]
    try:
        result = convert(xlsform=_workbook(sheets), file_type=".xlsx", form_name="data", pretty_print=True)
    except PyXFormError as error:
        raise XFormUnavailable(str(error)) from error
    return result.xform.encode()


# XForms by (checklist id, digest of its definition): a version nobody used yet may still be corrected in place,
# and the digest tells the corrected one apart. Bounded: a mission has a few dozen versions.
_CACHE: dict[tuple[int, str], tuple[bytes, str]] = {}
_CACHE_MAX = 256
_LOCK = threading.Lock()


def _digest(checklist: Checklist) -> str:
    definition = {
        "kind": checklist.kind,
        "version": checklist.version,
        "mission": checklist.mission_id,
        "title": checklist.title,
        "questions": checklist.questions,
    }
    return hashlib.sha256(json.dumps(definition, sort_keys=True).encode()).hexdigest()


def xform_of(*, checklist: Checklist) -> tuple[bytes, str]:
    """The version's XForm and its hash as the form list gives it (`md5:<hex>` of exactly these bytes)."""
    key = (checklist.pk, _digest(checklist))
    cached = _CACHE.get(key)
    if cached is None:
        xform = _build(checklist)
        cached = (xform, "md5:" + hashlib.md5(xform, usedforsecurity=False).hexdigest())
        with _LOCK:
            if len(_CACHE) >= _CACHE_MAX:
                _CACHE.clear()
            _CACHE[key] = cached
    return cached
