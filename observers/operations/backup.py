"""Back up and restore the whole site: the PostgreSQL database (pg_dump's custom format) and the media folder
(submissions' photos, compiled PDFs) as a tar beside the dump: `<dump>` and `<dump>.media.tar`.

SQLite (the embedded mode) has no dump here: stop the app and copy the var/ folder instead.
"""

import os
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

import environ
from django.db import connections

MEDIA_SUFFIX = ".media.tar"
MEDIA_FOLDER = "media"  # the folder's name inside the tar
SQLITE_MESSAGE = (
    "The database is SQLite (the embedded mode): there is nothing to dump. Stop the app and copy the var/ folder "
    "(db.sqlite3 and media/) instead, and copy it back to restore."
)


class BackupError(Exception):
    """The backup or restore cannot go on; the message says what to do."""


@dataclass(frozen=True)
class Database:
    """Where a PostgreSQL database is, as libpq's environment variables (the password stays out of `ps`)."""

    name: str
    host: str
    port: str
    user: str
    password: str

    @classmethod
    def from_settings(cls, settings_dict: dict) -> "Database":
        if "postgresql" not in settings_dict["ENGINE"]:
            raise BackupError(
                SQLITE_MESSAGE
                if "sqlite" in settings_dict["ENGINE"]
                else f"Only PostgreSQL can be backed up this way, not {settings_dict['ENGINE']}."
            )
        return cls(
            name=settings_dict["NAME"],
            host=settings_dict.get("HOST") or "",
            port=str(settings_dict.get("PORT") or ""),
            user=settings_dict.get("USER") or "",
            password=settings_dict.get("PASSWORD") or "",
        )

    @classmethod
    def from_url(cls, url: str) -> "Database":
        try:
            return cls.from_settings(environ.Env.db_url_config(url))
        except (KeyError, ValueError) as error:
            raise BackupError(f"Not a database URL: {url!r} ({error}). Use postgres://user@host:5432/name.") from error

    def environment(self) -> dict:
        values = {
            "PGDATABASE": self.name,
            "PGHOST": self.host,
            "PGPORT": self.port,
            "PGUSER": self.user,
            "PGPASSWORD": self.password,
        }
        return {**os.environ, **{key: value for key, value in values.items() if value}}


def database_of(url: str | None) -> Database:
    """The database at `url`, or the app's own (DATABASE_URL) without one."""
    return Database.from_url(url) if url else Database.from_settings(connections["default"].settings_dict)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} was not found on the PATH: install PostgreSQL's client tools, the same major version as the "
            "server or newer (Debian: apt-get install postgresql-client)."
        )
    return path


def _run(command: list[str], database: Database) -> None:
    result = subprocess.run(command, env=database.environment(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed (exit {result.returncode}): {result.stderr.strip()}")


def media_archive(dump: Path) -> Path:
    return dump.with_name(dump.name + MEDIA_SUFFIX)


def site_backup(*, database: Database, output: Path, media_root: Path) -> list[Path]:
    """Write the dump and the media tar; nothing is left half-written when a step fails. Returns both paths."""
    pg_dump = _tool("pg_dump")
    output.parent.mkdir(parents=True, exist_ok=True)
    media = media_archive(output)
    partial_dump, partial_media = output.with_name(output.name + ".partial"), media.with_name(media.name + ".partial")
    try:
        _run([pg_dump, "--format=custom", "--no-owner", "--file", str(partial_dump)], database)
        with tarfile.open(partial_media, "w") as tar:
            if media_root.is_dir():
                tar.add(media_root, arcname=MEDIA_FOLDER)
        partial_dump.replace(output)
        partial_media.replace(media)
    finally:
        partial_dump.unlink(missing_ok=True)
        partial_media.unlink(missing_ok=True)
    return [output, media]


def site_restore(*, database: Database, dump: Path, media_root: Path) -> int:
    """Restore the dump into `database` (its objects replaced, in one transaction) and the media files into
    `media_root`. Returns how many files were restored."""
    pg_restore = _tool("pg_restore")
    media = media_archive(dump)
    for path in (dump, media):
        if not path.is_file():
            raise BackupError(f"{path} is not there: a backup is the dump and its {MEDIA_SUFFIX} beside it.")
    _run(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            database.name,
            str(dump),
        ],
        database,
    )
    media_root.mkdir(parents=True, exist_ok=True)
    restored = 0
    with tarfile.open(media) as tar:
        for member in tar.getmembers():
            if not member.isfile():
                continue
            folder, *rest = Path(member.name).parts
            if folder != MEDIA_FOLDER or not rest:
                raise BackupError(f"{media} holds {member.name!r}, outside {MEDIA_FOLDER}/: not a backup's media.")
            member.name = str(Path(*rest))
            tar.extract(member, media_root, filter="data")  # refuses absolute paths and ".." on top
            restored += 1
    return restored
