"""Backup and restore: what backup_db saves, restore_db brings back whole into a fresh PostgreSQL database."""

import secrets
import shutil
import tarfile

import psycopg2
import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from observers.operations import backup
from reports.models import Compilation
from tests.factories import ReportFactory, SubmissionFactory

PDF = b"%PDF-1.7 the preliminary statement"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _connect(database: str):
    params = connection.settings_dict
    return psycopg2.connect(
        dbname=database,
        host=params["HOST"] or None,
        port=params["PORT"] or None,
        user=params["USER"] or None,
        password=params["PASSWORD"] or None,
    )


@pytest.fixture
def fresh_database():
    """An empty database eom_restore_<random> on the test server, dropped at the end: (name, URL)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://... (on SQLite, back up by copying var/)")
    name = f"eom_restore_{secrets.token_hex(4)}"
    server = _connect("postgres")
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    params = connection.settings_dict
    credentials = f"{params['USER']}:{params['PASSWORD']}@" if params["PASSWORD"] else f"{params['USER']}@"
    try:
        yield name, f"postgres://{credentials}{params['HOST'] or 'localhost'}:{params['PORT'] or 5432}/{name}"
    finally:
        with server.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)  # pg_dump, another process, must see the rows
def test_a_backup_comes_back_whole_in_a_fresh_database(fresh_database, media_root, tmp_path):
    name, url = fresh_database
    first = SubmissionFactory()
    submissions = [first, *(SubmissionFactory(mission=first.mission, checklist=first.checklist) for _ in range(4))]
    compilation = Compilation(report=ReportFactory(mission=first.mission), status=Compilation.Status.DONE)
    compilation.pdf.save("preliminary-en.pdf", ContentFile(PDF), save=False)
    compilation.save()

    dump = tmp_path / "backups" / "eom.dump"
    call_command("backup_db", output=dump)
    assert dump.is_file() and backup.media_archive(dump).is_file()

    restored_media = tmp_path / "restored-media"
    call_command("restore_db", input=dump, database_url=url, media_root=restored_media)

    with _connect(name) as restored, restored.cursor() as cursor:
        cursor.execute("SELECT uuid::text, mission_id, answers::text FROM observers_submission ORDER BY uuid")
        rows = cursor.fetchall()
        cursor.execute(
            "SELECT c.id, c.status, c.pdf, r.kind "
            "FROM reports_compilation c JOIN reports_report r ON r.id = c.report_id"
        )
        compilations = cursor.fetchall()
        cursor.execute("SELECT count(*) FROM django_migrations")
        migrations = cursor.fetchone()[0]
    restored.close()
    assert [row[0] for row in rows] == sorted(str(s.uuid) for s in submissions)
    assert {row[1] for row in rows} == {first.mission.pk}
    assert compilations == [(compilation.pk, "done", compilation.pdf.name, "preliminary")]
    assert migrations > 0
    assert (restored_media / compilation.pdf.name).read_bytes() == PDF


def test_sqlite_is_backed_up_by_copying_var(db, tmp_path):
    with pytest.raises(CommandError, match="SQLite.*copy the var/ folder"):
        call_command("backup_db", output=tmp_path / "x.dump", database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert not list(tmp_path.iterdir())


def test_without_pg_dump_it_says_what_to_install(db, tmp_path, monkeypatch):
    monkeypatch.setattr(backup.shutil, "which", lambda name: None)
    with pytest.raises(CommandError, match="pg_dump was not found.*postgresql-client"):
        call_command("backup_db", output=tmp_path / "x.dump", database_url="postgres://postgres@127.0.0.1:5432/eom")
    with pytest.raises(CommandError, match="pg_restore was not found"):
        call_command("restore_db", input=tmp_path / "x.dump", database_url="postgres://postgres@127.0.0.1:5432/eom")


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="needs pg_dump (postgresql-client)")
def test_a_failed_dump_leaves_no_file(db, media_root, tmp_path):
    dump = tmp_path / "eom.dump"
    with pytest.raises(CommandError, match="pg_dump failed"):
        call_command("backup_db", output=dump, database_url="postgres://postgres@127.0.0.1:1/nowhere")
    assert list(tmp_path.iterdir()) == []


def test_a_restore_needs_both_halves_of_the_backup(db, tmp_path):
    dump = tmp_path / "eom.dump"
    dump.write_bytes(b"PGDMP")
    with pytest.raises(CommandError, match=r"eom\.dump\.media\.tar is not there"):
        call_command("restore_db", input=dump, database_url="postgres://postgres@127.0.0.1:5432/eom_never_touched")


def test_a_media_archive_with_files_outside_media_is_refused(db, tmp_path, monkeypatch):
    monkeypatch.setattr(backup, "_run", lambda command, database: None)  # the database half is not the point here
    dump = tmp_path / "eom.dump"
    dump.write_bytes(b"PGDMP")
    stray = tmp_path / "stray.txt"
    stray.write_text("x")
    with tarfile.open(backup.media_archive(dump), "w") as tar:
        tar.add(stray, arcname="etc/cron.d/evil")
    with pytest.raises(CommandError, match="outside media/"):
        call_command(
            "restore_db", input=dump, database_url="postgres://postgres@127.0.0.1:5432/eom", media_root=tmp_path / "m"
        )
    assert not (tmp_path / "m" / "etc").exists()
