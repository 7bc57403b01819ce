"""A section's text: Markdown, sanitised, with data blocks on lines of their own, numbered paragraphs, footnotes
and cross-references to paragraphs.

The Markdown is rendered with the `markdown` package and cleaned with nh3 down to a few tags (so a <script> or an
onerror= written into a section never reaches a page or a PDF). A block line, `[[block:name key=value ...]]`, is
swapped for a placeholder before Markdown sees the text, and for the block's HTML after it has been cleaned: the
blocks' own HTML (tables, SVG) is made by our templates, which escape every value.

What runs through a whole document is held by a `Document`, passed to every section in order:

- paragraphs: in a report that numbers them, each paragraph of a numbered section's text (not those in lists,
  quotes, tables or blocks) gets the next number. A paragraph is labelled by ending it with `{#label}`; the
  label stays with the paragraph whatever is inserted before it.
- references: `[@label]` prints the number of the paragraph labelled so (`[@a; @b]`: "12, 15"), linked to it.
  Numbers come from a first pass over the whole document (`Document(labels=...)`), so a reference may point
  forward; an unknown label is a problem, never a silent gap.
- footnotes: `[^1]` in the text and `[^1]: the text` on a line of its own (the `footnotes` extension of the
  `markdown` package parses both), or inline as `^[the text]`. The key is the writer's, per section; the printed
  number is per document. Each footnote is placed where it is cited as `<span class="footnote">`, which WeasyPrint
  floats to the foot of the page (`float: footnote`); a preview lists them under their section.

Placeholders are made of a random token, so nothing typed into a section can forge one.
"""

import copy
import re
import secrets
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import markdown as markdown_lib
import nh3
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension
from markdown.extensions.footnotes import FN_BACKLINK_TEXT, NBSP_PLACEHOLDER, FootnoteExtension
from markdown.treeprocessors import Treeprocessor

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

LABEL = re.compile(r"\s*\{#([A-Za-z0-9][A-Za-z0-9_.:-]*)\}")
REFERENCE = re.compile(r"\[@([A-Za-z0-9][A-Za-z0-9_.:-]*(?:\s*[;,]\s*@[A-Za-z0-9][A-Za-z0-9_.:-]*)*)\]")
UNDEFINED_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
INLINE_FOOTNOTE = re.compile(r"\^\[([^\[\]]+)\]")
# The analyst's guide in a default text: a bracketed line in italics, "*[Who took part in the mission…]*".
GUIDE = re.compile(r"(?<![*\w])[*_]\[([^\]]+)\][*_](?![*\w])")

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


@dataclass
class Document:
    """What a document's sections share while they are rendered in order.

    `labels` (label → paragraph number) come from a first pass over the whole document, so that a reference can
    point forward; None in that first pass, which only collects them. `where` names what is being rendered, for
    the problems found in it (a reference to no paragraph, a footnote with no text…).
    """

    labels: dict[str, int] | None = None
    paragraphs: int = 0
    footnotes: int = 0
    found: dict[str, int] = field(default_factory=dict)
    problems: list[tuple[object, str]] = field(default_factory=list)
    notes: list[tuple[int, SafeString]] = field(default_factory=list)
    where: object = ""
    token: str = field(default_factory=lambda: secrets.token_hex(8))

    def problem(self, message: str) -> None:
        self.problems.append((self.where, message))

    def messages(self, since: int = 0) -> list[str]:
        """The problems found (from the `since`-th), each prefixed with where it was found."""
        return [f"{where}: {message}" if where else message for where, message in self.problems[since:]]

    @contextmanager
    def at(self, where: object) -> Iterator[None]:
        outer, self.where = self.where, where
        try:
            yield
        finally:
            self.where = outer

    def numbered_footnotes(self, html: str) -> SafeString:
        """`html` with its footnotes numbered on from the document's last one (call once per piece, in order):
        the call in superscript for a screen, the text in a span that WeasyPrint floats to the foot of the page.
        Each is also kept in `notes`, for a screen to list."""

        def note(match: re.Match) -> str:
            self.footnotes += 1
            content = mark_safe(match[1].strip())  # noqa: S308 - cleaned by nh3 with the text around it
            self.notes.append((self.footnotes, content))
            return format_html(
                '<sup class="footnote-call"><a href="#footnote-{n}">{n}</a></sup>'
                '<span class="footnote" id="footnote-{n}">{content}</span>',
                n=self.footnotes,
                content=content,
            )

        token = re.escape(self.token)
        return mark_safe(re.sub(rf"{token}fs(.*?){token}fe", note, html, flags=re.DOTALL))  # noqa: S308


