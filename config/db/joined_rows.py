"""Model instances from the rows of a hand-written join: what select_related gives, for the few queries the phones
make with every form, where building the query through the ORM cost more CPU than answering it."""

from django.db import connection, models


class JoinedModel:
    """One model's columns in a joined row (all its fields, or `only` some: the others are deferred), read back the
    way the ORM reads them (the backend's converters)."""

    def __init__(self, model: type[models.Model], alias: str, only: tuple[str, ...] = ()):
        self.model = model
        self.fields = [model._meta.get_field(name) for name in only] if only else model._meta.concrete_fields
        if self.fields[0] != model._meta.pk:
            raise ValueError(f"{model.__name__}: the primary key comes first (it tells a row from a missing one).")
        self.attnames = [field.attname for field in self.fields]
        self.select = ", ".join(f'{alias}."{field.column}"' for field in self.fields)
        self._converters = None  # by column: known once there is a connection

    def instance(self, row: tuple, start: int) -> models.Model | None:
        """The instance whose columns begin at `start`; None when a LEFT JOIN found no row."""
        values = row[start : start + len(self.fields)]
        if values[0] is None:
            return None
        if self._converters is None:
            self._converters = [self._column_converters(field) for field in self.fields]
        values = [
            self._converted(value, column, converters) for value, (column, converters) in zip(values, self._converters)
        ]
        return self.model.from_db(connection.alias, self.attnames, values)

    @staticmethod
    def _column_converters(field):
        column = field.get_col(field.model._meta.db_table)
        return column, connection.ops.get_db_converters(column) + column.get_db_converters(connection)

    @staticmethod
    def _converted(value, column, converters):
        for converter in converters:
            value = converter(value, column, connection)
        return value


def related_set(instance: models.Model, relation: str, related: models.Model | None) -> None:
    """What select_related does: the related object kept on the instance, read without a query."""
    instance._meta.get_field(relation).set_cached_value(instance, related)


def row_instances(row: tuple, parts: tuple[JoinedModel, ...]) -> list[models.Model | None]:
    """The instance of each part from one joined row whose columns are the parts' in turn."""
    found, start = [], 0
    for part in parts:
        found.append(part.instance(row, start))
        start += len(part.fields)
    return found
