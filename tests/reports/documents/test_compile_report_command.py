import pytest
from django.core.management import CommandError, call_command

from reports.documents.services import report_create, report_mark_final
from reports.models import Compilation
from tests.factories import MissionFactory


def test_writes_the_pdf_to_the_file_asked_for(hand_mission, tmp_path, capsys):
    output = tmp_path / "report-kk.pdf"
    call_command("compile_report", "--language", "kk", "--output", str(output), "--mission", hand_mission.mission.slug)

    assert output.read_bytes()[:5] == b"%PDF-"
    compilation = Compilation.objects.get()
    assert (compilation.status, compilation.language, compilation.report.kind) == ("done", "kk", "preliminary")
    assert f"Wrote {output}" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_only_mission_need_not_be_named(tmp_path):
    MissionFactory()
    output = tmp_path / "final.pdf"
    call_command("compile_report", "--output", str(output), "--kind", "final")
    assert Compilation.objects.get().report.kind == "final" and output.exists()


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--language", "de"], "Unknown language 'de': use one of en, ru, kk."),
        (["--mission", "atlantis"], "No mission with the slug 'atlantis'. Known missions: "),
        (["--kind", "weekly", "--mission", "m-one"], "Unknown report kind 'weekly'; use one of: needs_assessment,"),
        ([], "Say which mission with --mission SLUG. Known missions: m-one, m-two."),
    ],
)
@pytest.mark.django_db
def test_bad_arguments_stop_with_a_message_and_write_nothing(arguments, message, tmp_path):
    MissionFactory(slug="m-one")
    MissionFactory(slug="m-two")
    output = tmp_path / "out.pdf"
    with pytest.raises(CommandError) as error:
        call_command("compile_report", "--output", str(output), *arguments)
    assert str(error.value).startswith(message)
    assert not output.exists() and not Compilation.objects.exists()


def test_a_report_marked_final_is_checked_as_on_the_reports_page(hand_mission, tmp_path):
    report = report_create(mission=hand_mission.mission, kind="final")
    report_mark_final(report=report, final=True)
    output = tmp_path / "final.pdf"
    with pytest.raises(CommandError) as error:
        call_command("compile_report", "--output", str(output), "--kind", "final", "--mission", report.mission.slug)
    assert "Section “I. Executive summary” (en, ru, kk): it still holds the analyst's guide text" in str(error.value)
    assert not output.exists() and not Compilation.objects.exists()
