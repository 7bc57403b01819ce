"""The blocks drawn from the observers' forms: statistics tables, headline sentences, charts, the map, deployment.

Figures come from the findings (selectors.findings_compute, stored with each compilation); wording and number
formats from report_texts, in the report's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.template.loader import render_to_string

from mission.clock import zone_label
from observers.checklists.definitions import ASSESSMENT_CODE, ASSESSMENT_VALUES
from observers.models import Role
from reports.documents import texts as rt
from reports.documents.markdown import BlockError
from reports.documents.render.charts import ANSWER_COLOURS, ASSESSMENT_COLOURS, DEFAULT_COLOUR, Bar, bar_chart
from reports.documents.render.maps import station_map
from reports.documents.selectors import observers_deployed, station_assessments, station_locations_by_region
from reports.findings.present import margin_printed

if TYPE_CHECKING:
    from reports.documents.blocks import BlockContext

NO_ASSESSMENT_COLOUR = "#7f8c99"


def _form(ctx: BlockContext, kind: str) -> dict | None:
    return next((form for form in ctx.findings["forms"] if form["kind"] == kind), None)


def _count_and_percent(language: str, count: int, percent: int | None) -> dict:
    return {"count": rt.number(language, count), "percent": "–" if percent is None else percent}


def _yes_no_table(language: str, form: dict) -> list[dict]:
    """One row per yes/no question: yes, no and not applicable side by side; N is yes + no."""
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


def _kind_name(ctx: BlockContext, kind: str) -> str:
    return ctx.t["form_kinds"][kind]


def _margin(assessment: dict, design: dict | None) -> dict | None:
    return margin_printed(
        k=assessment["negative"], n=assessment["n"], interval=assessment.get("interval"), design=design
    )


def _assessment_sentence(language: str, kind_name: str, assessment: dict, design: dict | None) -> str:
    share = rt.share(language, assessment["negative"], assessment["n"], margin=_margin(assessment, design))
    return rt.texts(language)["assessment"].format(kind=kind_name, share=share)


def _lead(ctx: BlockContext, kind: str, form: dict | None) -> str:
    t = ctx.t
    if not form or not form["submissions"]:
        return t["kind_no_forms"]
    if form["has_assessment"] and form["assessment"]["n"]:
        return _assessment_sentence(ctx.language, _kind_name(ctx, kind), form["assessment"], ctx.findings.get("design"))
    return t["kind_no_assessment"] if form["has_assessment"] else ""


def statistics_block(ctx: BlockContext, *, kind: str) -> str:
    language, t, form = ctx.language, ctx.t, _form(ctx, kind)
    kind_name = _kind_name(ctx, kind)
    has_forms = bool(form and form["submissions"])
    return render_to_string(
        "documents/blocks/statistics.html",
        {
            "t": t,
            "lead": _lead(ctx, kind, form),
            "yes_no_caption": t["yes_no_caption"].format(kind=kind_name),
            "yes_no": _yes_no_table(language, form) if has_forms else [],
            "choices_caption": t["choices_caption"].format(kind=kind_name),
            "choices": _choices_table(language, form) if has_forms else [],
            "regions_caption": t["regions_caption"].format(kind=kind_name),
            "regions": _region_table(language, form) if form else [],
            "few_in_a_region": bool(form) and any(row["n"] < rt.MIN_FOR_PERCENT for row in form["by_region"]),
            "few_note": t["few_note"].format(min=rt.MIN_FOR_PERCENT),
        },
    )


def _paragraphs(paragraphs: list[str]) -> str:
    return render_to_string("documents/blocks/paragraphs.html", {"paragraphs": paragraphs})


def headline_block(ctx: BlockContext) -> str:
    """Coverage, then the share of negative assessments of each form that carries one."""
    language, t, findings = ctx.language, ctx.t, ctx.findings
    if not findings["submissions"]:
        return _paragraphs([t["no_forms"]])
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
    assessed = [form for form in findings["forms"] if form["has_assessment"] and form["assessment"]["n"]]
    design = findings.get("design")
    paragraphs += [
        _assessment_sentence(language, _kind_name(ctx, form["kind"]), form["assessment"], design) for form in assessed
    ]
    if len(assessed) > 1:
        worst = max(assessed, key=lambda form: form["assessment"]["negative"] / form["assessment"]["n"])
        negative, n = worst["assessment"]["negative"], worst["assessment"]["n"]
        share = rt.share(language, negative, n, within=False, margin=_margin(worst["assessment"], design))
        paragraphs.append(t["worst"].format(kind=_kind_name(ctx, worst["kind"]), share=share))
    return _paragraphs(paragraphs)


def method_block(ctx: BlockContext) -> str:
    """Where the figures come from (forms, teams, as of when), how shares are counted, and what they do not say."""
    language, t, findings = ctx.language, ctx.t, ctx.findings
    zone = zone_label(ctx.mission.time_zone, language=language, at=ctx.local_findings_at)
    data_time = f"{rt.date_time(language, ctx.local_findings_at)} ({zone})"
    return _paragraphs(
        [
            t["introduction"].format(
                odihr=t["odihr"],
                mission_type=t["mission_types"][ctx.mission.mission_type],
                forms=rt.counted(language, "forms", findings["submissions"]),
                teams=rt.counted(language, "teams", findings["teams"]),
                data_time=data_time,
            ),
            t["method"].format(min=rt.MIN_FOR_PERCENT),
            # a drawn sample is a random one: the report's note on the margins says so instead
            *([] if findings.get("design", {}).get("sampled") else [t["caveat"]]),
        ]
    )


def _figure(ctx: BlockContext, caption: str, drawing: str, legend: list[dict] | None = None, note: str = "") -> str:
    return render_to_string(
        "documents/blocks/figure.html", {"caption": caption, "drawing": drawing, "legend": legend or [], "note": note}
    )


def _answer_bars(question: dict, colours: dict[str, str]) -> list[Bar]:
    return [
        Bar(answer["label"], answer["percent"], f"{answer['percent']} %", colours.get(answer["value"], DEFAULT_COLOUR))
        for answer in question["answers"]
        if answer["percent"] is not None
    ]


def chart_block(ctx: BlockContext, *, kind: str, question: str | None = None, by: str | None = None) -> str:
    """The overall assessments of a form (default), one question's answers (`question=`), or negative
    assessments by region (`by=region`), as per cent bars."""
    t, form = ctx.t, _form(ctx, kind)
    kind_name = _kind_name(ctx, kind)
    if not form or not form["submissions"]:
        return _paragraphs([t["kind_no_forms"]])
    if by == "region":
        bars = [
            Bar(
                row["name"],
                100 * row["negative"] / row["n"],
                f"{row['percent']} %" if row["n"] >= rt.MIN_FOR_PERCENT else f"{row['negative']}/{row['n']}",
                ASSESSMENT_COLOURS["very_bad"],
            )
            for row in form["by_region"]
        ]
        return _figure(ctx, t["chart_regions_caption"].format(kind=kind_name), bar_chart(bars))
    code = question or ASSESSMENT_CODE
    row = next((q for q in form["questions"] if q["code"] == code), None)
    if row is None:
        codes = ", ".join(q["code"] for q in form["questions"])
        raise BlockError(f"the {kind} form has no question “{code}” that a chart can show; its questions are: {codes}")
    if not row["denominator"]:
        return _paragraphs([t["kind_no_assessment"]])
    n = rt.number(ctx.language, row["denominator"])  # what the per cents are of (yes/no: yes + no)
    if code == ASSESSMENT_CODE:
        caption = t["chart_assessment_caption"].format(kind=kind_name, n=n)
        return _figure(ctx, caption, bar_chart(_answer_bars(row, ASSESSMENT_COLOURS)))
    caption = t["chart_question_caption"].format(kind=kind_name, question=row["label"], n=n)
    return _figure(ctx, caption, bar_chart(_answer_bars(row, ANSWER_COLOURS)))


def map_block(ctx: BlockContext, *, kind: str) -> str:
    t = ctx.t
    stations = station_assessments(mission=ctx.mission, kind=kind)
    located = [s for s in stations if s.latitude is not None]
    if not stations:
        return _paragraphs([t["kind_no_forms"]])
    if not located:
        return _paragraphs([t["no_locations"]])
    order = {value: i for i, value in enumerate((None, *ASSESSMENT_VALUES))}
    located.sort(key=lambda s: order[s.assessment])
    dots = [((s.latitude, s.longitude), ASSESSMENT_COLOURS.get(s.assessment, NO_ASSESSMENT_COLOUR)) for s in located]
    outlines = list(station_locations_by_region(mission=ctx.mission).values())
    legend = [
        {
            "colour": ASSESSMENT_COLOURS[value],
            "label": t["assessments"][value],
            "count": rt.number(ctx.language, sum(1 for s in located if s.assessment == value)),
        }
        for value in ASSESSMENT_VALUES
    ]
    unlocated = len(stations) - len(located)
    return _figure(
        ctx,
        t["map_caption"].format(kind=_kind_name(ctx, kind), n=rt.number(ctx.language, len(stations))),
        station_map(outlines=outlines, dots=dots),
        legend=legend,
        note=t["map_unlocated"].format(n=rt.number(ctx.language, unlocated)) if unlocated else "",
    )


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


def deployment_block(ctx: BlockContext) -> str:
    """Observers requested and deployed, then polling stations planned and observed by region."""
    language, mission = ctx.language, ctx.mission
    deployed = observers_deployed(mission=mission)
    requested = {Role.LTO: mission.requested_ltos, Role.STO: mission.requested_stos}
    observers = [
        {
            "label": ctx.t["observer_kinds"][kind],
            "requested": rt.number(language, requested[kind]),
            "deployed": rt.number(language, deployed[kind]["observers"]),
            "teams": rt.number(language, deployed[kind]["teams"]),
        }
        for kind in (Role.LTO, Role.STO)
    ]
    return render_to_string(
        "documents/blocks/deployment.html",
        {
            "t": ctx.t,
            "observers": observers,
            "coverage": _coverage_table(language, ctx.findings["coverage"]),
        },
    )
