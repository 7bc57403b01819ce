"""`manage.py restore_db --input FILE [--database-url URL]`: a backup_db backup back into a PostgreSQL database."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from observers.operations.backup import BackupError, database_of, site_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_db: the dump into a PostgreSQL database (its tables replaced, in one "
        "transaction) and FILE.media.tar into the media folder."
    )

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, type=Path, help="The dump written by backup_db")
        parser.add_argument("--database-url", help="The database to restore into; default: the app's (DATABASE_URL)")
        parser.add_argument("--media-root", type=Path, help="Where the media go; default: MEDIA_ROOT")

    def handle(self, *args, input: Path, database_url: str | None, media_root: Path | None, **options):
        media_root = media_root or Path(settings.MEDIA_ROOT)
        try:
            database = database_of(database_url)
            files = site_restore(database=database, dump=input, media_root=media_root)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Restored {input} into database {database.name}, {files} files into {media_root}.")
        )
