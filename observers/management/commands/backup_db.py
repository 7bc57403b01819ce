"""`manage.py backup_db --output FILE`: the PostgreSQL database as FILE (pg_dump -Fc), the media as FILE.media.tar."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from observers.operations.backup import BackupError, database_of, site_backup


class Command(BaseCommand):
    help = "Back up the PostgreSQL database (pg_dump custom format) and the media folder (a tar beside it)."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, type=Path, help="The dump to write; media go to FILE.media.tar")
        parser.add_argument("--database-url", help="Another database than the app's (DATABASE_URL)")

    def handle(self, *args, output: Path, database_url: str | None, **options):
        try:
            database = database_of(database_url)
            written = site_backup(database=database, output=output, media_root=Path(settings.MEDIA_ROOT))
        except BackupError as error:
            raise CommandError(str(error)) from error
        for path in written:
            self.stdout.write(f"{path} ({path.stat().st_size:,} bytes)")
        self.stdout.write(self.style.SUCCESS(f"Backed up database {database.name} and {settings.MEDIA_ROOT}."))
