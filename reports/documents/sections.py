"""A report's sections as the document shows them: numbered in each language, their text rendered with blocks.

Compiling is strict: the first block that cannot be placed stops it with a message naming the section, the
language and the line. The preview is lenient: it shows the message in place of the block and goes on.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.html import format_html
from django.utils.safestring import SafeString

from reports.documents import texts as rt
from reports.documents.blocks import BlockContext, block_check, block_render
from reports.documents.markdown import BlockError, block_calls, markdown_html
from reports.models import ReportSection

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


@dataclass
class RenderedSection:
    anchor: str
    level: str
    number: str
    heading: str
    html: SafeString
    errors: list[str] = field(default_factory=list)


def _where(section: ReportSection, language: str) -> str:
    return f"Section “{section}” ({language})"


def section_render(section: ReportSection, ctx: BlockContext, *, strict: bool) -> RenderedSection:
    """The section in the context's language, falling back to English for what is not written in it."""
    language = ctx.language
    errors: list[str] = []

    def render_block(call) -> str:
        try:
            return block_render(call, ctx)
        except BlockError as error:
            message = f"{_where(section, language)}, {error}"
            if strict:
                raise BlockError(message) from None
            errors.append(message)
            return format_html('<div class="block-error" role="alert">{}</div>', message)

    return RenderedSection(
        anchor=f"section-{section.pk}",
        level=section.level,
        number=section.in_language("number", language),
        heading=section.in_language("heading", language),
        html=markdown_html(section.in_language("body", language), render_block=render_block),
        errors=errors,
    )


def sections_check(sections: Iterable[ReportSection]) -> list[str]:
    """Every block that cannot be placed, in any language, without rendering anything: for refusing a
    compilation before it is queued."""
    problems = []
    for section in sections:
        for language in LANGUAGES:
            written = section.body if language == "en" else getattr(section, f"body_{language}")
            for call in block_calls(written):
                try:
                    block_check(call)
                except BlockError as error:
                    problems.append(f"{_where(section, language)}, {error}")
    return problems
