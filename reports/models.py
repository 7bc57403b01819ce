"""Reports: their sections and recommendations (written in the browser in three languages), and their
compilations: background jobs kept as status rows with the PDF they produce."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mission.models import Mission


class Report(models.Model):
    class Kind(models.TextChoices):
        NEEDS_ASSESSMENT = "needs_assessment", _("Needs Assessment report")
        INTERIM = "interim", _("Interim report")
        PRELIMINARY = "preliminary", _("Statement of Preliminary Findings and Conclusions")
        FINAL = "final", _("Final report")

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=300, blank=True, help_text="Empty: the standard title of the kind")
    title_ru = models.CharField(max_length=300, blank=True)
    title_kk = models.CharField(max_length=300, blank=True)
    election = models.CharField(
        max_length=200, blank=True, help_text="The election as the title page names it; empty: the mission's"
    )
    election_ru = models.CharField(max_length=200, blank=True)
    election_kk = models.CharField(max_length=200, blank=True)
    # An interim report's number and the reporting period it covers (its LTO reports, cases, meetings).
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    period_from = models.DateField(_("reporting period from"), null=True, blank=True)
    period_to = models.DateField(_("reporting period to"), null=True, blank=True)
    # The report's own date, printed on its cover ("Warsaw, 12 July 2004"); empty: no date is printed there.
    issued_on = models.DateField(_("dated"), null=True, blank=True)
    # Marked final: compiled only once nothing stands in the way of publication, and each language's final
    # compilation is kept as published; not marked: compiled as drafts, DRAFT on every page.
    final = models.BooleanField(_("marked final"), default=False)
    # Shares printed with their 95 % interval ("11 per cent (95 % interval 9–13) of 1,445 …") and, once, what the
    # intervals describe (reports.findings.present).
    margins = models.BooleanField(_("shares with their 95 per cent interval"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["mission", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_from__isnull=True, period_to__isnull=True)
                | Q(period_from__isnull=False, period_to__isnull=False, period_to__gte=models.F("period_from")),
                name="report_period_ordered",
                violation_error_message=_("Give both ends of the reporting period, the end on or after the start."),
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()

    def in_language(self, field: str, language: str) -> str:
        """`field` in `language`, falling back to English (empty when neither is written)."""
        return in_language(self, field, language)


def in_language(instance: models.Model, field: str, language: str) -> str:
    suffix = "" if language == "en" else f"_{language}"
    return getattr(instance, f"{field}{suffix}", "") or getattr(instance, field)


class ReportSection(models.Model):
    """One numbered part of a report: heading and Markdown body in English, Russian and Kazakh.

    Numbers follow from the order and the level (every change in services renumbers them) and are stored per
    language, as the letters differ (C in English is В in Russian and Kazakh).
    """

    class Level(models.TextChoices):
        CHAPTER = "chapter", "Chapter (I, II, III)"
        SUBSECTION = "subsection", "Subsection (A, B, C)"
        ANNEX = "annex", "Annex (1, 2, 3)"
        UNNUMBERED = "unnumbered", "Unnumbered"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveIntegerField()
    level = models.CharField(max_length=10, choices=Level.choices, default=Level.CHAPTER)
    # The default section it started as (defaults.TOPICS), e.g. "voting": what "draft from data" writes for it.
    topic = models.CharField(max_length=40, blank=True)
    number = models.CharField(max_length=30, blank=True)
    number_ru = models.CharField(max_length=30, blank=True)
    number_kk = models.CharField(max_length=30, blank=True)
    heading = models.CharField(max_length=300)
    heading_ru = models.CharField(max_length=300, blank=True)
    heading_kk = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    body_ru = models.TextField(blank=True)
    body_kk = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ["report", "order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "order"], name="section_order_unique"),
            models.CheckConstraint(
                condition=Q(level__in=["chapter", "subsection", "annex", "unnumbered"]), name="section_level_valid"
            ),
            models.CheckConstraint(condition=~Q(heading=""), name="section_heading_in_english"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.heading}".strip()

    def in_language(self, field: str, language: str) -> str:
        return in_language(self, field, language)


class Recommendation(models.Model):
    """A recommendation of a (final) report; priority ones are numbered first."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="recommendations")
    priority = models.BooleanField(default=False)
    order = models.PositiveIntegerField()
    text = models.TextField()
    text_ru = models.TextField(blank=True)
    text_kk = models.TextField(blank=True)

    class Meta:
        ordering = ["report", "-priority", "order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "order"], name="recommendation_order_unique"),
            models.CheckConstraint(condition=~Q(text=""), name="recommendation_text_in_english"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def in_language(self, field: str, language: str) -> str:
        return in_language(self, field, language)


class Compilation(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Stage(models.TextChoices):
        WAITING = "waiting", "Waiting for a worker"
        FINDINGS = "findings", "Computing the findings"
        SECTIONS = "sections", "Writing the sections"
        PDF = "pdf", "Laying out the PDF"
        DONE = "done", "Finished"

    class Language(models.TextChoices):
        EN = "en", "English"
        RU = "ru", "Russian"
        KK = "kk", "Kazakh"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="compilations")
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.EN)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent done")
    stage = models.CharField(max_length=10, choices=Stage.choices, default=Stage.WAITING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    findings = models.JSONField(null=True, blank=True, help_text="The statistics the PDF was made from")
    findings_at = models.DateTimeField(null=True, blank=True)
    submissions_covered = models.PositiveIntegerField(null=True, blank=True)
    pdf = models.FileField(upload_to="compilations/", blank=True)
    # The report as published: made from a report marked final, never made again in its language.
    final = models.BooleanField(default=False)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "language"],
                condition=Q(final=True) & ~Q(status="failed"),
                name="compilation_one_final_per_language",
                violation_error_message=_("The final report in this language has been compiled already."),
            ),
            models.CheckConstraint(condition=~Q(status="done") | ~Q(pdf=""), name="compilation_done_has_pdf"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="compilation_progress_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"{self.report} ({self.language}) #{self.pk}"


class BlockFreeze(models.Model):
    """A report's data blocks in one language as they stood at `frozen_at` (a statement's cut-off): the findings
    then, and every block's HTML, printed instead of live figures until the freeze is lifted."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="freezes")
    language = models.CharField(max_length=2, choices=Compilation.Language.choices)
    frozen_at = models.DateTimeField()
    frozen_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    findings = models.JSONField()
    blocks = models.JSONField(default=dict, help_text="{block call, written canonically: its HTML}")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "language"], name="block_freeze_once_per_language")]

    def __str__(self) -> str:
        return f"{self.report} ({self.language}) frozen at {self.frozen_at:%Y-%m-%d %H:%M}"


class SectionDraft(models.Model):
    """A section's text as drafted from data, in three languages, and what it replaced (kept, so an analyst's
    edits overwritten on their confirmation can be read again)."""

    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="drafts")
    drafted_at = models.DateTimeField(auto_now_add=True)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    body = models.TextField()
    body_ru = models.TextField(blank=True)
    body_kk = models.TextField(blank=True)
    replaced = models.TextField(blank=True)
    replaced_ru = models.TextField(blank=True)
    replaced_kk = models.TextField(blank=True)
    frozen = models.BooleanField(default=False, help_text="Drafted from the report's frozen figures")

    class Meta:
        ordering = ["section", "-drafted_at", "-pk"]

    def __str__(self) -> str:
        return f"Draft of {self.section} at {self.drafted_at:%Y-%m-%d %H:%M}"
