"""Services for teams and the election-day plan: the planner's proposal, manual changes, publication."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from mission.models import Mission, PollingStation, Region
from observers.audit.registry import audit_bulk
from observers.deployment.planner import Station, largest_remainder, place_teams, routes_in_region
from observers.deployment.sample import sample_candidates
from observers.models import Assignment, DeploymentPlan, Observer, Role, Team

WEIGHTS = ("stations", "voters")
MAX_STATIONS_PER_TEAM = 40
# Orders are renumbered in two steps past this offset, so the (team, order) unique constraint never trips.
_RENUMBER_OFFSET = 10000


@dataclass
class Proposal:
    teams_planned: int = 0
    stations_planned: int = 0
    stations_without_location: int = 0
    teams_without_region: list[str] = field(default_factory=list)
    teams_short: list[tuple[str, int]] = field(default_factory=list)


def _plan_for_update(mission: Mission) -> DeploymentPlan:
    DeploymentPlan.objects.get_or_create(mission=mission)
    return DeploymentPlan.objects.select_for_update().get(mission=mission)


def _plan_edited(mission: Mission) -> None:
    DeploymentPlan.objects.update_or_create(mission=mission, defaults={"edited_at": timezone.now()})


def _locked_team(team: Team) -> Team:
    return Team.objects.select_for_update().get(pk=team.pk)


def deployment_propose(
    *, mission: Mission, stations_per_team: int = 10, weight: str = "stations", actor=None
) -> Proposal:
    """Replace the draft plan with the planner's: short-term teams spread over regions in proportion to their
    located stations (or voters), each inside its long-term team's area, each with a short route of nearby
    stations, the first for opening and the last for counting. With a sample drawn, only its stations are routed."""
    if weight not in WEIGHTS:
        raise ValidationError(_("Weight must be one of: %(choices)s.") % {"choices": ", ".join(WEIGHTS)})
    if not 2 <= stations_per_team <= MAX_STATIONS_PER_TEAM:
        raise ValidationError(
            _("Stations per team must be between 2 (one to open, one to count) and %(max)d.")
            % {"max": MAX_STATIONS_PER_TEAM}
        )
    with transaction.atomic():
        plan = _plan_for_update(mission)
        if plan.is_published:
            raise ValidationError(_("The plan is published: withdraw it before the planner replaces it."))
        teams = dict(Team.objects.filter(mission=mission, kind=Team.Kind.STO).values_list("id", "code"))
        if not teams:
            raise ValidationError(_("The mission has no short-term teams: create them on the teams page first."))
        proposal = Proposal()
        stations_by_region: dict[int, list[Station]] = defaultdict(list)
        region_voters: dict[int, int] = defaultdict(int)
        candidates = sample_candidates(mission=mission, stations=PollingStation.objects.filter(mission=mission))
        rows = candidates.values_list("id", "region_id", "latitude", "longitude", "registered_voters")
        for pk, region, latitude, longitude, voters in rows:
            if latitude is None:
                proposal.stations_without_location += 1
                continue
            stations_by_region[region].append(Station(pk, region, latitude, longitude))
            region_voters[region] += voters

        weights = {r: len(s) if weight == "stations" else region_voters[r] for r, s in stations_by_region.items()}
        allowed = _allowed_regions(mission, teams, set(weights))
        weights = {r: w for r, w in weights.items() if w > 0 and any(r in a for a in allowed.values())}
        placeable = sum(1 for regions in allowed.values() if regions & set(weights))
        quotas = largest_remainder(placeable, weights)
        weight_sum = sum(weights.values())
        fair_shares = {r: placeable * w / weight_sum for r, w in weights.items()}
        placed = place_teams(allowed, quotas, fair_shares)

        teams_by_region: dict[int, list[int]] = defaultdict(list)
        for team_id in sorted(placed, key=lambda t: teams[t]):
            teams_by_region[placed[team_id]].append(team_id)
        assignments = []
        for region, region_teams in teams_by_region.items():
            routes = routes_in_region(stations_by_region[region], region_teams, stations_per_team)
            for team_id, route in routes.items():
                assignments.extend(_route_assignments(team_id, route))
                if len(route) < stations_per_team:
                    proposal.teams_short.append((teams[team_id], len(route)))
                proposal.teams_planned += bool(route)
        proposal.stations_planned = len(assignments)
        proposal.teams_without_region = sorted(teams[t] for t in teams if t not in placed)
        proposal.teams_short.sort()

        removed, _by_model = Assignment.objects.filter(team__mission=mission).delete()
        Assignment.objects.bulk_create(assignments, batch_size=1000)
        # Bulk writes send no signals: one audit entry each for what went and what came.
        audit_bulk(
            actor=actor,
            mission=mission,
            model=Assignment,
            action="delete",
            count=removed,
            detail=f"Planner replaced the draft plan: {removed} planned visits removed",
        )
        audit_bulk(
            actor=actor,
            mission=mission,
            model=Assignment,
            action="create",
            count=len(assignments),
            detail=f"Planner proposed {len(assignments)} visits for {proposal.teams_planned} teams "
            f"({stations_per_team} per team, by {weight})",
        )
        plan.edited_at = timezone.now()
        plan.save(update_fields=["edited_at"])
    return proposal


def _allowed_regions(mission: Mission, teams: dict[int, str], regions_with_stations: set[int]) -> dict[int, set]:
    """Each short-term team's regions: its long-term team's area, or anywhere when it has none."""
    parents = dict(Team.objects.filter(pk__in=teams).values_list("id", "parent_id"))
    areas: dict[int, set] = defaultdict(set)
    for lto_id, region_id in Team.area.through.objects.filter(team__mission=mission).values_list(
        "team_id", "region_id"
    ):
        areas[lto_id].add(region_id)
    return {
        team: set(areas[parents[team]]) if areas.get(parents[team]) else set(regions_with_stations) for team in teams
    }


def _route_assignments(team_id: int, route: list[Station]) -> list[Assignment]:
    def purpose(position: int) -> str:
        if position == 0:
            return Assignment.Purpose.OPENING
        if position == len(route) - 1:
            return Assignment.Purpose.COUNTING
        return Assignment.Purpose.VOTING

    return [
        Assignment(team_id=team_id, polling_station_id=station.id, order=position + 1, purpose=purpose(position))
        for position, station in enumerate(route)
    ]


def assignment_add(*, team: Team, station: PollingStation) -> Assignment:
    """Add a station to a short-term team's route as a voting visit: at the end, or just before the counting
    station when the route ends with one (counting closes the day)."""
    if team.kind != Team.Kind.STO:
        raise ValidationError(
            _("Team %(team)s is a long-term team: only short-term teams get stations.") % {"team": team.code}
        )
    if station.mission_id != team.mission_id:
        raise ValidationError(_("Polling station %(code)s belongs to another mission.") % {"code": station.code})
    with transaction.atomic():
        _locked_team(team)
        if Assignment.objects.filter(team=team, polling_station=station).exists():
            raise ValidationError(
                _("Polling station %(code)s is already in team %(team)s's route.")
                % {"code": station.code, "team": team.code}
            )
        route = list(Assignment.objects.filter(team=team).order_by("order").values_list("id", "purpose"))
        assignment = Assignment.objects.create(team=team, polling_station=station, order=0)  # placed just below
        ids = [pk for pk, _purpose in route]
        ids.insert(len(ids) - 1 if route and route[-1][1] == Assignment.Purpose.COUNTING else len(ids), assignment.pk)
        _renumber(team, ids)
        assignment.refresh_from_db(fields=["order"])
        _plan_edited(team.mission)
    return assignment


def assignment_remove(*, assignment: Assignment) -> None:
    with transaction.atomic():
        team = _locked_team(assignment.team)
        assignment.delete()
        _renumber(team, list(Assignment.objects.filter(team=team).order_by("order").values_list("id", flat=True)))
        _plan_edited(team.mission)


def assignment_move(*, assignment: Assignment, position: int, actor=None) -> None:
    """Put a station at `position` (1 = first) of its team's route; the others keep their order."""
    with transaction.atomic():
        team = _locked_team(assignment.team)
        ids = list(Assignment.objects.filter(team=team).order_by("order").values_list("id", flat=True))
        if not 1 <= position <= len(ids):
            raise ValidationError(_("Position must be between 1 and %(last)d.") % {"last": len(ids)})
        ids.remove(assignment.pk)
        ids.insert(position - 1, assignment.pk)
        _renumber(team, ids)
        _plan_edited(team.mission)
        audit_bulk(
            actor=actor,
            mission=team.mission,
            model=Assignment,
            action="update",
            count=len(ids),
            detail=f"Team {team.code}: {assignment.polling_station.code} moved to position {position}",
        )


