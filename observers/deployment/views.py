"""Pages for teams and the election-day plan: coordinators edit; analysts see coverage and the map."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config import security_headers
from mission.models import PollingStation, Region
from observers.deployment import services as deployment
from observers.deployment.forms import (
    MapViewForm,
    MoveForm,
    ProposeForm,
    PurposeForm,
    StationFilterForm,
    TeamFilterForm,
    TeamForm,
)
from observers.deployment.pdf import region_plan_pdf, team_route_pdf
from observers.deployment.selectors import (
    STATION_GAPS,
    coverage_by_region,
    deployment_plan_get,
    lto_teams_filtered,
    map_bounds,
    map_filters,
    map_stations,
    map_view,
    plan_proposal_latest,
    plan_proposal_state,
    proposal_changes,
    publish_changes,
    route_points,
    station_counts,
    stations_listed,
    stations_to_pick,
    sto_teams_filtered,
    team_route,
    withdraw_changes,
)
from observers.models import Assignment, PlanProposal, Role, Team
from observers.permissions import coordinator_required, core_required

STATIONS_PER_PAGE = 50
TEAMS_PER_PAGE = 50


def _sto_team(request, pk: int) -> Team:
    return get_object_or_404(Team, pk=pk, mission=request.membership.mission, kind=Team.Kind.STO)


def _assignment(request, pk: int) -> Assignment:
    return get_object_or_404(
        Assignment.objects.select_related("team", "polling_station"), pk=pk, team__mission=request.membership.mission
    )


def _wants_json(request) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


# Teams


@require_GET
@coordinator_required
def team_list(request):
    """Both kinds of team, searched by code, member or base city, each list paginated on its own."""
    mission = request.membership.mission
    search = request.GET.get("q", "").strip()[:100]
    lto = Paginator(lto_teams_filtered(mission=mission, search=search), TEAMS_PER_PAGE)
    sto = Paginator(sto_teams_filtered(mission=mission, search=search), TEAMS_PER_PAGE)
    query = request.GET.copy()
    for key in ("page", "lto_page"):
        query.pop(key, None)
    context = {
        "search": search,
        "lto_page": lto.get_page(request.GET.get("lto_page")),
        "sto_page": sto.get_page(request.GET.get("page")),
        "query": query.urlencode(),
    }
    return render(request, "deployment/teams.html", context)


@coordinator_required
def team_edit(request, pk: int | None = None):
    mission = request.membership.mission
    team = get_object_or_404(Team, pk=pk, mission=mission) if pk else None
    kind = team.kind if team else request.GET.get("kind")
    if kind not in Team.Kind.values:
        raise Http404("Unknown team kind")
    initial = _team_initial(team) if team else {}
    form = TeamForm(request.POST if request.method == "POST" else None, mission=mission, kind=kind, initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        try:
            team = deployment.team_save(
                mission=mission,
                team=team,
                kind=kind,
                code=data["code"],
                members=list(data["members"]),
                parent=data.get("parent"),
                area=list(data.get("area") or []),
                base_city=data.get("base_city", ""),
                interpreter=data["interpreter"],
                driver=data["driver"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Team %(code)s saved.") % {"code": team.code})
            size = len(data["members"])
            if size != 2:
                messages.warning(
                    request,
                    ngettext(
                        "Team %(code)s has %(count)d member; teams are usually two observers.",
                        "Team %(code)s has %(count)d members; teams are usually two observers.",
                        size,
                    )
                    % {"code": team.code, "count": size},
                )
            return redirect("deployment:teams")
    status = 400 if form.is_bound else 200
    return render(request, "deployment/team_form.html", {"form": form, "team": team, "kind": kind}, status=status)


def _team_initial(team: Team) -> dict:
    return {
        "code": team.code,
        "members": list(team.members.all()),
        "parent": team.parent,
        "area": list(team.area.all()),
        "base_city": team.base_city,
        "interpreter": team.interpreter,
        "driver": team.driver,
    }


# The plan


def _page_query(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _render_plan(request, *, propose_form: ProposeForm | None = None, status: int = 200):
    mission = request.membership.mission
    filter_form = TeamFilterForm(request.GET or None, mission=mission)
    teams = sto_teams_filtered(mission=mission, **(filter_form.filters() if filter_form.is_bound else {}))
    plan = deployment_plan_get(mission=mission)
    proposal = plan_proposal_latest(mission=mission)
    state = plan_proposal_state(proposal) if proposal else None
    context = {
        "plan": plan,
        "page": Paginator(teams, TEAMS_PER_PAGE).get_page(request.GET.get("page")),
        "query": _page_query(request),
        "filter_form": filter_form,
        "coverage": coverage_by_region(mission=mission),
        "propose_form": propose_form or ProposeForm(),
        "proposal": proposal,
        "proposal_state": state,
        "proposal_changes": (
            proposal_changes(proposal=PlanProposal.objects.select_related("mission").get(pk=proposal.pk))
            if state and state["status"] == PlanProposal.Status.DONE
            else None
        ),
        "plan_edited_at": plan.edited_at.isoformat() if plan.edited_at else "",
    }
    return render(request, "deployment/plan.html", context, status=status)


@require_GET
@coordinator_required
def plan(request):
    return _render_plan(request)


@require_POST
@coordinator_required
def plan_propose(request):
    """Queue the planner: the plan page shows its progress, then what its plan would change, to apply or not."""
    form = ProposeForm(request.POST)
    if not form.is_valid():
        return _render_plan(request, propose_form=form, status=400)
    try:
        deployment.plan_proposal_request(
            mission=request.membership.mission, requested_by=request.user, **form.cleaned_data
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _render_plan(request, propose_form=form, status=400)
    messages.info(request, _("The planner is at work: this page shows how far it is, then what its plan changes."))
    return redirect("deployment:plan")


def _proposal(request, pk: int) -> PlanProposal:
    return get_object_or_404(
        PlanProposal.objects.select_related("job", "mission"), pk=pk, mission=request.membership.mission
    )


@require_GET
@coordinator_required
def plan_proposal_status(request, pk: int):
    return JsonResponse(plan_proposal_state(_proposal(request, pk)))


@require_POST
@coordinator_required
def plan_proposal_apply(request, pk: int):
    proposal = _proposal(request, pk)
    try:
        count = deployment.plan_proposal_apply(
            proposal=proposal, plan_edited_at=request.POST.get("plan_edited_at", ""), actor=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _render_plan(request, status=400)
    summary = proposal.summary
    messages.success(
        request,
        _(
            "The planner's plan is in the draft: %(stations)d stations for %(teams)d teams; "
            "%(skipped)d stations without coordinates were left out."
        )
        % {
            "stations": count,
            "teams": summary.get("teams_planned", 0),
            "skipped": summary.get("stations_without_location", 0),
        },
    )
    return redirect("deployment:plan")


@require_POST
@coordinator_required
def plan_proposal_discard(request, pk: int):
    try:
        deployment.plan_proposal_discard(proposal=_proposal(request, pk))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _render_plan(request, status=400)
    messages.success(request, _("The proposal is discarded; the draft is as it was."))
    return redirect("deployment:plan")


def _confirm(request, *, action: str, changes: dict, status: int = 200):
    context = {"action": action, "changes": changes, "plan": deployment_plan_get(mission=request.membership.mission)}
    return render(request, "deployment/plan_confirm.html", context, status=status)


@require_http_methods(["GET", "POST"])
@coordinator_required
def plan_publish(request):
    """GET asks, showing what observers will see; the POST of that page publishes."""
    mission = request.membership.mission
    if request.method == "GET":
        return _confirm(request, action="publish", changes=publish_changes(mission=mission))
    try:
        deployment.deployment_publish(mission=mission, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _confirm(request, action="publish", changes=publish_changes(mission=mission), status=400)
    messages.success(request, _("The plan is published: observers see their team's stations."))
    return redirect("deployment:plan")


@require_http_methods(["GET", "POST"])
@coordinator_required
def plan_withdraw(request):
    """GET asks, showing how many observers lose their plan; the POST of that page withdraws."""
    mission = request.membership.mission
    if request.method == "GET":
        return _confirm(request, action="withdraw", changes=withdraw_changes(mission=mission))
    deployment.deployment_withdraw(mission=mission)
    messages.success(request, _("The plan is back to draft: observers no longer see it."))
    return redirect("deployment:plan")


@require_GET
@coordinator_required
def team_plan(request, pk: int):
    return _render_team_plan(request, _sto_team(request, pk))


def _render_team_plan(request, team: Team, *, status: int = 200):
    """The team's route and the stations to add: filtered by the query string, at first to the region the
    route starts in. Re-shown with 400 on bad input."""
    mission = request.membership.mission
    route = list(team_route(team=team))
    filters = request.GET or ({"region": str(route[0].polling_station.region_id)} if route else None)
    filter_form = StationFilterForm(filters, mission=mission)
    stations = stations_to_pick(mission=mission, **filter_form.filters())
    page = Paginator(stations, STATIONS_PER_PAGE).get_page(request.GET.get("page"))
    purposes = {a.purpose for a in route}
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "team": team,
        "route": route,
        "in_route": {a.polling_station_id for a in route},
        "missing_purposes": [
            p.label for p in (Assignment.Purpose.OPENING, Assignment.Purpose.COUNTING) if route and p not in purposes
        ],
        "filter_form": filter_form,
        "page": page,
        "query": query.urlencode(),
        "purposes": Assignment.Purpose.choices,
        "plan": deployment_plan_get(mission=mission),
    }
    return render(request, "deployment/team_plan.html", context, status=status)


def _refused(request, team: Team, message: str):
    """Bad input: 400 with the reason, as JSON for the map or on the team's page."""
    if _wants_json(request):
        return JsonResponse({"error": message}, status=400)
    messages.error(request, message)
    return _render_team_plan(request, team, status=400)


