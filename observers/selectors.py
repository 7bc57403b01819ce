"""Reads for the observers app: what a user may see, scoped in the database."""
from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from mission.models import PollingStation

from .deployment_selectors import published_team_plan
from .models import CORE_ROLES, ApiToken, Checklist, Observer, Submission, Team


def submissions_visible_to(*, user) -> QuerySet[Submission]:
    """The whole mission for its core team members, their own team's submissions for observers."""
    memberships = Observer.objects.filter(user=user)
    core_missions = memberships.filter(role__in=CORE_ROLES).values("mission_id")
    teams = memberships.filter(team__isnull=False).exclude(role__in=CORE_ROLES).values("team_id")
    return (
        Submission.objects.filter(Q(mission_id__in=core_missions) | Q(team_id__in=teams))
        .select_related("checklist", "polling_station", "team")
        .defer("checklist__questions", "checklist__title")
    )


def checklists_visible_to(*, user, latest_only: bool = True) -> QuerySet[Checklist]:
    """Checklists of the user's missions; by default only the latest version of each kind."""
    checklists = Checklist.objects.filter(mission__observers__user=user)
    if latest_only:
        latest = Checklist.objects.filter(mission=OuterRef("mission"), kind=OuterRef("kind")).order_by("-version")
        checklists = checklists.filter(version=Subquery(latest.values("version")[:1]))
    return checklists.order_by("mission_id", "kind", "-version")


def stations_with_plan_of(*, team: Team) -> QuerySet[PollingStation]:
    """Stations annotated `in_plan`: short-term teams keep to their assigned stations, long-term teams to the
    regions of their area."""
    if team.kind == Team.Kind.STO:
        # Short-term teams know their stations once the plan is published, and only then may report from them.
        in_plan = Exists(published_team_plan(team=team).filter(polling_station=OuterRef("pk")))
    else:
        in_plan = Exists(Team.area.through.objects.filter(team=team, region=OuterRef("region_id")))
    return PollingStation.objects.annotate(in_plan=in_plan)


def api_token_latest_expiry(*, user) -> datetime | None:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id").values_list("expires_at", flat=True).first()
