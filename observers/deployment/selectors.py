"""Reads for teams and the election-day plan: lists, coverage and map data, counted in the database."""

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from mission.models import Mission, PollingStation, Region
from observers.models import Assignment, DeploymentPlan, Observer, Submission, Team

STATUS_NOT_PLANNED, STATUS_PLANNED, STATUS_OBSERVED = 0, 1, 2


def _is_planned():
    """A station is planned when a team has it on its route, whatever the plan's state: the one meaning of
    "planned" on the dashboard, the monitor, the plan's coverage and the map."""
    return Exists(Assignment.objects.filter(polling_station=OuterRef("pk")))


def station_counts(*, mission: Mission) -> dict:
    """`stations_total` and `stations_planned` of the mission, in one query."""
    return (
        PollingStation.objects.filter(mission=mission)
        .annotate(is_planned=_is_planned())
        .aggregate(stations_total=Count("id"), stations_planned=Count("id", filter=Q(is_planned=True)))
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
        .annotate(sto_count=Count("sto_teams", distinct=True))
        .prefetch_related(_members(), Prefetch("area", queryset=Region.objects.order_by("code")))
        .order_by("code")
    )


def sto_teams(*, mission: Mission) -> QuerySet[Team]:
    """Short-term teams with their parent, members, planned station count and opening / counting stations."""
    route = Assignment.objects.filter(team=OuterRef("pk"))
    return (
        Team.objects.filter(mission=mission, kind=Team.Kind.STO)
        .select_related("parent")
        .annotate(
            planned=Count("assignments", distinct=True),
            opening_code=Subquery(route.filter(purpose="opening").values("polling_station__code")[:1]),
            counting_code=Subquery(route.filter(purpose="counting").values("polling_station__code")[:1]),
            region_name=Subquery(route.order_by("order").values("polling_station__region__name")[:1]),
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
        stations = stations.filter(Q(code__icontains=search) | Q(name__icontains=search) | Q(address__icontains=search))
    planned_by = Assignment.objects.filter(polling_station=OuterRef("pk")).order_by("team__code")
    return (
        stations.select_related("region", "district")
        .annotate(planned_by=Subquery(planned_by.values("team__code")[:1]))
        .order_by("code")
    )


def coverage_by_region(*, mission: Mission) -> dict:
    """Per region and in all: stations, stations planned and observed, and the voters registered at them."""
    stations = PollingStation.objects.filter(mission=mission).annotate(
        is_planned=_is_planned(),
        is_observed=Exists(Submission.objects.counted().filter(polling_station=OuterRef("pk"))),
    )
    sums = {
        "stations": Count("id"),
        "planned": Count("id", filter=Q(is_planned=True)),
        "observed": Count("id", filter=Q(is_observed=True)),
        "voters": Sum("registered_voters", default=0),
        "voters_planned": Sum("registered_voters", filter=Q(is_planned=True), default=0),
    }
    by_region = {row["region_id"]: row for row in stations.values("region_id").annotate(**sums).order_by()}
    rows = []
    for region in Region.objects.filter(mission=mission).order_by("code"):
        counts = by_region.get(region.pk, {})
        rows.append({"region": region, **_with_shares({key: counts.get(key, 0) for key in sums})})
    return {"rows": rows, "totals": _with_shares(stations.aggregate(**sums))}


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
    planned = Assignment.objects.filter(team__mission=mission).order_by("-team__code")
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
