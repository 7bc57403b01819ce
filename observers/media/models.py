"""The media monitoring sample and its coded items. Imported by observers.models (the app's models module).

One item is one subject's appearance in one piece of an outlet's output: its time (seconds, broadcast) or space
(cm², print and online) and its tone. A share of items is drawn for a second monitor to code again (`MediaCheck`),
blind to the first coding; agreement is worked out from those pairs.
"""

import zlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mission.models import Mission, Party, Translated

# One item in ten is coded a second time (the ODIHR media methodology asks for about a tenth).
DOUBLE_CODING_PERCENT = 10


class Tone(models.TextChoices):
    POSITIVE = "positive", _("Positive")
    NEUTRAL = "neutral", _("Neutral")
    NEGATIVE = "negative", _("Negative")


TONE_ORDER = {Tone.NEGATIVE: -1, Tone.NEUTRAL: 0, Tone.POSITIVE: 1}


class MediaOutlet(Translated):
    class Kind(models.TextChoices):
        TV = "tv", _("Television")
        RADIO = "radio", _("Radio")
        PRINT = "print", _("Print")
        ONLINE = "online", _("Online")

    class Ownership(models.TextChoices):
        STATE = "state", _("State")
        PRIVATE = "private", _("Private")

    BROADCAST = (Kind.TV, Kind.RADIO)

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="media_outlets")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    ownership = models.CharField(_("ownership"), max_length=8, choices=Ownership.choices)
    language = models.CharField(_("language"), max_length=64, blank=True, help_text=_("e.g. Kazakh, Russian"))
    language_ru = models.CharField(_("language (Russian)"), max_length=64, blank=True)
    language_kk = models.CharField(_("language (Kazakh)"), max_length=64, blank=True)
    reach = models.CharField(_("reach"), max_length=100, blank=True, help_text=_("e.g. national, Almaty"))

    class Meta:
        ordering = ["-ownership", "kind", "name"]  # state outlets first, as reports list them
        constraints = [
            models.UniqueConstraint(fields=["mission", "name"], name="media_outlet_name_unique"),
            models.CheckConstraint(condition=Q(kind__in=["tv", "radio", "print", "online"]), name="media_outlet_kind"),
            models.CheckConstraint(condition=Q(ownership__in=["state", "private"]), name="media_outlet_ownership"),
        ]

    def language_label(self, language: str | None = None) -> str:
        return getattr(self, f"language_{(language or get_language() or 'en')[:2]}", "") or self.language

    @property
    def is_broadcast(self) -> bool:
        return self.kind in self.BROADCAST


class MediaProgramme(Translated):
    """A programme (broadcast) or section (print, online) of an outlet that the sample covers."""

    outlet = models.ForeignKey(MediaOutlet, on_delete=models.CASCADE, related_name="programmes")

    class Meta:
        ordering = ["outlet", "name"]
        constraints = [models.UniqueConstraint(fields=["outlet", "name"], name="media_programme_name_unique")]


class MediaSubject(Translated):
    """Who or what an item is about. Officials acting in an official capacity and the incumbent are reported apart
    from the contestants."""

    class Kind(models.TextChoices):
        PARTY = "party", _("Party")
        BLOC = "bloc", _("Bloc")
        CANDIDATE = "candidate", _("Candidate")
        OFFICIAL = "official", _("Official")
        OTHER = "other", _("Other")

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="media_subjects")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, null=True, blank=True, related_name="media_subjects", verbose_name=_("party")
    )
    abbreviation = models.CharField(_("abbreviation"), max_length=32, blank=True)
    incumbent = models.BooleanField(
        _("incumbent"), default=False, help_text=_("The incumbent or a state official: shown apart in the results")
    )

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["mission", "name"], name="media_subject_name_unique"),
            models.CheckConstraint(
                condition=Q(kind="party", party__isnull=False) | ~Q(kind="party"), name="media_subject_party"
            ),
        ]

    @property
    def shown_apart(self) -> bool:
        return self.incumbent or self.kind == self.Kind.OFFICIAL


class MediaAssignment(models.Model):
    """Which monitor codes which outlet, on which days."""

    monitor = models.ForeignKey("observers.Observer", on_delete=models.CASCADE, related_name="media_assignments")
    outlet = models.ForeignKey(MediaOutlet, on_delete=models.CASCADE, related_name="assignments")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))

    class Meta:
        ordering = ["outlet", "starts_on", "monitor"]
        constraints = [
            models.UniqueConstraint(fields=["monitor", "outlet", "starts_on"], name="media_assignment_unique"),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="media_assignment_dates"),
        ]

    def __str__(self) -> str:
        return f"Monitor {self.monitor_id} on outlet {self.outlet_id}, {self.starts_on}–{self.ends_on}"


def drawn_for_double_coding(reference: str) -> bool:
    """Whether an item is coded a second time: drawn from its reference, so a resent item is drawn alike."""
    return zlib.crc32(reference.encode()) % 100 < DOUBLE_CODING_PERCENT


class MediaCoding(models.Model):
    """What a monitor coded: the subject, the time or space, the tone."""

    subject = models.ForeignKey(MediaSubject, on_delete=models.RESTRICT, related_name="+", verbose_name=_("subject"))
    amount = models.PositiveIntegerField(_("seconds or cm²"))
    tone = models.CharField(_("tone"), max_length=8, choices=Tone.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class MediaItem(MediaCoding):
    """A coded item; `reference` is the client's id (the coding screen's, or the sheet's item number), unique per
    monitor, so an item sent twice is stored once."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="media_items")
    outlet = models.ForeignKey(MediaOutlet, on_delete=models.CASCADE, related_name="items")
    programme = models.ForeignKey(
        MediaProgramme, on_delete=models.SET_NULL, null=True, blank=True, related_name="items"
    )
    date = models.DateField(_("date"))
    coder = models.ForeignKey("observers.Observer", on_delete=models.RESTRICT, related_name="media_items")
    reference = models.CharField(max_length=64)
    title = models.CharField(_("headline or description"), max_length=300, blank=True)
    subject = models.ForeignKey(
        MediaSubject, on_delete=models.RESTRICT, related_name="items", verbose_name=_("subject")
    )
    double_code = models.BooleanField(default=False)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["coder", "reference"], name="media_item_reference_unique"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="media_item_amount_positive"),
            models.CheckConstraint(condition=Q(tone__in=["positive", "neutral", "negative"]), name="media_item_tone"),
        ]
        indexes = [
            models.Index(fields=["mission", "outlet", "date"], name="media_item_outlet_date"),
            models.Index(fields=["mission", "subject"], name="media_item_subject"),
        ]

    def __str__(self) -> str:
        # Ids only: the audit trail and the admin name items without a query.
        return f"Item {self.reference} of outlet {self.outlet_id} on {self.date}"


class MediaCheck(MediaCoding):
    """The second coding of a drawn item, by another monitor, beside the first coding as it stood then (`first_*`):
    agreement is measured on these pairs, so settling the item afterwards (`reconciled_at`) does not change it."""

    item = models.OneToOneField(MediaItem, on_delete=models.CASCADE, related_name="second_coding")
    first_subject = models.ForeignKey(MediaSubject, on_delete=models.RESTRICT, related_name="+")
    first_amount = models.PositiveIntegerField()
    first_tone = models.CharField(max_length=8, choices=Tone.choices)
    coder = models.ForeignKey("observers.Observer", on_delete=models.RESTRICT, related_name="media_checks")
    reconciled_at = models.DateTimeField(null=True, blank=True)
    reconciled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="media_check_amount_positive")]

    def __str__(self) -> str:
        return f"Second coding of item {self.item_id}"
