"""The form of a published report: paragraphs numbered through the final report and the statement, footnotes at
the foot of the page where they are cited and numbered per document, recommendations citing the paragraphs they
rest on; and before publication, a report marked final refused while anything is left to fix, drafts marked DRAFT
on every page, a final compilation kept as published with the time its data was read."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from reports.documents.markdown import Document, markdown_html
from reports.documents.services import (
    compilation_start,
    report_create,
    report_mark_final,
    section_add,
    section_update,
)
from reports.models import Compilation, Recommendation, ReportSection
from tests.reports.documents.helpers import compiled, pdf_text
from tests.reports.documents.report_form import written_report

Level = ReportSection.Level


def _pages(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def _numbered(text: str) -> list[tuple[int, str]]:
    """(number, first word) of every numbered paragraph, in the order they print."""
    return [
        (int(number), word) for number, word in re.findall(r"(?<![\d.])(\d+)\. ?([A-ZА-Я][a-zа-яәғқңөұүһі]+):", text)
    ]


@pytest.fixture
def report(hand_mission):
    return written_report(hand_mission.mission)


# Numbered paragraphs and references


def test_paragraphs_are_numbered_through_the_document_and_references_print_their_numbers(report):
    text = pdf_text(compiled(report, "en", final=True).pdf.read())[0]

    words = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf"]
    assert _numbered(text) == list(enumerate(words, start=1))  # through chapters and a subsection, in order
    assert "a list item is not a numbered paragraph" in text and "An annex paragraph is not numbered." in text
    assert not re.search(r"\d+\. ?An annex", text)
    assert "Delta: as paragraph 2 notes" in text
    assert "1. The CEC should publish all its decisions promptly (paragraphs 2, 3)." in text
    assert "2. Voter lists should be checked for multiple entries (paragraph 5)." in text


def test_a_label_keeps_its_paragraph_when_paragraphs_are_added_before_it(report, hand_mission, client):
    first = report.sections.get(order=1)
    section_update(section=first, body="Zulu: a new opening paragraph.\n\n" + first.body)

    client.force_login(hand_mission.analyst.user)
    preview = client.get(f"/reports/{report.pk}/preview/en/").content.decode()
    assert '<p class="numbered" id="paragraph-1"><span class="paragraph-number">1.</span>Zulu' in preview
    assert '<span class="paragraph-number">8.</span>Golf' in preview
    # Bravo {#admin} is now 3, Charlie {#cec} 4, Echo {#voters} 6: the references follow them.
    assert 'as paragraph <a class="paragraph-ref" href="#paragraph-3">3</a> notes' in preview
    assert (
        'promptly (paragraphs <a class="paragraph-ref" href="#paragraph-3">3</a>, '
        '<a class="paragraph-ref" href="#paragraph-4">4</a>)' in preview
    )
    assert 'entries (paragraph <a class="paragraph-ref" href="#paragraph-6">6</a>)' in preview

    # The section's own page numbers its paragraphs as the document does, and lists its footnotes.
    second = report.sections.get(order=2)
    page = client.get(f"/reports/{report.pk}/sections/{second.pk}/").content.decode()
    assert '<span class="paragraph-number">4.</span>Charlie' in page
    assert '<li value="2">CEC Decision No. 45/2 of 12 August 2004.</li>' in page


def test_the_needs_assessment_and_interim_reports_do_not_number_paragraphs(hand_mission, client):
    client.force_login(hand_mission.analyst.user)
    for kind in ("needs_assessment", "interim"):
        report = written_report(hand_mission.mission, kind=kind)
        preview = client.get(f"/reports/{report.pk}/preview/ru/").content.decode()
        assert "paragraph-number" not in preview and "<p>Альфа: выборы" in preview
        # A label there has no number to give: a reference to it is a problem, shown where it stands.
        assert "[@admin?]" in preview and "is not at the end of a numbered paragraph" in preview


# Footnotes


def test_footnotes_print_at_the_foot_of_the_page_where_they_are_cited_numbered_per_document(hand_mission):
    report = written_report(hand_mission.mission)
    long = report.sections.get(order=3)
    filler = "The observers recorded what they saw at each polling station and what they were told. " * 4
    paragraphs = [f"Para{n}: {filler}as the law says.[^n{n}]" for n in range(1, 31)]
    paragraphs[0] += " {#voters}"  # recommendation 2 cites it
    notes = [f"[^n{n}]: Note{n} cites Article {n} of the Law on Elections." for n in range(1, 31)]
    section_update(section=long, body="\n\n".join(paragraphs + notes))

    data = compiled(report, "en", final=True).pdf.read()
    pages = _pages(data)
    assert len(pages) >= 5
    # Each footnote is on the page of its paragraph, and numbered on from the two before it in the document.
    for n in range(1, 31):
        [cited] = [i for i, page in enumerate(pages) if f"Para{n}:" in page]
        assert f"{n + 2}. Note{n} cites Article {n} of the Law on Elections." in pages[cited], n
    numbers = [int(number) for number in re.findall(r"(?<![\d.])(\d+)\. ?(?:[A-Z][a-z]+|Para\d+):", pdf_text(data)[0])]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) == 2 + 2 + 30 + 1


@pytest.mark.parametrize(
    ("language", "cited", "note"),
    [
        ("ru", "Альфа:", "1. Статья 12 Конституционного закона о выборах."),
        ("kk", "Альфа:", "1. Сайлау туралы конституциялық заңның 12-бабы."),
        ("kk", "Эхо:", "3. ЕҚЫҰ-ның 1990 жылғы Копенгаген құжатының 7.3-тармағы."),
    ],
)
def test_footnotes_print_in_each_language(report, language, cited, note):
    pages = _pages(compiled(report, language, final=True).pdf.read())
    [page] = [page for page in pages if cited in page]
    assert note in page


def test_footnote_mistakes_are_named_with_what_to_write():
    document = Document(labels={"cec": 4})
    html = markdown_html(
        "Cited and not written.[^a] See [@cec] and [@nowhere].\n\n"
        "In a list:\n\n- item {#misplaced}\n\n"
        "One {#twice}\n\nTwo {#twice}\n\n[^b]: Written and not cited.",
        render_block=lambda call: "",
        document=document,
        numbered=True,
    )
    assert [message for _where, message in document.problems] == [
        "the label {#twice} is on paragraphs 3 and 4; give each paragraph its own",
        "[@nowhere] refers to no paragraph; label the paragraph it means by ending it with {#nowhere} (labels in this "
        "document: cec)",
        "the label {#misplaced} is not at the end of a numbered paragraph: only the paragraphs of a numbered section "
        "of the final report or the statement are numbered (not lists, tables or annexes); move it or delete it",
        "the footnote [^b] is written but cited nowhere; cite it in the text or delete it",
        "the footnote [^a] has no text; write it on a line of its own as “[^a]: …”",
    ]
    assert '<a class="paragraph-ref" href="#paragraph-4">4</a>' in html
    assert '<span class="reference-error">[@nowhere?]</span>' in html


def test_a_footnote_cannot_smuggle_markup():
    html = markdown_html(
        'Text.[^x]\n\n[^x]: <script>alert("stolen")</script><b onclick="x()">Law</b> [a](javascript:alert(1))',
        render_block=lambda call: "",
    )
    assert "<script" not in html and "onclick" not in html and "javascript:" not in html
    assert '<span class="footnote" id="footnote-1">' in html and "<b>Law</b>" in html


# Before publication


def test_a_report_marked_final_with_guide_text_is_refused_listing_each_section(hand_mission, client, token_client):
    report = report_create(mission=hand_mission.mission, kind="final")
    client.force_login(hand_mission.analyst.user)
    assert client.post(f"/reports/{report.pk}/final/", {"final": "1"}).status_code == 302
    report.refresh_from_db()
    assert report.final

    response = client.post(f"/reports/{report.pk}/compile/", {"language": "all"}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200 and not Compilation.objects.exists()
    guide = "it still holds the analyst&#x27;s guide text in brackets, *[…]*: write the section and delete the guide"
    for section in report.sections.exclude(level=Level.ANNEX):
        if section.heading not in ("Election day", "Observer deployment by region", "Final results"):
            assert f"Section “{section}” (en, ru, kk): {guide}" in page, section
    assert "The report will not compile as final until these are fixed:" in page

    api = token_client(hand_mission.analyst.user).post(
        "/api/v1/reports/compilations/", {"kind": "final", "language": "kk"}, format="json"
    )
    assert api.status_code == 400 and any("guide text" in problem for problem in api.json()["sections"])
    assert not Compilation.objects.exists()

    # As a draft it compiles, DRAFT on every page.
    client.post(f"/reports/{report.pk}/final/", {"final": "0"})
    data = compiled(report, "en").pdf.read()
    pages = _pages(data)
    assert len(pages) >= 6 and all("DRAFT" in page for page in pages)
    assert "Draft: not for publication" in pages[0]


def test_an_unknown_reference_or_a_recommendation_citing_nothing_stops_a_final_compilation(report):
    Recommendation.objects.filter(report=report, priority=False).update(
        text="Voter lists should be checked.", text_ru="", text_kk=""
    )
    section = report.sections.get(order=2)
    section_update(section=section, body_kk=section.body_kk.replace("[@admin]", "[@admn]"))
    report_mark_final(report=report, final=True)

    with pytest.raises(ValidationError) as error:
        compilation_start(report=report, language="en")
    assert error.value.message_dict["sections"] == [
        "Recommendation 2 (en, ru, kk): it cites no paragraph; end it with the paragraphs it rests on, as [@label]",
        "Section “II. Election administration” (kk): [@admn] refers to no paragraph; label the paragraph it means by "
        "ending it with {#admn} (labels in this document: admin, cec, voters)",
    ]
    # A draft shows the reference in red where it stands.
    report_mark_final(report=report, final=False)
    text = pdf_text(compiled(report, "kk").pdf.read())[0]
    assert "Дельта: [@admn?]-тармақта айтылғандай" in text


def test_a_final_compilation_is_kept_as_published_and_not_compiled_again(
    report, hand_mission, client, django_capture_on_commit_callbacks
):
    client.force_login(hand_mission.analyst.user)
    client.post(f"/reports/{report.pk}/final/", {"final": "1"})
    detail = client.get(f"/reports/{report.pk}/").content.decode()
    assert "Nothing stands in the way of publication." in detail

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/reports/{report.pk}/compile/", {"language": "en"})
    published = Compilation.objects.get()
    assert (published.status, published.final) == ("done", True), published.error
    assert published.pdf.name.endswith(f"-final-en-final-{published.pk}.pdf")
    assert "DRAFT" not in pdf_text(published.pdf.read())[0]
    pdf = published.pdf.name

    response = client.post(f"/reports/{report.pk}/compile/", {"language": "all"}, follow=True)
    assert Compilation.objects.count() == 1
    assert "The final report in English was compiled on " in response.content.decode()
    assert "and is kept as published: it is not compiled again." in response.content.decode()
    with pytest.raises(ValidationError):
        compilation_start(report=report, language="en")

    # Russian and Kazakh are still to be published; each is made once.
    with django_capture_on_commit_callbacks(execute=True):
        compilation_start(report=report, language="ru")
    assert Compilation.objects.filter(final=True, status="done").count() == 2

    # The page shows what was published, when, and with the data as of when.
    with CaptureQueriesContext(connection) as queries:
        detail = client.get(f"/reports/{report.pk}/").content.decode()
    assert "Final compilations, kept as published" in detail and "Data as of" in detail
    assert f'href="/reports/compilations/{published.pk}/pdf/"' in detail
    assert len(queries) < 20

    # Back to draft: drafts compile again; the published PDFs stay as they were.
    client.post(f"/reports/{report.pk}/final/", {"final": "0"})
    draft = compiled(report, "en")
    assert (draft.status, draft.final) == ("done", False)
    published.refresh_from_db()
    assert published.pdf.name == pdf and published.status == "done"
    assert "DRAFT" in pdf_text(draft.pdf.read())[0]


def test_a_failed_final_compilation_does_not_count_as_published(report):
    report_mark_final(report=report, final=True)
    Compilation.objects.create(report=report, language="en", final=True, status=Compilation.Status.FAILED)
    assert compilation_start(report=report, language="en").final


def test_the_statement_numbers_its_paragraphs_too(hand_mission):
    report = written_report(hand_mission.mission, kind="preliminary")
    closing = section_add(
        report=report, level=Level.UNNUMBERED, heading="Mission information", after=report.sections.last()
    )
    section_update(section=closing, body="Closing words are not numbered.")
    text = pdf_text(compiled(report, "en").pdf.read())[0]
    assert [number for number, _word in _numbered(text)] == list(range(1, 8))
    assert "Closing words are not numbered." in text and not re.search(r"\d\. ?Closing", text)
