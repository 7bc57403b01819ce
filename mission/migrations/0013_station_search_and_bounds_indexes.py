"""The station search and the map's bounds at 200,000 stations (issue 18).

Searching code, name or address ("contains", any case) is UPPER(column) LIKE UPPER('%...%'): on PostgreSQL a GIN
trigram index on UPPER(column) answers it without reading every station. pg_trgm and those indexes are PostgreSQL's
own: on any other database (SQLite, for local use) the operations do nothing and the search reads the table.
The (mission, latitude) index lets MIN/MAX(latitude) of the map's bounds read one entry, as station_location does
for the longitude."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

SEARCHED = ("code", "name", "address")


def _trigram_indexes(apps, schema_editor, *, create: bool) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in SEARCHED:
        name = f"station_{column}_trgm"
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {name} ON mission_pollingstation USING gin (UPPER("{column}"::text) gin_trgm_ops)'
            if create
            else f"DROP INDEX IF EXISTS {name}"
        )


def create_trigram_indexes(apps, schema_editor):
    _trigram_indexes(apps, schema_editor, create=True)


def drop_trigram_indexes(apps, schema_editor):
    _trigram_indexes(apps, schema_editor, create=False)


class Migration(migrations.Migration):
    dependencies = [
        ("mission", "0012_long_codes_and_station_imports"),
    ]

    operations = [
        TrigramExtension(),  # CreateExtension: a no-op on databases other than PostgreSQL
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes, elidable=False),
        migrations.AddIndex(
            model_name="pollingstation",
            index=models.Index(fields=["mission", "latitude"], name="station_latitude"),
        ),
    ]
