from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from reports import tasks
from reports.documents import services
from reports.documents.services import compilation_run, compilation_start, report_get_or_create
from reports.models import Compilation, Report


@pytest.fixture
def report(hand_mission):
    return report_get_or_create(mission=hand_mission.mission, kind=Report.Kind.PRELIMINARY)


def _pdfs() -> list[str]:
    return sorted(p.name for p in (Path(settings.MEDIA_ROOT) / "compilations").glob("*.pdf"))


def test_start_queues_the_row_and_sends_the_task_once_committed(
    report, hand_mission, django_capture_on_commit_callbacks
):
    user = hand_mission.analyst.user
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        compilation = compilation_start(report=report, language="kk", requested_by=user)
    assert Compilation.objects.get().status == Compilation.Status.QUEUED
    assert len(callbacks) == 1

    callbacks[0]()  # the commit: the task runs eagerly in tests

    compilation.refresh_from_db()
    assert compilation.status == Compilation.Status.DONE
    assert compilation.error == "" and compilation.attempts == 1 and compilation.requested_by == user
    assert compilation.started_at <= compilation.findings_at <= compilation.finished_at
    assert compilation.submissions_covered == 7
    assert compilation.findings["coverage"]["total"]["observed"] == 5
    assert compilation.pdf.name == f"compilations/{hand_mission.mission.slug}-preliminary-kk-draft-{compilation.pk}.pdf"
    assert compilation.pdf.read(5) == b"%PDF-"


def test_an_unknown_language_is_refused_and_nothing_is_written(report):
    with pytest.raises(ValidationError) as error:
        compilation_start(report=report, language="de", requested_by=None)
    assert error.value.message_dict == {"language": ["Unknown language 'de'; use one of: en, ru, kk."]}
    assert not Compilation.objects.exists()


def test_report_get_or_create_reuses_the_missions_report(hand_mission):
    first = report_get_or_create(mission=hand_mission.mission, kind="final")
    assert report_get_or_create(mission=hand_mission.mission, kind="final") == first
    with pytest.raises(ValidationError, match="Unknown report kind 'weekly'"):
        report_get_or_create(mission=hand_mission.mission, kind="weekly")


def test_a_failure_marks_the_compilation_failed_with_a_readable_message(report, monkeypatch):
    def broken(**kwargs):
        raise OSError("no space left on device")

    monkeypatch.setattr(services, "pdf_render", broken)
    compilation = Compilation.objects.create(report=report, language="en")

    compilation_run(compilation_id=compilation.pk)

    compilation.refresh_from_db()
    assert compilation.status == Compilation.Status.FAILED
    assert compilation.error == (
        "The report could not be compiled (OSError: no space left on device). "
        "Try again; if it fails again, send this message to the mission's data team."
    )
    assert compilation.finished_at is not None and not compilation.pdf
    assert _pdfs() == []


def test_a_task_delivered_twice_makes_one_pdf(report):
    compilation = Compilation.objects.create(report=report, language="ru")

    tasks.compilation_run.apply(args=[compilation.pk])
    compilation.refresh_from_db()
    first = (compilation.pdf.name, compilation.finished_at)
    tasks.compilation_run.apply(args=[compilation.pk])  # the broker delivers it again

    compilation.refresh_from_db()
    assert compilation.status == Compilation.Status.DONE and compilation.attempts == 1
    assert (compilation.pdf.name, compilation.finished_at) == first
    assert _pdfs() == [Path(first[0]).name]


def test_a_running_compilation_is_left_alone_unless_its_worker_was_lost(report):
    compilation = Compilation.objects.create(
        report=report, language="en", status=Compilation.Status.RUNNING, started_at=timezone.now(), attempts=1
    )
    assert compilation_run(compilation_id=compilation.pk) is None

    Compilation.objects.filter(pk=compilation.pk).update(started_at=timezone.now() - timedelta(hours=1))
    assert compilation_run(compilation_id=compilation.pk).status == Compilation.Status.DONE
    compilation.refresh_from_db()
    assert compilation.attempts == 2
