"""What the core team watches on election day, counted in the database in a fixed number of queries.

Times are when a form was filled in (observed_at) in the mission's time zone: a phone out of coverage sends
its forms later, and they belong to the hour they were observed. `now` is a parameter, so the day can be
replayed as it stood at any moment (and tested at a fixed one).
"""

import datetime as dt
import math
from zoneinfo import ZoneInfo

from django.db.models import Case, Count, Exists, F, Max, OuterRef, Q, Subquery, Value, When
from django.db.models.fields.json import KT
from django.db.models.functions import ExtractHour
from django.utils import formats

from mission.clock import day_start, moment_text, zone_label
from mission.models import Mission
from observers.checklists.definitions import ASSESSMENT_CODE, ASSESSMENT_VALUES, label
from observers.deployment.selectors import station_counts
from observers.models import Checklist, Observer, Submission, Team
from observers.submissions.selectors import forms_today

FIRST_HOUR = 6  # the hours shown start no later than the opening of the polling stations
SHADES = 4
INCIDENTS_SHOWN = 25
CRITICAL = Q(checklist__kind=Checklist.Kind.INCIDENT, answers__severity="critical")
# The worst overall assessment of a station's forms decides its colour: 0 none, 1 very good ... 4 very bad.
ASSESSMENT_RANK = {value: rank for rank, value in enumerate(ASSESSMENT_VALUES, start=1)}
_WORST = Max(
    Case(
        *(When(**{f"answers__{ASSESSMENT_CODE}": value}, then=Value(rank)) for value, rank in ASSESSMENT_RANK.items()),
        default=Value(0),
    )
)


def _today(*, mission: Mission, now: dt.datetime):
    return forms_today(mission=mission, now=now)


def _seen(moment: dt.datetime | None, *, now: dt.datetime, zone: ZoneInfo) -> str:
    """ "14:05" today, "18 Sep 2004, 23:10" on another day (the reader's language), "" never."""
    if moment is None:
        return ""
    local = moment.astimezone(zone)
    same_day = local.date() == now.astimezone(zone).date()
    return formats.time_format(local) if same_day else formats.date_format(local, "SHORT_DATETIME_FORMAT")


def _latest_forms(mission: Mission) -> dict[str, Checklist]:
    latest = {}
    for checklist in (
        Checklist.objects.filter(mission=mission)
        .order_by("kind", "-version")
        .only("kind", "version", "title", "questions")
    ):
        latest.setdefault(checklist.kind, checklist)
    return latest


def _title(checklist: Checklist | None, kind: str, language: str) -> str:
    titles = checklist.title if checklist and isinstance(checklist.title, dict) else {}
    return titles.get(language) or titles.get("en") or str(Checklist.Kind(kind).label)


def totals(*, mission: Mission, now: dt.datetime) -> dict:
    """Forms and critical incidents today, stations observed today, planned and in all (two queries): the same
    selectors as the dashboard's and the deployment pages' (tests/test_figures_agree.py)."""
    today = _today(mission=mission, now=now).aggregate(
        forms=Count("id"),
        stations_observed=Count("polling_station", distinct=True),
        critical_incidents=Count("id", filter=CRITICAL),
    )
    return {**today, **station_counts(mission=mission)}


def forms_by_kind_and_hour(*, mission: Mission, now: dt.datetime, titles: dict[str, str]) -> dict:
    """Today's forms per kind and local hour, as a grid of counts with a shade (0-4) for each cell."""
    zone = ZoneInfo(mission.time_zone)
    counts = {
        (row["checklist__kind"], row["hour"]): row["forms"]
        for row in _today(mission=mission, now=now)
        .annotate(hour=ExtractHour("observed_at", tzinfo=zone))
        .values("checklist__kind", "hour")
        .annotate(forms=Count("id"))
        .order_by()
    }
    hours_seen = [hour for _, hour in counts]
    first = min([FIRST_HOUR, *hours_seen])
    last = max([now.astimezone(zone).hour, *hours_seen])
    hours = list(range(first, last + 1))
    biggest = max(counts.values(), default=0)

    def cell(number: int) -> dict:
        return {"n": number, "shade": math.ceil(SHADES * number / biggest) if number else 0}

    kinds_seen = {kind for kind, _ in counts}
    kinds = [kind for kind in Checklist.Kind.values if kind in kinds_seen]
    rows = [
        {
            "kind": kind,
            "title": titles.get(kind) or str(Checklist.Kind(kind).label),
            "cells": [cell(counts.get((kind, hour), 0)) for hour in hours],
            "total": sum(counts.get((kind, hour), 0) for hour in hours),
        }
        for kind in kinds
    ]
    per_hour = [sum(counts.get((kind, hour), 0) for kind in kinds) for hour in hours]
    return {"hours": hours, "rows": rows, "per_hour": per_hour, "total": sum(per_hour)}


