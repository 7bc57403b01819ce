"""The country and the election: the mission; its regions, districts and polling stations; parties; the election
administration (commissions at each level and their members, with who nominated them); and the mission's
interlocutors (organisations, their people, meetings and who was invited). Names that reports print are
`Translated`: English with Russian and Kazakh forms."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Translated(models.Model):
    """A name in English (`name`) with optional Russian and Kazakh forms; `label()` falls back to English."""

    name = models.CharField(max_length=200)
    name_ru = models.CharField(max_length=200, blank=True)
    name_kk = models.CharField(max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label()

    def label(self, language: str | None = None) -> str:
        language = (language or get_language() or "en")[:2]
        return getattr(self, f"name_{language}", "") or self.name


class Mission(Translated):
    """A mission; its name (`name`, `name_ru`, `name_kk`) heads every page and route sheet in the reader's language."""

    class Type(models.TextChoices):
        NAM = "nam", _("Needs Assessment Mission")
        EAM = "eam", _("Election Assessment Mission")
        LEOM = "leom", _("Limited Election Observation Mission")
        EOM = "eom", _("Election Observation Mission")

    slug = models.SlugField(unique=True)
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
    core_team_two_factor_required = models.BooleanField(
        default=False,
        help_text="Coordinators and analysts must set up two-factor authentication before they work in the mission.",
    )
    closed_at = models.DateTimeField(null=True, blank=True, help_text="When a coordinator closed the mission")
    personal_data_erased_at = models.DateTimeField(
        null=True, blank=True, help_text="When a coordinator erased the observers' personal data (once closed)"
    )

    class Meta:
        ordering = ["-election_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="mission_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(personal_data_erased_at__isnull=True) | Q(closed_at__isnull=False),
                name="mission_erased_once_closed",
            ),
        ]

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def country_label(self, language: str | None = None) -> str:
        language = (language or get_language() or "en")[:2]
        return getattr(self, f"country_{language}", "") or self.country


class Region(Translated):
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="regions")
    code = models.CharField(max_length=64)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["mission", "code"], name="region_code_unique")]


class District(Translated):
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="districts")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="districts")
    code = models.CharField(max_length=64)

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["mission", "code"], name="district_code_unique")]


