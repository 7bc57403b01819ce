"""Compiling a report of sections: contents with page numbers, progress while it runs, one PDF per language,
every compilation kept; a block that cannot be placed stops it with a message, never a server error."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from reports.documents import services
from reports.documents.blocks import BLOCKS
from reports.documents.render import pdf
from reports.documents.services import compilation_start, report_create, section_add, section_update
from reports.models import Compilation, ReportSection
from tests.factories import ReportFactory
from tests.reports.documents.helpers import compiled, pdf_text

Level = ReportSection.Level


@pytest.fixture
def report(hand_mission):
    return report_create(mission=hand_mission.mission, kind="final")


def test_the_pdf_has_a_title_page_contents_with_page_numbers_and_a_running_header(report):
    text, pages = pdf_text(compiled(report, "en").pdf.read())

    assert pages >= 6
    assert text.startswith(
        "DRAFT OSCE OFFICE FOR DEMOCRATIC INSTITUTIONS AND HUMAN RIGHTS KAZAKHSTAN PARLIAMENTARY ELECTIONS"
    )
    contents = text[text.index("CONTENTS") : text.index("I. EXECUTIVE SUMMARY")]
    entries = re.findall(
        r"(XIII|XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I|[A-D]|Annex 1)\.? ([A-Z][a-z ]+?)[ .]*(\d+)", contents
    )
    assert [entry[0] for entry in entries][:12] == [
        "I",
        "II",
        "III",
        "IV",
        "V",
        "VI",
        "VII",
        "VIII",
        "IX",
        "X",
        "XI",
        "A",
    ]
    page_numbers = [int(entry[2]) for entry in entries]
    assert page_numbers == sorted(page_numbers) and page_numbers[0] == 3 and page_numbers[-1] <= pages
    assert entries[-1][:2] == ("Annex 1", "Observer deployment by region")
    assert "OSCE/ODIHR · Kazakhstan · Parliamentary Elections, 19 September 2004 Final Report Page 2" in text


def test_progress_is_recorded_at_each_stage(report, monkeypatch):
    seen = []
    compilation = Compilation.objects.create(report=report, language="kk")

    def watching(function):
        def watched(*args, **kwargs):
            seen.append(Compilation.objects.values_list("stage", "progress").get(pk=compilation.pk))
            return function(*args, **kwargs)

        return watched

    monkeypatch.setattr(services, "findings_for_report", watching(services.findings_for_report))
    monkeypatch.setattr(pdf, "report_html", watching(pdf.report_html))
    monkeypatch.setattr(pdf, "pdf_from_html", watching(pdf.pdf_from_html))

    services.compilation_run(compilation_id=compilation.pk)

    assert seen == [("findings", 10), ("sections", 35), ("pdf", 55)]
    compilation.refresh_from_db()
    assert (compilation.status, compilation.stage, compilation.progress) == ("done", "done", 100)


def test_compiling_in_all_three_languages_makes_three_pdfs_kept_as_versions(
    report, hand_mission, client, django_capture_on_commit_callbacks
):
    client.force_login(hand_mission.analyst.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/reports/{report.pk}/compile/", {"language": "all"})

    compilations = list(Compilation.objects.order_by("pk"))
    assert [c.language for c in compilations] == ["en", "ru", "kk"]
    assert response["Location"] == "/reports/"
    page = client.get("/reports/").content.decode()
    assert f"Compilations #{compilations[0].pk}, #{compilations[1].pk}, #{compilations[2].pk} requested." in page
    for compilation in compilations:
        assert compilation.status == "done" and compilation.requested_by == hand_mission.analyst.user
        assert compilation.submissions_covered == 7 and compilation.findings["language"] == compilation.language
        assert compilation.pdf.name.endswith(f"-final-{compilation.language}-draft-{compilation.pk}.pdf")

    status = client.get(f"/reports/compilations/status/?ids={compilations[0].pk},{compilations[2].pk}").json()
    assert status["compilations"][0] | {"id": None} == {
        "id": None,
        "status": "done",
        "status_label": "Done",
        "stage": "done",
        "stage_label": "Finished",
        "progress": 100,
        "error": "",
        "pdf_url": f"/reports/compilations/{compilations[0].pk}/pdf/",
        "pdf_label": "Download PDF",
    }
    assert len(status["compilations"]) == 2


def test_the_quick_form_compiles_all_languages_of_a_kind(hand_mission, client, django_capture_on_commit_callbacks):
    client.force_login(hand_mission.analyst.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/reports/", {"kind": "needs_assessment", "language": "all"})
    assert sorted(Compilation.objects.values_list("language", "report__kind")) == [
        ("en", "needs_assessment"),
        ("kk", "needs_assessment"),
        ("ru", "needs_assessment"),
    ]


@pytest.fixture
def broken(hand_mission):
    report = ReportFactory(mission=hand_mission.mission)
    section = section_add(report=report, level=Level.CHAPTER, heading="Election day")
    section_update(section=section, body="Text.\n\n[[block:pie kind=voting]]", body_kk="[[block:map kind=voting]]")
    return report


def test_an_unknown_block_shows_in_the_preview_and_on_the_report_page(broken, hand_mission, client):
    client.force_login(hand_mission.analyst.user)
    message = "Section “I. Election day” (en), line 3: there is no block “pie”; the blocks are: "

    preview = client.get(f"/reports/{broken.pk}/preview/en/")
    assert preview.status_code == 200
    html = preview.content.decode()
    assert html.count(message) == 2  # listed at the top and shown in the block's place
    assert '<div class="block-error" role="alert">' in html and "</span>Text.</p>" in html

    assert (
        "Section “I. Election day” (en, ru): line 3: there is no block “pie”"
        in client.get(f"/reports/{broken.pk}/").content.decode()
    )
    kazakh = client.get(f"/reports/{broken.pk}/preview/kk/").content.decode()
    assert "block-error" not in kazakh and '<svg xmlns="http://www.w3.org/2000/svg" class="map"' in kazakh


def test_an_unknown_block_stops_a_final_compilation_before_it_is_queued(broken, hand_mission, client, token_client):
    broken.final = True
    broken.save()
    with pytest.raises(ValidationError) as error:
        compilation_start(report=broken, language="kk")
    assert error.value.message_dict["sections"] == [
        "Section “I. Election day” (en, ru): line 3: there is no block “pie”; the blocks are: "
        + ", ".join(sorted(BLOCKS))
    ]

    client.force_login(hand_mission.analyst.user)
    response = client.post(f"/reports/{broken.pk}/compile/", {"language": "all"}, follow=True)
    assert response.status_code == 200
    assert "there is no block “pie”" in response.content.decode()

    api = token_client(hand_mission.analyst.user).post(
        "/api/v1/reports/compilations/", {"kind": "preliminary", "language": "en"}, format="json"
    )
    assert api.status_code == 400 and "there is no block “pie”" in api.json()["sections"][0]
    assert not Compilation.objects.exists()


def test_a_draft_with_an_unknown_block_compiles_with_the_message_in_its_place(broken):
    compilation = compiled(broken, "en")
    assert compilation.status == "done"
    text = pdf_text(compilation.pdf.read())[0]
    assert "Section “I. Election day” (en), line 3: there is no block “pie”" in text


def test_a_block_broken_after_queueing_fails_the_final_compilation_with_the_reason(broken):
    compilation = compiled(broken, "en", final=True)
    assert compilation.status == "failed" and not compilation.pdf
    assert compilation.error == (
        "The report could not be compiled: Section “I. Election day” (en), line 3: there is no block “pie”; the blocks "
        f"are: {', '.join(sorted(BLOCKS))}. Correct the section's text and compile again."
    )


def test_the_command_compiles_the_needs_assessment_report(hand_mission, tmp_path):
    output = tmp_path / "nam-kk.pdf"
    call_command(
        "compile_report",
        "--language",
        "kk",
        "--output",
        str(output),
        "--kind",
        "needs_assessment",
        "--mission",
        hand_mission.mission.slug,
    )
    text, _pages = pdf_text(output.read_bytes())
    assert "ЕҚЫҰ/ДИАҚБ Мұқтаждықтарды бағалау жөнінде миссиясының Есептемесі" in text  # the demo: the source's title
    assert "4-ҚОСЫМША" in text
