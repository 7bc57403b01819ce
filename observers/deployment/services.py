"""Services for teams and the election-day plan: the planner's proposal, manual changes, publication."""

from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from mission.models import Mission, PollingStation, Region
from observers.audit.registry import audit_bulk
from observers.deployment.planner import Station, largest_remainder, place_teams, routes_in_region
from observers.deployment.sample import sample_candidates
from observers.models import Assignment, DeploymentPlan, Observer, OutboxJob, PlanProposal, Role, Team

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


def _propose_check(*, mission: Mission, stations_per_team: int, weight: str) -> None:
    if weight not in WEIGHTS:
        raise ValidationError(_("Weight must be one of: %(choices)s.") % {"choices": ", ".join(WEIGHTS)})
    if not 2 <= stations_per_team <= MAX_STATIONS_PER_TEAM:
        raise ValidationError(
            _("Stations per team must be between 2 (one to open, one to count) and %(max)d.")
            % {"max": MAX_STATIONS_PER_TEAM}
        )
    if DeploymentPlan.objects.filter(mission=mission, status=DeploymentPlan.Status.PUBLISHED).exists():
        raise ValidationError(_("The plan is published: withdraw it before the planner replaces it."))
    if not Team.objects.filter(mission=mission, kind=Team.Kind.STO).exists():
        raise ValidationError(_("The mission has no short-term teams: create them on the teams page first."))


