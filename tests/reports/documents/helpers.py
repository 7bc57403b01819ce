"""Helpers for the tests of reports as documents: compile one and read its PDF as text."""

import io
import re

from pypdf import PdfReader

from reports.documents.services import compilation_run
from reports.models import Compilation, Report


def pdf_text(data: bytes) -> tuple[str, int]:
    """The PDF's text with words hyphenated at line ends joined and whitespace collapsed; and its page count."""
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    text = re.sub(r"[-‐]\n", "", text)
    return " ".join(text.split()), len(reader.pages)


def compiled(report: Report, language: str, *, final: bool = False) -> Compilation:
    """A compilation run to its end: a draft, or `final` (strict: the first problem fails it)."""
    queued = Compilation.objects.create(report=report, language=language, final=final)
    compilation = compilation_run(compilation_id=queued.pk)
    compilation.refresh_from_db()
    return compilation


def compiled_text(report: Report, language: str) -> str:
    compilation = compiled(report, language)
    assert compilation.status == Compilation.Status.DONE, compilation.error
    return pdf_text(compilation.pdf.read())[0]
