"""Importing single-mandate candidates through the coordinator's import pages: bad rows named, nothing written;
then created with their party, status and reason."""

import pytest

from tests.factories import DistrictFactory, PartyFactory, RegionFactory
from tests.mission.imports.helpers import confirm, errors_shown, upload_and_preview

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


@pytest.fixture
def places(coordinator):
    mission = coordinator.mission
    RegionFactory(mission=mission, code="AKM", name="Akmola Region")
    PartyFactory(mission=mission, name="Ak Zhol")
    return mission


CANDIDATES = (
    "Name,Gender,District,Nominated by,Status,Status since,Reason\n"
    "Aigul Bekova,F,01,Ak Zhol,registered,2004-08-14,\n"
    "Serik Akhmetov,M,Kokshetau district No. 1,,refused,2004-08-15,signatures\n"
    "Marat Omarov,M,01,Ak Zhol,refused,2004-08-15,\n"
    "Nobody Known,M,99,,registered,,\n"
)


def test_candidates_import_refuses_bad_rows_then_creates_them(client, places):
    DistrictFactory(mission=places, region=places.regions.first(), code="01", name="Kokshetau district No. 1")
    response = upload_and_preview(client, "candidates", "candidates.csv", CANDIDATES.encode())
    assert [(row, column) for row, column, _message in errors_shown(response)] == [(4, "Reason"), (5, "District")]
    assert confirm(client, "candidates").status_code == 400
    good = CANDIDATES.replace("Marat Omarov,M,01,Ak Zhol,refused,2004-08-15,\n", "").replace(
        "Nobody Known,M,99,,registered,,\n", ""
    )
    plan = upload_and_preview(client, "candidates", "candidates.csv", good.encode()).context["plan"]
    assert (plan.errors, plan.to_create) == ([], 2)
    assert confirm(client, "candidates").status_code == 302
    refused = places.candidates.get(full_name="Serik Akhmetov")
    assert (refused.status, refused.reason, refused.nominated_by) == ("refused", "signatures", None)
    assert places.candidates.get(full_name="Aigul Bekova").nominated_by.name == "Ak Zhol"
