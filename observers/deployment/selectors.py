"""Reads for teams and the election-day plan: lists, coverage and map data, counted in the database."""

from django.db.models import (
    Avg,
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Floor, NullIf
from django.utils.translation import get_language

from mission.models import Mission, PollingStation, Region
from observers.models import Assignment, DeploymentPlan, Observer, OutboxJob, PlanProposal, Submission, Team

STATUS_NOT_PLANNED, STATUS_PLANNED, STATUS_OBSERVED = 0, 1, 2


def _routes(mission: Mission) -> QuerySet[Assignment]:
    """The one meaning of "planned": a station a team has on its route, whatever the plan's state, on the
    dashboard, the monitor, the plan's coverage and the map. Read from the routes (a station in ten is on one),
    never by asking each of the mission's stations."""
    return Assignment.objects.filter(team__mission=mission)


def _planned_ids(mission: Mission) -> QuerySet:
    return _routes(mission).values("polling_station_id")


def station_counts(*, mission: Mission) -> dict:
    """`stations_total` and `stations_planned` of the mission, in one query: a count of its stations and one of
    the distinct stations on its routes, each a subquery."""
    total = PollingStation.objects.filter(mission=mission).order_by().values("mission").annotate(n=Count("id"))
    planned = _routes(mission).order_by().values("team__mission").annotate(n=Count("polling_station", distinct=True))
    return (
        Mission.objects.filter(pk=mission.pk)
        .annotate(
            stations_total=Coalesce(Subquery(total.values("n")), 0),
            stations_planned=Coalesce(Subquery(planned.values("n")), 0),
        )
        .values("stations_total", "stations_planned")
        .get()
    )


def deployment_plan_get(*, mission: Mission) -> DeploymentPlan:
    """The mission's plan, with `publisher_name` (the publisher's name in this mission); an unsaved draft until
    a coordinator first changes it."""
    publisher = Observer.objects.filter(mission=OuterRef("mission"), user=OuterRef("published_by"))
    plan = (
        DeploymentPlan.objects.select_related("published_by")
        .annotate(publisher_name=Coalesce(Subquery(publisher.values("full_name")[:1]), F("published_by__username")))
        .filter(mission=mission)
        .first()
    )
    return plan or DeploymentPlan(mission=mission)


def published_team_plan(*, team: Team) -> QuerySet[Assignment]:
    """What a team's observers see: its route once the plan is published, nothing while it is a draft."""
    published = DeploymentPlan.objects.filter(mission_id=team.mission_id, status=DeploymentPlan.Status.PUBLISHED)
    return (
        Assignment.objects.filter(team=team)
        .filter(Exists(published))
        .select_related("polling_station")
        .order_by("order")
    )


def _members():
    return Prefetch("members", queryset=Observer.objects.only("id", "full_name", "team_id").order_by("full_name"))


def lto_teams(*, mission: Mission) -> QuerySet[Team]:
    return (
        Team.objects.filter(mission=mission, kind=Team.Kind.LTO)
        .annotate(
            sto_count=Coalesce(
                Subquery(
                    Team.objects.filter(parent=OuterRef("pk"))
                    .order_by()
                    .values("parent")
                    .annotate(n=Count("pk"))
                    .values("n")
                ),
                0,
            )
        )
        .prefetch_related(_members(), Prefetch("area", queryset=Region.objects.order_by("code")))
        .order_by("code")
    )


def _region_label():
    """The name of an assignment's region in the reader's language, English where it has none (Region.label)."""
    language = (get_language() or "en")[:2]
    english = F("polling_station__region__name")
    if language not in ("ru", "kk"):
        return english
    return Coalesce(NullIf(F(f"polling_station__region__name_{language}"), Value("")), english)


def sto_teams(*, mission: Mission) -> QuerySet[Team]:
    """Short-term teams with their parent, members, planned station count and opening / counting stations."""
    route = Assignment.objects.filter(team=OuterRef("pk"))
    # Counted by a subquery, not a join: on a page of 50 of 2,000 teams only the page's rows are counted.
    count = route.order_by().values("team").annotate(n=Count("pk")).values("n")
    return (
        Team.objects.filter(mission=mission, kind=Team.Kind.STO)
        .select_related("parent")
        .annotate(
            planned=Coalesce(Subquery(count), 0),
            opening_code=Subquery(route.filter(purpose="opening").values("polling_station__code")[:1]),
            counting_code=Subquery(route.filter(purpose="counting").values("polling_station__code")[:1]),
            region_name=Subquery(route.order_by("order").annotate(name=_region_label()).values("name")[:1]),
        )
        .prefetch_related(_members())
        .order_by("code")
    )


def team_route(*, team: Team) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(team=team)
        .select_related("polling_station__region", "polling_station__district")
        .order_by("order")
    )


