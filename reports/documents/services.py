"""Changes to reports: creating them with their default sections, editing sections and recommendations, starting
compilations and running them (claimed atomically, so a re-delivery is harmless, with their progress recorded).

A run whose worker dies (killed, out of memory) leaves its compilation "running": once that is older than
COMPILATION_LEASE_SECONDS the run counts as lost, and the compilation is claimed again, by the broker's redelivery
of the unacknowledged task or by compilations_recover (beat), until COMPILATION_MAX_ATTEMPTS runs have been lost;
then it is failed with a reason. Every write of a run is conditional on its claim (status running and its attempt
number), so a run that wakes up after losing its claim changes nothing and leaves no PDF behind.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from mission.models import Mission
from reports.documents.defaults import (
    DEMO_ELECTION,
    DEMO_INTERIM,
    DEMO_NAM,
    DEMO_RECOMMENDATIONS,
    section_defaults,
)
from reports.documents.markdown import BlockError
from reports.documents.render.pdf import pdf_render
from reports.documents.sections import publication_problems, section_numbers
from reports.documents.selectors import final_compilations, report_recommendations, report_sections
from reports.findings.margins import findings_for_report
from reports.models import Compilation, Recommendation, Report, ReportSection

logger = logging.getLogger(__name__)

Stage = Compilation.Stage
STAGE_PROGRESS = {Stage.WAITING: 0, Stage.FINDINGS: 10, Stage.SECTIONS: 35, Stage.PDF: 55, Stage.DONE: 100}
# Orders are unique per report: a reordering first moves every row out of the way, above this.
ORDER_SHIFT = 1_000_000
SECTION_TEXT_FIELDS = ("heading", "heading_ru", "heading_kk", "body", "body_ru", "body_kk")
REPORT_TEXT_FIELDS = ("title", "title_ru", "title_kk", "election", "election_ru", "election_kk")


def _kind_check(kind: str) -> None:
    if kind not in Report.Kind.values:
        raise ValidationError({"kind": f"Unknown report kind {kind!r}; use one of: {', '.join(Report.Kind.values)}."})


@transaction.atomic
def report_create(*, mission: Mission, kind: str) -> Report:
    """A report with the default sections of its kind (for the demo mission, with the demo's texts)."""
    _kind_check(kind)
    by_kind = {Report.Kind.INTERIM: DEMO_INTERIM, Report.Kind.NEEDS_ASSESSMENT: DEMO_NAM}
    demo = {**DEMO_ELECTION, **by_kind.get(kind, {})} if mission.is_demo else {}
    report = Report.objects.create(mission=mission, kind=kind, **demo)
    defaults = section_defaults(kind, demo=mission.is_demo)
    numbers = section_numbers(default.level for default in defaults)
    ReportSection.objects.bulk_create(
        ReportSection(
            report=report,
            order=order,
            level=default.level,
            topic=default.topic,
            number=number["en"],
            number_ru=number["ru"],
            number_kk=number["kk"],
            heading=default.headings["en"],
            heading_ru=default.headings["ru"],
            heading_kk=default.headings["kk"],
            body=default.bodies["en"],
            body_ru=default.bodies["ru"],
            body_kk=default.bodies["kk"],
        )
        for order, (default, number) in enumerate(zip(defaults, numbers), start=1)
    )
    if mission.is_demo and kind == Report.Kind.FINAL:
        Recommendation.objects.bulk_create(
            Recommendation(report=report, priority=priority, order=order, text=en, text_ru=ru, text_kk=kk)
            for order, (priority, en, ru, kk) in enumerate(DEMO_RECOMMENDATIONS, start=1)
        )
    return report


def reports_install_defaults(*, mission: Mission) -> list[Report]:
    """A report of each kind the mission has none of, with its default sections. Returns those created."""
    existing = set(Report.objects.filter(mission=mission).values_list("kind", flat=True))
    return [report_create(mission=mission, kind=kind) for kind in Report.Kind.values if kind not in existing]


def report_get_or_create(*, mission: Mission, kind: str) -> Report:
    _kind_check(kind)
    report = Report.objects.filter(mission=mission, kind=kind).order_by("pk").first()
    return report or report_create(mission=mission, kind=kind)


def report_update(*, report: Report, **texts: str) -> Report:
    """Titles and the election's name as the title page shows them, per language (empty: the standard ones), the
    date its cover carries (`issued_on`; None: no date is printed, never the day it is compiled), and whether its
    shares are printed with their 95 % interval (`margins`)."""
    for name, value in texts.items():
        if name == "issued_on":  # a date, not a text
            report.issued_on = value
            continue
        if name == "margins":
            if not isinstance(value, bool):
                raise ValidationError({name: "Say true or false: print each share with its 95 % interval or not."})
            report.margins = value
            continue
        if name not in REPORT_TEXT_FIELDS:
            raise ValidationError({name: f"A report has no text {name!r}."})
        setattr(report, name, value.strip())
    report.full_clean()
    report.save(update_fields=[*texts])
    return report


def _order_save(model: type[models.Model], report: Report, items: list, fields: list[str]) -> None:
    """Give `items` (all of the report's rows of `model`) the orders 1, 2, 3… in list order."""
    model.objects.filter(report=report).update(order=F("order") + ORDER_SHIFT)
    for order, item in enumerate(items, start=1):
        item.order = order
    model.objects.bulk_update(items, ["order", *fields])


def _sections_save_order(report: Report, sections: list[ReportSection]) -> None:
    for section, number in zip(sections, section_numbers(section.level for section in sections)):
        section.number, section.number_ru, section.number_kk = number["en"], number["ru"], number["kk"]
    _order_save(ReportSection, report, sections, ["number", "number_ru", "number_kk"])


def _section_texts_check(texts: dict[str, str]) -> dict[str, str]:
    unknown = set(texts) - set(SECTION_TEXT_FIELDS)
    if unknown:
        raise ValidationError({name: f"A section has no text {name!r}." for name in unknown})
    cleaned = {name: value.strip() for name, value in texts.items()}
    if "heading" in cleaned and not cleaned["heading"]:
        raise ValidationError({"heading": "Write the heading in English: it stands in for a missing translation."})
    return cleaned


def _level_check(level: str) -> str:
    levels = ReportSection.Level.values
    if level not in levels:
        raise ValidationError({"level": f"Unknown level {level!r}; use one of: {', '.join(levels)}."})
    return level


@transaction.atomic
def section_update(*, section: ReportSection, user=None, level: str | None = None, **texts: str) -> ReportSection:
    """Headings and texts in any of the three languages; a new level renumbers the report."""
    for name, value in _section_texts_check(texts).items():
        setattr(section, name, value)
    section.updated_by = user
    relevel = level is not None and level != section.level
    if relevel:
        section.level = _level_check(level)
    section.save()
    if relevel:
        sections = [section if s.pk == section.pk else s for s in report_sections(report=section.report)]
        _sections_save_order(section.report, sections)
    return section


@transaction.atomic
def section_add(
    *, report: Report, level: str, heading: str, after: ReportSection | None = None, user=None
) -> ReportSection:
    """A new, empty section after `after` (at the start when None), numbered with the rest."""
    texts = _section_texts_check({"heading": heading})
    _level_check(level)
    if after is not None and after.report_id != report.pk:
        raise ValidationError({"after": "Choose a section of this report to add the new one after."})
    last = ReportSection.objects.filter(report=report).aggregate(last=Max("order"))["last"] or 0
    section = ReportSection.objects.create(report=report, order=last + 1, level=level, updated_by=user, **texts)
    sections = [s for s in report_sections(report=report) if s.pk != section.pk]
    position = next((i + 1 for i, s in enumerate(sections) if after and s.pk == after.pk), 0)
    sections.insert(position, section)
    _sections_save_order(report, sections)
    return section


@transaction.atomic
def section_delete(*, section: ReportSection) -> None:
    report = section.report
    section.delete()
    _sections_save_order(report, list(report_sections(report=report)))


@transaction.atomic
def section_move(*, section: ReportSection, offset: int) -> None:
    """Up (-1) or down (+1) by one place; at either end nothing moves."""
    sections = list(report_sections(report=section.report).select_for_update())
    index = next(i for i, s in enumerate(sections) if s.pk == section.pk)
    target = index + offset
    if offset not in (-1, 1) or not 0 <= target < len(sections):
        return
    sections[index], sections[target] = sections[target], sections[index]
    _sections_save_order(section.report, sections)


def _recommendation_texts_check(text: str, text_ru: str, text_kk: str) -> dict[str, str]:
    if not text.strip():
        raise ValidationError({"text": "Write the recommendation in English: it stands in for a missing translation."})
    return {"text": text.strip(), "text_ru": text_ru.strip(), "text_kk": text_kk.strip()}


def recommendation_add(
    *, report: Report, priority: bool, text: str, text_ru: str = "", text_kk: str = ""
) -> Recommendation:
    texts = _recommendation_texts_check(text, text_ru, text_kk)
    with transaction.atomic():
        last = Recommendation.objects.select_for_update().filter(report=report).aggregate(last=Max("order"))["last"]
        return Recommendation.objects.create(report=report, priority=priority, order=(last or 0) + 1, **texts)


def recommendation_update(
    *, recommendation: Recommendation, priority: bool, text: str, text_ru: str = "", text_kk: str = ""
) -> Recommendation:
    for name, value in _recommendation_texts_check(text, text_ru, text_kk).items():
        setattr(recommendation, name, value)
    recommendation.priority = priority
    recommendation.save()
    return recommendation


def recommendation_delete(*, recommendation: Recommendation) -> None:
    recommendation.delete()


@transaction.atomic
def recommendation_move(*, recommendation: Recommendation, offset: int) -> None:
    """Up (-1) or down (+1) among the recommendations of the same group (priority or other)."""
    report = recommendation.report
    items = list(Recommendation.objects.select_for_update().filter(report=report).order_by("-priority", "order"))
    index = next(i for i, r in enumerate(items) if r.pk == recommendation.pk)
    target = index + offset
    if offset not in (-1, 1) or not 0 <= target < len(items) or items[target].priority != recommendation.priority:
        return
    items[index], items[target] = items[target], items[index]
    _order_save(Recommendation, report, items, [])


def report_mark_final(*, report: Report, final: bool) -> Report:
    """Mark the report final (its compilations are then the published report, refused while anything stands in
    the way) or back to draft (compiled with DRAFT on every page). Final compilations already made are kept."""
    report.final = final
    report.save(update_fields=["final"])
    return report


def _when(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%d %B %Y %H:%M %Z}"


def _kept(compilation: Compilation) -> str:
    if compilation.status != Compilation.Status.DONE:
        made = f"is being compiled (requested {_when(compilation.requested_at)})"
    else:
        made = f"was compiled on {_when(compilation.finished_at)} with the data as of {_when(compilation.findings_at)}"
    return (
        f"The final report in {compilation.get_language_display()} {made} and is kept as published: it is not "
        "compiled again. Mark the report as a draft to compile drafts of it."
    )


def _publication_check(report: Report, languages: list[str]) -> None:
    """A report marked final compiles only with nothing left to fix, and once per language."""
    published = {compilation.language: compilation for compilation in final_compilations(report=report)}
    kept = [_kept(published[language]) for language in languages if language in published]
    if kept:
        raise ValidationError({"language": kept})
    sections, recommendations = list(report_sections(report=report)), list(report_recommendations(report=report))
    problems = publication_problems(report, sections, recommendations)
    if problems:
        raise ValidationError({"sections": problems})


def compilation_start(*, report: Report, language: str, requested_by=None) -> Compilation:
    """Queue a compilation; the task is sent once the row is committed. A report marked final is refused while
    anything stands in the way of publication (see publication_problems)."""
    return compilations_start(report=report, languages=[language], requested_by=requested_by)[0]


def compilation_request(*, mission: Mission, kind: str, language: str, requested_by=None) -> Compilation:
    """The API's "compile this kind of report": the mission's report of that kind (made from the defaults the first
    time) and its queued compilation, both or neither."""
    with transaction.atomic():
        report = report_get_or_create(mission=mission, kind=kind)
        return compilation_start(report=report, language=language, requested_by=requested_by)


def compilations_start(*, report: Report, languages: list[str], requested_by=None) -> list[Compilation]:
    """One compilation per language (all three: one PDF each), queued together."""
    from reports import tasks

    with transaction.atomic():
        compilations = compilations_prepare(report=report, languages=languages, requested_by=requested_by)
        for compilation in compilations:
            transaction.on_commit(lambda pk=compilation.pk: tasks.compilation_run.delay(pk))
    return compilations


def compilations_prepare(*, report: Report, languages: list[str], requested_by=None) -> list[Compilation]:
    """The queued rows, one per language, nothing sent: drafts, or the final report once nothing stands in the way
    of its publication and only in languages it has not been published in. Refusals are ValidationErrors."""
    known = Compilation.Language.values
    unknown = [language for language in languages if language not in known] or ([] if languages else [""])
    if unknown:
        raise ValidationError({"language": f"Unknown language {unknown[0]!r}; use one of: {', '.join(known)}."})
    # As the database has it now: the page that sent the request may have been open since before it was marked.
    report.final = Report.objects.values_list("final", flat=True).get(pk=report.pk)
    if report.final:
        _publication_check(report, languages)
    try:
        with transaction.atomic():
            return [
                Compilation.objects.create(
                    report=report, language=language, requested_by=requested_by, final=report.final
                )
                for language in languages
            ]
    except IntegrityError:  # another request queued the final compilation between the check and now
        _publication_check(report, languages)
        raise


def _lost() -> Q:
    """Compilations "running" longer than the lease: their worker stopped without finishing."""
    lease = timedelta(seconds=settings.COMPILATION_LEASE_SECONDS)
    return Q(status=Compilation.Status.RUNNING, started_at__lt=timezone.now() - lease)


def _lost_runs() -> models.QuerySet[Compilation]:
    return Compilation.objects.filter(_lost())


def _give_up(lost: models.QuerySet[Compilation]) -> int:
    """Fail those of `lost` that have used up their attempts; returns how many."""
    limit = settings.COMPILATION_MAX_ATTEMPTS
    return lost.filter(attempts__gte=limit).update(
        status=Compilation.Status.FAILED,
        finished_at=timezone.now(),
        error=f"The worker stopped {limit} times while compiling this report (it was killed or ran out of memory). "
        "Compile it again; if it stops again, send this message to the mission's data team.",
    )


def _claim(compilation_id: int) -> bool:
    claimable = Q(status=Compilation.Status.QUEUED) | (_lost() & Q(attempts__lt=settings.COMPILATION_MAX_ATTEMPTS))
    return bool(
        Compilation.objects.filter(claimable, pk=compilation_id).update(
            status=Compilation.Status.RUNNING,
            started_at=timezone.now(),
            attempts=F("attempts") + 1,
            error="",
            stage=Stage.WAITING,
            progress=0,
        )
    )


def _this_run(compilation: Compilation) -> models.QuerySet[Compilation]:
    """The row while `compilation`'s run still holds the claim: a later attempt takes it over."""
    return Compilation.objects.filter(
        pk=compilation.pk, status=Compilation.Status.RUNNING, attempts=compilation.attempts
    )


def _progress(compilation: Compilation, stage: str) -> None:
    _this_run(compilation).update(stage=stage, progress=STAGE_PROGRESS[stage])


def _failed(compilation: Compilation, error: str) -> None:
    _this_run(compilation).update(status=Compilation.Status.FAILED, finished_at=timezone.now(), error=error)


def _finish(compilation: Compilation, *, pdf: bytes, findings: dict, findings_at: datetime) -> None:
    """Store the PDF under a name of its own (the storage never overwrites) and mark the row done, in one UPDATE
    that holds only while this run has the claim; a run that lost it deletes its file."""
    mission = compilation.report.mission
    version = "final" if compilation.final else "draft"
    name = f"{mission.slug}-{compilation.report.kind}-{compilation.language}-{version}-{compilation.pk}.pdf"
    compilation.pdf.save(name, ContentFile(pdf), save=False)
    done = False
    try:
        done = bool(
            _this_run(compilation).update(
                pdf=compilation.pdf.name,
                findings=findings,
                findings_at=findings_at,
                submissions_covered=findings["submissions"],
                status=Compilation.Status.DONE,
                stage=Stage.DONE,
                progress=STAGE_PROGRESS[Stage.DONE],
                finished_at=timezone.now(),
            )
        )
    finally:
        if not done:
            compilation.pdf.delete(save=False)
    if not done:
        logger.warning(
            "Compilation %s: attempt %s lost its claim; its PDF is discarded", compilation.pk, compilation.attempts
        )


def compilation_run(*, compilation_id: int) -> Compilation | None:
    """Compute the findings, render the PDF, store both. Returns None when another delivery has the row."""
    if not _claim(compilation_id):
        if _give_up(_lost_runs().filter(pk=compilation_id)):
            logger.warning("Compilation %s failed: its worker stopped too many times", compilation_id)
        else:
            logger.info("Compilation %s is not queued: nothing to do", compilation_id)
        return None
    compilation = Compilation.objects.select_related("report__mission").get(pk=compilation_id)
    try:
        findings_at = timezone.now()
        _progress(compilation, Stage.FINDINGS)
        report = compilation.report
        findings = findings_for_report(mission=report.mission, language=compilation.language, margins=report.margins)
        pdf = pdf_render(
            report=compilation.report,
            language=compilation.language,
            findings=findings,
            findings_at=findings_at,
            final=compilation.final,
            on_stage=lambda stage: _progress(compilation, stage),
        )
        _finish(compilation, pdf=pdf, findings=findings, findings_at=findings_at)
    except BlockError as error:
        _failed(
            compilation, f"The report could not be compiled: {error}. Correct the section's text and compile again."
        )
    except Exception as error:  # noqa: BLE001 - any failure must end as a readable "failed" row
        logger.exception("Compilation %s failed", compilation_id)
        _failed(
            compilation,
            f"The report could not be compiled ({type(error).__name__}: {error}). "
            "Try again; if it fails again, send this message to the mission's data team.",
        )
    compilation.refresh_from_db()
    return compilation


def compilations_recover() -> dict[str, int]:
    """Compilations whose worker was lost: queued again (and sent) while they have attempts left, failed with a
    reason once they have none. Beat runs it, so recovery does not wait for the broker's redelivery."""
    from reports import tasks

    failed = _give_up(_lost_runs())
    with transaction.atomic():
        requeued = list(_lost_runs().select_for_update(skip_locked=True).values_list("pk", flat=True))
        Compilation.objects.filter(pk__in=requeued).update(
            status=Compilation.Status.QUEUED, stage=Stage.WAITING, progress=0
        )
        for pk in requeued:
            transaction.on_commit(lambda pk=pk: tasks.compilation_run.delay(pk))
    if requeued or failed:
        logger.warning("Compilations whose worker was lost: %s queued again, %s failed", len(requeued), failed)
    return {"requeued": len(requeued), "failed": failed}