class PollingStation(models.Model):
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="polling_stations")
    region = models.ForeignKey(Region, on_delete=models.RESTRICT, related_name="polling_stations")
    district = models.ForeignKey(
        District, on_delete=models.RESTRICT, related_name="polling_stations", null=True, blank=True
    )
    code = models.CharField(max_length=64)
    name = models.CharField(max_length=300)
    address = models.CharField(max_length=500, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    registered_voters = models.PositiveIntegerField(default=0)
    imported_in = models.ForeignKey(
        "StationImport",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="created_stations",
        help_text="The import that created it, so that import can be undone",
    )

    class Settlement(models.TextChoices):
        URBAN = "urban", _("Urban")
        RURAL = "rural", _("Rural")

    # Urban or rural where the commission's list says so: a sample can be stratified by it.
    settlement = models.CharField(max_length=5, choices=Settlement.choices, blank=True)

    class Meta:
        ordering = ["code"]
        # The map asks for the stations in a box: a town's view reads its stretch of longitude, not the country;
        # its bounds' MIN/MAX read one entry of each. The search's trigram indexes are PostgreSQL's own: they are
        # in migration 0013, not here.
        indexes = [
            models.Index(fields=["mission", "longitude", "latitude"], name="station_location"),
            models.Index(fields=["mission", "latitude"], name="station_latitude"),
        ]
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


class StationImport(models.Model):
    """One import of polling stations that went through, kept so the latest can be undone: the stations it created
    point to it (`PollingStation.imported_in`); `previous` holds what it changed in the others, and `regions` and
    `districts` the ids of the ones it created."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="station_imports")
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    filename = models.CharField(max_length=255, blank=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    previous = models.JSONField(default=dict, blank=True, help_text="Station id -> its values before the import")
    regions = models.JSONField(default=list, blank=True)
    districts = models.JSONField(default=list, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.filename or 'Import'} ({self.imported_at:%Y-%m-%d %H:%M})"


class Party(Translated):
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="parties")
    abbreviation = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "parties"
        constraints = [models.UniqueConstraint(fields=["mission", "name"], name="party_name_unique")]


# Election administration and the interlocutors a needs-assessment mission meets.


class CommissionLevel(models.TextChoices):
    CENTRAL = "central", _("Central")
    REGIONAL = "regional", _("Regional (oblast)")
    DISTRICT = "district", _("District")
    TERRITORIAL = "territorial", _("Territorial (raion, city)")
    PRECINCT = "precinct", _("Precinct")


class MemberPosition(models.TextChoices):
    CHAIR = "chair", _("Chair")
    DEPUTY = "deputy", _("Deputy chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")


class OrganisationCategory(models.TextChoices):
    STATE = "state", _("State bodies")
    ELECTION_ADMINISTRATION = "election_administration", _("Election administration")
    POLITICAL_PARTY = "political_party", _("Political parties")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    MEDIA = "media", _("Media")
    INTERNATIONAL = "international", _("International community")
    DIPLOMATIC = "diplomatic", _("Diplomatic corps")


class ElectionCommission(Translated):
    """One election commission. By law every commission has seven members (`size`)."""

    Level = CommissionLevel

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="commissions")
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    region = models.ForeignKey(
        Region, on_delete=models.SET_NULL, null=True, blank=True, related_name="commissions", verbose_name=_("region")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commissions",
        verbose_name=_("district"),
    )
    polling_station = models.ForeignKey(
        PollingStation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commissions",
        verbose_name=_("polling station"),
    )
    size = models.PositiveSmallIntegerField(_("size"), default=7, help_text=_("Members by law"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent commission"),
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["mission", "level", "name"], name="commission_name_unique"),
            models.CheckConstraint(
                condition=Q(level__in=CommissionLevel.values),
                name="commission_level_valid",
                violation_error_message=_("Choose a level: central, regional, district, territorial or precinct."),
            ),
            models.CheckConstraint(
                condition=Q(size__gte=1),
                name="commission_size_positive",
                violation_error_message=_("A commission has at least one member: set the size to 1 or more."),
            ),
            models.CheckConstraint(
                condition=Q(polling_station__isnull=True) | Q(level="precinct"),
                name="commission_station_only_precinct",
                violation_error_message=_(
                    "Only a precinct commission sits at a polling station: "
                    "clear the station or choose the precinct level."
                ),
            ),
        ]


class CommissionMember(models.Model):
    """A person nominated to a commission, by a party or another body; `appointed` tells whether they got the seat."""

    Position = MemberPosition

    commission = models.ForeignKey(ElectionCommission, on_delete=models.CASCADE, related_name="members")
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=10, choices=Position.choices, default=Position.MEMBER)
    nominated_by = models.ForeignKey(
        Party,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="commission_nominees",
        verbose_name=_("nominated by party"),
    )
    nominating_body = models.CharField(
        _("nominating body"), max_length=200, blank=True, help_text=_("When not a party: e.g. maslikhat, President")
    )
    appointed = models.BooleanField(_("appointed"), default=True)

    class Meta:
        ordering = ["commission", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(position__in=MemberPosition.values),
                name="member_position_valid",
                violation_error_message=_("Choose a position: chair, deputy chair, secretary or member."),
            ),
            models.CheckConstraint(
                condition=Q(nominated_by__isnull=False, nominating_body="")
                | (Q(nominated_by__isnull=True) & ~Q(nominating_body="")),
                name="member_one_nominator",
                violation_error_message=_(
                    "Give either the nominating party or the nominating body (one of them, not both)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(appointed=True) | Q(position="member"),
                name="member_office_if_appointed",
                violation_error_message=_(
                    "A nominee who was not appointed holds no office: set the position to member."
                ),
            ),
            models.UniqueConstraint(
                fields=["commission", "position"],
                condition=Q(appointed=True, position__in=["chair", "deputy", "secretary"]),
                name="member_one_officer_per_post",
                violation_error_message=_("This commission already has an appointed member in this position."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def nominator(self) -> str:
        return self.nominated_by.label() if self.nominated_by_id else self.nominating_body


class Organisation(Translated):
    """An interlocutor: a body the mission meets or invites."""

    Category = OrganisationCategory

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="organisations")
    category = models.CharField(_("category"), max_length=24, choices=Category.choices)
    party = models.OneToOneField(
        Party, on_delete=models.SET_NULL, null=True, blank=True, related_name="organisation", verbose_name=_("party")
    )

    class Meta:
        ordering = ["category", "name"]
        constraints = [
            models.UniqueConstraint(fields=["mission", "name"], name="organisation_name_unique"),
            models.CheckConstraint(
                condition=Q(category__in=OrganisationCategory.values),
                name="organisation_category_valid",
                violation_error_message=_("Choose one of the categories of interlocutors."),
            ),
            models.CheckConstraint(
                condition=Q(party__isnull=True) | Q(category="political_party"),
                name="organisation_party_if_party",
                violation_error_message=_(
                    "Only an organisation in the political parties category is linked to a party."
                ),
            ),
        ]


class Person(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="people")
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)

    class Meta:
        ordering = ["full_name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "full_name"], name="person_name_unique_in_organisation")
        ]

    def __str__(self) -> str:
        return self.full_name


class Meeting(Translated):
    """A meeting in the mission's programme; `name` is its title. Times are local to the city."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    city = models.CharField(_("city"), max_length=100)
    notes = models.TextField(_("notes"), blank=True)
    organisations = models.ManyToManyField(Organisation, through="Invitation", related_name="meetings")
    # An LTO's meeting in their area (the programme's meetings have none of these).
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    region = models.ForeignKey(
        Region, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings", verbose_name=_("region")
    )
    topics = models.JSONField(_("topics"), default=list, blank=True, help_text=_("Codes of MeetingTopic"))
    people = models.ManyToManyField(Person, blank=True, related_name="meetings", verbose_name=_("interlocutors"))
    # A programme's entry that is not a meeting (an arrival, a flight), printed in the programme, never counted.
    is_travel = models.BooleanField(_("travel, not a meeting"), default=False)
    # Printed in the programme (Annex 1); a meeting recorded for its invitees only is not.
    in_programme = models.BooleanField(_("in the programme"), default=True)

    class Meta:
        ordering = ["date", "starts_at", "name"]
        constraints = [
            models.UniqueConstraint(fields=["mission", "date", "starts_at", "name"], name="meeting_unique_slot"),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_(
                    "The meeting must end after it starts: correct the end time or leave it empty."
                ),
            ),
        ]


