"""The previous mission's final-report recommendations, imported one per row, and how far each was implemented
(ODIHR's follow-up grades: fully, mostly, partially, not), with a note in English, Russian and Kazakh.

A fact about the election's history (the prior report) with the mission's assessment of it; printed as an annex
of the final report (`[[block:followup]]`)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mission.models import Mission


class Implementation(models.TextChoices):
    FULLY = "fully", _("Fully implemented")
    MOSTLY = "mostly", _("Mostly implemented")
    PARTIALLY = "partially", _("Partially implemented")
    NOT = "not", _("Not implemented")


class PriorRecommendation(models.Model):
    """One recommendation of an earlier ODIHR report, as numbered there, and the mission's assessment of it."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="prior_recommendations")
    number = models.CharField(_("number"), max_length=16)
    source = models.CharField(
        _("report"), max_length=200, blank=True, help_text=_("e.g. ODIHR Final Report, 2004 parliamentary elections")
    )
    priority = models.BooleanField(_("priority"), default=False)
    text = models.TextField(_("recommendation"))
    text_ru = models.TextField(_("recommendation (Russian)"), blank=True)
    text_kk = models.TextField(_("recommendation (Kazakh)"), blank=True)
    implementation = models.CharField(
        _("implemented"), max_length=10, choices=Implementation.choices, blank=True, help_text=_("Empty: not assessed")
    )
    note = models.TextField(_("note"), blank=True)
    note_ru = models.TextField(_("note (Russian)"), blank=True)
    note_kk = models.TextField(_("note (Kazakh)"), blank=True)
    assessed_at = models.DateTimeField(null=True, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    order = models.PositiveIntegerField(default=0, help_text="The row of the file it came from")

    class Meta:
        ordering = ["mission", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["mission", "number"], name="prior_recommendation_number_unique"),
            models.CheckConstraint(condition=~Q(text=""), name="prior_recommendation_text_in_english"),
            models.CheckConstraint(
                condition=Q(implementation="") | Q(implementation__in=Implementation.values),
                name="prior_recommendation_implementation_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"

    def in_language(self, field: str, language: str) -> str:
        suffix = "" if language == "en" else f"_{language}"
        return getattr(self, f"{field}{suffix}", "") or getattr(self, field)
