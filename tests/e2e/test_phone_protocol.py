"""The counting form on the phone asks the votes of the lists on the station's ballot, and checks the protocol's
sum before the form goes: the valid ballots must equal the votes."""

import pytest

from observers.checklists.standard_forms import standard_form_load
from observers.models import Submission
from tests.e2e.test_phone_app import eventually, log_in, open_form, team  # noqa: F401 (team: a fixture)
from tests.factories import ContestantFactory

expect = pytest.importorskip("playwright.sync_api", reason="the playwright package is missing").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
KEPT = ("protocol_copied", "valid_ballots", "votes_lists", "votes_candidates", "overall_assessment")


@pytest.fixture
def ballot(team):  # noqa: F811 - the fixture imported above
    mission = team.sto.mission
    ContestantFactory(mission=mission, code="OTAN", name="Otan", name_kk="Отан", number=1)
    ContestantFactory(mission=mission, code="AKZHOL", name="Ak Zhol", number=2)
    questions = [q for q in standard_form_load("counting")["questions"] if q["code"] in KEPT]
    team.counting.questions = questions
    team.counting.save()
    return team


def test_the_votes_of_the_ballot_must_add_up_to_the_valid_ballots(phone, live_server, ballot, snap):
    page = log_in(phone, live_server)
    open_form(page, "House of Culture", "Counting")
    page.locator("#q-protocol_copied").get_by_text("Yes", exact=True).click()
    expect(page.locator("#q-votes_candidates")).to_have_count(0)  # nobody stands in this station's district
    votes = page.locator("#q-votes_lists input")
    expect(page.locator("#q-votes_lists .vote span")).to_have_text(["Otan", "Ak Zhol"])
    page.fill("#q-valid_ballots-input", "590")
    votes.nth(0).fill("400")
    votes.nth(1).fill("180")
    page.locator("#q-overall_assessment").get_by_text("Good", exact=True).click()

    page.get_by_role("button", name="Send").click()

    expect(page.locator("#q-valid_ballots .question-error")).to_have_text(
        "Must equal Votes for each party list = 580: check the figures you copied."
    )
    snap(page, "10-protocol-sum")
    votes.nth(1).fill("190")
    page.get_by_role("button", name="Send").click()
    eventually(page, lambda: Submission.objects.count() == 1)
    assert Submission.objects.get().answers["votes_lists"] == {"OTAN": 400, "AKZHOL": 190}
