"""Numbers for the home page: counted in the database, a fixed handful of queries."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, Q
from django.utils import timezone

from mission.models import Mission
from observers.models import Checklist, Observer, Role, Submission, Team


def mission_numbers(*, mission: Mission) -> dict:
    local_midnight = datetime.combine(timezone.now().astimezone(ZoneInfo(mission.time_zone)).date(), time.min)
    today_start = local_midnight.replace(tzinfo=ZoneInfo(mission.time_zone))
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
        today=Count("id", filter=Q(received_at__gte=today_start, received_at__lt=today_start + timedelta(days=1))),
        stations=Count("polling_station", distinct=True),
    )
    stations = mission.polling_stations.aggregate(
        total=Count("id"), planned=Count("id", filter=Q(assignments__isnull=False), distinct=True)
    )
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
