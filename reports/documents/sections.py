"""A report's sections as the document shows them: numbered in each language, their text rendered with blocks,
numbered paragraphs, footnotes and references to paragraphs (see markdown.Document).

Compiling a report marked final is strict: the first problem (a block that cannot be placed, a reference to no
paragraph, a footnote with no text) stops it with a message naming the section, the language and what to write.
A draft and the preview are lenient: they show the message in place and go on. Before a final compilation is
queued, `publication_problems` lists everything that stands in its way, guide text included.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.html import format_html
from django.utils.safestring import SafeString

from reports.documents import texts as rt
from reports.documents.blocks import BlockContext, block_check, block_render, recommendation_where
from reports.documents.markdown import GUIDE, REFERENCE, BlockError, Document, block_calls, markdown_html
from reports.models import Recommendation, Report, ReportSection

LANGUAGES = rt.LANGUAGES
Level = ReportSection.Level
ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(n: int) -> str:
    digits = []
    for value, letters in ROMAN:
        count, n = divmod(n, value)
        digits.append(letters * count)
    return "".join(digits)


def section_numbers(levels: Iterable[str]) -> list[dict[str, str]]:
    """Numbers in each language for sections of these levels, in order: chapters I, II…; subsections A, B…
    within their chapter (А, Б… in Russian and Kazakh); annexes 1, 2…; unnumbered sections none."""
    chapters = subsections = annexes = 0
    numbers = []
    for level in levels:
        if level == Level.CHAPTER:
            chapters, subsections = chapters + 1, 0
            numbers.append(dict.fromkeys(LANGUAGES, f"{roman(chapters)}."))
        elif level == Level.SUBSECTION:
            subsections += 1
            numbers.append(
                {language: f"{_letter(rt.texts(language)['section_letters'], subsections)}." for language in LANGUAGES}
            )
        elif level == Level.ANNEX:
            annexes += 1
            numbers.append({language: rt.texts(language)["annex_number"].format(n=annexes) for language in LANGUAGES})
        else:
            numbers.append(dict.fromkeys(LANGUAGES, ""))
    return numbers


def _letter(letters: str, n: int) -> str:
    return letters[(n - 1) % len(letters)] * ((n - 1) // len(letters) + 1)


# ODIHR numbers the paragraphs of its final reports and statements, through the chapters and their subsections
# (not the annexes, nor an unnumbered closing section).
PARAGRAPHS_NUMBERED_IN = (Report.Kind.FINAL, Report.Kind.PRELIMINARY)
SECTIONS_WITH_NUMBERED_PARAGRAPHS = (Level.CHAPTER, Level.SUBSECTION)
GUIDE_LEFT = "it still holds the analyst's guide text in brackets, *[…]*: write the section and delete the guide"


def paragraphs_numbered(report: Report, section: ReportSection) -> bool:
    return report.kind in PARAGRAPHS_NUMBERED_IN and section.level in SECTIONS_WITH_NUMBERED_PARAGRAPHS


@dataclass(frozen=True)
class Outline:
    """A first pass over a document in one language: each label's paragraph number, and for each section how
    many paragraphs and footnotes come before it."""

    labels: dict[str, int]
    before: dict[int, tuple[int, int]]

    def document(self, section: ReportSection | None = None) -> Document:
        """A document to render in, from the start (or from `section`, to render it alone)."""
        paragraphs, footnotes = self.before.get(section.pk, (0, 0)) if section is not None else (0, 0)
        return Document(labels=self.labels, paragraphs=paragraphs, footnotes=footnotes)


def document_outline(report: Report, sections: Sequence[ReportSection], language: str) -> Outline:
    """The paragraphs' labels and numbers, from the sections' Markdown alone (blocks hold no numbered paragraph)."""
    document = Document()
    before = {}
    for section in sections:
        before[section.pk] = (document.paragraphs, document.footnotes)
        html = markdown_html(
            section.in_language("body", language),
            render_block=lambda call: "",
            document=document,
            numbered=paragraphs_numbered(report, section),
        )
        document.numbered_footnotes(html)
    return Outline(labels=dict(document.found), before=before)


@dataclass
class RenderedSection:
    anchor: str
    level: str
    number: str
    heading: str
    html: SafeString
    errors: list[str] = field(default_factory=list)
    notes: list[tuple[int, SafeString]] = field(default_factory=list)


def _where(section: ReportSection, language: str) -> str:
    return f"Section “{section}” ({language})"


def section_render(section: ReportSection, ctx: BlockContext, *, strict: bool) -> RenderedSection:
    """The section in the context's language, falling back to English for what is not written in it; its
    paragraphs and footnotes numbered on in `ctx.document`."""
    language = ctx.language
    document = ctx.document
    errors: list[str] = []
    seen_problems, seen_notes = len(document.problems), len(document.notes)

    def render_block(call) -> str:
        try:
            return block_render(call, ctx)
        except BlockError as error:
            message = f"{_where(section, language)}, {error}"
            if strict:
                raise BlockError(message) from None
            errors.append(message)
            return format_html('<div class="block-error" role="alert">{}</div>', message)

    with document.at(_where(section, language)):
        html = markdown_html(
            section.in_language("body", language),
            render_block=render_block,
            document=document,
            numbered=paragraphs_numbered(ctx.report, section),
        )
    html = document.numbered_footnotes(html)
    problems = document.messages(seen_problems)
    if problems and strict:
        raise BlockError(problems[0])
    return RenderedSection(
        anchor=f"section-{section.pk}",
        level=section.level,
        number=section.in_language("number", language),
        heading=section.in_language("heading", language),
        html=html,
        errors=errors + problems,
        notes=document.notes[seen_notes:],
    )


def publication_problems(
    report: Report, sections: Sequence[ReportSection], recommendations: Sequence[Recommendation]
) -> list[str]:
    """Everything that keeps the report from being compiled as final, by section, each with what to do: the
    analyst's guide text still in place, blocks that cannot be placed, references to no paragraph, footnotes
    cited and not written (or written and not cited), and in a report that numbers its paragraphs, recommendations
    that cite none. A problem found in several languages is listed once, with its languages."""
    found: dict[tuple[str, str], list[str]] = {}

    def add(where: str, language: str, message: str) -> None:
        languages = found.setdefault((where, message), [])
        if language not in languages:
            languages.append(language)

    numbered = report.kind in PARAGRAPHS_NUMBERED_IN
    for language in LANGUAGES:
        outline = document_outline(report, sections, language)
        document = outline.document()
        for section in sections:
            where = f"Section “{section}”"
            text = section.in_language("body", language)
            if GUIDE.search(text):
                add(where, language, GUIDE_LEFT)
            for call in block_calls(text):
                try:
                    block_check(call)
                except BlockError as error:
                    add(where, language, str(error))
            with document.at(where):
                html = markdown_html(
                    text, render_block=lambda call: "", document=document, numbered=paragraphs_numbered(report, section)
                )
            document.numbered_footnotes(html)
        for number, recommendation in enumerate(recommendations, start=1):
            where, text = recommendation_where(number), recommendation.in_language("text", language)
            with document.at(where):
                markdown_html(text, render_block=lambda call: "", document=document)
            if numbered and not REFERENCE.search(text):
                add(where, language, "it cites no paragraph; end it with the paragraphs it rests on, as [@label]")
        for where, message in document.problems:
            add(where, language, message)
    return [f"{where} ({', '.join(languages)}): {message}" for (where, message), languages in found.items()]
