"""Reading an uploaded CSV or XLSX file into a plain table of strings, whatever its encoding or delimiter."""

import codecs
import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
DELIMITERS = (",", ";", "\t")


class TableError(ValueError):
    """The file as a whole cannot be read; the message says why and what to do."""


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as a spreadsheet shows it, the header being row 1; cells)

    def column_label(self, index: int) -> str:
        return self.headers[index] or _("column %(number)s") % {"number": index + 1}


def table_read(upload: UploadedFile, *, limit: int | None = MAX_UPLOAD_BYTES) -> Table:
    """`limit` is the largest file the page accepts; the command line (`import_stations`) takes any size."""
    if limit is not None and upload.size > limit:
        raise TableError(
            _("The file is %(size)s; the limit is %(limit)s. Split it into smaller files and import them one by one.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    data = upload.read()
    # The content decides the format, not the name: an XLSX file is a zip archive.
    if zipfile.is_zipfile(io.BytesIO(data)):
        records = _xlsx_records(data)
    elif upload.name.lower().endswith((".xlsx", ".xlsm")):
        raise TableError(
            _("This is not a readable XLSX workbook. Save it again from your spreadsheet program, or as CSV.")
        )
    else:
        records = _csv_records(data)
    return _table_from(records)


def _table_from(records: list[list[str]]) -> Table:
    records = [[cell.strip() for cell in cells] for cells in records]
    if not any(any(cells) for cells in records):
        raise TableError(_("The file is empty."))
    headers = None
    rows = []
    for number, cells in enumerate(records, start=1):
        if headers is None:
            headers = cells
            continue
        if any(cells):  # blank lines are skipped but still counted, so row numbers match the file
            rows.append((number, cells + [""] * (len(headers) - len(cells))))
    if not headers or not any(headers):
        raise TableError(_("The first row must hold the column names, and it is empty."))
    if not rows:
        raise TableError(_("The file has column names but no rows below them."))
    return Table(headers=headers, rows=rows)


def _csv_records(data: bytes):
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")  # Excel's "Unicode text": UTF-16, tab-separated
    elif b"\x00" in data[:4096]:
        raise TableError(_("This is not a text file. Upload a CSV (comma- or semicolon-separated) or an XLSX file."))
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1251", errors="replace")  # spreadsheets saved by Russian-language Windows
    first_line = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first_line.count)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise TableError(
            _("The CSV file cannot be read (%(error)s). Save it again as CSV UTF-8.") % {"error": error}
        ) from error


def _xlsx_records(data: bytes):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            return [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        finally:
            workbook.close()
    except Exception as error:  # openpyxl raises many kinds (zip, XML, KeyError) for a damaged workbook
        raise TableError(
            _(
                "This is not a readable XLSX workbook (%(error)s). "
                "Save it again from your spreadsheet program, or as CSV."
            )
            % {"error": type(error).__name__}
        ) from error


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a code or a count typed as a number: 12.0 -> "12"
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)