def _back_to_team(request, team: Team):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("deployment:team-plan", pk=team.pk)


@require_POST
@coordinator_required
def team_plan_add(request, pk: int):
    team = _sto_team(request, pk)
    station_id = request.POST.get("station", "")
    if not station_id.isdigit():
        return _refused(
            request, team, _("Choose a polling station: 'station' must be a station's id (a whole number).")
        )
    station = get_object_or_404(PollingStation, pk=station_id, mission=request.membership.mission)
    try:
        deployment.assignment_add(team=team, station=station)
    except ValidationError as error:
        return _refused(request, team, " ".join(error.messages))
    if _wants_json(request):
        return JsonResponse({"route": route_points(team=team)})
    messages.success(request, _("%(station)s added to team %(team)s.") % {"station": station.code, "team": team.code})
    return _back_to_team(request, team)


@require_POST
@coordinator_required
def assignment_remove(request, pk: int):
    assignment = _assignment(request, pk)
    deployment.assignment_remove(assignment=assignment)
    return _back_to_team(request, assignment.team)


def _assignment_change(request, pk: int, form_class, change, invalid: str):
    """Parse the form and apply `change` (a service taking the form's fields) to one station of a route."""
    assignment = _assignment(request, pk)
    form = form_class(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(invalid)
        change(assignment=assignment, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        return _refused(request, assignment.team, " ".join(error.messages))
    return _back_to_team(request, assignment.team)


@require_POST
@coordinator_required
def assignment_move(request, pk: int):
    return _assignment_change(
        request, pk, MoveForm, deployment.assignment_move, _("Give the new position as a whole number from 1.")
    )


@require_POST
@coordinator_required
def assignment_purpose(request, pk: int):
    return _assignment_change(
        request, pk, PurposeForm, deployment.assignment_set_purpose, _("Choose opening, voting or counting.")
    )


# Printable lists


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@coordinator_required
def team_plan_pdf(request, pk: int):
    team = _sto_team(request, pk)
    return _pdf_response(team_route_pdf(team=team), f"deployment-{team.code}.pdf")


@require_GET
@coordinator_required
def region_plan_pdf_view(request, pk: int):
    region = get_object_or_404(Region, pk=pk, mission=request.membership.mission)
    return _pdf_response(region_plan_pdf(region=region), f"deployment-{region.code}.pdf")


# Coverage, the station list and the map: the whole core team

STATION_LIST_PER_PAGE = 100


@require_GET
@core_required
def station_list(request):
    """Every polling station of the mission, 100 a page: searched, by region, those without a location or voters,
    or those the latest import created (where the import's page links to)."""
    mission = request.membership.mission
    search = request.GET.get("q", "").strip()[:100]
    region = request.GET.get("region", "")
    region = int(region) if region.isdigit() else None
    gap = request.GET.get("gap", "")
    gap = gap if gap in STATION_GAPS else ""
    last_import = mission.station_imports.filter(undone_at__isnull=True).order_by("-pk").first()
    from_import = last_import if request.GET.get("import") == "last" and last_import else None
    stations = stations_listed(mission=mission, search=search, region=region, gap=gap, last_import=from_import)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": Paginator(stations, STATION_LIST_PER_PAGE).get_page(request.GET.get("page")),
        "search": search,
        "region": region,
        "gap": gap,
        "from_import": from_import,
        "last_import": last_import,
        "regions": Region.objects.filter(mission=mission).order_by("code"),
        "query": query.urlencode(),
    }
    return render(request, "deployment/stations.html", context)


@require_GET
@core_required
def coverage(request):
    return render(
        request, "deployment/coverage.html", {"coverage": coverage_by_region(mission=request.membership.mission)}
    )


@require_GET
@core_required
@security_headers.map_page
def map_page(request):
    mission = request.membership.mission
    can_edit = request.membership.role == Role.COORDINATOR
    config = {
        "stations": reverse("deployment:map-stations"),
        "view": reverse("deployment:map-view"),
        "bounds": map_bounds(mission=mission),
        "route": reverse("deployment:map-route", args=[0]),
        "add": reverse("deployment:team-plan-add", args=[0]) if can_edit else None,
        "team": request.GET.get("team") or None,
        "strings": {
            "add": _("Add to team"),
            "plannedFor": _("Planned for"),
            "observed": _("observed"),
            "shown": _("stations shown"),
            "planned": _("planned"),
            "none": _("No stations with coordinates here."),
            "clustered": _("zoom in to see single stations"),
            "loadError": _("Could not load the map data: reload the page."),
        },
    }
    context = {
        **map_filters(mission=mission),
        "counts": station_counts(mission=mission),  # the dashboard's and the monitor's figure
        "config": config,
        "can_edit": can_edit,
        # django-leaflet's reset-view button shows blank (its icon URL lacks url(...)); the region filter does that job.
        "leaflet_overrides": {"RESET_VIEW": False},
    }
    return render(request, "deployment/map.html", context)


def _compact_json(data) -> HttpResponse:
    return HttpResponse(json.dumps(data, separators=(",", ":"), ensure_ascii=False), content_type="application/json")


@require_GET
@gzip_page
@core_required
def map_stations_json(request):
    region = request.GET.get("region") or None
    if region is not None and not region.isdigit():
        return JsonResponse({"error": _("region must be a region's id (a whole number).")}, status=400)
    rows = map_stations(mission=request.membership.mission, region_id=region)
    return _compact_json({"fields": ["id", "code", "name", "lat", "lon", "region", "status", "team"], "rows": rows})


@require_GET
@gzip_page
@core_required
def map_view_json(request):
    """What the map shows of a view: ?bbox=west,south,east,north&zoom=N[&region=ID]: the stations in it, or
    clusters when there are many; ?region=ID alone: the bounds of the region's stations, to fit the map to."""
    form = MapViewForm(request.GET)
    if not form.is_valid():
        problems = "; ".join(f"{field}: {' '.join(errors)}" for field, errors in form.errors.items())
        return JsonResponse({"error": problems}, status=400)
    mission, data = request.membership.mission, form.cleaned_data
    if data["bbox"] is None:
        return _compact_json({"bounds": map_bounds(mission=mission, region_id=data["region"])})
    if data["zoom"] is None:
        return JsonResponse({"error": _("zoom: give the map's zoom level (0 to 22) with its bbox.")}, status=400)
    view = map_view(mission=mission, bbox=data["bbox"], zoom=data["zoom"], region_id=data["region"])
    return _compact_json({"fields": ["id", "code", "name", "lat", "lon", "region", "status", "team"], **view})


@require_GET
@core_required
def map_route_json(request, pk: int):
    team = _sto_team(request, pk)
    return _compact_json({"team": team.code, "route": route_points(team=team)})
