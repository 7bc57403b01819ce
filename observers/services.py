"""State changes for the observers app."""
from datetime import datetime, timedelta, timezone as dt_timezone

from django.db import IntegrityError, transaction
from django.utils import timezone

from mission.models import PollingStation

from .checklists import validate_answers
from .hashing import submission_content_hash
from .models import Checklist, Observer, Submission
from .selectors import station_in_team_plan

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


def submission_receive(*, user, payload: dict) -> tuple[Submission, bool]:
    """Store a filled form sent by a phone; an identical resend returns the first one, created=False.

    `payload` holds: uuid, checklist (id), polling_station (id) or polling_station_code,
    answers (dict), observed_at (aware datetime).
    """
    checklist = _checklist(user=user, checklist_id=payload["checklist"])
    observer = _sender(user=user, checklist=checklist)
    station = _station(checklist=checklist, payload=payload)
    observed_at = payload["observed_at"].astimezone(dt_timezone.utc)
    _validate_content(checklist=checklist, answers=payload["answers"], observed_at=observed_at)
    content_hash = submission_content_hash(
        checklist_id=checklist.pk,
        polling_station_id=station.pk if station else None,
        answers=payload["answers"],
        observed_at=observed_at,
    )
    existing = Submission.objects.filter(uuid=payload["uuid"]).first()
    if existing is not None:
        return _resent(existing, observer=observer, content_hash=content_hash), False
    if station is not None and not station_in_team_plan(team=observer.team, station=station):
        raise SubmissionForbidden(
            f"Polling station {station.code} is not in the plan of team {observer.team.code}: "
            "check the station or ask your coordinator to add it."
        )
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                uuid=payload["uuid"],
                mission=checklist.mission,
                checklist=checklist,
                team=observer.team,
                observer=observer,
                polling_station=station,
                answers=payload["answers"],
                observed_at=observed_at,
                content_hash=content_hash,
            )
    except IntegrityError:
        # Another request stored the same uuid between our read and our write.
        existing = Submission.objects.filter(uuid=payload["uuid"]).first()
        if existing is None:
            raise
        return _resent(existing, observer=observer, content_hash=content_hash), False
    return submission, True


def _checklist(*, user, checklist_id: int) -> Checklist:
    checklist = (
        Checklist.objects.select_related("mission").filter(pk=checklist_id, mission__observers__user=user).first()
    )
    if checklist is None:
        raise SubmissionInvalid({"checklist": [f"No checklist with id {checklist_id} in your missions."]})
    return checklist


def _sender(*, user, checklist: Checklist) -> Observer:
    observer = Observer.objects.select_related("team").get(user=user, mission=checklist.mission)
    if observer.is_core:
        raise SubmissionForbidden(
            f"As {observer.get_role_display().lower()} you have no team: only observers in a team send checklists."
        )
    if observer.team is None:
        raise SubmissionForbidden(NO_TEAM_MESSAGE)
    return observer


def _station(*, checklist: Checklist, payload: dict) -> PollingStation | None:
    station_id, code = payload.get("polling_station"), payload.get("polling_station_code")
    if station_id is None and not code:
        if checklist.needs_station:
            raise SubmissionInvalid(
                {"polling_station": [f"A {checklist.get_kind_display().lower()} checklist needs a polling station."]}
            )
        return None
    stations = PollingStation.objects.filter(mission=checklist.mission)
    station = stations.filter(pk=station_id).first() if station_id is not None else stations.filter(code=code).first()
    if station is None:
        field, given = ("polling_station", station_id) if station_id is not None else ("polling_station_code", code)
        raise SubmissionInvalid({field: [f"No polling station {given} in mission {checklist.mission.name}."]})
    if code and station.code != code:
        raise SubmissionInvalid(
            {"polling_station_code": [f"Station {station_id} has code {station.code}, not {code}."]}
        )
    return station


def _validate_content(*, checklist: Checklist, answers: dict, observed_at: datetime) -> None:
    errors: dict = {}
    if observed_at > timezone.now() + OBSERVED_AT_MAX_AHEAD:
        errors["observed_at"] = ["is in the future: check the phone's date, time and time zone."]
    answer_errors = validate_answers(checklist.questions, answers)
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
