"""Changes to reports: starting a compilation and running it (claimed atomically, so a re-delivery is harmless)."""
import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from mission.models import Mission

from .models import Compilation, Report
from .pdf import pdf_render
from .selectors import findings_compute

logger = logging.getLogger(__name__)

# A compilation still "running" after this long lost its worker (acks_late re-delivers the task): it may be claimed again.
STALE_AFTER = timedelta(minutes=15)


def report_get_or_create(*, mission: Mission, kind: str) -> Report:
    if kind not in Report.Kind.values:
        raise ValidationError({"kind": f"Unknown report kind {kind!r}; use one of: {', '.join(Report.Kind.values)}."})
    report = Report.objects.filter(mission=mission, kind=kind).order_by("pk").first()
    return report or Report.objects.create(mission=mission, kind=kind)


def compilation_start(*, report: Report, language: str, requested_by=None) -> Compilation:
    """Queue a compilation; the task is sent once the row is committed."""
    from .tasks import compile_report

    if language not in Compilation.Language.values:
        raise ValidationError(
            {"language": f"Unknown language {language!r}; use one of: {', '.join(Compilation.Language.values)}."}
        )
    with transaction.atomic():
        compilation = Compilation.objects.create(report=report, language=language, requested_by=requested_by)
        transaction.on_commit(lambda: compile_report.delay(compilation.pk))
    return compilation


def _claim(compilation_id: int) -> bool:
    now = timezone.now()
    claimable = Q(status=Compilation.Status.QUEUED) | Q(
        status=Compilation.Status.RUNNING, started_at__lt=now - STALE_AFTER
    )
    return bool(
        Compilation.objects.filter(claimable, pk=compilation_id).update(
            status=Compilation.Status.RUNNING, started_at=now, attempts=F("attempts") + 1, error=""
        )
    )


def compilation_run(*, compilation_id: int) -> Compilation | None:
    """Compute the findings, render the PDF, store both. Returns None when another delivery has the row."""
    if not _claim(compilation_id):
        logger.info("Compilation %s is not queued: nothing to do", compilation_id)
        return None
    compilation = Compilation.objects.select_related("report__mission").get(pk=compilation_id)
    mission = compilation.report.mission
    try:
        findings_at = timezone.now()
        findings = findings_compute(mission=mission, language=compilation.language)
        pdf = pdf_render(report=compilation.report, language=compilation.language, findings=findings, findings_at=findings_at)
        name = f"{mission.slug}-{compilation.report.kind}-{compilation.language}-{compilation.pk}.pdf"
        with transaction.atomic():
            compilation.pdf.save(name, ContentFile(pdf), save=False)
            compilation.findings = findings
            compilation.findings_at = findings_at
            compilation.submissions_covered = findings["submissions"]
            compilation.status = Compilation.Status.DONE
            compilation.finished_at = timezone.now()
            compilation.save()
    except Exception as error:  # noqa: BLE001 - any failure must end as a readable "failed" row
        logger.exception("Compilation %s failed", compilation_id)
        Compilation.objects.filter(pk=compilation_id).update(
            status=Compilation.Status.FAILED,
            finished_at=timezone.now(),
            error=f"The report could not be compiled ({type(error).__name__}: {error}). "
            "Try again; if it fails again, send this message to the mission's data team.",
        )
        compilation.refresh_from_db()
    return compilation