def _station_search(search: str) -> Q:
    """A station whose code, name or address contains `search`, any case: on PostgreSQL the trigram indexes of
    mission migration 0013 answer it, not a read of every station."""
    return Q(code__icontains=search) | Q(name__icontains=search) | Q(address__icontains=search)


def stations_to_pick(
    *, mission: Mission, region_id=None, district_id=None, search: str = ""
) -> QuerySet[PollingStation]:
    """Stations a coordinator can add to a route, with the first team already planned to visit each."""
    stations = PollingStation.objects.filter(mission=mission)
    if region_id:
        stations = stations.filter(region_id=region_id)
    if district_id:
        stations = stations.filter(district_id=district_id)
    if search:
        stations = stations.filter(_station_search(search))
    planned_by = Assignment.objects.filter(polling_station=OuterRef("pk")).order_by("team__code")
    return (
        stations.select_related("region", "district")
        .annotate(planned_by=Subquery(planned_by.values("team__code")[:1]))
        .order_by("code")
    )


def _observed_ids(mission: Mission) -> QuerySet:
    return (
        Submission.objects.counted().filter(mission=mission, polling_station__isnull=False).values("polling_station_id")
    )


COVERAGE_FIGURES = ("stations", "planned", "observed", "voters", "voters_planned")


def coverage_by_region(*, mission: Mission) -> dict:
    """Per region and in all: stations, stations planned and observed, and the voters registered at them. One
    pass over the stations, grouped by region; planned and observed are looked up in the (much smaller) sets of
    routed and observed station ids, each read once. The totals are the regions' sums."""
    planned, observed = Q(pk__in=_planned_ids(mission)), Q(pk__in=_observed_ids(mission))
    rows = (
        PollingStation.objects.filter(mission=mission)
        .values("region_id")
        .annotate(
            stations=Count("id"),
            voters=Sum("registered_voters", default=0),
            planned=Count("id", filter=planned),
            voters_planned=Sum("registered_voters", filter=planned, default=0),
            observed=Count("id", filter=observed),
        )
        .order_by()
    )
    by_region = {row.pop("region_id"): row for row in rows}
    rows = []
    for region in Region.objects.filter(mission=mission).order_by("code"):
        counts = by_region.get(region.pk, {})
        rows.append({"region": region, **_with_shares({key: counts.get(key, 0) for key in COVERAGE_FIGURES})})
    totals = {key: sum(row.get(key, 0) for row in by_region.values()) for key in COVERAGE_FIGURES}
    return {"rows": rows, "totals": _with_shares(totals)}


