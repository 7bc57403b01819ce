"""The printed report: findings (see selectors.findings_compute) put into sentences and tables, rendered by WeasyPrint.

Everything language-dependent is decided here from report_texts; the template only lays it out.
"""
import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import FileResponse
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from . import report_texts as rt
from .models import Compilation, Report

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


def _count_and_percent(language: str, count: int, percent: int | None) -> dict:
    return {"count": rt.number(language, count), "percent": "–" if percent is None else percent}


def _yes_no_table(language: str, form: dict) -> list[dict]:
    """One row per yes/no question: yes, no and not applicable side by side; N is yes + no, what the per cents are of."""
    return [
        {
            "label": question["label"],
            "n": rt.number(language, question["denominator"]),
            **{a["value"]: _count_and_percent(language, a["count"], a["percent"]) for a in question["answers"]},
        }
        for question in form["questions"]
        if question["type"] == "yes_no"
    ]


def _choices_table(language: str, form: dict) -> list[dict]:
    """Single- and multiple-choice questions, one row per choice."""
    return [
        {
            "label": question["label"],
            "n": rt.number(language, question["n"]),
            "answers": [
                {"label": a["label"], **_count_and_percent(language, a["count"], a["percent"])}
                for a in question["answers"]
            ],
        }
        for question in form["questions"]
        if question["type"] != "yes_no"
    ]


def _region_table(language: str, form: dict) -> list[dict]:
    return [
        {
            "name": row["name"],
            "n": rt.number(language, row["n"]),
            "negative": rt.number(language, row["negative"]),
            "percent": rt.share_cell(language, row["negative"], row["n"]),
        }
        for row in form["by_region"]
    ]


def _assessment_sentence(language: str, kind_name: str, assessment: dict) -> str:
    share = rt.share(language, assessment["negative"], assessment["n"])
    return rt.texts(language)["assessment"].format(kind=kind_name, share=share)


def _form_section(language: str, letter: str, form: dict) -> dict:
    t = rt.texts(language)
    kind_name = t["form_kinds"][form["kind"]]
    if not form["submissions"]:
        lead = t["kind_no_forms"]
    elif form["has_assessment"] and form["assessment"]["n"]:
        lead = _assessment_sentence(language, kind_name, form["assessment"])
    else:
        lead = t["kind_no_assessment"] if form["has_assessment"] else ""
    return {
        "heading": f"{letter}. {kind_name}",
        "lead": lead,
        "submissions": form["submissions"],
        "yes_no_caption": t["yes_no_caption"].format(kind=kind_name),
        "yes_no": _yes_no_table(language, form) if form["submissions"] else [],
        "choices_caption": t["choices_caption"].format(kind=kind_name),
        "choices": _choices_table(language, form) if form["submissions"] else [],
        "regions_caption": t["regions_caption"].format(kind=kind_name),
        "regions": _region_table(language, form),
        "few_in_a_region": any(row["n"] < rt.MIN_FOR_PERCENT for row in form["by_region"]),
    }


def _assessed(findings: dict) -> list[dict]:
    return [form for form in findings["forms"] if form["has_assessment"] and form["assessment"]["n"]]


def _summary(language: str, findings: dict) -> list[str]:
    t = rt.texts(language)
    if not findings["submissions"]:
        return [t["no_forms"]]
    coverage = findings["coverage"]
    total = coverage["total"]
    paragraphs = [
        t["coverage"].format(
            observed=rt.number(language, total["observed"]),
            total=rt.counted(language, "coverage_stations", total["stations"]),
            planned=rt.number(language, total["planned"]),
            regions_observed=rt.number(language, coverage["regions_observed"]),
            regions_total=rt.counted(language, "coverage_regions", coverage["regions_total"]),
        )
    ]
    paragraphs += [
        _assessment_sentence(language, t["form_kinds"][form["kind"]], form["assessment"]) for form in _assessed(findings)
    ]
    return paragraphs


def _conclusions(language: str, findings: dict) -> list[str]:
    t = rt.texts(language)
    paragraphs = []
    assessed = _assessed(findings)
    if assessed:
        worst = max(assessed, key=lambda form: form["assessment"]["negative"] / form["assessment"]["n"])
        share = rt.share(language, worst["assessment"]["negative"], worst["assessment"]["n"], within=False)
        paragraphs.append(t["worst"].format(kind=t["form_kinds"][worst["kind"]], share=share))
    paragraphs += [t["caveat"], t["recommendation"].format(odihr=t["odihr"])]
    return paragraphs


def _coverage_table(language: str, coverage: dict) -> dict:
    def row(name: str, figures: dict) -> dict:
        observed_percent = rt.percent(figures["observed"], figures["stations"])
        return {
            "name": name,
            "stations": rt.number(language, figures["stations"]),
            "planned": rt.number(language, figures["planned"]),
            "observed": rt.number(language, figures["observed"]),
            "observed_percent": "–" if observed_percent is None else observed_percent,
            "registered_voters": rt.number(language, figures["registered_voters"]),
        }

    return {
        "rows": [row(region["name"], region) for region in coverage["regions"]],
        "total": row(rt.texts(language)["total"], coverage["total"]),
    }


def report_context(*, report: Report, language: str, findings: dict, findings_at: dt.datetime) -> dict:
    t = rt.texts(language)
    mission = report.mission
    local_time = findings_at.astimezone(ZoneInfo(mission.time_zone))
    letters = t["section_letters"]
    return {
        "language": language,
        "t": t,
        "fonts": _fonts(),
        "stylesheet": STYLESHEET.as_uri(),
        "mission": mission,
        "country": mission.country_label(language),
        "election_date": rt.date(language, mission.election_date),
        "mission_type": t["mission_types"][mission.mission_type],
        "report_title": t["report_kinds"][report.kind],
        "issued": rt.date(language, local_time.date()),
        "introduction": t["introduction"].format(
            odihr=t["odihr"],
            mission_type=t["mission_types"][mission.mission_type],
            forms=rt.counted(language, "forms", findings["submissions"]),
            teams=rt.counted(language, "teams", findings["teams"]),
            data_time=f"{rt.date_time(language, local_time)} ({mission.time_zone})",
        ),
        "method": t["method"].format(min=rt.MIN_FOR_PERCENT),
        "summary": _summary(language, findings),
        "forms": [_form_section(language, letters[i], form) for i, form in enumerate(findings["forms"])],
        "few_note": t["few_note"].format(min=rt.MIN_FOR_PERCENT),
        "conclusions": _conclusions(language, findings),
        "coverage": _coverage_table(language, findings["coverage"]),
    }


def pdf_render(*, report: Report, language: str, findings: dict, findings_at: dt.datetime) -> bytes:
    context = report_context(report=report, language=language, findings=findings, findings_at=findings_at)
    html = render_to_string("reports/pdf/report.html", context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(font_config=FontConfiguration())


def pdf_response(compilation: Compilation) -> FileResponse:
    """The compiled PDF as a download."""
    return FileResponse(
        compilation.pdf.open("rb"), as_attachment=True, filename=compilation.pdf.name.rsplit("/", 1)[-1],
        content_type="application/pdf",
    )
