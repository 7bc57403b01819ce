"""The pre-election record's blocks: what the LTOs' weekly reports raised (by topic and region, week by week),
their coverage and meetings, the register of complaints and appeals, candidate registration. Figures come from
the record's selectors (reports/record, mission/cases, mission/candidates), texts from record_texts.

Blocks of a period (`lto_*`, and the register's when the report has one) cover the report's reporting period,
or the one written in the block (`start=2004-08-15 end=2004-09-05`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.template.loader import render_to_string

from mission.candidates.selectors import (
    candidate_lists,
    district_candidates,
    refusals_by_reason,
    registration_by,
    registration_total,
)
from mission.cases.models import CaseFile, Decision
from mission.cases.selectors import case_deadlines, case_outcomes, deadline_missed, key_cases
from observers.models import Checklist
from reports.documents import texts as rt
from reports.documents.markdown import BlockError
from reports.documents.record_texts import counted, period, record_texts
from reports.record import selectors as record
from reports.record.topics import BY_CODE, TOPICS

if TYPE_CHECKING:
    from reports.documents.blocks import BlockContext

TOP_TOPICS = 3
KEY_CASES_SHOWN = 30


def day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BlockError(f"“{value}” is not a date: write it as 2004-08-15") from None


def topic(value: str) -> str:
    if value not in BY_CODE:
        raise BlockError(f"“{value}” is not one of: {', '.join(BY_CODE)}")
    return value


def _table(*, caption: str = "", lead: str = "", columns=(), rows=(), empty: str = "", text_columns: int = 1) -> str:
    """A captioned table; the columns after the first `text_columns` hold figures (right-aligned)."""
    context = {
        "caption": caption,
        "lead": lead,
        "columns": [(column, index >= text_columns) for index, column in enumerate(columns)],
        "rows": [[(cell, index >= text_columns) for index, cell in enumerate(row)] for row in rows],
        "empty": empty,
    }
    return render_to_string("documents/blocks/record_table.html", context)


def _period(ctx: BlockContext, start: dt.date | None, end: dt.date | None, *, required: bool) -> record.Period | None:
    report = ctx.report
    start, end = start or report.period_from, end or report.period_to
    if start is None or end is None:
        if required:
            raise BlockError(record_texts("en")["no_period"])
        return None
    if end < start:
        raise BlockError("the period ends before it starts: correct from= or to=")
    return record.Period(start, end, report.number)


def _n(ctx: BlockContext, value: int) -> str:
    return rt.number(ctx.language, value)


def _share(ctx: BlockContext, k: int, n: int) -> str:
    return f"{_n(ctx, k)} ({rt.share_cell(ctx.language, k, n)} %)" if n >= rt.MIN_FOR_PERCENT else _n(ctx, k)


def _zone(ctx: BlockContext) -> ZoneInfo:
    return ZoneInfo(ctx.mission.time_zone)


# --- the LTOs' reports ---


def lto_topics_block(ctx: BlockContext, *, start=None, end=None, topic: str | None = None) -> str:
    """Without a topic: each topic with the reports raising it; with one: that topic by region."""
    language, t = ctx.language, record_texts(ctx.language)
    span = _period(ctx, start, end, required=True)
    label = period(language, span.starts_on, span.ends_on)
    forms = record.period_forms(mission=ctx.mission, period=span)
    if topic is not None:
        by_region = record.topics_by_region(forms=forms)
        rows = [
            [region.label(language), _n(ctx, figures["reports"]), _share(ctx, figures[topic], figures["reports"])]
            for region in ctx.mission.regions.all()
            if (figures := by_region.get(region.pk))
        ]
        return _table(
            caption=f"{t['topics'][topic]}: {t['topics_caption'].format(period=label)}",
            columns=(rt.texts(language)["col_region"], t["col_reports"], t["topics"][topic]),
            rows=rows,
            empty=t["no_reports"],
        )
    total = record.topics_total(forms=forms)
    by_region = record.topics_by_region(forms=forms)
    n = total["reports"]
    if not n:
        return _table(empty=t["no_reports"])
    ranked = sorted(TOPICS, key=lambda item: -total[item.code])
    top = "; ".join(
        t["top_item"].format(topic=t["topics"][item.code].lower(), k=_n(ctx, total[item.code]), n=_n(ctx, n))
        for item in ranked[:TOP_TOPICS]
    )
    rows = [
        [
            t["topics"][item.code],
            _share(ctx, total[item.code], n),
            _n(ctx, sum(1 for figures in by_region.values() if figures[item.code])),
        ]
        for item in TOPICS
    ]
    return _table(
        lead=t["topics_lead"].format(period=label, reports=counted(language, "reports", n), top=top),
        caption=t["topics_caption"].format(period=label),
        columns=(t["col_issue"], t["col_reports"], rt.counted(language, "coverage_regions", len(by_region))),
        rows=rows,
    )


def lto_timeline_block(ctx: BlockContext, *, start=None, end=None) -> str:
    """Topics down, weeks across (a period has few weeks), then the incidents of each week."""
    language, t = ctx.language, record_texts(ctx.language)
    span = _period(ctx, start, end, required=True)
    zone = _zone(ctx)
    weeks = record.topics_by_week(forms=record.period_forms(mission=ctx.mission, period=span), zone=zone)
    incidents = record.incidents_by_week(
        incidents=record.period_forms(mission=ctx.mission, period=span, kind=Checklist.Kind.INCIDENT), zone=zone
    )
    mondays = sorted({monday for monday, _ in weeks} | set(incidents))
    counts = dict(weeks)
    empty_week = {"reports": 0, **{item.code: 0 for item in TOPICS}}
    rows = [[t["col_reports"], *(_n(ctx, counts.get(m, empty_week)["reports"]) for m in mondays)]]
    rows += [
        [t["topics"][item.code], *(_n(ctx, counts.get(m, empty_week)[item.code]) for m in mondays)] for item in TOPICS
    ]
    no_incidents = {"incidents": 0, "serious": 0}
    rows.append([t["col_incidents"], *(_n(ctx, incidents.get(m, no_incidents)["incidents"]) for m in mondays)])
    rows.append([t["col_serious"], *(_n(ctx, incidents.get(m, no_incidents)["serious"]) for m in mondays)])
    return _table(
        caption=t["timeline_caption"].format(period=period(language, span.starts_on, span.ends_on)),
        columns=(t["col_week"], *(f"{max(m, span.starts_on):%d.%m}" for m in mondays)),
        rows=rows if mondays else [],
        empty=t["no_reports"],
    )


def lto_coverage_block(ctx: BlockContext, *, start=None, end=None) -> str:
    language, t = ctx.language, record_texts(ctx.language)
    span = _period(ctx, start, end, required=True)
    forms = record.period_forms(mission=ctx.mission, period=span)
    regions = record.lto_coverage(mission=ctx.mission, forms=forms)
    expected = record.lto_teams_count(mission=ctx.mission) * span.weeks
    received = forms.count()  # a report of a team covering two regions counts in each row, once here
    rows = [
        [
            region.label(language),
            _n(ctx, region.teams) if region.teams else t["not_covered"],
            _n(ctx, region.teams * span.weeks),
            _n(ctx, region.reports),
        ]
        for region in regions
    ]
    lead = t["coverage_lead"].format(
        covered=_n(ctx, sum(1 for region in regions if region.teams)),
        regions=rt.counted(language, "coverage_regions", len(regions)),
        received=_n(ctx, received),
        expected=_n(ctx, expected),
    )
    return _table(
        lead=lead,
        caption=t["coverage_caption"].format(period=period(language, span.starts_on, span.ends_on)),
        columns=(rt.texts(language)["col_region"], t["col_lto_teams"], t["col_expected"], t["col_received"]),
        rows=rows,
    )


def lto_meetings_block(ctx: BlockContext, *, start=None, end=None) -> str:
    language, t = ctx.language, record_texts(ctx.language)
    span = _period(ctx, start, end, required=True)
    meetings = record.lto_meetings(mission=ctx.mission, period=span)
    by_region = record.meetings_by_region(meetings=meetings)
    total = record.meetings_total(meetings=meetings)
    if not total["meetings"]:
        return _table(empty=t["no_lto_meetings"])
    rows = [
        [region.label(language), _n(ctx, figures["meetings"]), _n(ctx, figures["interlocutors"])]
        for region in ctx.mission.regions.all()
        if (figures := by_region.get(region.pk))
    ]
    categories = record.meetings_by_category(meetings=meetings)
    rows += [[t["categories"][code], _n(ctx, n), ""] for code, n in sorted(categories.items())]
    lead = t["meetings_lead"].format(
        meetings=counted(language, "meetings", total["meetings"]),
        people=counted(language, "people", total["people"]),
        regions=counted(language, "regions", len([key for key in by_region if key is not None])),
    )
    return _table(
        lead=lead,
        caption=t["meetings_caption"].format(period=period(language, span.starts_on, span.ends_on)),
        columns=(
            f"{rt.texts(language)['col_region']} / {t['col_category']}",
            t["col_meetings"],
            t["col_interlocutors"],
        ),
        rows=rows,
    )


# --- the register ---


def _cases(ctx: BlockContext, start, end):
    """The mission's cases, those filed in the period when there is one; and the day deadlines are judged on."""
    cases = CaseFile.objects.filter(mission=ctx.mission)
    span = _period(ctx, start, end, required=False)
    if span is None:
        return cases, ctx.local_findings_at.date()
    return cases.filter(filed_on__gte=span.starts_on, filed_on__lte=span.ends_on), span.ends_on