def _with_shares(row: dict) -> dict:
    def share(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    return {
        **row,
        "planned_share": share(row["planned"], row["stations"]),
        "voters_share": share(row["voters_planned"], row["voters"]),
    }


def map_stations(*, mission: Mission, region_id=None) -> list[list]:
    """Every located station as [id, code, name, lat, lon, region id, status, team code]. Three flat queries
    (stations; the first team planned at each; stations with a form) merged here: faster than a correlated
    subquery per row over 10,000 stations."""
    stations = PollingStation.objects.filter(mission=mission, latitude__isnull=False)
    if region_id:
        stations = stations.filter(region_id=region_id)
    teams: dict[int, str] = {}
    planned = _routes(mission).order_by("-team__code")
    for station_id, team_code in planned.values_list("polling_station_id", "team__code"):
        teams[station_id] = team_code  # ordered so that the first code alphabetically is kept
    observed = set(
        Submission.objects.counted()
        .filter(mission=mission, polling_station__isnull=False)
        .values_list("polling_station_id", flat=True)
        .distinct()
    )
    rows = stations.order_by("code").values_list("id", "code", "name", "latitude", "longitude", "region_id")
    return [
        [pk, code, name, round(lat, 5), round(lon, 5), region, _status(pk in teams, pk in observed), teams.get(pk, "")]
        for pk, code, name, lat, lon, region in rows
    ]


def _status(planned: bool, observed: bool) -> int:
    if observed:
        return STATUS_OBSERVED
    return STATUS_PLANNED if planned else STATUS_NOT_PLANNED


def route_points(*, team: Team) -> list[dict]:
    return [
        {
            "assignment": row["id"],
            "order": row["order"],
            "purpose": row["purpose"],
            "station": row["polling_station_id"],
            "code": row["code"],
            "name": row["name"],
            "lat": row["lat"],
            "lon": row["lon"],
        }
        for row in Assignment.objects.filter(team=team)
        .order_by("order")
        .values(
            "id",
            "order",
            "purpose",
            "polling_station_id",
            code=F("polling_station__code"),
            name=F("polling_station__name"),
            lat=F("polling_station__latitude"),
            lon=F("polling_station__longitude"),
        )
    ]


def region_plan(*, region: Region) -> QuerySet[Assignment]:
    """The stations planned in a region, team by team, each team's in route order."""
    return (
        Assignment.objects.filter(polling_station__region=region)
        .select_related("team", "polling_station__district")
        .order_by("team__code", "order")
    )


def map_filters(*, mission: Mission) -> dict:
    """What the map's filters offer: the mission's regions and its short-term teams (id and code)."""
    return {
        "regions": Region.objects.filter(mission=mission).order_by("code"),
        "teams": Team.objects.filter(mission=mission, kind=Team.Kind.STO).order_by("code").values("id", "code"),
    }


# Long lists: the plan's and the teams page's tables, filtered and paginated in the database.

TEAM_STATES = ("empty", "planned", "incomplete")


def sto_teams_filtered(
    *, mission: Mission, search: str = "", parent_id=None, region_id=None, state: str = ""
) -> QuerySet[Team]:
    """sto_teams narrowed: a code or member's name containing `search`, a long-term team, a region its route
    visits, and a state (no stations; some; no opening or no counting station)."""
    teams = sto_teams(mission=mission)
    if search:
        member = Observer.objects.filter(team=OuterRef("pk"), full_name__icontains=search)
        teams = teams.filter(Q(code__icontains=search) | Exists(member))
    if parent_id:
        teams = teams.filter(parent_id=parent_id)
    if region_id:
        teams = teams.filter(
            Exists(Assignment.objects.filter(team=OuterRef("pk"), polling_station__region_id=region_id))
        )
    if state == "empty":
        teams = teams.filter(planned=0)
    elif state == "planned":
        teams = teams.filter(planned__gt=0)
    elif state == "incomplete":
        teams = teams.filter(planned__gt=0).filter(Q(opening_code__isnull=True) | Q(counting_code__isnull=True))
    return teams


def lto_teams_filtered(*, mission: Mission, search: str = "") -> QuerySet[Team]:
    teams = lto_teams(mission=mission)
    if search:
        member = Observer.objects.filter(team=OuterRef("pk"), full_name__icontains=search)
        teams = teams.filter(Q(code__icontains=search) | Q(base_city__icontains=search) | Exists(member))
    return teams


# What a change to the plan changes: shown before a coordinator publishes, withdraws or applies a proposal.


def _routes_by_team(rows) -> dict[int, tuple]:
    routes: dict[int, list] = {}
    for team, station, order, purpose in rows:
        routes.setdefault(team, []).append((order, station, purpose))
    return {team: tuple(sorted(route)) for team, route in routes.items()}


def _draft_rows(mission: Mission):
    return Assignment.objects.filter(team__mission=mission).values_list(
        "team_id", "polling_station_id", "order", "purpose"
    )


def plan_changes(*, mission: Mission, before=None, after=None, sample: int = 12) -> dict:
    """Between two sets of routes ([team, station, order, purpose] rows; None: the draft's as it is): the teams
    whose route differs (count and the first codes), the stations planned that were not and the other way round,
    and the observers in those teams. Three queries."""
    before_routes = _routes_by_team(_draft_rows(mission) if before is None else before)
    after_routes = _routes_by_team(_draft_rows(mission) if after is None else after)
    affected = {t for t in before_routes.keys() | after_routes.keys() if before_routes.get(t) != after_routes.get(t)}
    stations_before = {station for route in before_routes.values() for _order, station, _purpose in route}
    stations_after = {station for route in after_routes.values() for _order, station, _purpose in route}
    codes = list(
        Team.objects.filter(mission=mission, pk__in=affected).order_by("code").values_list("code", flat=True)[:sample]
    )
    return {
        "teams": len(affected),
        "team_codes": codes,
        "stations_added": len(stations_after - stations_before),
        "stations_removed": len(stations_before - stations_after),
        "stations_after": len(stations_after),
        "observers": Observer.objects.filter(mission=mission, team_id__in=affected).count() if affected else 0,
    }


def _whole_draft(mission: Mission, *, sample: int = 12) -> dict:
    """The draft against nothing, counted in the database: its teams with stations (count and first codes), its
    stations, and the observers in those teams."""
    routes = Assignment.objects.filter(team__mission=mission)
    with_route = Team.objects.filter(mission=mission).filter(Exists(routes.filter(team=OuterRef("pk"))))
    return {
        "teams": with_route.count(),
        "team_codes": list(with_route.order_by("code").values_list("code", flat=True)[:sample]),
        "stations": routes.values("polling_station_id").distinct().count(),
        "observers": Observer.objects.filter(mission=mission, team__in=with_route).count(),
    }


def publish_changes(*, mission: Mission) -> dict:
    """Publishing a draft: observers see nothing now; afterwards every team's route."""
    draft = _whole_draft(mission=mission)
    return {**draft, "stations_added": draft["stations"], "stations_removed": 0, "stations_after": draft["stations"]}


def withdraw_changes(*, mission: Mission) -> dict:
    """Withdrawing: every team's route disappears from its observers' phones."""
    draft = _whole_draft(mission=mission)
    return {**draft, "stations_added": 0, "stations_removed": draft["stations"], "stations_after": 0}


def proposal_changes(*, proposal: PlanProposal) -> dict:
    return plan_changes(mission=proposal.mission, after=proposal.routes)


def plan_proposal_latest(*, mission: Mission) -> PlanProposal | None:
    """The mission's last proposal not yet applied (its routes deferred: they are big), with its job's status."""
    return (
        PlanProposal.objects.filter(mission=mission, applied_at__isnull=True)
        .select_related("job")
        .defer("routes")
        .first()
    )


def plan_proposal_state(proposal: PlanProposal) -> dict:
    """What the page's poll gets: status (failed when its job has run out of attempts), stage, progress, error."""
    status, error = proposal.status, proposal.error
    if proposal.is_running and proposal.job is not None and proposal.job.status == OutboxJob.Status.FAILED:
        status, error = PlanProposal.Status.FAILED, proposal.job.last_error
    return {
        "id": proposal.pk,
        "status": status,
        "status_label": str(PlanProposal.Status(status).label),
        "stage": proposal.stage,
        "stage_label": str(PlanProposal.Stage(proposal.stage).label),
        "progress": proposal.progress,
        "error": error,
    }


# The map at any size: stations in view, or (when there are many) counts per grid cell, aggregated in SQL.

MAP_MARKERS_MAX = 2500  # more stations than this in view: clusters
CELLS_PER_TILE = 4  # clusters on a grid of 64 px at 256 px tiles


def map_bounds(*, mission: Mission, region_id=None) -> list | None:
    """[[south, west], [north, east]] of the located stations, None when there are none."""
    stations = PollingStation.objects.filter(mission=mission, latitude__isnull=False)
    corners = {"s": Min("latitude"), "w": Min("longitude"), "n": Max("latitude"), "e": Max("longitude")}
    if region_id:
        # Grouped by the region: PostgreSQL then reads the region's stations by its index, rather than walk the
        # mission's latitude index (which answers the whole mission's corners at once) until it meets them.
        rows = stations.filter(region_id=region_id).values("region_id").annotate(**corners).order_by()
        box = next(iter(rows), {"s": None})
    else:
        box = stations.aggregate(**corners)
    return None if box["s"] is None else [[box["s"], box["w"]], [box["n"], box["e"]]]


def map_view(*, mission: Mission, bbox: tuple[float, float, float, float], zoom: int, region_id=None) -> dict:
    """The stations inside `bbox` (west, south, east, north) when there are at most MAP_MARKERS_MAX of them, rows as
    map_stations'; otherwise clusters [lat, lon, stations, planned, observed] on a grid of the zoom level. Either way
    the totals in view (stations, planned), the clusters' sums. One query for clusters, two for stations."""
    west, south, east, north = bbox
    stations = PollingStation.objects.filter(
        mission=mission, latitude__range=(south, north), longitude__range=(west, east)
    )
    if region_id:
        stations = stations.filter(region_id=region_id)
    planned, observed = Q(pk__in=_planned_ids(mission)), Q(pk__in=_observed_ids(mission))
    cell = 360 / 2**zoom / CELLS_PER_TILE
    cells = list(
        stations.annotate(cx=Floor(F("longitude") / cell), cy=Floor(F("latitude") / cell))
        .values("cx", "cy")
        .annotate(
            n=Count("id"),
            lat=Avg("latitude"),
            lon=Avg("longitude"),
            planned=Count("id", filter=planned),
            observed=Count("id", filter=observed),
        )
        .order_by()
    )
    totals = {"total": sum(c["n"] for c in cells), "planned": sum(c["planned"] for c in cells)}
    if totals["total"] > MAP_MARKERS_MAX:
        return {
            "mode": "clusters",
            **totals,
            "clusters": [[round(c["lat"], 5), round(c["lon"], 5), c["n"], c["planned"], c["observed"]] for c in cells],
        }
    planned_by = Assignment.objects.filter(polling_station=OuterRef("pk")).order_by("team__code")
    rows = (
        stations.annotate(
            is_planned=ExpressionWrapper(planned, output_field=BooleanField()),
            is_observed=ExpressionWrapper(observed, output_field=BooleanField()),
            team=Subquery(planned_by.values("team__code")[:1]),
        )
        .order_by("code")
        .values_list("id", "code", "name", "latitude", "longitude", "region_id", "is_planned", "is_observed", "team")
    )
    return {
        "mode": "stations",
        **totals,
        "rows": [
            [pk, code, name, round(lat, 5), round(lon, 5), region, _status(is_planned, is_observed), team or ""]
            for pk, code, name, lat, lon, region, is_planned, is_observed, team in rows
        ],
    }


STATION_GAPS = ("location", "voters")


def stations_listed(*, mission: Mission, search: str = "", region: int | None = None, gap: str = "", last_import=None):
    """The mission's stations for the station list: searched by code, name or address, by region, those without
    a location or registered voters, or those the latest station import created; in code order."""
    stations = PollingStation.objects.filter(mission=mission).select_related("region", "district")
    if search:
        stations = stations.filter(_station_search(search))
    if region:
        stations = stations.filter(region_id=region)
    if gap == "location":
        stations = stations.filter(Q(latitude__isnull=True) | Q(longitude__isnull=True))
    elif gap == "voters":
        stations = stations.filter(registered_voters=0)
    if last_import is not None:
        stations = stations.filter(imported_in=last_import)
    return stations.order_by("code", "pk")
