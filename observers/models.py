"""Who observes and what they send: observers, teams, election-day plans, checklists, submissions."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mission.models import Mission, PollingStation, Region


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    ANALYST = "analyst", _("Analyst")
    LTO = "lto", _("Long-term observer")
    STO = "sto", _("Short-term observer")
    MEDIA_MONITOR = "media_monitor", _("Media monitor")


CORE_ROLES = {Role.COORDINATOR, Role.ANALYST}


class Team(models.Model):
    class Kind(models.TextChoices):
        LTO = "lto", _("Long-term")
        STO = "sto", _("Short-term")

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="teams")
    code = models.CharField(max_length=32)
    kind = models.CharField(max_length=3, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sto_teams",
        help_text="The long-term team whose area a short-term team works in.",
    )
    area = models.ManyToManyField(Region, blank=True, related_name="lto_teams", help_text="Area of responsibility")
    base_city = models.CharField(max_length=100, blank=True)
    interpreter = models.CharField(max_length=200, blank=True)
    driver = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["mission", "code"], name="team_code_unique")]

    def __str__(self) -> str:
        return self.code


class Observer(models.Model):
    """A person's membership of one mission, with their role in it (roles are per mission)."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="observers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices)
    full_name = models.CharField(max_length=200)
    position = models.CharField(max_length=100, blank=True, help_text="e.g. Legal analyst, LTO coordinator")
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="members")
    gender = models.CharField(max_length=16, blank=True)
    nationality = models.CharField(max_length=64, blank=True)
    languages = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["full_name"]
        constraints = [models.UniqueConstraint(fields=["mission", "user"], name="observer_one_membership")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_core(self) -> bool:
        return self.role in CORE_ROLES


class Assignment(models.Model):
    """A polling station a short-term team plans to visit on election day."""

    class Purpose(models.TextChoices):
        OPENING = "opening", _("Opening")
        VOTING = "voting", _("Voting")
        COUNTING = "counting", _("Counting")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="assignments")
    polling_station = models.ForeignKey(PollingStation, on_delete=models.CASCADE, related_name="assignments")
    order = models.PositiveSmallIntegerField()
    purpose = models.CharField(max_length=10, choices=Purpose.choices, default=Purpose.VOTING)

    class Meta:
        ordering = ["team", "order"]
        constraints = [
            models.UniqueConstraint(fields=["team", "polling_station"], name="assignment_station_once_per_team"),
            models.UniqueConstraint(fields=["team", "order"], name="assignment_order_unique"),
            # A team opens one station and counts at one: the rest of its route is voting.
            models.UniqueConstraint(
                fields=["team"], condition=Q(purpose="opening"), name="assignment_one_opening_per_team"
            ),
            models.UniqueConstraint(
                fields=["team"], condition=Q(purpose="counting"), name="assignment_one_counting_per_team"
            ),
        ]

    def __str__(self) -> str:
        # Ids, not the team's code or the station's number: auditlog names every saved assignment, without a query.
        return f"Team {self.team_id}, stop {self.order}: station {self.polling_station_id}"


