"""`manage.py import_stations`: the page's import from the command line, with the same options and summary."""

import pytest
from django.core.management import CommandError, call_command

from mission.models import District, PollingStation, StationImport
from tests.factories import MissionFactory
from tests.mission.imports.national import national_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def national_file(tmp_path):
    path = tmp_path / "national.csv"
    path.write_bytes(national_csv(1_000))
    return path


def _run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_stations", *map(str, args), stdout=out)
    return out.getvalue()


def test_the_guessed_code_repeats_and_nothing_is_written(national_file, tmp_path):
    mission = MissionFactory()
    with pytest.raises(CommandError, match="Nothing imported: .* problems to fix"):
        _run(national_file, "--mission", mission.pk, "--column", "name=Address", "--problems", tmp_path / "p.csv")
    assert PollingStation.objects.count() == 0
    assert (tmp_path / "p.csv").read_text(encoding="utf-8-sig").count("\n") > 300


def test_a_dry_run_then_the_import_with_a_code_template(national_file):
    mission = MissionFactory(slug="kz")
    options = ("--mission", "kz", "--column", "name=Address", "--code-template", "{Municipality code}-{Number}")
    printed = _run(national_file, *options, "--dry-run")
    assert "1000 rows: 1000 to create, 0 to update, 0 unchanged, 0 problems, 0 warnings." in printed
    assert "  districts to create: 600" in printed and "  stations without a location: 1000" in printed
    assert "To confirm: Create these 14 regions." in printed
    assert "  code: {Municipality code}-{Number}" in printed and "Dry run: nothing written." in printed
    assert PollingStation.objects.count() == 0

    with pytest.raises(CommandError, match="confirm what is listed above with --yes"):
        _run(national_file, *options)
    printed = _run(national_file, *options, "--yes")
    assert "Imported: 1000 created, 0 updated, 0 unchanged" in printed
    assert PollingStation.objects.filter(mission=mission).count() == 1000
    assert District.objects.filter(mission=mission).count() == 600
    assert StationImport.objects.get().filename == "national.csv"


def test_wrong_options_say_what_to_write(national_file):
    mission = MissionFactory()
    with pytest.raises(CommandError, match="no column 'Nowhere'"):
        _run(national_file, "--mission", mission.pk, "--column", "name=Nowhere")
    with pytest.raises(CommandError, match="FIELD one of code, name"):
        _run(national_file, "--mission", mission.pk, "--column", "colour=Address")
    with pytest.raises(CommandError, match="no such column"):
        _run(national_file, "--mission", mission.pk, "--column", "name=Address", "--code-template", "{Nowhere}-{1}")
    with pytest.raises(CommandError, match="No mission has the id or slug"):
        _run(national_file, "--mission", "nowhere")
    with pytest.raises(CommandError, match="no such file"):
        _run("/nonexistent.csv", "--mission", mission.pk)
