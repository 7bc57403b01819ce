"""The printed report: title page, table of contents and the report's sections with their blocks, laid out by
WeasyPrint (page numbers in the contents by target-counter, a running header, numbered pages).

Everything language-dependent comes from the sections, the blocks and report_texts; the templates only lay out.
"""

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.http import FileResponse
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from reports.documents import texts as rt
from reports.documents.blocks import BlockContext
from reports.documents.record_texts import period as record_period
from reports.documents.record_texts import record_texts
from reports.documents.sections import document_outline, section_render
from reports.documents.selectors import report_sections
from reports.findings.present import margins_note
from reports.models import Compilation, Report

FONTS_DIR = settings.BASE_DIR / "static" / "fonts"
FONT_FILES = {
    ("DejaVu Serif", "normal"): "DejaVuSerif.ttf",
    ("DejaVu Serif", "bold"): "DejaVuSerif-Bold.ttf",
    ("DejaVu Sans", "normal"): "DejaVuSans.ttf",
    ("DejaVu Sans", "bold"): "DejaVuSans-Bold.ttf",
}
STYLESHEET = settings.BASE_DIR / "static" / "css" / "report.css"


def _fonts() -> list[dict]:
    return [
        {"family": family, "weight": weight, "url": (FONTS_DIR / file).as_uri()}
        for (family, weight), file in FONT_FILES.items()
    ]


def report_title(report: Report, language: str) -> str:
    t = rt.texts(language)
    standard = t["nam_report_title"] if report.kind == Report.Kind.NEEDS_ASSESSMENT else t["report_kinds"][report.kind]
    if report.kind == Report.Kind.INTERIM and report.number:
        standard = record_texts(language)["interim_title"].format(n=report.number)
    return report.in_language("title", language) or standard


def report_period(report: Report, language: str) -> str:
    """ "Reporting period: 15 August 2004 – 5 September 2004", or nothing for a report without one."""
    if report.period_from is None:
        return ""
    label = record_period(language, report.period_from, report.period_to)
    return record_texts(language)["interim_period"].format(period=label)


def report_context(
    *,
    report: Report,
    language: str,
    findings: dict | None,
    findings_at: dt.datetime,
    strict: bool = True,
    draft: bool = False,
) -> dict:
    """Everything the document template shows. `findings` None: computed if a block needs them (previews);
    `strict`: a problem (a block that cannot be placed, a reference to no paragraph…) raises BlockError rather
    than showing its message; `draft`: DRAFT on every page."""
    t = rt.texts(language)
    mission = report.mission
    rows = list(report_sections(report=report))
    outline = document_outline(report, rows, language)
    ctx = BlockContext(
        report=report, language=language, findings=findings, findings_at=findings_at, document=outline.document()
    )
    sections = [section_render(section, ctx, strict=strict) for section in rows]
    nam = report.kind == Report.Kind.NEEDS_ASSESSMENT
    return {
        "language": language,
        "t": t,
        "mission": mission,
        "country": mission.country_label(language),
        "election": report.in_language("election", language) or mission.election,
        "election_date": rt.date(language, mission.election_date),
        "mission_line": "" if nam else f"{t['odihr']} {t['mission_types'][mission.mission_type]}",
        "report_title": report_title(report, language),
        "report_period": report_period(report, language),
        "issued": rt.date(language, report.issued_on) if report.issued_on else "",
        # The NAM report's text and figures are its source's: no "synthetic" banner, a note saying so instead.
        "demo_note": (t["demo_source"] if nam else t["demo"]) if mission.is_demo else "",
        "sections": sections,
        # said once, before the sections, where the shares carry their intervals
        "margins_note": margins_note(language, ctx.findings) if report.margins else "",
        "contents": [section for section in sections if section.heading],
        "errors": [error for section in sections for error in section.errors],
        "draft": draft,
    }


def report_html(*, report: Report, language: str, findings: dict, findings_at: dt.datetime, final: bool = True) -> str:
    """A final report is strict (the first problem stops it); a draft shows its problems in place, marked DRAFT."""
    context = report_context(
        report=report, language=language, findings=findings, findings_at=findings_at, strict=final, draft=not final
    )
    return render_to_string(
        "documents/pdf/report.html", {**context, "fonts": _fonts(), "stylesheet": STYLESHEET.as_uri()}
    )


def pdf_from_html(html: str) -> bytes:
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(font_config=FontConfiguration())


def pdf_render(
    *,
    report: Report,
    language: str,
    findings: dict,
    findings_at: dt.datetime,
    final: bool = True,
    on_stage: Callable[[str], None] | None = None,
) -> bytes:
    """The PDF; `on_stage` hears when the sections are being written and when the pages are being laid out."""
    notify = on_stage or (lambda stage: None)
    notify(Compilation.Stage.SECTIONS)
    html = report_html(report=report, language=language, findings=findings, findings_at=findings_at, final=final)
    notify(Compilation.Stage.PDF)
    return pdf_from_html(html)


def pdf_response(compilation: Compilation) -> FileResponse:
    """The compiled PDF as a download."""
    return FileResponse(
        compilation.pdf.open("rb"),
        as_attachment=True,
        filename=compilation.pdf.name.rsplit("/", 1)[-1],
        content_type="application/pdf",
    )
