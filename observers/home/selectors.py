"""Numbers for the home page: counted in the database, a fixed handful of queries."""

from django.db.models import Count, Q

from mission.clock import mission_now
from mission.models import Mission
from observers.deployment.selectors import station_counts
from observers.models import Checklist, Observer, Role, Submission, Team
from observers.submissions.selectors import forms_today


def mission_numbers(*, mission: Mission) -> dict:
    """The dashboard's figures. "Today" and "planned" are the monitor's selectors (forms_today, station_counts),
    so the two pages never disagree."""
    observers = mission.observers.aggregate(
        ltos=Count("id", filter=Q(role=Role.LTO)),
        stos=Count("id", filter=Q(role=Role.STO)),
        core=Count("id", filter=Q(role__in=[Role.COORDINATOR, Role.ANALYST])),
    )
    teams = Team.objects.filter(mission=mission).aggregate(
        lto=Count("id", filter=Q(kind=Team.Kind.LTO)), sto=Count("id", filter=Q(kind=Team.Kind.STO))
    )
    submissions = Submission.objects.filter(mission=mission).aggregate(
        total=Count("id"),
        stations=Count("polling_station", distinct=True),
    )
    submissions["today"] = forms_today(mission=mission, now=mission_now(mission)).count()
    counts = station_counts(mission=mission)
    stations = {"total": counts["stations_total"], "planned": counts["stations_planned"]}
    return {"observers": observers, "teams": teams, "submissions": submissions, "stations": stations}


def kinds_received(*, mission: Mission) -> list[dict]:
    rows = (
        Submission.objects.filter(mission=mission)
        .values("checklist__kind")
        .annotate(count=Count("id"))
        .order_by("checklist__kind")
    )
    return [{"label": Checklist.Kind(row["checklist__kind"]).label, "count": row["count"]} for row in rows]


def team_submission_count(*, team: Team | None) -> int:
    """How many forms the team has sent (0 for an observer not yet in a team)."""
    return team.submissions.count() if team else 0


def is_member(*, user, mission_id: int) -> bool:
    return Observer.objects.filter(user=user, mission_id=mission_id).exists()