class Checklist(models.Model):
    """One published version of a form. Questions are a JSON list (see observers/checklists/definitions.py)."""

    class Kind(models.TextChoices):
        OPENING = "opening", _("Opening")
        VOTING = "voting", _("Voting")
        COUNTING = "counting", _("Counting")
        TABULATION = "tabulation", _("Tabulation")
        LTO_WEEKLY = "lto_weekly", _("LTO weekly report")
        INCIDENT = "incident", _("Incident")

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="checklists")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    version = models.PositiveIntegerField(default=1)
    title = models.JSONField(default=dict, help_text='Titles by language: {"en": ..., "ru": ..., "kk": ...}')
    questions = models.JSONField(default=list)
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["mission", "kind", "version"], name="checklist_version_unique"),
            models.CheckConstraint(condition=Q(version__gte=1), name="checklist_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}"

    @property
    def needs_station(self) -> bool:
        return self.kind in {self.Kind.OPENING, self.Kind.VOTING, self.Kind.COUNTING}


class SubmissionQuerySet(models.QuerySet):
    def counted(self) -> "SubmissionQuerySet":
        """The forms that count in figures: all but those an analyst excluded."""
        return self.exclude(review_status=Submission.ReviewStatus.EXCLUDED)


class Submission(models.Model):
    """One filled form. `uuid` is made by the phone when the form is started: a resend never doubles it."""

    class ReviewStatus(models.TextChoices):
        UNREVIEWED = "unreviewed", _("Not reviewed")
        VERIFIED = "verified", _("Verified")
        SENT_BACK = "sent_back", _("Sent back to the team")
        EXCLUDED = "excluded", _("Excluded")

    uuid = models.UUIDField(unique=True, default=uuid.uuid4)
    # No index of their own for mission, team and station: the indexes of Meta begin with them (each index is
    # written with every phone's form).
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="submissions", db_index=False)
    checklist = models.ForeignKey(Checklist, on_delete=models.RESTRICT, related_name="submissions")
    team = models.ForeignKey(Team, on_delete=models.RESTRICT, related_name="submissions", db_index=False)
    observer = models.ForeignKey(Observer, on_delete=models.RESTRICT, related_name="submissions")
    polling_station = models.ForeignKey(
        PollingStation, on_delete=models.RESTRICT, related_name="submissions", null=True, blank=True, db_index=False
    )
    answers = models.JSONField(default=dict)
    observed_at = models.DateTimeField()
    received_at = models.DateTimeField(auto_now_add=True)
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of the content, to tell a resend from a clash")
    # The core team's review; the team sees the status and the note (their question, or why the form is excluded).
    review_status = models.CharField(max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.UNREVIEWED)
    review_note = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(Observer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # Whether the form's answers are in the tallies (AnswerTally) when it counts: set by the outbox worker in the
    # transaction that adds them. Forms not tallied yet (their job pending, or made outside the phone's path:
    # demo, imports) are counted from their answers by the findings.
    tallied = models.BooleanField(default=False)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-observed_at"]
        indexes = [
            models.Index(fields=["mission", "checklist"], name="submission_mission_form"),
            models.Index(fields=["team", "observed_at"], name="submission_team_time"),
            # The forms of a kind at a station (the disagreement check): without it PostgreSQL may intersect the
            # station's few forms with the tens of thousands of a checklist version.
            models.Index(fields=["polling_station", "checklist"], name="submission_station_form"),
            # The forms not in the tallies yet, which the findings count from their answers: a few at any time.
            models.Index(fields=["mission", "checklist"], condition=Q(tallied=False), name="submission_untallied"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(review_status__in=["sent_back", "excluded"]) | ~Q(review_note=""),
                name="submission_review_note_given",
                violation_error_message="A form is sent back with a question and excluded with a reason.",
            ),
        ]

    def __str__(self) -> str:
        return str(self.uuid)


class ApiToken(models.Model):
    """A phone's bearer token: expiring and revocable. Only a hash of the key is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"API token {self.pk} of user {self.user_id}"  # never the key, nor its hash


def _attachment_path(attachment: "Attachment", filename: str) -> str:
    # Never the sender's file name on disk: a random name under the submission's folder.
    extension = Path(filename).suffix.lower()
    return f"attachments/{attachment.submission_id}/{uuid.uuid4().hex}{extension}"


class Attachment(models.Model):
    """A file sent with a submission (the photo of a results protocol). The file lives under MEDIA_ROOT."""

    submission = models.ForeignKey(Submission, to_field="uuid", on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path, max_length=200)
    original_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=64, help_text="Detected from the content, not the name")
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64, help_text="A resend of the same file does not add a second one")
    uploaded_by = models.ForeignKey(Observer, on_delete=models.RESTRICT, related_name="attachments")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        constraints = [models.UniqueConstraint(fields=["submission", "sha256"], name="attachment_once_per_submission")]

    def __str__(self) -> str:
        return self.original_name or self.file.name


class LoginLink(models.Model):
    """A one-time login link printed on an observer's card. Only a hash of the key is stored."""

    observer = models.ForeignKey(Observer, on_delete=models.CASCADE, related_name="login_links")
    key_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["observer", "-created_at"], name="loginlink_observer_latest")]
        constraints = [
            models.CheckConstraint(
                condition=Q(used_at__isnull=True) | Q(revoked_at__isnull=True), name="loginlink_used_or_revoked"
            )
        ]

    def __str__(self) -> str:
        return f"Login link for {self.observer_id} ({self.created_at:%Y-%m-%d})"


