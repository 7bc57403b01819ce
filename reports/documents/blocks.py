"""Data blocks: `[[block:name key=value ...]]` alone on a line of a section's text, replaced by a table, a chart
or a map made on the server in the report's language.

Each block declares the parameters it takes and how to check them, so a mistyped block is refused with a message
naming the line and what to write, before a compilation starts (`block_check`) and while it runs (`block_render`).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from zoneinfo import ZoneInfo

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from mission.models import CommissionLevel, OrganisationCategory
from mission.selectors import composition_by_party, meeting_programme
from observers.models import Checklist
from reports.documents import annex_blocks, findings_blocks, media_blocks, record_blocks, results_blocks
from reports.documents import texts as rt
from reports.documents.markdown import BlockCall, BlockError, Document, markdown_html
from reports.documents.selectors import meetings_with_invitees, report_recommendations
from reports.findings.margins import findings_for_report
from reports.models import BlockFreeze, Report

# Plural names a writer reaches for first, as the annexes of a NAM report call them.
CATEGORY_ALIASES = {"political_parties": "political_party", "parties": "political_party", "ngos": "civil_society"}
ELECTION_DAY_KINDS = ("opening", "voting", "counting", "tabulation")


class BlockContext:
    """What blocks draw from: the report, its language, and the findings (given, or computed on first use)."""

    def __init__(
        self,
        *,
        report: Report,
        language: str,
        findings: dict | None = None,
        findings_at: dt.datetime,
        thawed: bool = False,
        document: Document | None = None,
    ):
        self.report = report
        # Paragraph and footnote numbers, labels and problems, shared by the document's sections in order.
        self.document = document or Document(labels={})
        self.mission = report.mission
        self.language = language
        self.t = rt.texts(language)
        self._findings = findings
        self.local_findings_at = findings_at.astimezone(ZoneInfo(self.mission.time_zone))
        self.thawed = thawed  # live figures even where the report's blocks are frozen (to freeze them anew)

    @cached_property
    def freeze(self) -> BlockFreeze | None:
        """The report's frozen blocks in this language, if it has them (one query, the first time)."""
        if self.thawed or self.report.pk is None:
            return None
        return BlockFreeze.objects.filter(report=self.report, language=self.language).first()

    @cached_property
    def findings(self) -> dict:
        if self.freeze is not None:  # a block added after the cut-off counts the forms as they were then
            return self.freeze.findings
        if self._findings is None:
            self._findings = findings_for_report(
                mission=self.mission, language=self.language, margins=self.report.margins
            )
        return self._findings


def _one_of(values) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if value not in values:
            raise BlockError(f"“{value}” is not one of: {', '.join(values)}")
        return value

    return parse


def _categories(value: str) -> list[str]:
    parse = _one_of(OrganisationCategory.values)
    return [parse(CATEGORY_ALIASES.get(part, part)) for part in value.split(",") if part]


def _question_code(value: str) -> str:
    return value  # checked against the form when the chart is drawn


@dataclass(frozen=True)
class Block:
    render: Callable[..., str]
    params: dict[str, Callable[[str], object]] = field(default_factory=dict)
    required: tuple[str, ...] = ()


def _composition(ctx: BlockContext, *, level: str | None = None) -> str:
    """Per level, the parties' nominees and seats, then bodies that are not parties (a parliament appointing the
    central commission) apart; the sum over levels says which levels it covers, not "all"."""
    language, t = ctx.language, ctx.t
    with translation.override(language):  # party names in the report's language
        levels = composition_by_party(mission=ctx.mission, level=level)
    covered = ", ".join(t["levels_short"][block.level] for block in levels if block.level)

    def row(row) -> dict:
        return {
            "nominator": row.nominator,
            "nominated": rt.number(language, row.nominated),
            "appointed": rt.number(language, row.appointed),
            "appointed_share": rt.decimal(language, row.appointed_share),
            "seat_share": rt.decimal(language, row.seat_share),
        }

    blocks = [
        {
            "caption": t["composition_caption"].format(level=t["levels"][block.level])
            if block.level
            else t["composition_all_caption"].format(levels=covered),
            "note": t["composition_note"].format(
                commissions=rt.number(language, block.commissions),
                seats=rt.number(language, block.seats),
                appointed=rt.number(language, block.appointed),
            ),
            "rows": [row(r) for r in block.rows if r.party_id is not None],
            "bodies": [row(r) for r in block.rows if r.party_id is None],
        }
        for block in levels
    ]
    return render_to_string("documents/blocks/composition.html", {"t": t, "levels": blocks})


