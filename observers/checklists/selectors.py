"""Reads for the form pages: versions with their submission counts, counted in the database."""

from django.db.models import Count, OuterRef, QuerySet, Subquery

from mission.models import Mission
from observers.models import Checklist


def checklist_versions(*, mission: Mission, kind: str | None = None) -> QuerySet[Checklist]:
    """Versions (newest first within a kind) with `submission_count`; the questions are not loaded."""
    versions = Checklist.objects.filter(mission=mission)
    if kind is not None:
        versions = versions.filter(kind=kind)
    return versions.annotate(submission_count=Count("submissions")).defer("questions").order_by("kind", "-version")


def forms_overview(*, mission: Mission) -> list[dict]:
    """One entry per form kind the mission has: its latest version, every version, and submissions in all."""
    by_kind: dict[str, list[Checklist]] = {}
    for version in checklist_versions(mission=mission):
        by_kind.setdefault(version.kind, []).append(version)
    return [
        {
            "kind": kind,
            "label": label,
            "latest": by_kind[kind][0],
            "versions": by_kind[kind],
            "submissions": sum(version.submission_count for version in by_kind[kind]),
        }
        for kind, label in Checklist.Kind.choices
        if kind in by_kind
    ]


def checklist_latest_version(*, mission: Mission, kind: str) -> int:
    """The latest version number of a kind, 0 when the mission has none."""
    latest = Checklist.objects.filter(mission=mission, kind=kind).order_by("-version").values_list("version", flat=True)
    return latest.first() or 0


def checklists_visible_to(*, user, latest_only: bool = True) -> QuerySet[Checklist]:
    """Checklists of the user's missions; by default only the latest version of each kind."""
    checklists = Checklist.objects.filter(mission__observers__user=user)
    if latest_only:
        latest = Checklist.objects.filter(mission=OuterRef("mission"), kind=OuterRef("kind")).order_by("-version")
        checklists = checklists.filter(version=Subquery(latest.values("version")[:1]))
    return checklists.order_by("mission_id", "kind", "-version")


def checklist_latest(*, mission: Mission, kind: str) -> Checklist | None:
    """The mission's latest version of this kind of checklist, or None before the first is published."""
    return Checklist.objects.filter(mission=mission, kind=kind).order_by("-version").first()
