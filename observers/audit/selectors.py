"""Reads of the audit trail: a mission's entries with filters, and their changes put into words."""

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet

from mission.models import Mission
from observers.audit.registry import AUDITED
from observers.models import ApiToken, LoginLink

# What the page's model filter offers: the audited models, and what onboarding records in bulk.
AUDIT_MODELS = {f"{model._meta.app_label}.{model._meta.model_name}": model for model in [*AUDITED, LoginLink, ApiToken]}


def audit_entries(
    *,
    mission: Mission,
    model: str = "",
    actor_id: int | None = None,
    day_from: dt.date | None = None,
    day_to: dt.date | None = None,
    object_pk: str = "",
) -> QuerySet[LogEntry]:
    """The mission's entries, newest first; days are the mission's calendar days; `model` is "app_label.model"."""
    entries = LogEntry.objects.filter(additional_data__mission=mission.pk).select_related("actor", "content_type")
    if model:
        app_label, _, model_name = model.partition(".")
        entries = entries.filter(content_type__app_label=app_label, content_type__model=model_name)
    if object_pk:
        entries = entries.filter(object_pk=object_pk)
    if actor_id:
        entries = entries.filter(actor_id=actor_id)
    zone = ZoneInfo(mission.time_zone)
    if day_from:
        entries = entries.filter(timestamp__gte=dt.datetime.combine(day_from, dt.time.min, tzinfo=zone))
    if day_to:
        day_after = day_to + dt.timedelta(days=1)
        entries = entries.filter(timestamp__lt=dt.datetime.combine(day_after, dt.time.min, tzinfo=zone))
    return entries.order_by("-timestamp", "-id")


def audit_actors(*, mission: Mission) -> list[tuple[int, str]]:
    """Everyone who changed something in the mission: (user id, username)."""
    actors = LogEntry.objects.filter(additional_data__mission=mission.pk, actor__isnull=False).values("actor")
    return list(get_user_model().objects.filter(pk__in=actors).order_by("username").values_list("pk", "username"))


def audit_rows(*, entries: Sequence[LogEntry]) -> list[dict]:
    """Each entry with its changes as (field label, before, after); related objects named in one query per model."""
    wanted = defaultdict(set)  # related model -> pks
    for entry in entries:
        for field, values in _fk_changes(entry):
            wanted[field.related_model].update(v for v in values if v != "None")
    names = {
        model: {str(pk): str(obj) for pk, obj in model._default_manager.in_bulk(pks).items()}
        for model, pks in wanted.items()
    }
    return [{"entry": entry, "model": _model_label(entry), "changes": _changes(entry, names)} for entry in entries]


def _model_label(entry: LogEntry) -> str:
    model = entry.content_type.model_class()
    return str(model._meta.verbose_name).capitalize() if model else entry.content_type.model


def _field(entry: LogEntry, name: str):
    model = entry.content_type.model_class()
    try:
        return model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None


def _fk_changes(entry: LogEntry):
    for name, values in (entry.changes or {}).items():
        field = _field(entry, name)
        if field is not None and field.many_to_one and isinstance(values, list):
            yield field, values


def _changes(entry: LogEntry, names: dict) -> list[tuple[str, str, str]]:
    rows = []
    for name, values in (entry.changes or {}).items():
        field = _field(entry, name)
        label = str(getattr(field, "verbose_name", name))
        if isinstance(values, dict):  # many-to-many: {"type": "m2m", "operation": "add", "objects": [...]}
            joined = ", ".join(values.get("objects", []))
            before, after = ("", joined) if values.get("operation") == "add" else (joined, "")
        else:
            before, after = (_shown(field, value, names) for value in values)
        if before or after:  # a new object's blank fields say nothing
            rows.append((label, before, after))
    return rows


def _shown(field, value: str, names: dict) -> str:
    if value == "None":
        return ""
    if field is not None and field.many_to_one:
        return names.get(field.related_model, {}).get(value, f"#{value}")
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    return value
