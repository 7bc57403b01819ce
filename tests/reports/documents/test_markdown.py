"""Whatever is typed into a section, no script and no event handler reaches a page or a PDF."""

import pytest

from reports.documents.markdown import BlockCall, markdown_html, sanitise
from reports.documents.services import recommendation_add, section_add, section_update
from reports.models import ReportSection
from tests.factories import ReportFactory
from tests.reports.documents.helpers import compiled_text

HOSTILE = "\n\n".join(
    [
        "Fine **bold** text and a [link](https://www.osce.org/odihr).",
        '<script>alert("stolen-1")</script>',
        '<img src="x" onerror="alert(\'stolen-2\')">',
        "<p onclick=\"alert('stolen-3')\">Click</p>",
        "[trap](javascript:alert('stolen-4'))",
        '<iframe src="https://evil.example/stolen-5"></iframe>',
        "<style>body { display: none }</style>",
    ]
)


def test_markdown_keeps_the_writing_and_drops_the_rest():
    html = markdown_html(HOSTILE, render_block=lambda call: "")
    assert "<strong>bold</strong>" in html
    assert '<a href="https://www.osce.org/odihr">link</a>' in html
    for trace in ("<script", "stolen-1", "onerror", "stolen-2", "onclick", "javascript:", "<iframe", "<style", "<img"):
        assert trace not in html
    assert "<p>Click</p>" in html


def test_headings_in_a_section_stay_below_the_reports_own():
    html = markdown_html("# Sub-heading\n\n## Smaller", render_block=lambda call: "")
    assert html.startswith("<h4>Sub-heading</h4>") and "<h5>Smaller</h5>" in html
    assert sanitise("<h1 id='x' class='y'>Big</h1>") == "Big"


def test_a_block_is_placed_whole_even_inside_markdown():
    html = markdown_html("Text.\n[[block:meetings]]\nMore.", render_block=lambda call: f"<table>{call.name}</table>")
    assert html == "<p>Text.</p>\n<table>meetings</table>\n<p>More.</p>"
    seen = []
    markdown_html("- item\n\n[[block:map kind=voting]]", render_block=lambda call: seen.append(call) or "")
    assert seen == [BlockCall("map", {"kind": "voting"}, 3)]


@pytest.fixture
def hostile_report(hand_mission):
    report = ReportFactory(mission=hand_mission.mission)
    section = section_add(report=report, level=ReportSection.Level.CHAPTER, heading="Findings <script>1</script>")
    section_update(section=section, body=HOSTILE, body_kk=HOSTILE)
    recommendation_add(report=report, priority=True, text='Do better.<script>alert("stolen-6")</script>')
    section_update(section=section, body=HOSTILE + "\n\n[[block:recommendations]]")
    return report, section


def test_no_script_reaches_the_preview_or_the_section_page(hostile_report, client):
    report, section = hostile_report
    client.force_login(report.mission.observers.get(role="analyst").user)

    preview = client.get(f"/reports/{report.pk}/preview/en/").content.decode()
    page = client.get(f"/reports/{report.pk}/sections/{section.pk}/?language=kk").content.decode()
    rendered = page[page.index('<article class="report-preview') :]

    for html in (preview, rendered):
        assert "Fine <strong>bold</strong> text" in html
        for trace in ("alert(", "onerror", "onclick", "javascript:", "<iframe", "stolen-5"):
            assert trace not in html
    assert "Findings &lt;script&gt;" in preview  # a heading is text, escaped
    assert "&lt;script&gt;alert(&quot;stolen-1&quot;)" in page  # the source, escaped in its textarea


def test_no_script_reaches_the_pdf(hostile_report):
    report, _section = hostile_report
    text = compiled_text(report, "en")
    assert "Fine bold text and a link." in text and "1. Do better." in text
    assert "stolen" not in text and 'alert("stolen' not in text
