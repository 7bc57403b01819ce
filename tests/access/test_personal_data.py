"""Observers' personal data (phone, e-mail, nationality) is for coordinators; analysts see observers by team and
name; observers see their own team members' names. test_url_walk.py checks every routed text page and API answer
for the personal values; these tests cover the places that show observers on purpose, and the binary downloads.
"""

import io

import openpyxl
import pytest
from pypdf import PdfReader

from observers.models import Role
from tests.access.conftest import personal_data
from tests.factories import ObserverFactory


def _contact(mission, role) -> list[str]:
    values = personal_data(mission.mission.name[-1], role)
    return [values["phone"], values["email"], values["nationality"]]


def _pdf_text(response) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_the_coordinators_team_sheet_carries_the_observers_phone(client, two_missions):
    a = two_missions.a
    client.force_login(a.members[Role.COORDINATOR].user)
    response = client.get(f"/deployment/plan/teams/{a.sto_team.pk}/pdf/")
    assert response.status_code == 200
    text = _pdf_text(response)
    assert "Sto A" in text and personal_data("A", Role.STO)["phone"] in text


def test_analysts_see_silent_teams_by_name_only(client, two_missions):
    a = two_missions.a
    client.force_login(a.members[Role.ANALYST].user)
    # Long-term teams are watched when asked for (election day's list holds the short-term ones).
    page = client.get("/monitor/", {"teams": "lto"}).content.decode()
    assert "A-LTO1" in page and "Lto A" in page  # the long-term team sent nothing today
    assert not [value for role in a.members for value in _contact(a, role) if value in page]


def test_the_submissions_workbook_names_observers_without_contact_details(client, two_missions):
    a = two_missions.a
    client.force_login(a.members[Role.ANALYST].user)
    response = client.get("/exports/submissions.xlsx", {"kind": "voting"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = {str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None}
    assert {"Sto A", "Teammate-less A"} <= cells
    assert not [value for role in a.members for value in _contact(a, role) if value in cells]


@pytest.mark.parametrize("role", [Role.LTO, Role.STO])
def test_observers_see_their_own_team_members_names(client, two_missions, role):
    a = two_missions.a
    member = a.members[role]
    ObserverFactory(mission=a.mission, role=role, team=member.team, full_name="Teammate A", phone="+7 777 000 1111")
    client.force_login(member.user)
    page = client.get("/").content.decode()
    assert f"{member.full_name}, Teammate A" in page
    assert "Teammate-less A" not in page and "+7 777 000 1111" not in page
    assert not [value for value in _contact(a, role) if value in page]


def test_the_phone_plan_carries_no_one_s_contact_details(client, two_missions):
    a = two_missions.a
    client.force_login(a.members[Role.STO].user)
    response = client.get("/api/v1/plan/")
    assert response.status_code == 200
    assert not [value for role in a.members for value in _contact(a, role) if value in response.content.decode()]