def silent_teams(*, mission: Mission, now: dt.datetime, silent_minutes: int, team_kind: str | None = None) -> dict:
    """Teams with members whose last form is older than `silent_minutes`, or who sent none since midnight.

    Longest silent first (never heard from at the top). Short-term teams unless `team_kind` asks for the long-term
    ones: long-term teams report weekly, so an hour's silence on election day says nothing about them. Three queries.
    """
    zone = ZoneInfo(mission.time_zone)
    threshold = max(day_start(mission=mission, now=now), now - dt.timedelta(minutes=silent_minutes))
    latest = Submission.objects.filter(team=OuterRef("pk"), observed_at__lte=now).order_by("-observed_at", "-id")
    deployed = Team.objects.filter(mission=mission).filter(Exists(Observer.objects.filter(team=OuterRef("pk"))))
    deployed = deployed.filter(kind=team_kind or Team.Kind.STO)
    silent = list(
        deployed.annotate(
            last_at=Subquery(latest.values("observed_at")[:1]),
            last_station_code=Subquery(latest.values("polling_station__code")[:1]),
            last_station_name=Subquery(latest.values("polling_station__name")[:1]),
        )
        .filter(Q(last_at__isnull=True) | Q(last_at__lt=threshold))
        .order_by(F("last_at").asc(nulls_first=True), "code")
        .values("id", "code", "kind", "last_at", "last_station_code", "last_station_name")
    )
    members: dict[int, list[str]] = {}
    for team_id, full_name in (
        Observer.objects.filter(team_id__in=[team["id"] for team in silent])
        .order_by("full_name")
        .values_list("team_id", "full_name")
    ):
        members.setdefault(team_id, []).append(full_name)
    teams = []
    for team in silent:
        minutes = int((now - team["last_at"]).total_seconds() // 60) if team["last_at"] else None
        teams.append(
            {
                "code": team["code"],
                "kind": team["kind"],
                "members": members.get(team["id"], []),
                "last_station": " ".join(filter(None, (team["last_station_code"], team["last_station_name"]))),
                "last_seen": _seen(team["last_at"], now=now, zone=zone),
                "minutes_silent": minutes,
                "silent_for": list(divmod(minutes, 60)) if minutes is not None else None,  # [hours, minutes]
            }
        )
    return {"teams": teams, "deployed": deployed.count(), "silent_minutes": silent_minutes}


def critical_incidents(
    *, mission: Mission, now: dt.datetime, incident_form: Checklist | None, language: str
) -> list[dict]:
    """Today's latest critical incident reports up to `now`, newest first, with their category in `language`: the
    ones the "critical incidents today" figure counts."""
    zone = ZoneInfo(mission.time_zone)
    questions = {q.get("code"): q for q in incident_form.questions} if incident_form else {}
    categories = {c["value"]: label(c, language) for c in questions.get("category", {}).get("choices", [])}
    rows = (
        _today(mission=mission, now=now)
        .filter(CRITICAL)
        .order_by("-observed_at", "-id")
        .values(
            "uuid",
            "observed_at",
            "team__code",
            "polling_station__code",
            "polling_station__name",
            place=KT("answers__place"),
            description=KT("answers__description"),
            category=KT("answers__category"),
        )[:INCIDENTS_SHOWN]
    )
    return [
        {
            "uuid": str(row["uuid"]),
            "seen": _seen(row["observed_at"], now=now, zone=zone),
            "team": row["team__code"],
            "station": " ".join(filter(None, (row["polling_station__code"], row["polling_station__name"]))),
            "place": row["place"] or "",
            "description": row["description"] or "",
            "category": categories.get(row["category"], row["category"] or ""),
        }
        for row in rows
    ]


def stations_observed(*, mission: Mission, now: dt.datetime) -> list[list]:
    """Located stations observed today: [code, name, latitude, longitude, worst assessment rank 0-4, forms]."""
    rows = (
        _today(mission=mission, now=now)
        .filter(polling_station__latitude__isnull=False)
        .values(
            "polling_station_id",
            "polling_station__code",
            "polling_station__name",
            "polling_station__latitude",
            "polling_station__longitude",
        )
        .annotate(worst=_WORST, forms=Count("id"))
        .order_by("polling_station__code")
    )
    return [
        [
            row["polling_station__code"],
            row["polling_station__name"],
            round(row["polling_station__latitude"], 5),
            round(row["polling_station__longitude"], 5),
            row["worst"],
            row["forms"],
        ]
        for row in rows
    ]


def monitor_snapshot(
    *, mission: Mission, now: dt.datetime, silent_minutes: int, language: str, team_kind: str | None = None
) -> dict:
    """Everything the monitor shows, as JSON-ready values. Nine queries whatever the size of the mission."""
    local_now = now.astimezone(ZoneInfo(mission.time_zone))
    forms = _latest_forms(mission)
    titles = {kind: _title(checklist, kind, language) for kind, checklist in forms.items()}
    silent = silent_teams(mission=mission, now=now, silent_minutes=silent_minutes, team_kind=team_kind)
    return {
        "now": local_now.isoformat(timespec="minutes"),
        "as_of": moment_text(now, zone=mission.time_zone),
        "day": f"{local_now:%Y-%m-%d}",
        "time": f"{local_now:%H:%M}",
        "time_zone": mission.time_zone,
        "zone_label": zone_label(mission.time_zone, at=now),
        "totals": {
            **totals(mission=mission, now=now),
            "teams_silent": len(silent["teams"]),
            "teams_deployed": silent["deployed"],
        },
        "hours": forms_by_kind_and_hour(mission=mission, now=now, titles=titles),
        "silent": silent,
        "incidents": critical_incidents(
            mission=mission, now=now, incident_form=forms.get(Checklist.Kind.INCIDENT), language=language
        ),
        "stations": stations_observed(mission=mission, now=now),
    }
