"""Drafting a statement's election-day sections from the findings, and freezing a report's data blocks at a
cut-off.

A draft is sentences with their N in English, Russian and Kazakh, followed by the data blocks the section already
holds. It fills a section that still holds only its guide text, its blocks or the previous draft; a section an
analyst has written in is replaced only when they confirm (`replace=True`), and what it held is kept with the draft.

A freeze keeps, per language, the findings and every block's HTML as they stood at that moment: previews and
compilations print them unchanged whatever forms arrive later, until the freeze is lifted or made anew.
"""

import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.documents import texts as rt
from reports.documents.blocks import BlockContext, block_key, block_render
from reports.documents.markdown import BlockCall, BlockError, block_calls
from reports.drafting import texts as dt_texts
from reports.findings.margins import findings_for_report
from reports.findings.present import margin_printed
from reports.models import BlockFreeze, Report, ReportSection, SectionDraft

LANGUAGES = rt.LANGUAGES
ELECTION_DAY_KINDS = ("opening", "voting", "counting", "tabulation")
DRAFTABLE = ("election_day", *ELECTION_DAY_KINDS)
BLOCK_LINE = re.compile(r"^\s*\[\[block:[^\]]*\]\]\s*$")
GUIDE = re.compile(r"^\*\[.*\]\*$", re.DOTALL)


class DraftConflict(Exception):
    """The section was written in since its last draft: replacing it needs the analyst's confirmation."""

    def __init__(self, languages: list[str], drafts: dict[str, str]):
        super().__init__(", ".join(languages))
        self.languages = languages
        self.drafts = drafts


def _field(language: str, name: str = "body") -> str:
    return name if language == "en" else f"{name}_{language}"


def _blocks_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if BLOCK_LINE.match(line)]


def _prose_of(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not BLOCK_LINE.match(line)).strip()


def _form(findings: dict, kind: str) -> dict | None:
    return next((form for form in findings["forms"] if form["kind"] == kind), None)


def _kind_paragraphs(findings: dict, kind: str, language: str, *, questions: bool) -> list[str]:
    t, place = dt_texts.TEXTS[language], dt_texts.PLACE_OF_KIND[kind]
    form = _form(findings, kind)
    if form is None or not form["submissions"]:
        return [t["none"]] if questions else []
    paragraphs = []
    assessment, design = form["assessment"], findings.get("design")
    if form["has_assessment"] and assessment["n"]:
        margin = margin_printed(
            k=assessment["negative"], n=assessment["n"], interval=assessment.get("interval"), design=design
        )
        share = dt_texts.share(language, assessment["negative"], assessment["n"], place=place, margin=margin)
        paragraphs.append(dt_texts.ASSESSED[language][kind].format(share=share))
    elif questions:
        paragraphs.append(t["no_assessment"])
    if questions:
        for row in form["questions"]:
            if row["type"] != "yes_no" or not row["denominator"]:
                continue
            answer = next((answer for answer in row["answers"] if answer["value"] == "yes"), {"count": 0})
            yes, n = answer["count"], row["denominator"]
            margin = margin_printed(k=yes, n=n, interval=answer.get("interval"), design=design)
            share = dt_texts.share(language, yes, n, place=place, margin=margin)
            paragraphs.append(t["yes"].format(question=row["label"], share=share))
    return paragraphs


def draft_paragraphs(*, topic: str, findings: dict, language: str, mission, findings_at) -> list[str]:
    """The sentences of a draft of `topic` in `language`, from `findings` (computed in that language)."""
    if topic == "election_day":
        rt_t = rt.texts(language)
        coverage = findings["coverage"]
        total = coverage["total"]
        paragraphs = []
        if findings["submissions"]:
            paragraphs.append(
                rt_t["coverage"].format(
                    observed=rt.number(language, total["observed"]),
                    total=rt.counted(language, "coverage_stations", total["stations"]),
                    planned=rt.number(language, total["planned"]),
                    regions_observed=rt.number(language, coverage["regions_observed"]),
                    regions_total=rt.counted(language, "coverage_regions", coverage["regions_total"]),
                )
            )
        for kind in ELECTION_DAY_KINDS:
            paragraphs += _kind_paragraphs(findings, kind, language, questions=False)
        if not paragraphs:
            paragraphs.append(rt_t["no_forms"])
    else:
        paragraphs = _kind_paragraphs(findings, topic, language, questions=True)
    local = timezone.localtime(findings_at, timezone=ZoneInfo(mission.time_zone))
    note = dt_texts.TEXTS[language]["drafted"].format(time=rt.date_time(language, local), zone=mission.time_zone)
    return [*paragraphs, f"*[{note}]*"]


