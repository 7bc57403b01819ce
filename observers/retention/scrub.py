"""Erased values taken out of the records that keep copies of them: the audit trail, Django admin's history,
django-axes' login records, sessions and the import files sessions point to. Entries stay; values become ERASED."""

from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db.models import Model
from django.utils import timezone

from mission.imports.storage import table_discard
from mission.models import Mission

ERASED = "[erased]"
MIN_SCRUBBED_LENGTH = 3  # shorter values ("F", "12") would blot out unrelated text of bulk entries' descriptions
BATCH = 1000


def _erased(value, fields: frozenset[str]):
    """auditlog's changes ({"field": [before, after]}, or an m2m dict) with the personal fields' values erased."""
    if not value:
        return value
    return {
        name: [ERASED if item not in ("", "None", None) else item for item in values]
        if name in fields and isinstance(values, list)
        else values
        for name, values in value.items()
    }


def _without(text: str, values: list[str]) -> str:
    for value in values:
        text = text.replace(value, ERASED)
    return text


def audit_trail_scrub(
    *, mission: Mission, erased: dict[type[Model], tuple[list, frozenset[str]]], values: set[str], actors: list[int]
) -> int:
    """In the mission's entries: the erased objects' personal fields and names (`erased`: model -> (pks, fields)),
    any of `values` quoted in a bulk entry's description ("Revoked 2 login links of <name>"), and the e-mail
    stamped on entries by erased accounts. Returns how many entries changed."""
    entries = list(
        LogEntry.objects.filter(additional_data__mission=mission.pk).select_related("content_type").order_by("pk")
    )
    # Only the values some description quotes: one search over all of them, not one per entry and value.
    free_text = "\n".join(e.object_repr for e in entries if not e.object_pk) + "\n".join(
        e.changes_text for e in entries
    )
    quoted = sorted((v for v in values if len(v) >= MIN_SCRUBBED_LENGTH and v in free_text), key=len, reverse=True)
    changed = []
    targets = {
        ContentType.objects.get_for_model(model).pk: ({str(pk) for pk in pks}, fields)
        for model, (pks, fields) in erased.items()
    }
    for entry in entries:
        before = (entry.object_repr, entry.changes, entry.changes_text)
        pks, fields = targets.get(entry.content_type_id, (set(), frozenset()))
        if entry.object_pk in pks:
            entry.changes = _erased(entry.changes, fields)
            if "full_name" in fields:
                entry.object_repr = ERASED  # an observer is named by its full name
        if not entry.object_pk:  # a bulk entry: its description is free text
            entry.object_repr = _without(entry.object_repr, quoted)
        if entry.changes_text:
            entry.changes_text = _without(entry.changes_text, quoted)
        if (entry.object_repr, entry.changes, entry.changes_text) != before:
            changed.append(entry)
    # Written back whole under their own ids, in the caller's transaction: bulk_update's CASE per row costs
    # seconds for a few thousand entries, a DELETE and INSERTs a fraction of that.
    LogEntry.objects.filter(pk__in=[entry.pk for entry in changed]).delete()
    LogEntry.objects.bulk_create(changed, batch_size=BATCH)
    LogEntry.objects.filter(actor_id__in=actors).update(actor_email=None)
    return len(changed)


def admin_history_scrub(*, erased: dict[type[Model], list]) -> None:
    """Django admin's history names each object it changed."""
    for model, pks in erased.items():
        AdminLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=[str(pk) for pk in pks]
        ).update(object_repr=ERASED)


def login_records_delete(*, usernames: list[str]) -> None:
    """django-axes keeps every login and failed attempt by username."""
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__in=usernames).delete()


def sessions_scrub(*, mission: Mission, user_ids: set[int]) -> None:
    """Signs the erased accounts out, and drops the roster or station files kept for an import into the mission
    that was left half-way (the file holds the spreadsheet's rows)."""
    user_model = get_user_model()
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator(chunk_size=BATCH):
        data = session.get_decoded()
        imports = [key for key, state in data.items() if key.startswith("import:") and _of(state, mission)]
        for key in imports:
            table_discard(data.pop(key)["token"])
        if user_model._meta.pk.to_python(data.get("_auth_user_id", 0)) in user_ids:
            session.delete()
        elif imports:
            Session.objects.save(session.session_key, data, session.expire_date)


def _of(state, mission: Mission) -> bool:
    return isinstance(state, dict) and state.get("mission") == mission.pk and "token" in state