def _texts(element: etree.Element) -> Iterator[tuple[etree.Element, str]]:
    for node in element.iter():
        for attribute in ("text", "tail"):
            if getattr(node, attribute):
                yield node, attribute


class _Paragraphs(Treeprocessor):
    """Before inline Markdown: number the top-level paragraphs, take their labels, mark the references."""

    def __init__(self, md, document: Document, numbered: bool, slots: list[str]):
        super().__init__(md)
        self.document, self.numbered, self.slots = document, numbered, slots

    def run(self, root: etree.Element) -> None:
        document = self.document
        block_slot = re.compile(rf"^\s*{re.escape(document.token)}x\d+\s*$")
        for element in root:
            if not self.numbered or element.tag != "p" or not element.text or block_slot.match(element.text):
                continue
            document.paragraphs += 1
            number = document.paragraphs
            for label in LABEL.findall(element.text):
                if label in document.found:
                    document.problem(
                        f"the label {{#{label}}} is on paragraphs {document.found[label]} and {number}; "
                        "give each paragraph its own"
                    )
                document.found[label] = number
            element.text = f"{document.token}p{number}p " + LABEL.sub("", element.text).strip()
        for node, attribute in _texts(root):
            text = getattr(node, attribute)
            for label in LABEL.findall(text):
                document.problem(
                    f"the label {{#{label}}} is not at the end of a numbered paragraph: only the paragraphs of a "
                    "numbered section of the final report or the statement are numbered (not lists, tables or "
                    "annexes); move it or delete it"
                )
            text = LABEL.sub("", text)
            if document.labels is not None:
                text = REFERENCE.sub(lambda match: self._reference(match[1]), text)
            setattr(node, attribute, text)

    def _reference(self, written: str) -> str:
        labels = [part.strip().lstrip("@") for part in re.split(r"[;,]", written)]
        labels.sort(key=lambda label: self.document.labels.get(label, 0))  # in the order of the paragraphs
        links = []
        for label in labels:
            number = self.document.labels.get(label)
            if number is None:
                known = ", ".join(sorted(self.document.labels)[:12]) or "none yet"
                self.document.problem(
                    f"[@{label}] refers to no paragraph; label the paragraph it means by ending it with "
                    f"{{#{label}}} (labels in this document: {known})"
                )
                links.append(format_html('<span class="reference-error">[@{}?]</span>', label))
            else:
                links.append(format_html('<a class="paragraph-ref" href="#paragraph-{n}">{n}</a>', n=number))
        self.slots.append(", ".join(links))
        return f"{self.document.token}y{len(self.slots) - 1}y"


class _Footnotes(Treeprocessor):
    """After inline Markdown: each footnote's text moved to where it is cited, between two markers (numbered
    per document afterwards, see Document.numbered_footnotes); what is cited but not written, or written but
    not cited, is a problem."""

    def __init__(self, md, document: Document):
        super().__init__(md)
        self.document = document

    def run(self, root: etree.Element) -> None:
        token = self.document.token
        notes = {}
        for div in [div for div in root if div.tag == "div" and div.get("class") == "footnote"]:
            for item in div.iter("li"):
                notes[item.get("id", "")] = item
            root.remove(div)
        parents = {child: parent for parent in root.iter() for child in parent}
        cited = set()
        for sup in [sup for sup in root.iter("sup") if sup.get("id", "").startswith("fnref")]:
            link = sup.find("a")
            key = (link.get("href", "") if link is not None else "").removeprefix("#")
            cited.add(key)
            parent = parents[sup]
            span = _note_span(notes.get(key), token)
            span.tail = f"{token}fe" + (sup.tail or "")
            parent.insert(list(parent).index(sup), span)
            parent.remove(sup)
        for key in notes.keys() - cited:
            self.document.problem(
                f"the footnote [^{key.removeprefix('fn:')}] is written but cited nowhere; cite it in the text or "
                "delete it"
            )
        for _node, attribute in _texts(root):
            for key in UNDEFINED_FOOTNOTE.findall(getattr(_node, attribute)):
                self.document.problem(
                    f"the footnote [^{key}] has no text; write it on a line of its own as “[^{key}]: …”"
                )


