"""A phone's token, its user and the user's memberships (with mission and team) in one hand-written query.

Every API request a phone makes starts here. Through the ORM this took two queries, and building them cost the
web process more CPU than the rest of storing a form (bench/ingest.py); the SQL is put together once, from the
models' own fields, so it follows the models when they change.
"""

from django.contrib.auth import get_user_model
from django.db import connection

from config.db.joined_rows import JoinedModel, related_set, row_instances
from config.db.prepared import execute_prepared
from mission.models import Mission
from observers.models import ApiToken, Observer, Team

_TOKEN, _USER = JoinedModel(ApiToken, "t"), JoinedModel(get_user_model(), "u")
_OBSERVER, _MISSION, _TEAM = JoinedModel(Observer, "o"), JoinedModel(Mission, "m"), JoinedModel(Team, "tm")
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
    joined = [row_instances(row, _PARTS) for row in rows]  # the token and the user again on each row: taken once
    token, user = joined[0][:2]
    related_set(token, "user", user)
    memberships = []
    for *_, observer, mission, team in joined:
        if observer is None:  # the user is in no mission
            continue
        related_set(observer, "user", user)
        related_set(observer, "mission", mission)
        related_set(observer, "team", team)
        memberships.append(observer)
    return token, memberships
