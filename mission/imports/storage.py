"""Keeping an uploaded table between the steps of an import (upload, map, preview, import).

The parsed table is saved as JSON under MEDIA_ROOT/imports/ with a random name; the session holds only that
name. The uploaded file's own name is never used as a path.
"""

import json
import re
import secrets
from dataclasses import astuple
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from mission.imports.rows import RowError
from mission.imports.tabular import Table

FOLDER = "imports"
KEEP_FOR = timedelta(days=1)
TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")


def table_store(table: Table) -> str:
    _discard_stale()
    token = secrets.token_urlsafe(24)
    payload = json.dumps({"headers": table.headers, "rows": table.rows}, ensure_ascii=False)
    default_storage.save(_path(token), ContentFile(payload.encode()))
    return token


def table_load(token: str) -> Table | None:
    """The stored table, or None when the token is malformed, expired or already used."""
    if not TOKEN.match(token or "") or not default_storage.exists(_path(token)):
        return None
    with default_storage.open(_path(token)) as stored:
        payload = json.load(stored)
    return Table(headers=payload["headers"], rows=[(number, cells) for number, cells in payload["rows"]])


def table_discard(token: str) -> None:
    if TOKEN.match(token or ""):
        default_storage.delete(_path(token))
        default_storage.delete(_problems_path(token))


def _path(token: str) -> str:
    return f"{FOLDER}/{token}.json"


def _discard_stale() -> None:
    if not default_storage.exists(FOLDER):
        return
    cutoff = timezone.now() - KEEP_FOR
    for name in default_storage.listdir(FOLDER)[1]:
        if default_storage.get_modified_time(f"{FOLDER}/{name}") < cutoff:
            default_storage.delete(f"{FOLDER}/{name}")


def problems_store(token: str, problems: list[RowError]) -> None:
    """A preview's problems beside its table, for the pages that list them by kind and the CSV download, which
    then need not check every row again."""
    if not TOKEN.match(token or ""):
        return
    payload = json.dumps([astuple(problem) for problem in problems], ensure_ascii=False)
    if default_storage.exists(_problems_path(token)):
        default_storage.delete(_problems_path(token))
    default_storage.save(_problems_path(token), ContentFile(payload.encode()))


def problems_load(token: str) -> list[RowError] | None:
    if not TOKEN.match(token or "") or not default_storage.exists(_problems_path(token)):
        return None
    with default_storage.open(_problems_path(token)) as stored:
        return [RowError(*values) for values in json.load(stored)]


def _problems_path(token: str) -> str:
    return f"{FOLDER}/{token}.problems.json"
