"""State changes for the observers app."""

import logging
from datetime import UTC, datetime, timedelta

from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from mission.models import Mission, PollingStation
from mission.results.ballot import ballot_codes
from observers.checklists.definitions import validate_answers
from observers.models import Checklist, Observer, OutboxJob, Submission, Team
from observers.outbox.services import outbox_insert_with
from observers.submissions.hashing import submission_content_hash
from observers.submissions.selectors import station_with_plan_of, submission_with_uuid

logger = logging.getLogger(__name__)

# A phone's clock may run a little fast; a form dated further ahead than this is a mistake.
OBSERVED_AT_MAX_AHEAD = timedelta(hours=1)
NO_TEAM_MESSAGE = "You are not in a team yet: ask your coordinator to assign you to one."


class SubmissionError(Exception):
    """A submission refused; `detail` says why, as a message or {field: [problems]}."""

    def __init__(self, detail):
        super().__init__(detail)
        self.detail = detail


class SubmissionInvalid(SubmissionError):
    """The content does not fit the form or the rules (the phone must correct it)."""


class SubmissionForbidden(SubmissionError):
    """The caller may not send this (not an observer in a team, or a station outside the team's plan)."""


class SubmissionConflict(SubmissionError):
    """The uuid is already taken by a different submission."""


def submission_receive(*, user, payload: dict, membership: Observer | None = None) -> tuple[Submission, bool]:
    """Store a filled form sent by a phone; an identical resend returns the first one, created=False.

    `payload` holds: uuid, checklist (id), polling_station (id) or polling_station_code,
    answers (dict), observed_at (aware datetime). `membership`: the caller's current membership when the
    caller has it already (it saves a query when the form belongs to that mission).
    With the submission, atomically, goes the outbox job that compares it with other teams' forms.
    """
    checklist = _checklist(checklist_id=payload["checklist"])
    observer = _sender(user=user, checklist=checklist, membership=membership)
    station, planned = _station(checklist=checklist, mission=observer.mission, team=observer.team, payload=payload)
    observed_at = payload["observed_at"].astimezone(UTC)
    _validate_content(checklist=checklist, station=station, answers=payload["answers"], observed_at=observed_at)
    content_hash = submission_content_hash(
        checklist_id=checklist.pk,
        polling_station_id=station.pk if station else None,
        answers=payload["answers"],
        observed_at=observed_at,
    )
    if not planned:
        existing = submission_with_uuid(uuid=payload["uuid"])  # sent when the station was still in the plan
        if existing is not None:
            return _resent(existing, observer=observer, content_hash=content_hash), False
        raise SubmissionForbidden(
            f"Polling station {station.code} is not in the plan of team {observer.team.code}: "
            "check the station or ask your coordinator to add it."
        )
    submission = Submission(
        uuid=payload["uuid"],
        mission_id=checklist.mission_id,
        checklist=checklist,
        team=observer.team,
        observer=observer,
        polling_station=station,
        answers=payload["answers"],
        observed_at=observed_at,
        content_hash=content_hash,
    )
    try:
        # No look-up first: almost every form is new, and a resend is told apart by the unique uuid. With the form
        # goes the job that compares it with other teams' forms.
        outbox_insert_with(submission, kind=OutboxJob.Kind.SUBMISSION_CHECK, key="submission_id")
    except IntegrityError:
        existing = submission_with_uuid(uuid=payload["uuid"])
        if existing is None:
            raise
        return _resent(existing, observer=observer, content_hash=content_hash), False
    if checklist.pk not in _USED_CHECKLISTS and not transaction.get_connection().in_atomic_block:
        _checklist_used(checklist.pk)  # committed: frozen from now on (within a caller's transaction it is not yet)
    return submission, True


# Checklist versions a submission has been stored with, by id, kept by each process: such a version never changes
# again (checklist_update refuses it, and RESTRICT keeps it unless its whole mission goes, observers included), so
# the phones' forms need not read it each time. A version nobody has used yet may still be corrected in place: it
# is read from the database until a form with it is stored. Bounded: a mission has a few dozen versions at most.
_USED_CHECKLISTS: dict[int, Checklist] = {}
USED_CHECKLISTS_MAX = 512


_VERSION_IDS: dict[tuple[int, str, int], int] = {}  # (mission, kind, version number) -> id, of used versions


def checklists_used_forget() -> None:
    """Empty this process's cache of used checklist versions (tests: ids come again after a rollback)."""
    _USED_CHECKLISTS.clear()
    _VERSION_IDS.clear()


