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
from django.views.decorators.http import require_GET, require_POST

from config import security_headers
from mission.models import PollingStation, Region
from observers.deployment import services as deployment
from observers.deployment.forms import MoveForm, ProposeForm, PurposeForm, StationFilterForm, TeamForm
from observers.deployment.pdf import region_plan_pdf, team_route_pdf
from observers.deployment.selectors import (
    coverage_by_region,
    deployment_plan_get,
    lto_teams,
    map_filters,
    map_stations,
    route_points,
    station_counts,
    stations_to_pick,
    sto_teams,
    team_route,
)
from observers.models import Assignment, Role, Team
from observers.permissions import coordinator_required, core_required

STATIONS_PER_PAGE = 50


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
    mission = request.membership.mission
    return render(
        request,
        "deployment/teams.html",
        {"lto_teams": lto_teams(mission=mission), "sto_teams": sto_teams(mission=mission)},
    )


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


def _render_plan(request, *, propose_form: ProposeForm | None = None, status: int = 200):
    mission = request.membership.mission
    context = {
        "plan": deployment_plan_get(mission=mission),
        "teams": sto_teams(mission=mission),
        "coverage": coverage_by_region(mission=mission),
        "propose_form": propose_form or ProposeForm(),
    }
    return render(request, "deployment/plan.html", context, status=status)


@require_GET
@coordinator_required
def plan(request):
    return _render_plan(request)


@require_POST
@coordinator_required
def plan_propose(request):
    form = ProposeForm(request.POST)
    if not form.is_valid():
        return _render_plan(request, propose_form=form, status=400)
    try:
        proposal = deployment.deployment_propose(
            mission=request.membership.mission, actor=request.user, **form.cleaned_data
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _render_plan(request, propose_form=form, status=400)
    messages.success(
        request,
        _(
            "The planner gave %(stations)d stations to %(teams)d teams; "
            "%(skipped)d stations without coordinates were left out."
        )
        % {
            "stations": proposal.stations_planned,
            "teams": proposal.teams_planned,
            "skipped": proposal.stations_without_location,
        },
    )
    if proposal.teams_without_region:
        messages.warning(
            request,
            _("No region with located stations in the area of: %(teams)s.")
            % {"teams": ", ".join(proposal.teams_without_region)},
        )
    if proposal.teams_short:
        short = ", ".join(f"{code} ({count})" for code, count in proposal.teams_short)
        messages.warning(request, _("Their regions ran short of stations: %(teams)s.") % {"teams": short})
    return redirect("deployment:plan")


@require_POST
@coordinator_required
def plan_publish(request):
    try:
        deployment.deployment_publish(mission=request.membership.mission, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _render_plan(request, status=400)
    messages.success(request, _("The plan is published: observers see their team's stations."))
    return redirect("deployment:plan")


@require_POST
@coordinator_required
def plan_withdraw(request):
    deployment.deployment_withdraw(mission=request.membership.mission)
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


# Coverage and the map: the whole core team


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
@core_required
def map_route_json(request, pk: int):
    team = _sto_team(request, pk)
    return _compact_json({"team": team.code, "route": route_points(team=team)})
