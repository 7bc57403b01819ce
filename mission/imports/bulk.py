"""Writing many rows at once on PostgreSQL: COPY for new rows, one UPDATE ... FROM (VALUES ...) per batch for
changed ones; bulk_create and bulk_update elsewhere (SQLite, the embedded mode).

Hand-written because Django's bulk_update builds a CASE WHEN per field and row: a re-import changing 20,000 of
200,000 stations spent most of its time compiling those expressions (bench/import_stations.py). Listed in
config/db/__init__.py."""

import io

from django.db import connection, models
from django.utils import timezone

BATCH = 2000


def rows_update(objects: list[models.Model], fields: list[str]) -> None:
    """Writes `fields` of `objects` (all of one model, all saved before) as they are set on the instances."""
    if not objects or not fields:
        return
    model = type(objects[0])
    if connection.vendor != "postgresql":
        model.objects.bulk_update(objects, fields, batch_size=1000)
        return
    meta = model._meta
    columns = [meta.get_field(name) for name in fields]
    for instance in objects:  # a related object created in the same import: its id, now that it has one
        instance._prepare_related_fields_for_save(operation_name="rows_update", fields=columns)
    pk = meta.pk
    types = [pk.db_type(connection), *(_db_type(field) for field in columns)]
    names = [pk.column, *(field.column for field in columns)]
    row = "(" + ", ".join(f"%s::{kind}" for kind in types) + ")"
    assignments = ", ".join(f'"{name}" = v."{name}"' for name in names[1:])
    listed = ", ".join(f'"{name}"' for name in names)
    with connection.cursor() as cursor:
        for start in range(0, len(objects), BATCH):
            batch = objects[start : start + BATCH]
            params = []
            for instance in batch:
                params.append(instance.pk)
                params.extend(field.get_db_prep_save(getattr(instance, field.attname), connection) for field in columns)
            cursor.execute(
                f'UPDATE "{meta.db_table}" AS t SET {assignments} '
                f"FROM (VALUES {', '.join([row] * len(batch))}) AS v({listed}) "
                f'WHERE t."{pk.column}" = v."{pk.column}"',
                params,
            )


def _db_type(field: models.Field) -> str:
    if field.is_relation:
        return field.target_field.rel_db_type(connection)
    return field.db_type(connection)


def rows_insert(model: type[models.Model], rows: list[dict]) -> None:
    """Inserts new rows given as {attname: value} (ids of related rows, not objects), with COPY on PostgreSQL:
    200,000 stations in seconds, where bulk_create's model instances took most of an import's time. The columns
    are the first row's keys; every row has the same."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create((model(**row) for row in rows), batch_size=1000)
        return
    meta = model._meta
    names = list(rows[0])
    # The model's other columns get their defaults, as bulk_create would give them (COPY leaves them NULL).
    defaults = {
        field.attname: timezone.now() if getattr(field, "auto_now_add", False) else field.get_default()
        for field in meta.concrete_fields
        if field.attname not in names and not field.primary_key
    }
    names += list(defaults)
    columns = [meta.get_field(name).column for name in names]
    buffer = io.StringIO()
    for row in rows:
        row = {**row, **defaults} if defaults else row
        buffer.write(",".join(_copy_value(row[name]) for name in names))
        buffer.write("\n")
    buffer.seek(0)
    with connection.cursor() as cursor:
        listed = ", ".join(f'"{column}"' for column in columns)
        cursor.copy_expert(f"COPY \"{meta.db_table}\" ({listed}) FROM STDIN WITH (FORMAT csv, NULL '\\N')", buffer)


def _copy_value(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return '"' + value.replace('"', '""') + '"'  # quoted: never the NULL marker, commas and newlines kept
    return str(value)