def cases_block(ctx: BlockContext, *, start=None, end=None, by: str = "body") -> str:
    """Cases by body (or by what they were against), with their outcomes; the lead counts appeals and deadlines."""
    t = record_texts(ctx.language)
    cases, on = _cases(ctx, start, end)
    rows_by = case_outcomes(cases=cases, by=by)
    if not rows_by:
        return _table(empty=t["no_cases"])
    labels = t["bodies"] if by == "body" else t["subjects"]
    decisions = (Decision.UPHELD, Decision.PARTLY_UPHELD, Decision.REJECTED, Decision.NOT_CONSIDERED, Decision.PENDING)
    rows = [
        [labels[code], _n(ctx, row["n"]), *(_n(ctx, row[decision]) for decision in decisions)]
        for code in labels
        if (row := rows_by.get(code))
    ]
    return _table(
        lead=_cases_lead(ctx, cases, rows_by, on) if by == "body" else "",  # once, with the table by body
        caption=t["cases_caption"] if by == "body" else t["types_caption"],
        columns=(
            t["col_body"] if by == "body" else t["col_subject"],
            t["col_cases"],
            *(t["decisions"][d] for d in decisions),
        ),
        rows=rows,
    )


def _cases_lead(ctx: BlockContext, cases, rows_by: dict, on: dt.date) -> str:
    language = ctx.language
    total = sum(row["n"] for row in rows_by.values())
    undecided = sum(row[Decision.PENDING] + row[Decision.WITHDRAWN] for row in rows_by.values())
    return record_texts(language)["cases_lead"].format(
        cases=counted(language, "cases", total),
        appeals=counted(language, "appeals", cases.filter(appeal_of__isnull=False).count()),
        decided=_n(ctx, total - undecided),
        upheld=_n(ctx, sum(row["upheld_any"] for row in rows_by.values())),
        missed=_n(ctx, cases.filter(deadline_missed(on=on)).count()),
    )


