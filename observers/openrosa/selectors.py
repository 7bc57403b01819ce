"""What an OpenRosa client may download: the forms its team fills, and the team's stations for the station
question."""

import csv
import hashlib
import io

from django.db.models import OuterRef, QuerySet, Subquery

from mission.models import PollingStation
from observers.models import Checklist, DeploymentPlan, Observer, Team

# The forms each kind of team fills (the core team and media monitors fill none on a phone).
KINDS_BY_TEAM = {
    Team.Kind.STO: (
        Checklist.Kind.OPENING,
        Checklist.Kind.VOTING,
        Checklist.Kind.COUNTING,
        Checklist.Kind.TABULATION,
        Checklist.Kind.INCIDENT,
    ),
    Team.Kind.LTO: (Checklist.Kind.LTO_WEEKLY, Checklist.Kind.INCIDENT),
}


def fillable_kinds(*, membership: Observer) -> tuple[str, ...]:
    if membership.is_core or membership.team is None:
        return ()
    return KINDS_BY_TEAM.get(membership.team.kind, ())


def openrosa_forms(*, membership: Observer) -> QuerySet[Checklist]:
    """The latest version of each kind of form the caller's team fills, in the mission's order of kinds."""
    latest = Checklist.objects.filter(mission=OuterRef("mission"), kind=OuterRef("kind")).order_by("-version")
    return (
        Checklist.objects.filter(mission_id=membership.mission_id, kind__in=fillable_kinds(membership=membership))
        .filter(version=Subquery(latest.values("version")[:1]))
        .order_by("kind")
    )


def openrosa_form(*, membership: Observer, pk: int) -> Checklist | None:
    """Any version (a phone may still hold an older one) of a form the caller's team fills."""
    kinds = fillable_kinds(membership=membership)
    return Checklist.objects.filter(mission_id=membership.mission_id, kind__in=kinds, pk=pk).first()


def team_stations(*, team: Team) -> QuerySet[PollingStation]:
    """The stations a team may report from, as submission_receive decides (station_with_plan_of): a short-term
    team's stations in the published plan, a long-term team's in the regions of its area."""
    if team.kind == Team.Kind.STO:
        published = DeploymentPlan.objects.filter(mission_id=team.mission_id, status=DeploymentPlan.Status.PUBLISHED)
        if not published.exists():
            return PollingStation.objects.none()
        stations = PollingStation.objects.filter(assignments__team=team).order_by("assignments__order")
    else:
        stations = PollingStation.objects.filter(mission_id=team.mission_id, region__in=team.area.all()).order_by(
            "code"
        )
    return stations.only("code", "name")


def stations_csv(*, membership: Observer) -> tuple[bytes, str]:
    """The team's stations as the CSV the station question chooses from (name = the station code, label = code and
    name), and its `md5:` hash; only a header when the team has none yet."""
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow(["name", "label"])
    if membership.team is not None and not membership.is_core:
        for code, name in team_stations(team=membership.team).values_list("code", "name"):
            writer.writerow([code, f"{code} — {name}"])
    content = output.getvalue().encode()
    return content, "md5:" + hashlib.md5(content, usedforsecurity=False).hexdigest()