def _note_span(item: etree.Element | None, token: str) -> etree.Element:
    """The footnote's paragraphs run together in one span (a footnote is a line or two), without the back-link."""
    span = etree.Element("span")
    span.text = f"{token}fs"
    for index, block in enumerate(copy.deepcopy(list(item)) if item is not None else []):
        for link in [a for a in block.iter("a") if a.get("class") == "footnote-backref"]:
            _remove_keeping_tail(block, link)
        if index:
            etree.SubElement(span, "br")
        if block.tag != "p":
            span.append(block)
            continue
        _append_text(span, block.text or "")
        for child in block:
            span.append(child)
    for node, attribute in _texts(span):
        setattr(node, attribute, getattr(node, attribute).replace(NBSP_PLACEHOLDER, "").replace(FN_BACKLINK_TEXT, ""))
    return span


def _append_text(element: etree.Element, text: str) -> None:
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def _remove_keeping_tail(root: etree.Element, target: etree.Element) -> None:
    for parent in root.iter():
        children = list(parent)
        if target in children:
            index = children.index(target)
            if target.tail:
                if index:
                    children[index - 1].tail = (children[index - 1].tail or "") + target.tail
                else:
                    parent.text = (parent.text or "") + target.tail
            parent.remove(target)
            return


class _DocumentExtension(Extension):
    def __init__(self, document: Document, numbered: bool, slots: list[str]):
        super().__init__()
        self.document, self.numbered, self.slots = document, numbered, slots

    def extendMarkdown(self, md) -> None:  # noqa: N802 - the markdown package's name
        # After the block parser and the footnotes' own processor (50), before inline Markdown (20); after it.
        md.treeprocessors.register(_Paragraphs(md, self.document, self.numbered, self.slots), "paragraphs", 30)
        md.treeprocessors.register(_Footnotes(md, self.document), "footnotes-placed", 5)


def _inline_footnotes(text: str, token: str) -> str:
    """`^[text]` as a footnote of its own: a reference and its definition at the end."""
    definitions = []

    def define(match: re.Match) -> str:
        key = f"{token}i{len(definitions)}"
        definitions.append(f"[^{key}]: {match[1].strip()}")
        return f"[^{key}]"

    text = INLINE_FOOTNOTE.sub(define, text)
    return "\n\n".join([text, *definitions]) if definitions else text


def markdown_html(
    text: str,
    *,
    render_block: Callable[[BlockCall | BlockError], str],
    document: Document | None = None,
    numbered: bool = False,
) -> SafeString:
    """`text` as clean HTML, each block line replaced by `render_block(call)` (trusted HTML); `numbered`: its
    top-level paragraphs numbered on from the document's. Footnotes are left as markers for
    `document.numbered_footnotes` (when no document is given, they are numbered from 1 here)."""
    own = document is None
    document = document or Document(labels={})
    token = document.token
    slots: list[str] = []
    inline: list[str] = []
    calls = iter(block_calls(text))
    lines = []
    for line in text.splitlines():
        if BLOCK_START.match(line):
            slots.append(render_block(next(calls)))
            lines.append(f"\n{token}x{len(slots) - 1}\n")
        else:
            lines.append(line)
    converter = markdown_lib.Markdown(
        extensions=[*MARKDOWN_EXTENSIONS, FootnoteExtension(), _DocumentExtension(document, numbered, inline)],
        extension_configs=MARKDOWN_CONFIG,
    )
    html = sanitise(converter.convert(_inline_footnotes("\n".join(lines), token)))
    html = re.sub(rf"(?:<p>)?{token}x(\d+)(?:</p>)?", lambda match: slots[int(match[1])], html)
    html = re.sub(
        rf"<p>{token}p(\d+)p\s*",
        lambda match: (
            f'<p class="numbered" id="paragraph-{match[1]}"><span class="paragraph-number">{match[1]}.</span>'
        ),
        html,
    )
    html = re.sub(rf"{token}y(\d+)y", lambda match: inline[int(match[1])], html)
    if own:
        return document.numbered_footnotes(html)
    return mark_safe(html)  # noqa: S308 - cleaned by nh3 above; the slots are our escaped templates
