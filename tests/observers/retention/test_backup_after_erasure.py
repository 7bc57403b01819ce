"""A backup made after the erasure holds none of the erased values: the database dump (as pg_restore prints it
back as SQL) and the media archive beside it, searched for every one of them."""

import subprocess
import tarfile

import pytest
from django.core.management import call_command

from observers.operations import backup
from tests.observers.retention.conftest import PERSONAL, erase

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _found_in(text: str) -> list[str]:
    return [value for value in PERSONAL if value.casefold() in text.casefold()]


def _backup_text(folder) -> str:
    dump = folder / "eom.dump"
    call_command("backup_db", output=dump)
    sql = subprocess.run(["pg_restore", "--file=-", str(dump)], check=True, capture_output=True, text=True).stdout
    with tarfile.open(backup.media_archive(dump)) as media:
        files = [media.extractfile(member).read().decode(errors="replace") for member in media if member.isfile()]
    return "\n".join([sql, *files])


def test_a_backup_after_the_erasure_holds_nothing_personal(closing, tmp_path_factory):
    # Backups outside MEDIA_ROOT (the `media` fixture's tmp_path), or the second would archive the first.
    assert _found_in(_backup_text(tmp_path_factory.mktemp("before")))  # the values were there to find

    assert erase(closing.client).status_code == 302

    assert _found_in(_backup_text(tmp_path_factory.mktemp("after"))) == []