def deadlines_block(ctx: BlockContext, *, start=None, end=None) -> str:
    t = record_texts(ctx.language)
    cases, on = _cases(ctx, start, end)
    rows = []
    for code, label in t["bodies"].items():
        figures = case_deadlines(cases=cases.filter(body=code), on=on)
        if figures["with_deadline"]:
            rows.append([label, *(_n(ctx, figures[key]) for key in ("with_deadline", "kept", "missed"))])
    return _table(
        caption=t["deadlines_caption"],
        columns=(t["col_body"], t["col_with_deadline"], t["col_kept"], t["col_missed"]),
        rows=rows,
        empty=t["no_cases"],
    )


def key_cases_block(ctx: BlockContext, *, start=None, end=None) -> str:
    language, t = ctx.language, record_texts(ctx.language)
    cases, _on = _cases(ctx, start, end)
    key = key_cases(cases=cases, limit=KEY_CASES_SHOWN)
    rows = [
        [
            case.number,
            rt.date(language, case.filed_on),
            f"{case.complainant} ({t['complainants'][case.complainant_kind].lower()})",
            t["subjects"][case.subject],
            case.body_label(language) if (case.commission_id or case.body_name) else t["body"][case.body],
            t["decisions"][case.decision],
            case.appeal_of.number if case.appeal_of_id else _n(ctx, case.appeal_count),
        ]
        for case in key
    ]
    return _table(
        caption=t["key_cases_caption"],
        columns=(
            t["col_number"],
            t["col_filed"],
            t["col_complainant"],
            t["col_subject"],
            t["col_body"],
            t["col_decision"],
            t["col_appeal"],
        ),
        rows=rows,
        empty=t["no_key_cases"],
        text_columns=len(rows[0]) if rows else 1,
    )