class Invitation(models.Model):
    """An organisation invited to a meeting, and whether (and who) came."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    attended = models.BooleanField(_("attended"), default=False)
    attendees = models.CharField(_("who attended"), max_length=300, blank=True)

    class Meta:
        ordering = ["meeting", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "organisation"], name="invitation_once_per_meeting"),
            models.CheckConstraint(
                condition=Q(attended=True) | Q(attendees=""),
                name="invitation_attendees_if_attended",
                violation_error_message=_(
                    "Name who came only if the organisation attended: tick attended or clear the names."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} at {self.meeting}"


# Results: who is on the ballot, and the figures the commission published (see mission/results/).


class Contestant(Translated):
    """A party list or a candidate on the ballot. A list without a district is on every station's ballot; a
    candidate stands in one (single-mandate) district. `code` is the key of its votes in a protocol copied by
    observers and the column of its votes in a results file."""

    class Kind(models.TextChoices):
        LIST = "list", _("Party list")
        CANDIDATE = "candidate", _("Candidate")

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="contestants")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    code = models.CharField(_("code"), max_length=32)
    number = models.PositiveSmallIntegerField(_("number on the ballot"), default=0)
    party = models.ForeignKey(Party, on_delete=models.SET_NULL, null=True, blank=True, related_name="contestants")
    district = models.ForeignKey(District, on_delete=models.CASCADE, null=True, blank=True, related_name="contestants")
    seats = models.PositiveSmallIntegerField(
        _("seats won"), null=True, blank=True, help_text=_("As the commission allocated them (party lists)")
    )

    class Meta:
        ordering = ["kind", "district", "number", "code"]
        constraints = [
            models.UniqueConstraint(fields=["mission", "code"], name="contestant_code_unique"),
            models.CheckConstraint(
                condition=Q(kind="list") | Q(district__isnull=False), name="contestant_candidate_has_district"
            ),
            models.CheckConstraint(condition=Q(code__regex=r"^[A-Za-z0-9_-]+$"), name="contestant_code_format"),
        ]


class ResultsImport(models.Model):
    """One download of the commission's published results, kept whole: a later import (the commission corrects
    its site) is another row, and the two can be compared."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="results_imports")
    imported_at = models.DateTimeField(auto_now_add=True)
    source = models.CharField(_("source"), max_length=500, help_text=_("Where the commission published them"))
    source_ru = models.CharField(_("source in Russian"), max_length=500, blank=True)
    source_kk = models.CharField(_("source in Kazakh"), max_length=500, blank=True)
    filename = models.CharField(max_length=200, blank=True)
    is_demo = models.BooleanField(default=False, help_text="Synthetic results of the demo mission")

    class Meta:
        ordering = ["-imported_at", "-pk"]
        indexes = [models.Index(fields=["mission", "-imported_at"], name="results_import_latest")]

    def __str__(self) -> str:
        return f"{self.source} ({self.imported_at:%Y-%m-%d %H:%M})"

    def source_label(self, language: str | None = None) -> str:
        """The source as reports print it: in the reader's language where it was given, else as given."""
        language = (language or get_language() or "en")[:2]
        return getattr(self, f"source_{language}", "") or self.source