def _renumber(team: Team, ordered_ids: list[int]) -> None:
    Assignment.objects.filter(team=team).update(order=F("order") + _RENUMBER_OFFSET)
    rows = [Assignment(pk=pk, order=position) for position, pk in enumerate(ordered_ids, start=1)]
    Assignment.objects.bulk_update(rows, ["order"])


def assignment_set_purpose(*, assignment: Assignment, purpose: str, actor=None) -> None:
    """A team opens at one station and counts at one: giving a station that purpose makes the old one voting."""
    if purpose not in Assignment.Purpose.values:
        raise ValidationError(
            _("Purpose must be one of: %(choices)s.") % {"choices": ", ".join(Assignment.Purpose.values)}
        )
    with transaction.atomic():
        team = _locked_team(assignment.team)
        if purpose != Assignment.Purpose.VOTING:
            Assignment.objects.filter(team=team, purpose=purpose).exclude(pk=assignment.pk).update(
                purpose=Assignment.Purpose.VOTING
            )
        Assignment.objects.filter(pk=assignment.pk).update(purpose=purpose)
        _plan_edited(team.mission)
        audit_bulk(
            actor=actor,
            mission=team.mission,
            model=Assignment,
            action="update",
            count=1,
            detail=f"Team {team.code}: {assignment.polling_station.code} marked for {purpose}",
        )


