"""How every edit of the needs-assessment records is saved: the whole object checked (fields, database
constraints, links within the same mission) before it writes, one transaction, ValidationError keyed by field."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _


def outside_mission(mission_id: int, **related) -> dict:
    """A message for each related record that belongs to another mission."""
    return {
        field: _("Choose one of this mission's records.")
        for field, obj in related.items()
        if obj is not None and obj.mission_id != mission_id
    }


def record_save(instance: models.Model, fields: dict, editable: tuple[str, ...], check=None) -> models.Model:
    """Assign `fields`, validate (the model, then `check(instance)` -> {field: message}), and save atomically."""
    unknown = set(fields) - set(editable)
    if unknown:
        raise TypeError(f"Not editable here: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    errors = check(instance) if check else {}
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:  # a concurrent write got there between the check and the save
        message = _("Someone saved a clashing record meanwhile; reload and try again.")
        raise ValidationError({NON_FIELD_ERRORS: message}) from error
    return instance
