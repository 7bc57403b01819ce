"""Media monitors come into the mission with the roster import, like every other member."""

import pytest

from observers.models import Observer, Role
from tests.mission.imports.helpers import confirm, errors_shown, upload_and_preview

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def test_the_roster_brings_media_monitors_without_a_team(client, coordinator):
    roster = "Name,Role,Team\nDana Seitkali,Media monitor,\nYerlan Omarov,монитор СМИ,S01\n"
    response = upload_and_preview(client, "roster", "roster.csv", roster.encode())
    assert errors_shown(response) == [
        (3, "Team", "Coordinators, analysts and media monitors are not in an observer team; leave this blank.")
    ]
    upload_and_preview(client, "roster", "roster.csv", roster.replace("S01", "").encode())
    confirm(client, "roster")
    assert set(Observer.objects.filter(role=Role.MEDIA_MONITOR).values_list("full_name", "team")) == {
        ("Dana Seitkali", None),
        ("Yerlan Omarov", None),
    }
