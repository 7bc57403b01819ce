"""Party lists (a party's or a bloc's) and candidates, with their registration: the figures reports quote
("of 614 applicants, 563 registered; 26 per cent women")."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mission.models import District, Mission, Party, Translated


class RegistrationStatus(models.TextChoices):
    APPLIED = "applied", _("Applied, not yet decided")
    REGISTERED = "registered", _("Registered")
    REFUSED = "refused", _("Refused registration")
    DEREGISTERED = "deregistered", _("Deregistered")
    WITHDRAWN = "withdrawn", _("Withdrew")


class RefusalReason(models.TextChoices):
    """Why a commission refused or cancelled a registration; printed through reports' texts in three languages."""

    SIGNATURES = "signatures", _("Support signatures invalid or too few")
    DOCUMENTS = "documents", _("Documents incomplete or late")
    DEPOSIT = "deposit", _("Election deposit not paid")
    RESIDENCY = "residency", _("Residency requirement")
    LANGUAGE = "language", _("State language requirement")
    ASSETS = "assets", _("Income and assets declaration")
    CAMPAIGN_VIOLATION = "campaign_violation", _("Campaign violation")
    COURT = "court", _("Court decision")
    OTHER = "other", _("Other")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


def _status_constraints(prefix: str) -> list:
    decided_with_reason = Q(status__in=["refused", "deregistered"]) & ~Q(reason="")
    return [
        models.CheckConstraint(condition=Q(status__in=RegistrationStatus.values), name=f"{prefix}_status_valid"),
        models.CheckConstraint(
            condition=decided_with_reason | (~Q(status__in=["refused", "deregistered"]) & Q(reason="")),
            name=f"{prefix}_reason_if_refused",
            violation_error_message=_("Give the reason of a refusal or deregistration, and only then."),
        ),
    ]


class CandidateList(Translated):
    """A proportional list: one party's, or a bloc's (several parties). `name` is the list's name on the ballot."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="candidate_lists")
    parties = models.ManyToManyField(Party, related_name="candidate_lists", verbose_name=_("parties"))
    abbreviation = models.CharField(_("abbreviation"), max_length=32, blank=True)
    is_bloc = models.BooleanField(_("bloc"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=RegistrationStatus.choices, default=RegistrationStatus.APPLIED
    )
    status_on = models.DateField(_("status since"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=20, choices=RefusalReason.choices, blank=True)
    ballot_number = models.PositiveSmallIntegerField(_("number on the ballot"), null=True, blank=True)

    class Meta:
        ordering = ["ballot_number", "name"]
        constraints = [
            models.UniqueConstraint(fields=["mission", "name"], name="candidate_list_name_unique"),
            *_status_constraints("candidate_list"),
        ]


class Candidate(models.Model):
    """A person standing in a single-mandate district (`district`) or on a list (`candidate_list`, `position`)."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="candidates")
    full_name = models.CharField(_("full name"), max_length=200)
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices)
    district = models.ForeignKey(
        District,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="candidates",
        verbose_name=_("district"),
    )
    candidate_list = models.ForeignKey(
        CandidateList, on_delete=models.CASCADE, null=True, blank=True, related_name="candidates"
    )
    position = models.PositiveSmallIntegerField(_("position on the list"), null=True, blank=True)
    nominated_by = models.ForeignKey(
        Party,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="candidates",
        verbose_name=_("nominated by"),
        help_text=_("Empty: self-nominated"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RegistrationStatus.choices, default=RegistrationStatus.APPLIED
    )
    status_on = models.DateField(_("status since"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=20, choices=RefusalReason.choices, blank=True)

    class Meta:
        ordering = ["district", "full_name"]
        indexes = [models.Index(fields=["mission", "status"], name="candidate_mission_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(district__isnull=False, candidate_list__isnull=True)
                | Q(district__isnull=True, candidate_list__isnull=False),
                name="candidate_district_or_list",
                violation_error_message=_("A candidate stands either in a district or on a list: give one of them."),
            ),
            models.CheckConstraint(condition=Q(gender__in=Gender.values), name="candidate_gender_valid"),
            *_status_constraints("candidate"),
        ]

    def __str__(self) -> str:
        return self.full_name
