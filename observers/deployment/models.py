"""The election-day sample: stations drawn at random, by stratum, stored with the plan. Imported by
observers.models (the app's models module).

A stratum is a region, or a region's urban or rural stations. Its stations were drawn without replacement with
equal probability `size / population`, so a sampled station stands for `population / size` stations (its
design weight). Reserve stations were drawn next, in order, to replace sampled stations that cannot be visited.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mission.models import PollingStation, Region


class StationSample(models.Model):
    class Strata(models.TextChoices):
        REGION = "region", _("Region")
        SETTLEMENT = "region_settlement", _("Region × urban / rural")

    class Allocation(models.TextChoices):
        STATIONS = "stations", _("In proportion to polling stations")
        VOTERS = "voters", _("In proportion to registered voters")
        NEYMAN = "neyman", _("Neyman (stations × guessed spread)")

    plan = models.OneToOneField("observers.DeploymentPlan", on_delete=models.CASCADE, related_name="sample")
    seed = models.PositiveBigIntegerField()
    strata = models.CharField(max_length=20, choices=Strata.choices)
    allocation = models.CharField(max_length=10, choices=Allocation.choices)
    size = models.PositiveIntegerField()
    reserve_percent = models.PositiveSmallIntegerField()
    # Neyman: the share guessed for each stratum key (per cent), and the default for the rest
    guessed_share = models.FloatField(default=50)
    guesses = models.JSONField(default=dict, blank=True)
    population = models.PositiveIntegerField(help_text="Stations in the frame the sample was drawn from")
    drawn_at = models.DateTimeField(auto_now_add=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(size__gt=0), name="sample_size_positive")]

    def __str__(self) -> str:
        return f"Sample of {self.size} (seed {self.seed})"


class SampleStratum(models.Model):
    sample = models.ForeignKey(StationSample, on_delete=models.CASCADE, related_name="strata_rows")
    key = models.CharField(max_length=60)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    settlement = models.CharField(max_length=5, blank=True)
    population = models.PositiveIntegerField()
    voters = models.PositiveBigIntegerField(default=0)
    size = models.PositiveIntegerField()
    reserves = models.PositiveIntegerField()

    class Meta:
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["sample", "key"], name="sample_stratum_unique"),
            models.CheckConstraint(condition=Q(size__lte=models.F("population")), name="stratum_size_in_population"),
        ]

    def __str__(self) -> str:
        return f"Stratum {self.key}: {self.size} of {self.population}"

    @property
    def inclusion_probability(self) -> float:
        return self.size / self.population if self.population else 0.0


class SampledStation(models.Model):
    class Role(models.TextChoices):
        SAMPLED = "sampled", _("Sampled")
        RESERVE = "reserve", _("Reserve")
        REPLACED = "replaced", _("Replaced by a reserve")

    sample = models.ForeignKey(StationSample, on_delete=models.CASCADE, related_name="stations")
    stratum = models.ForeignKey(SampleStratum, on_delete=models.CASCADE, related_name="stations")
    polling_station = models.ForeignKey(PollingStation, on_delete=models.CASCADE, related_name="sample_entries")
    rank = models.PositiveIntegerField(help_text="Order of the draw within the stratum, from 1")
    role = models.CharField(max_length=8, choices=Role.choices)

    class Meta:
        ordering = ["stratum", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["sample", "polling_station"], name="sampled_station_once"),
            models.UniqueConstraint(fields=["stratum", "rank"], name="sampled_station_rank_unique"),
        ]
        indexes = [models.Index(fields=["sample", "role"], name="sampled_station_role")]

    def __str__(self) -> str:
        # Ids only: auditlog names saved rows without a query.
        return f"Sample {self.sample_id}, stratum {self.stratum_id} #{self.rank}: station {self.polling_station_id}"
