"""A phone's token, its user and the user's memberships (with mission and team) in one hand-written query.

Every API request a phone makes starts here. Through the ORM this took two queries, and building them cost the
web process more CPU than the rest of storing a form (bench/ingest.py); the SQL is put together once, from the
models' own fields, so it follows the models when they change.
"""
from django.contrib.auth import get_user_model
from django.db import connection, models

from config.prepared import execute_prepared
from mission.models import Mission

from .models import ApiToken, Observer, Team


class _Part:
    """One model's columns in the joined row, read back the way the ORM reads them (the backend's converters)."""

    def __init__(self, model: type[models.Model], alias: str):
        self.model, self.fields = model, model._meta.concrete_fields
        self.attnames = [field.attname for field in self.fields]
        self.select = ", ".join(f'{alias}."{field.column}"' for field in self.fields)
        self._converters = None  # by column: known once there is a connection

    def instance(self, row: tuple, start: int) -> models.Model | None:
        values = row[start:start + len(self.fields)]
        if values[0] is None:  # no row on this side of a LEFT JOIN (every primary key is the first column)
            return None
        if self._converters is None:
            self._converters = [self._column_converters(field) for field in self.fields]
        values = [self._converted(value, column, converters)
                  for value, (column, converters) in zip(values, self._converters)]
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


_TOKEN, _USER = _Part(ApiToken, "t"), _Part(get_user_model(), "u")
_OBSERVER, _MISSION, _TEAM = _Part(Observer, "o"), _Part(Mission, "m"), _Part(Team, "tm")
_PARTS = (_TOKEN, _USER, _OBSERVER, _MISSION, _TEAM)
# The memberships in user_memberships' order (observers/permissions.py): newest election first.
_SQL = (
    f"SELECT {', '.join(part.select for part in _PARTS)}"
    f" FROM {ApiToken._meta.db_table} t JOIN {get_user_model()._meta.db_table} u ON u.id = t.user_id"
    f" LEFT JOIN {Observer._meta.db_table} o ON o.user_id = u.id"
    f" LEFT JOIN {Mission._meta.db_table} m ON m.id = o.mission_id"
    f" LEFT JOIN {Team._meta.db_table} tm ON tm.id = o.team_id"
    " WHERE t.key_hash = %s ORDER BY m.election_date DESC, o.id"
)


def token_with_memberships(*, key_hash: str) -> tuple[ApiToken | None, list[Observer]]:
    """The token with this hash (its `user` loaded) and the user's memberships, each with mission and team;
    (None, []) when there is no such token."""
    with connection.cursor() as cursor:
        execute_prepared(cursor, _SQL, [key_hash])
        rows = cursor.fetchall()
    if not rows:
        return None, []
    token, user = _TOKEN.instance(rows[0], 0), _USER.instance(rows[0], len(_TOKEN.attnames))
    _cache(token, "user", user)
    memberships = []
    start = len(_TOKEN.attnames) + len(_USER.attnames)
    for row in rows:
        observer = _OBSERVER.instance(row, start)
        if observer is None:
            continue
        mission = _MISSION.instance(row, start + len(_OBSERVER.attnames))
        team = _TEAM.instance(row, start + len(_OBSERVER.attnames) + len(_MISSION.attnames))
        _cache(observer, "user", user)
        _cache(observer, "mission", mission)
        _cache(observer, "team", team)
        memberships.append(observer)
    return token, memberships


def _cache(instance: models.Model, relation: str, related: models.Model | None) -> None:
    """What select_related does: the related object kept on the instance, read without a query."""
    instance._meta.get_field(relation).set_cached_value(instance, related)