def deployment_publish(*, mission: Mission, user) -> DeploymentPlan:
    """Show the plan to the observers' phones. Later changes reach them at once: the page says so."""
    with transaction.atomic():
        plan = _plan_for_update(mission)
        if not Assignment.objects.filter(team__mission=mission).exists():
            raise ValidationError(_("The plan has no stations yet: propose one or add stations to teams first."))
        plan.status = DeploymentPlan.Status.PUBLISHED
        plan.published_at = timezone.now()
        plan.published_by = user
        plan.save(update_fields=["status", "published_at", "published_by"])
    return plan


def deployment_withdraw(*, mission: Mission) -> DeploymentPlan:
    """Back to draft: observers no longer see the plan (the last publication's time and author are kept)."""
    with transaction.atomic():
        plan = _plan_for_update(mission)
        plan.status = DeploymentPlan.Status.DRAFT
        plan.save(update_fields=["status"])
    return plan


def team_save(
    *,
    mission: Mission,
    team: Team | None,
    kind: str,
    code: str,
    members: list[Observer],
    parent: Team | None = None,
    area: list[Region] = (),
    base_city: str = "",
    interpreter: str = "",
    driver: str = "",
    actor=None,
) -> Team:
    """Create or change a team and who is in it. Members leave any team they were in before."""
    role = Role.LTO if kind == Team.Kind.LTO else Role.STO
    if any(m.mission_id != mission.pk or m.role != role for m in members):
        raise ValidationError(
            _("Members must be observers of this mission with the team's role (long- or short-term).")
        )
    if parent is not None and (parent.mission_id != mission.pk or parent.kind != Team.Kind.LTO):
        raise ValidationError(_("The parent must be a long-term team of this mission."))
    if any(region.mission_id != mission.pk for region in area):
        raise ValidationError(_("The area may hold only this mission's regions."))
    if Team.objects.filter(mission=mission, code=code).exclude(pk=team.pk if team else None).exists():
        raise ValidationError(_("Team code %(code)s is taken: choose another.") % {"code": code})
    with transaction.atomic():
        team = team or Team(mission=mission, kind=kind)
        team.code, team.base_city, team.interpreter, team.driver = code, base_city, interpreter, driver
        team.parent = parent if kind == Team.Kind.STO else None
        team.save()
        team.area.set(area if kind == Team.Kind.LTO else [])
        left = Observer.objects.filter(team=team).exclude(pk__in=[m.pk for m in members]).update(team=None)
        Observer.objects.filter(pk__in=[m.pk for m in members]).update(team=team)
        names = ", ".join(sorted(m.full_name for m in members)) or "nobody"
        audit_bulk(
            actor=actor,
            mission=mission,
            model=Observer,
            action="update",
            count=len(members) + left,
            detail=f"Team {code} members: {names}",
        )
    return team
