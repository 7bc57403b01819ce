"""Importing the register from a spreadsheet through the coordinator's import pages: every bad row shown and
nothing written; a good file creates cases and their appeals (chained by number), a second run updates."""

import datetime as dt

import pytest

from mission.cases.models import CaseFile
from tests.factories import PartyFactory, RegionFactory
from tests.mission.imports.helpers import confirm, errors_shown, upload_and_preview

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]
HEADER = (
    "No,Filed by,Complainant,Party,Type,Summary,Filed with,Region,Filed,Legal deadline,Decided on,Outcome,Source,"
    "Appeal of\n"
)
GOOD = (
    HEADER + "C-1,party,Ak Zhol,Ak Zhol,candidate_registration,Refused,District election commission,Akmola,21.08.2004,"
    "26.08.2004,25.08.2004,rejected,lto,\n"
    + "C-2,party,Ak Zhol,Ak Zhol,candidate_registration,Appeal of C-1,regional,Akmola,2004-08-27,2004-09-01,,,lto,C-1\n"
    + "C-3,voter,Aigul Bekova,,voter_lists,Left off the list,court,,2004-09-01,,,,media,\n"
)
BAD = (
    HEADER
    + "C-1,party,Ak Zhol,Ak Zhol,candidate_registration,Refused,district,Akmola,21.08.2004,20.08.2004,,,lto,\n"
    + "C-2,king,Nobody,,campaign,Text,district,,2004-08-22,,,,lto,\n"
    + "C-3,voter,Voter,,campaign,Text,parliament,,2004-08-22,,,,lto,\n"
    + "C-4,voter,Voter,Green Party,campaign,Text,district,Atlantis,2004-08-22,,,,lto,\n"
    + "C-5,voter,Voter,,campaign,Text,district,,2004-08-22,,2004-08-24,,lto,\n"
    + "C-6,voter,Voter,,campaign,Text,court,,2004-08-22,,,,lto,C-9\n"
    + "C-1,voter,Voter,,campaign,Text,court,,22 August,,,,lto,\n"
)


@pytest.fixture
def places(coordinator):
    mission = coordinator.mission
    RegionFactory(mission=mission, code="AKM", name="Akmola Region", name_ru="Акмолинская область")
    PartyFactory(mission=mission, name="Ak Zhol")
    RegionFactory(mission=mission, code="X", name="Akmola")
    return mission


def test_bad_rows_are_each_named_and_nothing_is_written(client, places):
    response = upload_and_preview(client, "cases", "cases.csv", BAD.encode())
    shown = errors_shown(response)
    assert [(row, column) for row, column, _message in shown] == [
        (2, "Legal deadline"),
        (3, "Filed by"),
        (4, "Filed with"),
        (5, "Region"),
        (6, "Decided on"),
        (7, "Appeal of"),
        (8, "Filed"),
    ]
    messages = {row: message for row, _column, message in shown}
    assert "before the filing date" in messages[2] and "region" in messages[5]
    assert "Not a date" in messages[8]
    refused = confirm(client, "cases")
    assert refused.status_code == 400
    assert not CaseFile.objects.exists()


def test_a_good_file_creates_cases_with_their_appeal_chain_then_updates(client, places):
    plan = upload_and_preview(client, "cases", "cases.csv", GOOD.encode()).context["plan"]
    assert (plan.errors, plan.to_create, plan.to_update) == ([], 3, 0)
    assert confirm(client, "cases").status_code == 302
    first, appeal, court = CaseFile.objects.order_by("number")
    assert (first.decision, first.decided_on, first.region.name) == ("rejected", dt.date(2004, 8, 25), "Akmola")
    assert first.complainant_party.name == "Ak Zhol" and first.body == "district"
    assert appeal.appeal_of == first and appeal.decision == "pending"
    assert court.region is None and court.source == "media"
    changed = GOOD.replace("Left off the list", "Left off the list at station 12")
    plan = upload_and_preview(client, "cases", "cases.csv", changed.encode()).context["plan"]
    assert (plan.to_create, plan.to_update, plan.unchanged) == (0, 1, 2)
    confirm(client, "cases")
    assert CaseFile.objects.get(number="C-3").summary == "Left off the list at station 12"