def _findings_for(report: Report, language: str) -> tuple[dict, object, bool]:
    """(findings, as of when, frozen): the report's frozen figures if it has them, else the live ones."""
    freeze = BlockFreeze.objects.filter(report=report, language=language).first()
    if freeze is not None:
        return freeze.findings, freeze.frozen_at, True
    findings = findings_for_report(mission=report.mission, language=language, margins=report.margins)
    return findings, timezone.now(), False


def _untouched(current: str, last_draft: str | None) -> bool:
    """Nothing of an analyst's in it: empty, the guide alone, or the previous draft as it was (blocks aside)."""
    prose = _prose_of(current)
    return not prose or bool(GUIDE.match(prose)) or (last_draft is not None and prose == _prose_of(last_draft))


@dataclass(frozen=True)
class DraftResult:
    draft: SectionDraft
    replaced_languages: list[str]


@transaction.atomic
def section_draft_from_data(*, section: ReportSection, user, replace: bool = False) -> DraftResult:
    """Fills the section's text in every language from the findings; raises DraftConflict (nothing written) when
    a language holds an analyst's text and `replace` is not given, ValidationError for a section not drafted."""
    section = ReportSection.objects.select_for_update().select_related("report__mission").get(pk=section.pk)
    topic = section.topic
    if topic not in DRAFTABLE:
        raise ValidationError(
            _(
                "Only the election-day sections (Election day, Opening, Voting, Counting, Tabulation) are drafted "
                "from data."
            )
        )
    report = section.report
    last = section.drafts.first()
    drafts, frozen = {}, False
    for language in LANGUAGES:
        findings, at, frozen = _findings_for(report, language)
        paragraphs = draft_paragraphs(
            topic=topic, findings=findings, language=language, mission=report.mission, findings_at=at
        )
        blocks = _blocks_of(getattr(section, _field(language)) or section.body)
        drafts[language] = "\n\n".join([*paragraphs, *blocks])
    edited = [
        language
        for language in LANGUAGES
        if not _untouched(getattr(section, _field(language)), getattr(last, _field(language)) if last else None)
    ]
    if edited and not replace:
        raise DraftConflict(edited, drafts)
    draft = SectionDraft.objects.create(
        section=section,
        drafted_by=user,
        frozen=frozen,
        **{_field(language): drafts[language] for language in LANGUAGES},
        **{_field(language, "replaced"): getattr(section, _field(language)) for language in LANGUAGES},
    )
    for language in LANGUAGES:
        setattr(section, _field(language), drafts[language])
    section.updated_by = user
    section.save(update_fields=[_field(language) for language in LANGUAGES] + ["updated_by", "updated_at"])
    return DraftResult(draft=draft, replaced_languages=edited)


def _calls(report: Report, language: str) -> list[BlockCall]:
    calls = []
    for section in report.sections.all():
        for call in block_calls(section.in_language("body", language)):
            if isinstance(call, BlockError):
                raise ValidationError(f"Section “{section}” ({language}): {call}")
            calls.append(call)
    return calls


@transaction.atomic
def report_freeze(*, report: Report, user) -> list[BlockFreeze]:
    """Every data block of the report, in each language, as it stands now; a new freeze replaces the old one.
    Refused (nothing written) if any block cannot be placed."""
    report = Report.objects.select_for_update().select_related("mission").get(pk=report.pk)
    now = timezone.now()
    freezes = []
    for language in LANGUAGES:
        findings = findings_for_report(mission=report.mission, language=language, margins=report.margins)
        ctx = BlockContext(report=report, language=language, findings=findings, findings_at=now, thawed=True)
        blocks = {}
        for call in _calls(report, language):
            key = block_key(call)
            if key not in blocks:
                try:
                    blocks[key] = str(block_render(call, ctx))
                except BlockError as error:
                    raise ValidationError(f"{language}: {error}") from None
        freezes.append(
            BlockFreeze(
                report=report, language=language, frozen_at=now, frozen_by=user, findings=findings, blocks=blocks
            )
        )
    BlockFreeze.objects.filter(report=report).delete()
    return BlockFreeze.objects.bulk_create(freezes)


@transaction.atomic
def report_unfreeze(*, report: Report) -> int:
    deleted, _kinds = BlockFreeze.objects.filter(report=report).delete()
    return deleted
