"""Reads for the report as a document: its sections and recommendations, and the data the blocks draw from
(beyond the statistics of selectors.findings_compute). Aggregation in the database; a fixed number of queries each."""

import math
from dataclasses import dataclass

from django.db.models import Avg, Case, Count, F, FloatField, Prefetch, Q, QuerySet, Value, When

from mission.models import Invitation, Meeting, Mission, PollingStation
from observers.checklists.definitions import ASSESSMENT_CODE, ASSESSMENT_VALUES
from observers.models import Observer, Role, Team
from reports.findings.selectors import Scope, _tuned_for_aggregation
from reports.models import Compilation, Recommendation, Report, ReportSection

# Ranked from very good (1) to very bad (4); a station's assessment is the mean rank of its forms, rounded.
_RANK = {value: rank for rank, value in enumerate(ASSESSMENT_VALUES, start=1)}


@dataclass(frozen=True)
class StationAssessment:
    latitude: float | None
    longitude: float | None
    assessment: str | None  # the average overall assessment given at the station; None: none given


def report_sections(*, report: Report) -> QuerySet[ReportSection]:
    return ReportSection.objects.filter(report=report).order_by("order")


def report_recommendations(*, report: Report) -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(report=report).order_by("-priority", "order")


def final_compilations(*, report: Report) -> QuerySet[Compilation]:
    """The report's final compilations that stand (queued, running or done): one per language at most."""
    return Compilation.objects.filter(report=report, final=True).exclude(status=Compilation.Status.FAILED)


def reports_of_mission(*, mission: Mission) -> QuerySet[Report]:
    return (
        Report.objects.filter(mission=mission)
        .annotate(
            section_count=Count("sections", distinct=True),
            recommendation_count=Count("recommendations", distinct=True),
        )
        .order_by("kind", "pk")
    )


def station_assessments(*, mission: Mission, kind: str) -> list[StationAssessment]:
    """Every station with a counted form of `kind`, with the average of the overall assessments given there
    (half-way rounds to the worse). One query."""
    rank = Case(
        *(When(**{f"answers__{ASSESSMENT_CODE}": value}, then=Value(float(r))) for value, r in _RANK.items()),
        default=None,
        output_field=FloatField(),
    )
    with _tuned_for_aggregation():  # by the form versions' ids, not a join: the planner then hashes the groups
        rows = list(
            Scope(mission, kind)
            .submissions()
            .filter(polling_station__isnull=False)
            .values("polling_station_id", "polling_station__latitude", "polling_station__longitude")
            .annotate(mean=Avg(rank))
            .order_by()
        )
    value_of = {r: value for value, r in _RANK.items()}
    return [
        StationAssessment(
            row["polling_station__latitude"],
            row["polling_station__longitude"],
            None if row["mean"] is None else value_of[math.floor(row["mean"] + 0.5)],
        )
        for row in rows
    ]


def station_locations_by_region(*, mission: Mission) -> dict[int, list[tuple[float, float]]]:
    """(latitude, longitude) of every located station, by region id: the outline the map draws. One query."""
    located: dict[int, list[tuple[float, float]]] = {}
    stations = PollingStation.objects.filter(mission=mission, latitude__isnull=False)
    for region_id, latitude, longitude in stations.values_list("region_id", "latitude", "longitude"):
        located.setdefault(region_id, []).append((latitude, longitude))
    return located


def observers_deployed(*, mission: Mission) -> dict[str, dict[str, int]]:
    """{"lto": {"observers": n, "teams": n}, "sto": {...}}. Two queries."""
    observers = dict(
        Observer.objects.filter(mission=mission, role__in=[Role.LTO, Role.STO])
        .values_list("role")
        .annotate(n=Count("id"))
        .order_by()
    )
    teams = dict(Team.objects.filter(mission=mission).values_list("kind").annotate(n=Count("id")).order_by())
    return {kind: {"observers": observers.get(kind, 0), "teams": teams.get(kind, 0)} for kind in (Role.LTO, Role.STO)}


def meetings_with_invitees(*, mission: Mission, categories: list[str]) -> QuerySet[Meeting]:
    """Meetings to which several organisations were invited, all of them of `categories`, with their invitations
    (organisation and party) in the order they were invited. Two queries."""
    invitations = Invitation.objects.select_related("organisation__party").order_by("id")
    return (
        Meeting.objects.filter(mission=mission)
        .annotate(
            invited=Count("invitations"),
            of_categories=Count("invitations", filter=Q(invitations__organisation__category__in=categories)),
        )
        .filter(invited__gte=2, of_categories=F("invited"))
        .prefetch_related(Prefetch("invitations", queryset=invitations))
        .order_by("date", "starts_at", "name")
    )


def compilations_status(*, mission: Mission, ids: list[int]) -> QuerySet[Compilation]:
    """The mission's compilations among `ids`, with only what the reports page polls for."""
    return (
        Compilation.objects.filter(pk__in=ids, report__mission=mission)
        .only("pk", "status", "stage", "progress", "error", "finished_at")
        .order_by("pk")
    )