def _meetings(ctx: BlockContext) -> str:
    """The programme as the source lays it out: a heading each time the city changes, the days under it."""
    language = ctx.language
    cities: list[dict] = []
    for meeting in meeting_programme(mission=ctx.mission):
        if not cities or cities[-1]["name"] != meeting.city:
            cities.append({"name": meeting.city, "days": []})
        days = cities[-1]["days"]
        if not days or days[-1]["date"] != meeting.date:
            days.append({"date": meeting.date, "label": rt.weekday_date(language, meeting.date), "rows": []})
        days[-1]["rows"].append(
            {"time": rt.time_range(meeting.starts_at, meeting.ends_at), "title": meeting.label(language)}
        )
    return render_to_string("documents/blocks/meetings.html", {"t": ctx.t, "cities": cities})


def _invitees(ctx: BlockContext, *, category: list[str]) -> str:
    language = ctx.language
    number = 0
    meetings = []
    for meeting in meetings_with_invitees(mission=ctx.mission, categories=category):
        rows = []
        for invitation in meeting.invitations.all():
            number += 1
            organisation = invitation.organisation
            rows.append(
                {
                    "number": number,
                    "name": organisation.label(language),
                    "abbreviation": organisation.party.abbreviation if organisation.party_id else "",
                    "attended": invitation.attended,
                    "attendees": invitation.attendees,
                }
            )
        meetings.append(
            {
                "caption": ctx.t["invitees_caption"].format(
                    city=meeting.city,
                    date=rt.date(language, meeting.date),
                    time=rt.time_range(meeting.starts_at, meeting.ends_at),
                ),
                "rows": rows,
            }
        )
    with_abbreviations = any(row["abbreviation"] for meeting in meetings for row in meeting["rows"])
    return render_to_string(
        "documents/blocks/invitees.html", {"t": ctx.t, "meetings": meetings, "abbreviations": with_abbreviations}
    )


def _recommendations(ctx: BlockContext) -> str:
    """Numbered on from the priority ones into the others; the number opens the first paragraph (hanging)."""
    groups: dict[bool, list[SafeString]] = {True: [], False: []}
    recommendations = report_recommendations(report=ctx.report)
    for number, recommendation in enumerate(recommendations, start=1):
        with ctx.document.at(f"{recommendation_where(number)} ({ctx.language})"):
            text = markdown_html(
                recommendation.in_language("text", ctx.language), render_block=_no_blocks, document=ctx.document
            )
        numbered = format_html('<p><span class="number">{}.</span>', number) + text.removeprefix("<p>")
        groups[recommendation.priority].append(mark_safe(numbered))  # noqa: S308 - both parts are safe
    return render_to_string(
        "documents/blocks/recommendations.html", {"t": ctx.t, "priority": groups[True], "other": groups[False]}
    )


def recommendation_where(number: int) -> str:
    return f"Recommendation {number}"


def _no_blocks(call) -> str:
    raise BlockError("a recommendation cannot hold a block")