class DeploymentPlan(models.Model):
    """The mission's election-day plan (its Assignment rows): drafted by coordinators, then published to observers."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    mission = models.OneToOneField(Mission, on_delete=models.CASCADE, related_name="deployment_plan")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    edited_at = models.DateTimeField(null=True, blank=True, help_text="Last change to any team's stations")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False), name="plan_published_has_time"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mission} plan ({self.get_status_display()})"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def edited_since_publication(self) -> bool:
        return self.is_published and self.edited_at is not None and self.edited_at > self.published_at


class PlanProposal(models.Model):
    """A run of the planner for a mission's draft plan: a status row (queued -> running -> done / failed, with
    its stage and progress) that the plan page polls, run by an outbox job. Its routes are kept until a
    coordinator, shown what they would change, applies them to the draft (or proposes again)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Stage(models.TextChoices):
        WAITING = "waiting", _("Waiting for a worker")
        READING = "reading", _("Reading the stations and teams")
        PLACING = "placing", _("Sharing the teams out over the regions")
        ROUTING = "routing", _("Drawing the routes")
        DONE = "done", _("Finished")

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="plan_proposals")
    stations_per_team = models.PositiveSmallIntegerField()
    weight = models.CharField(max_length=8)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    stage = models.CharField(max_length=8, choices=Stage.choices, default=Stage.WAITING)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent done")
    error = models.TextField(blank=True)
    job = models.ForeignKey("OutboxJob", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    plan_edited_at = models.DateTimeField(null=True, blank=True, help_text="The draft's last change when requested")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(default=dict, blank=True, help_text="Teams planned, stations, teams short, ...")
    routes = models.JSONField(
        default=list, blank=True, help_text="[team id, station id, order, purpose] for every proposed visit"
    )

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["mission", "-requested_at"], name="proposal_by_mission")]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="proposal_progress_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"{self.mission} plan proposal #{self.pk} ({self.status})"

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class OutboxJob(models.Model):
    """Work a change sets off, written in the change's own transaction (a transactional outbox).

    After the commit the job is handed to Celery; when the broker is down it stays pending, and the dispatcher
    (a beat task and `manage.py dispatch_outbox`) sends it again. A worker claims it with UPDATE ... WHERE
    status='pending', so a job delivered twice runs once.
    """

    class Kind(models.TextChoices):
        SUBMISSION_CHECK = "submission_check", _("Compare a submission with other teams' at the same station")
        PERSONAL_DATA_ERASE = "personal_data_erase", _("Erase a closed mission's observers' personal data")
        DEPLOYMENT_PROPOSE = "deployment_propose", _("Let the planner propose an election-day plan")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="outbox_jobs")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    payload = models.JSONField(default=dict, help_text="The ids the job works on")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    available_at = models.DateTimeField(default=timezone.now, help_text="Not sent again before this time")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["available_at"], condition=Q(status="pending"), name="outbox_pending_due"),
            models.Index(fields=["mission", "-created_at"], condition=~Q(status="done"), name="outbox_open_by_mission"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"


class SubmissionFlag(models.Model):
    """Two teams' forms of one kind at one station disagree on a question: worth an analyst's look."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="submission_flags")
    polling_station = models.ForeignKey(PollingStation, on_delete=models.CASCADE, related_name="submission_flags")
    kind = models.CharField(max_length=16, choices=Checklist.Kind.choices)
    question = models.CharField(max_length=64, help_text="overall_assessment, or the code of a yes/no question")
    first = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="+", help_text="The earlier stored")
    second = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="+")
    first_answer = models.CharField(max_length=16)
    second_answer = models.CharField(max_length=16)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["mission", "kind", "question"], name="flag_mission_kind_question")]
        constraints = [
            models.UniqueConstraint(fields=["first", "second", "question"], name="flag_once_per_pair_question"),
            models.CheckConstraint(condition=Q(first__lt=models.F("second")), name="flag_pair_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.polling_station_id} {self.kind} {self.question}: {self.first_answer} / {self.second_answer}"


class AnswerTally(models.Model):
    """How many counted forms gave an answer: per checklist version, team, region, district, question and value.

    Kept as forms arrive, so the findings of a million forms add up a few thousand rows instead of expanding a
    million JSON answers (reports/findings/selectors.py reads them; observers/submissions/tallies.py writes them).
    The figures are reports' business, but the rows are written by the outbox worker, by the review of a form and
    by the publishing of a form version, all in observers, and imports run reports -> observers -> mission only:
    so the model lives here, and the reading in reports.

    code "" with value "" counts the forms themselves; value "" under a question's code counts the forms that
    answered it (N); a multiple-choice answer counts once per choice. region_id and district_id are 0 for a form
    without a station (plain integers, not foreign keys: a unique key with NULLs would not catch a conflict on
    SQLite, nor let PostgreSQL's ON CONFLICT find the row). `manage.py tallies_check` recounts them from the forms.
    """

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="+", db_index=False)
    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="+", db_index=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+", db_index=False)
    region_id = models.IntegerField(default=0)
    district_id = models.IntegerField(default=0)
    code = models.CharField(max_length=64, blank=True)
    value = models.CharField(max_length=200, blank=True)
    count = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["checklist", "team", "region_id", "district_id", "code", "value"], name="tally_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["mission", "checklist", "code"], name="tally_mission_form_code"),
            models.Index(fields=["team"], name="tally_team"),
        ]

    def __str__(self) -> str:
        return f"{self.checklist_id} {self.team_id} {self.code}={self.value}: {self.count}"


# The election-day sample's and media monitoring's models live in their feature's package; Django finds them
# through this module.
from observers.deployment.models import SampledStation, SampleStratum, StationSample  # noqa: E402, F401
from observers.media.models import (  # noqa: E402, F401
    MediaAssignment,
    MediaCheck,
    MediaItem,
    MediaOutlet,
    MediaProgramme,
    MediaSubject,
)
