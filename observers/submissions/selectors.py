"""Reads for the observers app: what a user may see, scoped in the database."""

import datetime as dt

from django.db import connection
from django.db.models import Q, QuerySet

from config.db.joined_rows import JoinedModel, related_set, row_instances
from config.db.prepared import execute_prepared
from mission.clock import day_start
from mission.models import PollingStation
from observers.models import CORE_ROLES, Assignment, Checklist, DeploymentPlan, Observer, Submission, Team


def forms_today(*, mission, now: dt.datetime) -> QuerySet[Submission]:
    """The forms that count, observed on the mission's day of `now` up to `now` (mission/clock.py): the one
    "today" of the dashboard and the monitor (a phone out of coverage sends later; its forms belong to the day
    they were observed)."""
    return Submission.objects.counted().filter(
        mission=mission, observed_at__gte=day_start(mission=mission, now=now), observed_at__lte=now
    )


def team_station_marks(*, team: Team) -> dict[int, str]:
    """{station id: "sent" or "sent_back"} for the stations the team sent forms from: "sent_back" when its latest
    form there was sent back by the core team. One query; the phone adds its own drafts and waiting forms."""
    marks: dict[int, str] = {}
    rows = (
        Submission.objects.filter(team=team, polling_station__isnull=False)
        .exclude(review_status=Submission.ReviewStatus.EXCLUDED)
        .order_by("polling_station_id", "-received_at", "-id")
        .values_list("polling_station_id", "review_status")
    )
    for station_id, review in rows:
        marks.setdefault(station_id, "sent_back" if review == Submission.ReviewStatus.SENT_BACK else "sent")
    return marks


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


_STATION = JoinedModel(PollingStation, "s", only=("id", "code"))  # the other fields deferred


def station_with_plan_of(
    *, team: Team, mission_id: int, station_id: int | None = None, code: str = ""
) -> PollingStation | None:
    """The mission's station with this id (else this code), with only `id` and `code` loaded and `in_plan` set:
    short-term teams keep to their stations in the published plan, long-term teams to the regions of their area.

    Hand-written: every phone's form asks it, and the ORM spent about 1 ms of CPU building the nested subqueries,
    seven times what this whole query costs here (and a raw queryset another tenth of a millisecond)."""
    if team.kind == Team.Kind.STO:
        # Short-term teams know their stations once the plan is published, and only then may report from them.
        in_plan = (
            f"SELECT 1 FROM {Assignment._meta.db_table} a JOIN {DeploymentPlan._meta.db_table} p"
            " ON p.mission_id = %s AND p.status = %s WHERE a.team_id = %s AND a.polling_station_id = s.id"
        )
        in_plan_params = [team.mission_id, DeploymentPlan.Status.PUBLISHED.value, team.pk]
    else:
        in_plan = (
            f"SELECT 1 FROM {Team.area.through._meta.db_table} ta WHERE ta.team_id = %s AND ta.region_id = s.region_id"
        )
        in_plan_params = [team.pk]
    key, value = ("id", station_id) if station_id is not None else ("code", code)
    with connection.cursor() as cursor:
        execute_prepared(
            cursor,
            f"SELECT {_STATION.select}, EXISTS ({in_plan}) FROM {PollingStation._meta.db_table} s"
            f" WHERE s.mission_id = %s AND s.{key} = %s LIMIT 1",
            [*in_plan_params, mission_id, value],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    station = _STATION.instance(row, 0)
    station.in_plan = bool(row[-1])
    return station


_SUBMISSION_PARTS = (
    JoinedModel(Submission, "s"),
    JoinedModel(Checklist, "c", only=("id", "mission", "kind", "version")),
    JoinedModel(PollingStation, "ps", only=("id", "code")),
    JoinedModel(Team, "t", only=("id", "code")),
)
_UUID = Submission._meta.get_field("uuid")  # as the database keeps it (on SQLite: hex digits)
_SUBMISSION_SQL = (
    f"SELECT {', '.join(part.select for part in _SUBMISSION_PARTS)} FROM {Submission._meta.db_table} s"
    f" JOIN {Checklist._meta.db_table} c ON c.id = s.checklist_id"
    f" JOIN {Team._meta.db_table} t ON t.id = s.team_id"
    f" LEFT JOIN {PollingStation._meta.db_table} ps ON ps.id = s.polling_station_id WHERE s.uuid = %s"
)


def submission_with_uuid(*, uuid) -> Submission | None:
    """The submission with this uuid, with its checklist version, station and team: what a phone that sends a form
    again is answered with. Hand-written and prepared, as the first sending's queries are (one in ten forms on the
    bench's election day)."""
    with connection.cursor() as cursor:
        execute_prepared(cursor, _SUBMISSION_SQL, [_UUID.get_db_prep_value(uuid, connection)])
        row = cursor.fetchone()
    if row is None:
        return None
    submission, checklist, station, team = row_instances(row, _SUBMISSION_PARTS)
    for relation, related in (("checklist", checklist), ("polling_station", station), ("team", team)):
        related_set(submission, relation, related)
    return submission
