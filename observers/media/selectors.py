"""Reads for the media monitoring pages: a monitor's outlets and queue, the double-coded pairs."""

import datetime as dt

from django.db.models import F, QuerySet

from mission.models import Mission
from observers.media.agreement import Pair
from observers.media.models import MediaAssignment, MediaCheck, MediaItem, MediaOutlet, MediaProgramme, MediaSubject
from observers.models import Observer


def monitor_outlets(*, monitor: Observer) -> QuerySet[MediaOutlet]:
    """The outlets a monitor is assigned to, on any day."""
    return MediaOutlet.objects.filter(
        mission_id=monitor.mission_id, pk__in=monitor.media_assignments.values("outlet_id")
    ).order_by("name")


def monitor_programmes(*, monitor: Observer) -> QuerySet[MediaProgramme]:
    return MediaProgramme.objects.filter(outlet__in=monitor_outlets(monitor=monitor)).order_by("outlet_id", "name")


def assignment_covers(*, monitor: Observer, outlet: MediaOutlet, day: dt.date) -> bool:
    return MediaAssignment.objects.filter(monitor=monitor, outlet=outlet, starts_on__lte=day, ends_on__gte=day).exists()


def assignment_for_day(*, monitor: Observer, day: dt.date) -> MediaAssignment | None:
    return (
        monitor.media_assignments.filter(starts_on__lte=day, ends_on__gte=day).order_by("outlet__name").first()
        or monitor.media_assignments.order_by("-ends_on").first()
    )


def mission_subjects(*, mission: Mission) -> list[MediaSubject]:
    return list(MediaSubject.objects.filter(mission=mission).order_by("kind", "name"))


def recheck_queue(*, monitor: Observer) -> QuerySet[MediaItem]:
    """Items drawn for a second coding on the monitor's outlets, coded by someone else, not yet coded again."""
    return (
        MediaItem.objects.filter(
            mission_id=monitor.mission_id,
            double_code=True,
            second_coding__isnull=True,
            outlet_id__in=monitor.media_assignments.values("outlet_id"),
        )
        .exclude(coder=monitor)
        .select_related("outlet", "programme")
        .order_by("date", "id")
    )


def recent_items(*, monitor: Observer, limit: int = 10) -> list[MediaItem]:
    return list(
        MediaItem.objects.filter(coder=monitor)
        .select_related("outlet", "subject")
        .order_by("-created_at", "-id")[:limit]
    )


PAIR_FIELDS = ("item_id", "first_subject_id", "subject_id", "first_tone", "tone", "first_amount", "amount")


def double_coded_pairs(*, mission: Mission, outlet_id: int | None = None) -> list[Pair]:
    """Every item coded twice, as (first, second) values: one query."""
    checks = MediaCheck.objects.filter(item__mission=mission)
    if outlet_id:
        checks = checks.filter(item__outlet_id=outlet_id)
    return [
        Pair(item_id=row[0], subject=(row[1], row[2]), tone=(row[3], row[4]), amount=(row[5], row[6]))
        for row in checks.values_list(*PAIR_FIELDS).order_by("item_id").iterator()
    ]


def checks_of_items(*, mission: Mission, item_ids: list[int]) -> QuerySet[MediaCheck]:
    return (
        MediaCheck.objects.filter(item__mission=mission, item_id__in=item_ids)
        .select_related("item__outlet", "item__programme", "item__coder", "first_subject", "subject", "coder")
        .order_by(F("reconciled_at").asc(nulls_first=True), "item__date", "item_id")
    )
