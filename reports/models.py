"""Reports, and their compilations: background jobs kept as status rows with the PDF they produce."""
from django.conf import settings
from django.db import models
from django.db.models import Q

from mission.models import Mission


class Report(models.Model):
    class Kind(models.TextChoices):
        NEEDS_ASSESSMENT = "needs_assessment", "Needs Assessment report"
        INTERIM = "interim", "Interim report"
        PRELIMINARY = "preliminary", "Statement of Preliminary Findings and Conclusions"
        FINAL = "final", "Final report"

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["mission", "kind"]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()


class Compilation(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    class Language(models.TextChoices):
        EN = "en", "English"
        RU = "ru", "Russian"
        KK = "kk", "Kazakh"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="compilations")
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.EN)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    findings = models.JSONField(null=True, blank=True, help_text="The statistics the PDF was made from")
    findings_at = models.DateTimeField(null=True, blank=True)
    submissions_covered = models.PositiveIntegerField(null=True, blank=True)
    pdf = models.FileField(upload_to="compilations/", blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="done") | ~Q(pdf=""), name="compilation_done_has_pdf"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} ({self.language}) #{self.pk}"
