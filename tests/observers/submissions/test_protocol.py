"""The protocol's figures on the counting form, through POST /api/v1/submissions/ as every client sends them:
the lines must add up and the votes must be those of the station's ballot, or the phone is told which lines."""

import pytest

from observers.checklists.standard_forms import standard_form_load
from observers.models import Checklist, Submission
from tests.factories import ChecklistFactory, ContestantFactory, DistrictFactory
from tests.factories import protocol_answers as protocol

URL = "/api/v1/submissions/"
UUID = "1b0f6c9e-3d52-4f7a-8a41-6c1d2e3f4a5b"


@pytest.fixture
def counting(day):
    """The standard counting form; the planned station in district D1, whose ballot is two lists and two
    candidates (a third candidate stands in another district)."""
    district = DistrictFactory(region=day.region, code="D1")
    day.planned.district = district
    day.planned.save()
    for code in ("OTAN", "AKZHOL"):
        ContestantFactory(mission=day.mission, code=code)
    for code in ("IVANOV", "SEITOV"):
        ContestantFactory(mission=day.mission, code=code, kind="candidate", district=district)
    ContestantFactory(
        mission=day.mission, code="ELSEWHERE", kind="candidate", district=DistrictFactory(region=day.region)
    )
    form = standard_form_load("counting")
    return ChecklistFactory(mission=day.mission, kind=Checklist.Kind.COUNTING, questions=form["questions"])


def send(phone, day, counting, answers):
    body = {
        "uuid": UUID,
        "checklist": counting.pk,
        "polling_station": day.planned.pk,
        "answers": answers,
        "observed_at": "2004-09-19T23:10:00+06:00",
    }
    return phone.post(URL, body, format="json")


@pytest.fixture
def phone(day, token_client):
    return token_client(day.sto.user)


def test_a_protocol_that_adds_up_is_stored(day, counting, phone):
    response = send(phone, day, counting, protocol())

    assert response.status_code == 201, response.json()
    assert Submission.objects.get().answers["votes_lists"] == {"OTAN": 400, "AKZHOL": 190}


def test_lines_that_do_not_add_up_are_refused_naming_each_line(day, counting, phone):
    answers = protocol(ballots_unused=375, invalid_ballots=20, votes_lists={"OTAN": 400, "AKZHOL": 180})

    response = send(phone, day, counting, answers)

    assert response.status_code == 400
    assert response.json()["answers"] == {
        "ballots_received": [
            "must equal ballots_issued 610 + ballots_spoiled 5 + ballots_unused 375 = 990, not 1000: "
            "check the figures copied"
        ],
        "ballots_cast": ["must equal valid_ballots 590 + invalid_ballots 20 = 610, not 600: check the figures copied"],
        "valid_ballots": ["must equal votes_lists 580 = 580, not 590: check the figures copied"],
    }
    assert not Submission.objects.exists()


def test_votes_must_be_those_of_the_stations_ballot(day, counting, phone):
    answers = protocol(
        votes_lists={"OTAN": 590},
        votes_candidates={"IVANOV": 300, "SEITOV": 270, "ELSEWHERE": 10},
    )

    response = send(phone, day, counting, answers)

    assert response.status_code == 400
    assert response.json()["answers"] == {
        "votes_lists": ["give the votes of every contestant on the ballot (0 where none); missing: AKZHOL"],
        "votes_candidates": ["'ELSEWHERE' is not on this station's ballot; on it: IVANOV, SEITOV"],
    }
    assert not Submission.objects.exists()


def test_votes_are_whole_numbers(day, counting, phone):
    response = send(phone, day, counting, protocol(votes_lists={"OTAN": -1, "AKZHOL": 591}))

    assert response.status_code == 400
    assert response.json()["answers"] == {"votes_lists": ["votes cannot be negative"]}
    response = send(phone, day, counting, protocol(votes_lists=[400, 190]))
    assert response.json()["answers"] == {"votes_lists": ["must map each contestant's code to a whole number of votes"]}


def test_figures_not_copied_are_not_asked(day, counting, phone):
    answers = {k: v for k, v in protocol(protocol_copied="no").items() if k not in _PROTOCOL_ONLY}

    assert send(phone, day, counting, answers).status_code == 201
    again = send(phone, day, counting, {**answers, "valid_ballots": 590})
    assert again.json()["answers"] == {"valid_ballots": ["is asked only when protocol_copied is 'yes'"]}


_PROTOCOL_ONLY = (
    "voters_on_list",
    "ballots_issued",
    "ballots_spoiled",
    "ballots_unused",
    "valid_ballots",
    "invalid_ballots",
    "votes_lists",
    "votes_candidates",
)