class StationResult(models.Model):
    """A station's protocol as the commission published it. Blank lines were not published. `votes` maps
    contestant codes to votes; `turnout` maps an hour ("10:00") to the voters who had voted by then."""

    results_import = models.ForeignKey(ResultsImport, on_delete=models.CASCADE, related_name="stations")
    polling_station = models.ForeignKey(PollingStation, on_delete=models.CASCADE, related_name="results")
    voters_on_list = models.PositiveIntegerField(null=True, blank=True)
    ballots_received = models.PositiveIntegerField(null=True, blank=True)
    ballots_issued = models.PositiveIntegerField(null=True, blank=True)
    ballots_spoiled = models.PositiveIntegerField(null=True, blank=True)
    ballots_unused = models.PositiveIntegerField(null=True, blank=True)
    ballots_cast = models.PositiveIntegerField(null=True, blank=True)
    valid_ballots = models.PositiveIntegerField(null=True, blank=True)
    invalid_ballots = models.PositiveIntegerField(null=True, blank=True)
    votes = models.JSONField(default=dict)
    turnout = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["results_import", "polling_station"], name="station_result_unique")
        ]

    def __str__(self) -> str:
        return f"Results of station {self.polling_station_id} in import {self.results_import_id}"


class AreaResult(models.Model):
    """A total as the commission published it for a district, a region or the whole country, beside (not summed
    from) its stations' figures: the district table may not add up. Blank lines were not published. `votes` and
    `turnout` as in `StationResult`; `seats` maps a list's code to the seats the commission allocated it (the
    national row)."""

    class Level(models.TextChoices):
        DISTRICT = "district", _("District")
        REGION = "region", _("Region")
        NATIONAL = "national", _("National")

    results_import = models.ForeignKey(ResultsImport, on_delete=models.CASCADE, related_name="areas")
    level = models.CharField(max_length=10, choices=Level.choices)
    district = models.ForeignKey(District, on_delete=models.CASCADE, null=True, blank=True, related_name="results")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, null=True, blank=True, related_name="results")
    row = models.PositiveIntegerField(default=0, help_text="The row of the file it came from")
    voters_on_list = models.PositiveIntegerField(null=True, blank=True)
    ballots_received = models.PositiveIntegerField(null=True, blank=True)
    ballots_issued = models.PositiveIntegerField(null=True, blank=True)
    ballots_spoiled = models.PositiveIntegerField(null=True, blank=True)
    ballots_unused = models.PositiveIntegerField(null=True, blank=True)
    ballots_cast = models.PositiveIntegerField(null=True, blank=True)
    valid_ballots = models.PositiveIntegerField(null=True, blank=True)
    invalid_ballots = models.PositiveIntegerField(null=True, blank=True)
    votes = models.JSONField(default=dict)
    turnout = models.JSONField(default=dict)
    seats = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(level="district") & Q(district__isnull=False) & Q(region__isnull=True))
                | (Q(level="region") & Q(region__isnull=False) & Q(district__isnull=True))
                | (Q(level="national") & Q(region__isnull=True) & Q(district__isnull=True)),
                name="area_result_level_place",
            ),
            models.UniqueConstraint(
                fields=["results_import", "district"], condition=Q(level="district"), name="area_result_district"
            ),
            models.UniqueConstraint(
                fields=["results_import", "region"], condition=Q(level="region"), name="area_result_region"
            ),
            models.UniqueConstraint(
                fields=["results_import"], condition=Q(level="national"), name="area_result_national"
            ),
        ]

    def __str__(self) -> str:
        place = self.district_id or self.region_id or ""
        return f"Results of {self.level} {place} in import {self.results_import_id}"

    @property
    def key(self) -> tuple[str, int | None]:
        return (self.level, self.district_id or self.region_id)


class MeetingTopic(models.TextChoices):
    """What an LTO's meeting was about (the topics of the weekly report)."""

    ADMINISTRATION = "election_administration", _("Election administration")
    REGISTRATION = "candidate_registration", _("Candidate registration")
    CAMPAIGN = "campaign", _("Campaign")
    RESOURCES = "misuse_of_resources", _("Misuse of administrative resources")
    PRESSURE = "pressure_on_voters", _("Pressure on voters")
    MEDIA = "media", _("Media")
    COMPLAINTS = "complaints", _("Complaints and appeals")
    MINORITIES = "national_minorities", _("National minorities")
    WOMEN = "women_participation", _("Women's participation")
    SECURITY = "security", _("Security")


# The pre-election record's models live in their features' packages; imported here so Django registers them.
from mission.candidates.models import Candidate, CandidateList  # noqa: E402, F401
from mission.cases.models import CaseDocument, CaseFile  # noqa: E402, F401
from mission.followup.models import PriorRecommendation  # noqa: E402, F401