# --- candidates ---


def candidates_block(ctx: BlockContext) -> str:
    """The registration sentence, then single-mandate candidates by nominating party."""
    language, t = ctx.language, record_texts(ctx.language)
    candidates = district_candidates(mission=ctx.mission)
    total = registration_total(candidates=candidates)
    if not total.applicants:
        return _table(empty=t["no_candidates"])
    women = rt.percent(total.women_registered, total.registered)
    lead = t["registration_lead"].format(
        applicants=_n(ctx, total.applicants),
        registered=_n(ctx, total.registered),
        refused=_n(ctx, total.refused),
        deregistered=_n(ctx, total.deregistered),
        women=t["percent_of"].format(p="–" if women is None else women),
    )
    parties = {party.pk: party for party in ctx.mission.parties.all()}
    rows = [
        [
            parties[party_id].label(language) if party_id else t["self_nominated"],
            *(_n(ctx, getattr(f, name)) for name in ("applicants", "registered", "refused", "deregistered")),
            _n(ctx, f.women_registered),
        ]
        for party_id, f in registration_by(candidates=candidates, by="nominated_by")
    ]
    rows.sort(key=lambda row: row[0])
    return _table(
        lead=lead,
        caption=t["registration_caption"],
        columns=(
            t["col_party"],
            t["col_applicants"],
            t["col_registered"],
            t["col_refused"],
            t["col_deregistered"],
            t["col_women"],
        ),
        rows=rows,
    )


def refusals_block(ctx: BlockContext) -> str:
    t = record_texts(ctx.language)
    reasons = refusals_by_reason(candidates=district_candidates(mission=ctx.mission))
    rows = [
        [t["reasons"][code], _n(ctx, reasons[code]["refused"]), _n(ctx, reasons[code]["deregistered"])]
        for code in t["reasons"]
        if code in reasons
    ]
    return _table(
        caption=t["refusals_caption"],
        columns=(t["col_reason"], t["col_refused"], t["col_deregistered"]),
        rows=rows,
        empty=t["no_candidates"],
    )


def lists_block(ctx: BlockContext) -> str:
    language, t = ctx.language, record_texts(ctx.language)
    rows = [
        [
            candidate_list.label(language),
            t["statuses"][candidate_list.status],
            _n(ctx, candidate_list.candidate_count),
            _n(ctx, candidate_list.women_count),
        ]
        for candidate_list in candidate_lists(mission=ctx.mission)
    ]
    return _table(
        caption=t["lists_caption"],
        columns=(t["col_list"], t["col_status"], t["col_candidates"], t["col_women"]),
        rows=rows,
        empty=t["no_candidates"],
        text_columns=2,
    )
