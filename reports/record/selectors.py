"""The LTOs' reports of a reporting period, counted in the database: reports raising each topic by region (a
report counts in each region of its team's area) and by week, incidents by week, coverage of the period by LTO
area, and the meetings LTOs held. The record pages and the report blocks both read their figures here."""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncWeek

from mission.models import Meeting, Mission, Region
from observers.models import Checklist, Submission, Team
from reports.findings.selectors import AnswerIs
from reports.record.topics import TOPICS, Topic

SERIOUS_SEVERITIES = ("high", "critical")


@dataclass(frozen=True)
class Period:
    starts_on: dt.date
    ends_on: dt.date
    number: int | None = None

    def bounds(self, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
        """From the first day's midnight to the midnight after the last day, in the mission's time."""
        start = dt.datetime.combine(self.starts_on, dt.time(), tzinfo=zone)
        return start, dt.datetime.combine(self.ends_on + dt.timedelta(days=1), dt.time(), tzinfo=zone)

    @property
    def weeks(self) -> int:
        return -(-((self.ends_on - self.starts_on).days + 1) // 7)


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def period_forms(*, mission: Mission, period: Period, kind: str = Checklist.Kind.LTO_WEEKLY) -> QuerySet[Submission]:
    """The counted forms of `kind` observed in the period (weekly reports, or incidents)."""
    start, end = period.bounds(ZoneInfo(mission.time_zone))
    return Submission.objects.counted().filter(
        mission=mission, checklist__kind=kind, observed_at__gte=start, observed_at__lt=end
    )


def forms_behind(
    *,
    forms: QuerySet[Submission],
    zone: ZoneInfo,
    topic: Topic | None = None,
    region: Region | None = None,
    week: dt.date | None = None,
) -> QuerySet[Submission]:
    """The reports behind a figure, by the rules that counted it."""
    if topic is not None:
        forms = forms.filter(AnswerIs(topic.question, topic.values))
    if region is not None:
        forms = forms.filter(team__area=region)
    if week is not None:
        start = dt.datetime.combine(week, dt.time(), tzinfo=zone)
        forms = forms.filter(observed_at__gte=start, observed_at__lt=start + dt.timedelta(days=7))
    return forms


def _topic_counts() -> dict:
    return {"reports": Count("id"), **{t.code: Count("id", filter=Q(AnswerIs(t.question, t.values))) for t in TOPICS}}


def topics_total(*, forms: QuerySet[Submission]) -> dict[str, int]:
    return forms.aggregate(**_topic_counts())


def topics_by_region(*, forms: QuerySet[Submission]) -> dict[int, dict[str, int]]:
    """{region id: {"reports": n, topic code: n}}: a report counts in every region of its team's area."""
    rows = forms.filter(team__area__isnull=False).order_by().values("team__area").annotate(**_topic_counts())
    return {row.pop("team__area"): row for row in rows}


def topics_by_week(*, forms: QuerySet[Submission], zone: ZoneInfo) -> list[tuple[dt.date, dict[str, int]]]:
    """(Monday of the week, counts), weeks in order; only weeks with reports."""
    rows = (
        forms.annotate(week=TruncWeek("observed_at", tzinfo=zone))
        .order_by()
        .values("week")
        .annotate(**_topic_counts())
        .order_by("week")
    )
    return [(_day(row.pop("week")), row) for row in rows]


def incidents_by_week(*, incidents: QuerySet[Submission], zone: ZoneInfo) -> dict[dt.date, dict[str, int]]:
    rows = (
        incidents.annotate(week=TruncWeek("observed_at", tzinfo=zone))
        .order_by()
        .values("week")
        .annotate(incidents=Count("id"), serious=Count("id", filter=Q(AnswerIs("severity", SERIOUS_SEVERITIES))))
    )
    return {_day(row.pop("week")): row for row in rows}


def _day(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def lto_coverage(*, mission: Mission, forms: QuerySet[Submission]) -> list[Region]:
    """Every region with `teams` (LTO teams whose area includes it) and `reports` (their weekly reports in the
    period): a region with no team is a gap in the record."""
    teams = Q(lto_teams__kind=Team.Kind.LTO)
    return list(
        Region.objects.filter(mission=mission)
        .annotate(
            teams=Count("lto_teams", filter=teams, distinct=True),
            reports=Count("lto_teams__submissions", filter=teams & Q(lto_teams__submissions__in=forms), distinct=True),
        )
        .order_by("code")
    )


def lto_teams_count(*, mission: Mission) -> int:
    """LTO teams with an area: each owes one weekly report a week."""
    return Team.objects.filter(mission=mission, kind=Team.Kind.LTO, area__isnull=False).distinct().count()


def lto_meetings(*, mission: Mission, period: Period) -> QuerySet[Meeting]:
    """Meetings LTOs held in the period (the programme's meetings, held by nobody in particular, left out)."""
    return Meeting.objects.filter(
        mission=mission, held_by__isnull=False, date__gte=period.starts_on, date__lte=period.ends_on
    )


def meetings_total(*, meetings: QuerySet[Meeting]) -> dict[str, int]:
    return meetings.aggregate(meetings=Count("id", distinct=True), people=Count("people", distinct=True))


def meetings_by_region(*, meetings: QuerySet[Meeting]) -> dict[int | None, dict[str, int]]:
    rows = (
        meetings.order_by()
        .values("region")
        .annotate(meetings=Count("id", distinct=True), interlocutors=Count("people", distinct=True))
    )
    return {row.pop("region"): row for row in rows}


def meetings_by_category(*, meetings: QuerySet[Meeting]) -> dict[str, int]:
    """Meetings per category of the organisations met (a meeting with two kinds counts under each)."""
    rows = (
        meetings.filter(invitations__isnull=False)
        .order_by()
        .values("invitations__organisation__category")
        .annotate(n=Count("id", distinct=True))
    )
    return {row["invitations__organisation__category"]: row["n"] for row in rows}
