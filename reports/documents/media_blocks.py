"""The media monitoring blocks: coverage share per subject and outlet as stacked bars with tone
(`[[block:media_chart]]`), the same as tables (`[[block:media_table]]`), and one line per outlet
(`[[block:media_summary]]`). Each takes ownership=state|private, kind=tv|radio|print|online and a period,
from=YYYY-MM-DD and to=YYYY-MM-DD; names print in the report's language."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.template.loader import render_to_string

from observers.media.models import MediaOutlet
from reports.documents import texts as rt
from reports.documents.markdown import BlockError
from reports.media.charts import TONE_COLOURS, coverage_chart
from reports.media.selectors import TONES, OutletCoverage, Period, SubjectCoverage, coverage, sample_dates

if TYPE_CHECKING:
    from reports.documents.blocks import BlockContext


def block_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BlockError(f"“{value}” is not a date: write it as 2004-09-01") from None


def _choice(values):
    def parse(value: str) -> str:
        if value not in values:
            raise BlockError(f"“{value}” is not one of: {', '.join(values)}")
        return value

    return parse


PARAMS = {
    "ownership": _choice(MediaOutlet.Ownership.values),
    "kind": _choice(MediaOutlet.Kind.values),
    "from": block_date,
    "to": block_date,
}


def _outlets(ctx: BlockContext, params: dict) -> tuple[list[OutletCoverage], Period]:
    period = Period(params.get("from"), params.get("to"))
    outlets = coverage(mission=ctx.mission, period=period, ownership=params.get("ownership", ""))
    if params.get("kind"):
        outlets = [o for o in outlets if o.outlet.kind == params["kind"]]
    return [o for o in outlets if o.amount], period


def _period_note(ctx: BlockContext, period: Period) -> str:
    first, last = sample_dates(mission=ctx.mission)
    starts, ends = period.starts or first, period.ends or last
    if not starts or not ends:
        return ""
    return ctx.t["media_period"].format(starts=rt.date(ctx.language, starts), ends=rt.date(ctx.language, ends))


def _unit(ctx: BlockContext, outlet: MediaOutlet) -> str:
    return ctx.t["media_units"]["seconds" if outlet.is_broadcast else "cm2"]


def _none(ctx: BlockContext) -> str:
    return render_to_string("documents/blocks/paragraphs.html", {"paragraphs": [ctx.t["media_none"]]})


def media_chart_block(ctx: BlockContext, **params) -> str:
    outlets, period = _outlets(ctx, params)
    if not outlets:
        return _none(ctx)
    language, t = ctx.language, ctx.t
    charts = [
        {
            "caption": t["media_chart_caption"].format(outlet=o.outlet.label(language)),
            "drawing": coverage_chart(
                o, language=language, share_text=lambda share: f"{rt.decimal(language, share)} %"
            ),
        }
        for o in outlets
    ]
    legend = [{"colour": TONE_COLOURS[tone], "label": t["media_tones"][tone]} for tone in TONES]
    return render_to_string(
        "documents/blocks/media_chart.html",
        {
            "charts": charts,
            "legend": legend,
            "note": " ".join(filter(None, [_period_note(ctx, period), t["media_note"]])),
        },
    )


def _row(language: str, row: SubjectCoverage) -> dict:
    return {
        "subject": row.subject.label(language),
        "amount": rt.number(language, row.amount),
        "share": rt.decimal(language, row.share),
        "tones": [rt.decimal(language, row.tone_share(tone)) for tone in TONES],
    }


def _subtotal(language: str, figures: dict) -> dict:
    return {"amount": rt.number(language, figures["amount"]), "share": rt.decimal(language, figures["share"])}


def media_table_block(ctx: BlockContext, **params) -> str:
    outlets, period = _outlets(ctx, params)
    if not outlets:
        return _none(ctx)
    language, t = ctx.language, ctx.t
    tables = [
        {
            "caption": t["media_table_caption"].format(outlet=o.outlet.label(language)),
            "unit": _unit(ctx, o.outlet),
            "contestants": [_row(language, row) for row in o.contestants],
            "contestants_subtotal": _subtotal(language, o.contestants_subtotal),
            "apart": [_row(language, row) for row in o.apart],
            "apart_subtotal": _subtotal(language, o.apart_subtotal),
            "total": rt.number(language, o.amount),
            "tones": [rt.decimal(language, o.tones[tone]) for tone in TONES],
        }
        for o in outlets
    ]
    return render_to_string(
        "documents/blocks/media_table.html",
        {"t": t, "tables": tables, "note": " ".join(filter(None, [_period_note(ctx, period), t["media_note"]]))},
    )


def media_summary_block(ctx: BlockContext, **params) -> str:
    outlets, period = _outlets(ctx, params)
    if not outlets:
        return _none(ctx)
    language, t = ctx.language, ctx.t
    rows = [
        {
            "outlet": o.outlet.label(language),
            "type": f"{t['media_outlet_kinds'][o.outlet.kind]}, {t['media_ownership'][o.outlet.ownership].lower()}",
            "language": o.outlet.language_label(language),
            "items": rt.number(language, o.items),
            "coverage": f"{rt.number(language, o.amount)} {_unit(ctx, o.outlet).lower()}",
            "leader": f"{o.leader.subject.label(language)} ({rt.decimal(language, o.leader.share)} %)",
            "apart": rt.decimal(language, o.apart_subtotal["share"]),
            "negative": rt.decimal(language, o.tones["negative"]),
        }
        for o in outlets
    ]
    return render_to_string(
        "documents/blocks/media_summary.html", {"t": t, "rows": rows, "note": _period_note(ctx, period)}
    )
