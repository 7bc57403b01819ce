"""Case files: complaints and appeals, each with who filed, against what, with which body, the legal deadline,
the decision and the remedy. An appeal is a case file of its own (`appeal_of`), with its own body, dates and
decision, so a chain of appeals reads from the first complaint to the last court."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mission.models import District, ElectionCommission, Meeting, Mission, Party, Region


class Complainant(models.TextChoices):
    PARTY = "party", _("Party")
    CANDIDATE = "candidate", _("Candidate")
    VOTER = "voter", _("Voter")
    OBSERVER_GROUP = "observer_group", _("Observer group")
    MEDIA = "media", _("Media outlet")
    OTHER = "other", _("Other")


class Subject(models.TextChoices):
    """What the complaint is against: the register's "type"."""

    CANDIDATE_REGISTRATION = "candidate_registration", _("Candidate or list registration")
    VOTER_LISTS = "voter_lists", _("Voter lists")
    COMMISSION_DECISION = "commission_decision", _("Decision or inaction of a commission")
    CAMPAIGN = "campaign", _("Campaign violations")
    ADMINISTRATIVE_RESOURCES = "administrative_resources", _("Misuse of administrative resources")
    PRESSURE = "pressure", _("Pressure on voters or candidates")
    MEDIA = "media", _("Media coverage")
    OBSERVERS = "observers", _("Rights of observers")
    OTHER = "other", _("Other")


class Body(models.TextChoices):
    """Where the case was filed: a commission at its level, or a court."""

    CEC = "cec", _("Central Election Commission")
    REGIONAL = "regional", _("Regional (oblast) election commission")
    DISTRICT = "district", _("District election commission")
    TERRITORIAL = "territorial", _("Territorial election commission")
    PRECINCT = "precinct", _("Precinct election commission")
    COURT = "court", _("Court of first instance")
    APPEAL_COURT = "appeal_court", _("Court of appeal (oblast court)")
    SUPREME_COURT = "supreme_court", _("Supreme Court")
    PROSECUTOR = "prosecutor", _("Prosecutor's office")


class Decision(models.TextChoices):
    PENDING = "pending", _("Pending")
    UPHELD = "upheld", _("Upheld")
    PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
    REJECTED = "rejected", _("Rejected")
    NOT_CONSIDERED = "not_considered", _("Not considered on the merits")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Source(models.TextChoices):
    LTO = "lto", _("Long-term observers")
    MEETING = "meeting", _("A meeting")
    MEDIA = "media", _("Media")
    COMMISSION_SITE = "commission_site", _("The commission's website")
    CORE_TEAM = "core_team", _("The core team")


def _valid(field: str, choices) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=f"case_{field}_valid")


class CaseFile(models.Model):
    # Made by the phone (or the page) that first sent the case: a resend never doubles it.
    uuid = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="case_files")
    number = models.CharField(_("number"), max_length=32, help_text=_("The register's number, e.g. C-017"))
    appeal_of = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="appeals",
        verbose_name=_("appeal of"),
        help_text=_("The case whose decision this one appeals"),
    )
    complainant_kind = models.CharField(_("filed by"), max_length=16, choices=Complainant.choices)
    complainant = models.CharField(_("complainant"), max_length=200)
    complainant_party = models.ForeignKey(
        Party, on_delete=models.SET_NULL, null=True, blank=True, related_name="case_files", verbose_name=_("party")
    )
    subject = models.CharField(_("against what"), max_length=24, choices=Subject.choices)
    respondent = models.CharField(_("against whom"), max_length=200, blank=True)
    summary = models.TextField(_("summary"))
    body = models.CharField(_("filed with"), max_length=16, choices=Body.choices)
    commission = models.ForeignKey(
        ElectionCommission,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_files",
        verbose_name=_("commission"),
    )
    body_name = models.CharField(_("name of the body"), max_length=200, blank=True, help_text=_("e.g. a court"))
    body_name_ru = models.CharField(_("name of the body in Russian"), max_length=200, blank=True)
    body_name_kk = models.CharField(_("name of the body in Kazakh"), max_length=200, blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.SET_NULL, null=True, blank=True, related_name="case_files", verbose_name=_("region")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_files",
        verbose_name=_("district"),
    )
    filed_on = models.DateField(_("filed on"))
    deadline = models.DateField(_("legal deadline"), null=True, blank=True, help_text=_("For the body's decision"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices, default=Decision.PENDING)
    remedy = models.TextField(_("remedy"), blank=True)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="case_files", verbose_name=_("meeting")
    )
    is_key = models.BooleanField(_("key case"), default=False, help_text=_("Listed in the reports' table of key cases"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-filed_on", "-id"]
        indexes = [
            models.Index(fields=["mission", "filed_on"], name="case_mission_filed"),
            models.Index(fields=["mission", "body"], name="case_mission_body"),
            models.Index(fields=["mission", "decision"], name="case_mission_decision"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["mission", "number"], name="case_number_unique"),
            _valid("complainant_kind", Complainant),
            _valid("subject", Subject),
            _valid("body", Body),
            _valid("decision", Decision),
            _valid("source", Source),
            models.CheckConstraint(
                condition=Q(deadline__isnull=True) | Q(deadline__gte=F("filed_on")),
                name="case_deadline_after_filing",
                violation_error_message=_("The deadline cannot be before the filing date."),
            ),
            models.CheckConstraint(
                condition=(Q(decision="pending") & Q(decided_on__isnull=True))
                | (~Q(decision="pending") & Q(decided_on__isnull=False, decided_on__gte=F("filed_on"))),
                name="case_decided_with_date",
                violation_error_message=_(
                    "A decided case needs the date of its decision, on or after the filing date; a pending one none."
                ),
            ),
            models.CheckConstraint(
                condition=Q(appeal_of__isnull=True) | ~Q(appeal_of=F("id")),
                name="case_not_its_own_appeal",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def body_label(self, language: str | None = None) -> str:
        """The body by its own name in `language` when known, else what kind of body it is (in the interface)."""
        language = (language or get_language() or "en")[:2]
        if self.commission_id:
            return self.commission.label(language)
        return getattr(self, f"body_name_{language}", "") or self.body_name or self.get_body_display()

    @property
    def deadline_missed(self) -> bool | None:
        """None when no deadline is known or it has not passed with the case pending."""
        if self.deadline is None or self.decided_on is None:
            return None
        return self.decided_on > self.deadline


def _document_path(document: "CaseDocument", filename: str) -> str:
    return f"cases/{document.case.mission_id}/{document.case_id}/{filename}"


class CaseDocument(models.Model):
    """A document of a case (the complaint, the decision), as uploaded."""

    case = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(upload_to=_document_path, max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.title
