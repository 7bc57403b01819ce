"""The country and the election: the mission, its geography, polling stations and parties."""
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language


class Translated(models.Model):
    """A name in English (`name`) with optional Russian and Kazakh forms; `label()` falls back to English."""

    name = models.CharField(max_length=200)
    name_ru = models.CharField(max_length=200, blank=True)
    name_kk = models.CharField(max_length=200, blank=True)

    class Meta:
        abstract = True

    def label(self, language: str | None = None) -> str:
        language = (language or get_language() or "en")[:2]
        return getattr(self, f"name_{language}", "") or self.name

    def __str__(self) -> str:
        return self.label()


class Mission(models.Model):
    class Type(models.TextChoices):
        NAM = "nam", "Needs Assessment Mission"
        EAM = "eam", "Election Assessment Mission"
        LEOM = "leom", "Limited Election Observation Mission"
        EOM = "eom", "Election Observation Mission"

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    country = models.CharField(max_length=100)
    country_ru = models.CharField(max_length=100, blank=True)
    country_kk = models.CharField(max_length=100, blank=True)
    election = models.CharField(max_length=200, help_text="e.g. Parliamentary (Mazhilis) elections")
    election_date = models.DateField()
    mission_type = models.CharField(max_length=8, choices=Type.choices, default=Type.EOM)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC")
    is_demo = models.BooleanField(default=False)
    requested_ltos = models.PositiveIntegerField(default=0)
    requested_stos = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-election_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="mission_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def country_label(self, language: str | None = None) -> str:
        language = (language or get_language() or "en")[:2]
        return getattr(self, f"country_{language}", "") or self.country


class Region(Translated):
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="regions")
    code = models.CharField(max_length=32)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["mission", "code"], name="region_code_unique")]


class District(Translated):
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="districts")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="districts")
    code = models.CharField(max_length=32)

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["mission", "code"], name="district_code_unique")]


class PollingStation(models.Model):
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="polling_stations")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="polling_stations")
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="polling_stations", null=True, blank=True
    )
    code = models.CharField(max_length=32)
    name = models.CharField(max_length=300)
    address = models.CharField(max_length=500, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    registered_voters = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["mission", "code"], name="station_code_unique"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="station_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="station_longitude_range",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="station_location_both_or_neither",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def has_location(self) -> bool:
        return self.latitude is not None


class Party(Translated):
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="parties")
    abbreviation = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "parties"
        constraints = [models.UniqueConstraint(fields=["mission", "name"], name="party_name_unique")]
