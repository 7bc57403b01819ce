"""The form list, the XForms and their media, as ODK Collect downloads them."""

import csv
import hashlib
import io
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from observers.checklists.xform import form_id, xform_of
from observers.models import Checklist, DeploymentPlan
from tests.factories import ChecklistFactory
from tests.observers.openrosa.collect import MANIFEST, XFORMS, Collect, card_server

pytestmark = pytest.mark.django_db
ITEXT = "{http://www.w3.org/1999/xhtml}head/" + XFORMS + "model/" + XFORMS + "itext"


@pytest.fixture
def standard_forms(day):
    """Every standard form of the mission, as published from observers/checklists/standard_forms."""
    import json
    from pathlib import Path

    folder = Path("observers/checklists/standard_forms")
    forms = {}
    for kind in ("opening", "counting", "tabulation", "lto_weekly"):
        definition = json.loads((folder / f"{kind}.json").read_text())
        forms[kind] = ChecklistFactory(
            mission=day.mission, kind=kind, title=definition["title"], questions=definition["questions"]
        )
    return forms


def test_the_form_list_holds_what_the_team_fills_with_the_md5_of_the_bytes_served(day, standard_forms):
    collect = Collect(card_server(day.sto))

    forms = collect.form_list()

    kinds = {entry.rsplit("-", 1)[1] for entry in forms}
    assert kinds == {"opening", "voting", "counting", "tabulation", "incident"}
    for entry in forms.values():
        served = collect.get(entry["downloadUrl"]).content
        assert entry["hash"] == "md5:" + hashlib.md5(served).hexdigest()
        assert entry["manifestUrl"]
    assert collect.form_list() == forms  # and the same again: a version's XForm never changes


def test_a_long_term_team_gets_its_weekly_report_and_the_incident_form(day, standard_forms):
    forms = Collect(card_server(day.lto)).form_list()

    assert {entry.rsplit("-", 1)[1] for entry in forms} == {"lto_weekly", "incident"}


def test_the_core_team_gets_an_empty_list(day, standard_forms):
    assert Collect(card_server(day.coordinator)).form_list() == {}


def test_the_form_list_response_has_the_openrosa_headers(day):
    response = Collect(card_server(day.sto)).get(f"/openrosa/key/x/m/{day.mission.slug}/formList")
    assert response.status_code == 403 and response["X-OpenRosa-Version"] == "1.0"
    response = Collect(card_server(day.sto)).client.get(card_server(day.sto) + "/formList")
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response["X-OpenRosa-Version"] == "1.0" and response["Date"]
    root = ElementTree.fromstring(response.content)
    assert root.tag == "{http://openrosa.org/xforms/xformsList}xforms"


def test_the_form_list_takes_a_fixed_number_of_queries(day, standard_forms):
    server = card_server(day.sto)
    collect = Collect(server)
    collect.form_list()  # XForms built once
    with CaptureQueriesContext(connection) as few:
        collect.form_list()
    for version in range(2, 5):
        ChecklistFactory(mission=day.mission, kind="voting", version=version)
    with CaptureQueriesContext(connection) as more:
        collect.form_list()
    assert len(more) == len(few) <= 3


def test_the_xform_carries_the_three_languages_the_station_question_and_instance_id(day, standard_forms):
    xform = Collect(card_server(day.sto)).xform(f"eom-{day.mission.pk}-counting")

    root = ElementTree.fromstring(xform)
    languages = [t.get("lang") for t in root.find(ITEXT)]
    assert languages == ["English (en)", "Russian (ru)", "Kazakh (kk)"]
    text = xform.decode()
    assert "Были ли подсчитаны подписи в списке избирателей?" in text
    assert "Сайлаушылар тізіміндегі қолдар саналды ма?" in text
    assert "jr://file-csv/stations.csv" in text
    assert 'nodeset="/data/polling_station" type="string" required="true()"' in text
    assert "/data/meta/instanceID" in text
    assert f'id="eom-{day.mission.pk}-counting" version="1"' in text
    assert 'constraint=". &gt;= 0' in text  # integer limits
    assert "relevant=" in text  # follow-ups


def test_a_form_without_a_station_keeps_the_question_optional(day):
    xform, _md5 = xform_of(checklist=day.incident)
    assert 'nodeset="/data/polling_station" type="string"/>' in xform.decode()


def test_the_xform_of_a_version_does_not_change(day):
    first = xform_of(checklist=day.voting)
    again = xform_of(checklist=Checklist.objects.get(pk=day.voting.pk))
    assert first == again
    assert form_id(day.voting) == f"eom-{day.mission.pk}-voting"


def test_another_teams_form_is_not_served(day, standard_forms):
    lto = Collect(card_server(day.lto))
    response = lto.get(card_server(day.lto) + f"/forms/{day.voting.pk}/form.xml")
    assert response.status_code == 404


def _stations(collect, checklist) -> list[list[str]]:
    manifest = ElementTree.fromstring(collect.get(f"{collect.server}/forms/{checklist.pk}/manifest").content)
    media = manifest.find(MANIFEST + "mediaFile")
    assert media.findtext(MANIFEST + "filename") == "stations.csv"
    content = collect.get(media.findtext(MANIFEST + "downloadUrl")).content
    assert media.findtext(MANIFEST + "hash") == "md5:" + hashlib.md5(content).hexdigest()
    return list(csv.reader(io.StringIO(content.decode())))


def test_the_station_question_chooses_from_the_teams_published_plan(day):
    rows = _stations(Collect(card_server(day.sto)), day.voting)
    assert rows == [["name", "label"], ["00.25.01", "00.25.01 — School No. 1"]]


def test_an_unpublished_plan_gives_no_stations(day):
    DeploymentPlan.objects.filter(mission=day.mission).update(status=DeploymentPlan.Status.DRAFT)
    assert _stations(Collect(card_server(day.sto)), day.voting) == [["name", "label"]]


def test_a_long_term_team_chooses_from_its_area(day):
    rows = _stations(Collect(card_server(day.lto)), day.incident)
    assert [row[0] for row in rows[1:]] == ["00.25.01", "00.25.02"]  # its region's, not the other region's