KIND = _one_of(Checklist.Kind.values)
PERIOD = {"start": record_blocks.day, "end": record_blocks.day}
RECORD_BLOCKS = {
    "lto_topics": Block(record_blocks.lto_topics_block, {**PERIOD, "topic": record_blocks.topic}),
    "lto_timeline": Block(record_blocks.lto_timeline_block, PERIOD),
    "lto_coverage": Block(record_blocks.lto_coverage_block, PERIOD),
    "lto_meetings": Block(record_blocks.lto_meetings_block, PERIOD),
    "cases": Block(record_blocks.cases_block, {**PERIOD, "by": _one_of(("body", "subject"))}),
    "case_deadlines": Block(record_blocks.deadlines_block, PERIOD),
    "key_cases": Block(record_blocks.key_cases_block, PERIOD),
    "candidates": Block(record_blocks.candidates_block),
    "candidate_refusals": Block(record_blocks.refusals_block),
    "candidate_lists": Block(record_blocks.lists_block),
}
BLOCKS: dict[str, Block] = {
    "statistics": Block(findings_blocks.statistics_block, {"kind": KIND}, required=("kind",)),
    "chart": Block(
        findings_blocks.chart_block,
        {"kind": KIND, "question": _question_code, "by": _one_of(("region",))},
        required=("kind",),
    ),
    "map": Block(findings_blocks.map_block, {"kind": _one_of(ELECTION_DAY_KINDS)}, required=("kind",)),
    "headline": Block(findings_blocks.headline_block),
    "method": Block(findings_blocks.method_block),
    "deployment": Block(findings_blocks.deployment_block),
    "composition": Block(_composition, {"level": _one_of(CommissionLevel.values)}),
    "meetings": Block(_meetings),
    "invitees": Block(_invitees, {"category": _categories}, required=("category",)),
    "recommendations": Block(_recommendations),
    "media_chart": Block(media_blocks.media_chart_block, media_blocks.PARAMS),
    "media_table": Block(media_blocks.media_table_block, media_blocks.PARAMS),
    "media_summary": Block(media_blocks.media_summary_block, media_blocks.PARAMS),
    "results": Block(results_blocks.results_block),
    "turnout": Block(results_blocks.turnout_block),
    "protocols": Block(results_blocks.protocols_block),
    "protocols_headline": Block(results_blocks.protocols_headline_block),
    **RECORD_BLOCKS,
    "followup": Block(annex_blocks.followup_block),
    "observers": Block(annex_blocks.observers_block),
    "meetings_held": Block(annex_blocks.meetings_held_block),
    "teams": Block(annex_blocks.teams_block),
}


def block_check(call: BlockCall | BlockError) -> dict:
    """The block's parameters, parsed; a BlockError naming the line and what to write if anything is wrong."""
    if isinstance(call, BlockError):
        raise call
    where = f"line {call.line}: block “{call.name}”"
    block = BLOCKS.get(call.name)
    if block is None:
        raise BlockError(
            f"line {call.line}: there is no block “{call.name}”; the blocks are: {', '.join(sorted(BLOCKS))}"
        )
    unknown = sorted(set(call.params) - set(block.params))
    if unknown:
        takes = ", ".join(block.params) or "no parameters"
        raise BlockError(f"{where} does not take “{unknown[0]}”; it takes: {takes}")
    missing = [name for name in block.required if name not in call.params]
    if missing:
        raise BlockError(f"{where} needs {missing[0]}=…")
    parsed = {}
    for name, value in call.params.items():
        try:
            parsed[name] = block.params[name](value)
        except BlockError as error:
            raise BlockError(f"{where}, {name}: {error}") from None
    return parsed


def block_key(call: BlockCall) -> str:
    """A block call written canonically ("chart kind=voting"), the key of its frozen HTML."""
    return " ".join([call.name, *(f"{name}={value}" for name, value in sorted(call.params.items()))])


def block_render(call: BlockCall | BlockError, ctx: BlockContext) -> SafeString:
    params = block_check(call)
    if ctx.freeze is not None and block_key(call) in ctx.freeze.blocks:
        return mark_safe(ctx.freeze.blocks[block_key(call)])  # noqa: S308 - rendered by the line below, when frozen
    try:
        return mark_safe(BLOCKS[call.name].render(ctx, **params))  # noqa: S308 - our templates, autoescaped
    except BlockError as error:
        raise BlockError(f"line {call.line}: block “{call.name}”: {error}") from None
