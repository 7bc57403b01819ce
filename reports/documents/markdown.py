"""A section's text: Markdown, sanitised, with data blocks on lines of their own.

The Markdown is rendered with the `markdown` package and cleaned with nh3 down to a few tags (so a <script> or an
onerror= written into a section never reaches a page or a PDF). A block line, `[[block:name key=value ...]]`, is
swapped for a placeholder before Markdown sees the text, and for the block's HTML after it has been cleaned: the
blocks' own HTML (tables, SVG) is made by our templates, which escape every value.
"""

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "sub",
    "sup",
    "code",
    "blockquote",
    "hr",
    "ul",
    "ol",
    "li",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# "#" in a section is a heading inside the section: the report's own headings are h1 to h3.
MARKDOWN_EXTENSIONS = ["tables", "sane_lists", "toc"]
MARKDOWN_CONFIG = {"toc": {"baselevel": 4}}

BLOCK_START = re.compile(r"^\s*\[\[\s*block\b", re.IGNORECASE)
BLOCK_LINE = re.compile(r"^\s*\[\[block:(?P<name>[a-z_]+)(?P<params>(?:\s+[a-z_]+=[^\s\]]+)*)\s*\]\]\s*$")
PARAM = re.compile(r"([a-z_]+)=([^\s\]]+)")


class BlockError(ValueError):
    """A block that cannot be placed: its text says which line and what to write instead."""


@dataclass(frozen=True)
class BlockCall:
    name: str
    params: dict[str, str] = field(default_factory=dict)
    line: int = 0


def block_calls(text: str) -> list[BlockCall | BlockError]:
    """Every block line of `text`, in order; a line that looks like a block but is not written as one is an error."""
    calls: list[BlockCall | BlockError] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not BLOCK_START.match(line):
            continue
        match = BLOCK_LINE.match(line)
        if match is None:
            calls.append(
                BlockError(
                    f"line {number}: “{line.strip()}” is not a block; write it as [[block:name key=value]], "
                    "in lower case, alone on its line"
                )
            )
            continue
        params = dict(PARAM.findall(match["params"]))
        calls.append(BlockCall(match["name"], params, number))
    return calls


def sanitise(html: str) -> str:
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None)


def markdown_html(text: str, *, render_block: Callable[[BlockCall | BlockError], str]) -> SafeString:
    """`text` as clean HTML, each block line replaced by `render_block(call)` (trusted HTML)."""
    token = secrets.token_hex(8)
    slots: list[str] = []
    calls = iter(block_calls(text))
    lines = []
    for line in text.splitlines():
        if BLOCK_START.match(line):
            slots.append(render_block(next(calls)))
            lines.append(f"\n{token}x{len(slots) - 1}\n")
        else:
            lines.append(line)
    html = sanitise(
        markdown_lib.markdown("\n".join(lines), extensions=MARKDOWN_EXTENSIONS, extension_configs=MARKDOWN_CONFIG)
    )
    html = re.sub(rf"(?:<p>)?{token}x(\d+)(?:</p>)?", lambda match: slots[int(match[1])], html)
    return mark_safe(html)  # noqa: S308 - cleaned by nh3 above; the slots are our escaped templates