def deployment_compute(
    *, mission: Mission, stations_per_team: int = 10, weight: str = "stations", on_stage=None
) -> tuple[Proposal, list[Assignment]]:
    """The planner's plan, computed and not saved: short-term teams spread over regions in proportion to their
    located stations (or voters), each inside its long-term team's area, each with a short route of nearby
    stations, the first for opening and the last for counting; with a sample drawn, only its stations are routed.
    `on_stage(stage, per_cent)` hears how far it is."""
    _propose_check(mission=mission, stations_per_team=stations_per_team, weight=weight)
    report = on_stage or (lambda stage, progress: None)
    Stage = PlanProposal.Stage
    report(Stage.READING, 5)
    teams = dict(Team.objects.filter(mission=mission, kind=Team.Kind.STO).values_list("id", "code"))
    proposal = Proposal()
    stations_by_region: dict[int, list[Station]] = defaultdict(list)
    region_voters: dict[int, int] = defaultdict(int)
    candidates = sample_candidates(mission=mission, stations=PollingStation.objects.filter(mission=mission))
    rows = candidates.values_list("id", "region_id", "latitude", "longitude", "registered_voters")
    for pk, region, latitude, longitude, voters in rows.iterator(chunk_size=10_000):
        if latitude is None:
            proposal.stations_without_location += 1
            continue
        stations_by_region[region].append(Station(pk, region, latitude, longitude))
        region_voters[region] += voters

    report(Stage.PLACING, 15)
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
    total = sum(len(stations_by_region[r]) for r in teams_by_region) or 1
    done = 0
    report(Stage.ROUTING, 20)
    for region, region_teams in sorted(teams_by_region.items()):
        routes = routes_in_region(stations_by_region[region], region_teams, stations_per_team)
        for team_id, route in routes.items():
            assignments.extend(_route_assignments(team_id, route))
            if len(route) < stations_per_team:
                proposal.teams_short.append((teams[team_id], len(route)))
            proposal.teams_planned += bool(route)
        done += len(stations_by_region[region])
        report(Stage.ROUTING, 20 + 75 * done // total)
    proposal.stations_planned = len(assignments)
    proposal.teams_without_region = sorted(teams[t] for t in teams if t not in placed)
    proposal.teams_short.sort()
    return proposal, assignments


def _assignments_replace(*, mission: Mission, assignments: list[Assignment], actor, detail: str) -> int:
    """Inside the caller's transaction, with the plan locked: the draft's visits replaced by `assignments`."""
    removed, _by_model = Assignment.objects.filter(team__mission=mission).delete()
    Assignment.objects.bulk_create(assignments, batch_size=2000)
    # Bulk writes send no signals: one audit entry each for what went and what came.
    audit_bulk(
        actor=actor,
        mission=mission,
        model=Assignment,
        action="delete",
        count=removed,
        detail=f"Planner replaced the draft plan: {removed} planned visits removed",
    )
    audit_bulk(actor=actor, mission=mission, model=Assignment, action="create", count=len(assignments), detail=detail)
    return removed


def deployment_propose(
    *, mission: Mission, stations_per_team: int = 10, weight: str = "stations", actor=None
) -> Proposal:
    """Replace the draft plan with the planner's at once (the demo and scripts; the page runs it in the
    background: plan_proposal_request)."""
    proposal, assignments = deployment_compute(mission=mission, stations_per_team=stations_per_team, weight=weight)
    with transaction.atomic():
        plan = _plan_for_update(mission)
        if plan.is_published:
            raise ValidationError(_("The plan is published: withdraw it before the planner replaces it."))
        _assignments_replace(
            mission=mission,
            assignments=assignments,
            actor=actor,
            detail=f"Planner proposed {len(assignments)} visits for {proposal.teams_planned} teams "
            f"({stations_per_team} per team, by {weight})",
        )
        plan.edited_at = timezone.now()
        plan.save(update_fields=["edited_at"])
    return proposal


# The planner in the background: a status row (PlanProposal) run by an outbox job, its progress polled by the page.


def plan_proposal_request(
    *, mission: Mission, stations_per_team: int = 10, weight: str = "stations", requested_by=None
) -> PlanProposal:
    """Queue a run of the planner (refused at once when it could not run); the draft is not touched until the
    coordinator has seen what the proposal changes and applies it."""
    from observers.outbox.services import outbox_add  # the outbox's handlers import this module

    _propose_check(mission=mission, stations_per_team=stations_per_team, weight=weight)
    with transaction.atomic():
        plan = _plan_for_update(mission)
        running = PlanProposal.objects.filter(
            mission=mission, status__in=(PlanProposal.Status.QUEUED, PlanProposal.Status.RUNNING)
        ).exclude(job__status=OutboxJob.Status.FAILED)
        if running.exists():
            raise ValidationError(_("The planner is already working on a proposal: wait for it to finish."))
        proposal = PlanProposal.objects.create(
            mission=mission,
            stations_per_team=stations_per_team,
            weight=weight,
            requested_by=requested_by,
            plan_edited_at=plan.edited_at,
        )
        proposal.job = outbox_add(
            mission_id=mission.pk, kind=OutboxJob.Kind.DEPLOYMENT_PROPOSE, payload={"proposal_id": proposal.pk}
        )
        proposal.save(update_fields=["job"])
    return proposal


def plan_proposals_run(payloads: list[dict]) -> None:
    """The outbox's handler: each proposal computed, its routes stored, in the job's transaction (a worker that
    dies leaves the job pending, and it runs again). Its stage and progress are written at once on a connection
    of their own, so the page sees them while the job's transaction is open."""
    for payload in payloads:
        _proposal_run(payload["proposal_id"])


def _proposal_run(proposal_id: int) -> None:
    proposal = PlanProposal.objects.select_related("mission").filter(pk=proposal_id).first()
    if proposal is None or proposal.status in (PlanProposal.Status.DONE, PlanProposal.Status.FAILED):
        return
    with _progress_writer(proposal_id) as progress:
        progress(PlanProposal.Stage.WAITING, 0)
        try:
            result, assignments = deployment_compute(
                mission=proposal.mission,
                stations_per_team=proposal.stations_per_team,
                weight=proposal.weight,
                on_stage=progress,
            )
        except ValidationError as error:
            PlanProposal.objects.filter(pk=proposal_id).update(
                status=PlanProposal.Status.FAILED, error=" ".join(error.messages), finished_at=timezone.now()
            )
            return
    PlanProposal.objects.filter(pk=proposal_id).update(
        status=PlanProposal.Status.DONE,
        stage=PlanProposal.Stage.DONE,
        progress=100,
        finished_at=timezone.now(),
        summary={
            "teams_planned": result.teams_planned,
            "stations_planned": result.stations_planned,
            "stations_without_location": result.stations_without_location,
            "teams_without_region": result.teams_without_region,
            "teams_short": result.teams_short,
        },
        routes=[[a.team_id, a.polling_station_id, a.order, a.purpose] for a in assignments],
    )


@contextmanager
def _progress_writer(proposal_id: int):
    """A function (stage, per cent) that marks the proposal running there, committed at once: on PostgreSQL through
    a connection of its own (the job's transaction commits only at the end); elsewhere (SQLite, the embedded mode,
    which runs the job in the request) in the current one."""
    table = PlanProposal._meta.db_table
    sql = (
        f"UPDATE {table} SET status = %s, stage = %s, progress = %s, started_at = COALESCE(started_at, %s)"
        " WHERE id = %s AND status IN (%s, %s)"
    )
    side = connections.create_connection(DEFAULT_DB_ALIAS) if connection.vendor == "postgresql" else None

    def write(stage: str, progress: int) -> None:
        params = [PlanProposal.Status.RUNNING, stage, progress, timezone.now(), proposal_id]
        params += [PlanProposal.Status.QUEUED, PlanProposal.Status.RUNNING]
        with (side or connection).cursor() as cursor:
            cursor.execute(sql, params)

    try:
        yield write
    finally:
        if side is not None:
            side.close()


def plan_proposal_apply(*, proposal: PlanProposal, plan_edited_at: str, actor=None) -> int:
    """Replace the draft's visits with the proposal's; refused when the plan is published or changed since the
    coordinator saw what the proposal changes (`plan_edited_at`, as the confirmation page showed it)."""
    if proposal.status != PlanProposal.Status.DONE:
        raise ValidationError(_("This proposal is not ready: wait until the planner has finished."))
    if proposal.applied_at is not None:
        raise ValidationError(_("This proposal is in the draft already."))
    with transaction.atomic():
        plan = _plan_for_update(proposal.mission)
        if plan.is_published:
            raise ValidationError(_("The plan is published: withdraw it before the planner replaces it."))
        if plan_edited_at != (plan.edited_at.isoformat() if plan.edited_at else ""):
            raise ValidationError(
                _("The draft has changed since these changes were worked out: review them again before applying.")
            )
        _proposal_still_fits(proposal)
        assignments = [
            Assignment(team_id=team, polling_station_id=station, order=order, purpose=purpose)
            for team, station, order, purpose in proposal.routes
        ]
        summary = proposal.summary
        _assignments_replace(
            mission=proposal.mission,
            assignments=assignments,
            actor=actor,
            detail=f"Planner proposed {len(assignments)} visits for {summary.get('teams_planned', 0)} teams "
            f"({proposal.stations_per_team} per team, by {proposal.weight})",
        )
        plan.edited_at = timezone.now()
        plan.save(update_fields=["edited_at"])
        proposal.applied_at = timezone.now()
        proposal.save(update_fields=["applied_at"])
    return len(assignments)


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


def _proposal_still_fits(proposal: PlanProposal) -> None:
    """Its teams and stations are all still the mission's (an import undone or a team removed since would leave
    visits to nothing)."""
    teams = {team for team, _station, _order, _purpose in proposal.routes}
    stations = {station for _team, station, _order, _purpose in proposal.routes}
    mission = proposal.mission
    if Team.objects.filter(mission=mission, kind=Team.Kind.STO, pk__in=teams).count() != len(teams) or (
        PollingStation.objects.filter(mission=mission, pk__in=stations).count() != len(stations)
    ):
        raise ValidationError(
            _("Teams or stations of this proposal have been removed since it was made: propose again.")
        )


def plan_proposal_discard(*, proposal: PlanProposal) -> None:
    """Forget a finished proposal (the draft is untouched); one still being computed is left to finish."""
    if proposal.is_running and not (proposal.job and proposal.job.status == OutboxJob.Status.FAILED):
        raise ValidationError(_("The planner is still working on this proposal: wait for it to finish."))
    proposal.delete()