def checklist_version_find(*, mission_id: int, kind: str, version: int) -> Checklist | None:
    """A mission's checklist version by its number, as an OpenRosa instance names it; a used version comes from
    this process's cache (it never changes again), without a query."""
    key = (mission_id, kind, version)
    checklist = _USED_CHECKLISTS.get(_VERSION_IDS.get(key, 0))
    if checklist is not None:
        return checklist
    return _one(Checklist.objects.defer("title").filter(mission_id=mission_id, kind=kind, version=version))


def _checklist(*, checklist_id: int) -> Checklist:
    checklist = _USED_CHECKLISTS.get(checklist_id)
    if checklist is None:
        checklist = _one(Checklist.objects.defer("title").filter(pk=checklist_id))
    if checklist is None:
        raise _unknown_checklist(checklist_id)
    return checklist


def _checklist_used(checklist_id: int) -> None:
    """Remember a version once a form stored with it has committed. Read again for that: a correction that took
    the row's lock before our commit (whose foreign key check waited for it) is in the database by now, and any
    later one sees our form and is refused."""
    try:
        checklist = _one(Checklist.objects.defer("title").filter(pk=checklist_id))
    except DatabaseError:  # the form is stored: a database gone now costs only the cache, not the phone's answer
        logger.warning("Checklist %s not cached: the database did not answer.", checklist_id, exc_info=True)
        return
    if len(_USED_CHECKLISTS) >= USED_CHECKLISTS_MAX:
        _USED_CHECKLISTS.clear()
        _VERSION_IDS.clear()
    if checklist is not None:
        _USED_CHECKLISTS[checklist_id] = checklist
        _VERSION_IDS[(checklist.mission_id, checklist.kind, checklist.version)] = checklist_id


def _unknown_checklist(checklist_id: int) -> SubmissionInvalid:
    return SubmissionInvalid({"checklist": [f"No checklist with id {checklist_id} in your missions."]})


def _sender(*, user, checklist: Checklist, membership: Observer | None) -> Observer:
    if membership is not None and membership.mission_id == checklist.mission_id:
        observer = membership
    else:
        observers = Observer.objects.select_related("mission", "team")
        observer = _one(observers.filter(user=user, mission_id=checklist.mission_id))
        if observer is None:  # another mission's form: not told apart from one that does not exist
            raise _unknown_checklist(checklist.pk)
    if observer.is_core:
        raise SubmissionForbidden(
            f"As {observer.get_role_display().lower()} you have no team: only observers in a team send checklists."
        )
    if observer.team is None:
        raise SubmissionForbidden(NO_TEAM_MESSAGE)
    return observer


def _station(
    *, checklist: Checklist, mission: Mission, team: Team, payload: dict
) -> tuple[PollingStation | None, bool]:
    """The station the form is about, and whether it is in the team's plan (a form without one is always)."""
    station_id, code = payload.get("polling_station"), payload.get("polling_station_code")
    if station_id is None and not code:
        if checklist.needs_station:
            raise SubmissionInvalid(
                {"polling_station": [f"A {checklist.get_kind_display().lower()} checklist needs a polling station."]}
            )
        return None, True
    station = station_with_plan_of(team=team, mission_id=mission.pk, station_id=station_id, code=code)
    if station is None:
        field, given = ("polling_station", station_id) if station_id is not None else ("polling_station_code", code)
        raise SubmissionInvalid({field: [f"No polling station {given} in mission {mission.name}."]})
    if code and station.code != code:
        raise SubmissionInvalid(
            {"polling_station_code": [f"Station {station_id} has code {station.code}, not {code}."]}
        )
    return station, station.in_plan


def _one(queryset):
    """The row a unique key finds, or None; unordered (.first() would sort by the model's ordering for nothing)."""
    return next(iter(queryset.order_by()[:1]), None)


def _validate_content(
    *, checklist: Checklist, station: PollingStation | None, answers: dict, observed_at: datetime
) -> None:
    errors: dict = {}
    if observed_at > timezone.now() + OBSERVED_AT_MAX_AHEAD:
        errors["observed_at"] = ["is in the future: check the phone's date, time and time zone."]
    # Votes are checked against the station's ballot, read only for forms that ask them (the counting form).
    asks_votes = station is not None and any(question["type"] == "votes" for question in checklist.questions)
    ballots = ballot_codes(mission_id=checklist.mission_id, station_id=station.pk) if asks_votes else None
    answer_errors = validate_answers(checklist.questions, answers, ballots=ballots)
    if answer_errors:
        errors["answers"] = answer_errors
    if errors:
        raise SubmissionInvalid(errors)


def _resent(existing: Submission, *, observer: Observer, content_hash: str) -> Submission:
    if existing.team_id != observer.team_id or existing.content_hash != content_hash:
        raise SubmissionConflict(
            f"uuid {existing.uuid} is already used by a different submission: a changed form needs a new uuid."
        )
    return existing
