"""The audit trail: who changed which polling station, observer, team or election-day plan, and when.

Recorded by django-auditlog rather than django-simple-history: one LogEntry table for every model gives one page
with filters over all of them, registering a model needs no history table (and no migration in the app that owns
it), and its middleware records the signed-in user as the actor. Each entry is stamped with its mission
(additional_data["mission"]) as it is written, so coordinators see only their own mission's changes, deletions
included.

Bulk writes (bulk_create, bulk_update, queryset update() and delete()) send no model signals: the services that
make them call audit_bulk() once per change.
"""

from typing import Literal

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import pre_save

from mission.models import Mission, PollingStation
from observers.models import Assignment, DeploymentPlan, Observer, Team

# Each audited model, with the path from it to its mission.
AUDITED: dict[type[models.Model], str] = {
    PollingStation: "mission",
    Observer: "mission",
    Team: "mission",
    Assignment: "team__mission",
    DeploymentPlan: "mission",
}
M2M_FIELDS = {Team: {"area"}}
ACTIONS = {"create": LogEntry.Action.CREATE, "update": LogEntry.Action.UPDATE, "delete": LogEntry.Action.DELETE}


def audit_register() -> None:
    """Track the audited models; called once from ObserversConfig.ready()."""
    for model, path in AUDITED.items():
        # Only the model's own columns: auditlog would otherwise list reverse relations among the changes.
        # Only the field that leads to the mission is serialized: enough to stamp the entry of a deleted object.
        auditlog.register(
            model,
            include_fields=[field.name for field in model._meta.concrete_fields if not field.primary_key],
            m2m_fields=M2M_FIELDS.get(model),
            serialize_data=True,
            serialize_kwargs={"fields": [path.split("__")[0]]},
        )
    pre_save.connect(_stamp_mission, sender=LogEntry, dispatch_uid="audit_stamp_mission")


def audit_bulk(
    *,
    actor,
    mission: Mission,
    model: type[models.Model],
    action: Literal["create", "update", "delete"],
    count: int,
    detail: str,
) -> LogEntry:
    """Record one entry for a bulk change of `count` rows of `model`; `detail` says what was done, for people."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown audit action {action!r}: use one of {', '.join(ACTIONS)}.")
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_pk="",
        object_repr=detail,
        action=ACTIONS[action],
        actor=actor,
        additional_data={"mission": mission.pk, "count": count},
    )


def _stamp_mission(sender, instance: LogEntry, **kwargs) -> None:
    if instance.pk is not None or "mission" in (instance.additional_data or {}):
        return
    model = instance.content_type.model_class()
    if model in AUDITED:
        instance.additional_data = {**(instance.additional_data or {}), "mission": _mission_id(model, instance)}


def _mission_id(model: type[models.Model], entry: LogEntry) -> int | None:
    path = AUDITED[model]
    first, _, rest = path.partition("__")
    fields = (entry.serialized_data or {}).get("fields", {})
    if first not in fields:  # a many-to-many change carries no serialized data; its object is still there
        return model._default_manager.filter(pk=entry.object_pk).values_list(path, flat=True).first()
    if not rest:
        return fields[first]
    related = model._meta.get_field(first).related_model
    return related._default_manager.filter(pk=fields[first]).values_list(rest, flat=True).first()
