"""Sending checklists through POST /api/v1/submissions/, as a phone does."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from observers.models import Submission
from observers.submissions import services
from tests.factories import ChecklistFactory, valid_answers

URL = "/api/v1/submissions/"
UUID = "6f1c2a4e-8d2b-4c1e-9a57-3f0e5b7d9c21"


def payload(day, **overrides) -> dict:
    body = {
        "uuid": UUID,
        "checklist": day.voting.pk,
        "polling_station": day.planned.pk,
        "answers": valid_answers(),
        "observed_at": "2004-09-19T09:30:00+06:00",
    }
    body.update(overrides)
    return body


@pytest.fixture
def phone(day, token_client):
    return token_client(day.sto.user)


def test_a_checklist_is_stored(day, phone):
    response = phone.post(URL, payload(day), format="json")

    assert response.status_code == 201, response.data
    body = response.json()
    received_at = body.pop("received_at")
    assert body == {
        "uuid": UUID,
        "mission": day.mission.pk,
        "checklist": day.voting.pk,
        "kind": "voting",
        "version": 1,
        "polling_station": day.planned.pk,
        "polling_station_code": "00.25.01",
        "team": day.sto.team.pk,
        "team_code": "STO-07",
        "observed_at": "2004-09-19T03:30:00Z",
        "answers": valid_answers(),
    }
    submission = Submission.objects.get()
    assert submission.observer == day.sto
    assert submission.received_at.isoformat().replace("+00:00", "Z") == received_at


def test_an_identical_resend_returns_the_first_result_and_writes_nothing(day, phone, token_client):
    first = phone.post(URL, payload(day), format="json").json()
    # The same instant written in UTC, the answers in another order, sent from the teammate's phone.
    same = payload(day, observed_at="2004-09-19T03:30:00Z", answers=dict(reversed(valid_answers().items())))

    response = token_client(day.sto_teammate.user).post(URL, same, format="json")

    assert response.status_code == 200
    assert response.json() == first
    assert Submission.objects.count() == 1
    assert Submission.objects.get().observer == day.sto


def test_changed_content_under_the_same_uuid_is_a_conflict(day, phone):
    phone.post(URL, payload(day), format="json")

    response = phone.post(URL, payload(day, answers=valid_answers(overall_assessment="bad")), format="json")

    assert response.status_code == 409
    assert response.json() == {
        "detail": f"uuid {UUID} is already used by a different submission: a changed form needs a new uuid."
    }
    assert Submission.objects.get().answers["overall_assessment"] == "good"


def test_the_same_uuid_from_another_team_is_a_conflict(day, phone, token_client):
    phone.post(URL, payload(day), format="json")
    day.other_sto.team.assignments.create(polling_station=day.planned, order=1)

    response = token_client(day.other_sto.user).post(URL, payload(day), format="json")

    assert response.status_code == 409
    assert Submission.objects.get().team == day.sto.team


@pytest.mark.parametrize(
    "answers, expected",
    [
        (valid_answers(voters_on_list="1200"), {"voters_on_list": ["must be a whole number"]}),
        (
            {**valid_answers(unauthorised="yes"), "unauthorised_who": ["army"]},
            {"unauthorised_who": ["unknown choice 'army'; allowed: police, officials"]},
        ),
        (valid_answers(secrecy=None), {"secrecy": ["is required"]}),
        (
            {**valid_answers(unauthorised="no"), "unauthorised_who": ["police"]},
            {"unauthorised_who": ["is asked only when unauthorised is 'yes'"]},
        ),
        (
            valid_answers(voters_on_list=1200, voted_by_visit=1300),
            {"voted_by_visit": ["cannot be more than the voters on the list (voters_on_list: 1200)"]},
        ),
        (valid_answers(queue="long"), {"queue": ["is not a question of this form"]}),
    ],
    ids=["wrong type", "unknown choice", "required missing", "follow-up not relevant", "cross-check", "unknown code"],
)
def test_answers_that_do_not_fit_the_form_are_named(day, phone, answers, expected):
    response = phone.post(URL, payload(day, answers=answers), format="json")

    assert response.status_code == 400
    assert response.json() == {"answers": expected}
    assert not Submission.objects.exists()


def test_every_problem_is_reported_at_once(day, phone):
    future = (timezone.now() + timedelta(days=2)).isoformat()
    answers = valid_answers(secrecy=None, overall_assessment="excellent", queue="long")

    response = phone.post(URL, payload(day, answers=answers, observed_at=future), format="json")

    assert response.status_code == 400
    assert response.json() == {
        "observed_at": ["is in the future: check the phone's date, time and time zone."],
        "answers": {
            "queue": ["is not a question of this form"],
            "secrecy": ["is required"],
            "overall_assessment": ["must be one of: very_good, good, bad, very_bad"],
        },
    }


@pytest.mark.parametrize(
    "change, field, problem",
    [
        ({"observed_at": None}, "observed_at", "This field may not be null."),
        ({"observed_at": "yesterday"}, "observed_at", "Datetime has wrong format."),
        ({"uuid": "not-a-uuid"}, "uuid", "Must be a valid UUID."),
        ({"answers": ["yes"]}, "answers", 'Expected a dictionary of items but got type "list".'),
    ],
)
def test_malformed_fields_are_named(day, phone, change, field, problem):
    response = phone.post(URL, payload(day, **change), format="json")

    assert response.status_code == 400
    assert response.json()[field][0].startswith(problem)


def test_observed_at_is_required(day, phone):
    body = payload(day)
    del body["observed_at"]
    response = phone.post(URL, body, format="json")
    assert response.status_code == 400
    assert response.json() == {"observed_at": ["This field is required."]}


def test_an_unknown_checklist_is_refused(day, phone):
    elsewhere = ChecklistFactory()  # another mission's form

    for checklist_id in (elsewhere.pk, 999999):
        response = phone.post(URL, payload(day, checklist=checklist_id), format="json")
        assert response.status_code == 400
        assert response.json() == {"checklist": [f"No checklist with id {checklist_id} in your missions."]}


def test_a_voting_checklist_needs_a_station(day, phone):
    response = phone.post(URL, payload(day, polling_station=None), format="json")
    assert response.status_code == 400
    assert response.json() == {"polling_station": ["A voting checklist needs a polling station."]}


def test_an_incident_may_come_without_a_station(day, phone):
    body = payload(day, checklist=day.incident.pk)
    del body["polling_station"]
    response = phone.post(URL, body, format="json")
    assert response.status_code == 201
    assert response.json()["polling_station"] is None
    assert response.json()["polling_station_code"] is None


def test_the_station_may_be_given_by_its_code(day, phone):
    body = payload(day, polling_station_code="00.25.01")
    del body["polling_station"]
    response = phone.post(URL, body, format="json")
    assert response.status_code == 201
    assert response.json()["polling_station"] == day.planned.pk


@pytest.mark.parametrize(
    "station, expected",
    [
        (
            {"polling_station_code": "99.99.99"},
            {"polling_station_code": ["No polling station 99.99.99 in mission {}."]},
        ),
        ({"polling_station": 999999}, {"polling_station": ["No polling station 999999 in mission {}."]}),
    ],
)
def test_an_unknown_station_is_refused(day, phone, station, expected):
    body = {**payload(day), "polling_station": None, **station}
    response = phone.post(URL, body, format="json")
    assert response.status_code == 400
    field, [message] = next(iter(expected.items()))
    assert response.json() == {field: [message.format(day.mission.name)]}


def test_a_station_id_and_a_code_that_disagree_are_refused(day, phone):
    response = phone.post(URL, payload(day, polling_station_code="00.25.02"), format="json")
    assert response.status_code == 400
    assert response.json() == {"polling_station_code": [f"Station {day.planned.pk} has code 00.25.01, not 00.25.02."]}


def test_a_station_outside_the_short_term_teams_plan_is_forbidden(day, phone):
    response = phone.post(URL, payload(day, polling_station=day.unplanned.pk), format="json")

    assert response.status_code == 403
    assert response.json() == {
        "detail": "Polling station 00.25.02 is not in the plan of team STO-07: "
        "check the station or ask your coordinator to add it."
    }
    assert not Submission.objects.exists()


def test_a_resend_after_the_station_left_the_plan_still_gets_the_first_result(day, phone):
    first = phone.post(URL, payload(day), format="json")
    day.sto.team.assignments.all().delete()  # the coordinator moved the team meanwhile

    again = phone.post(URL, payload(day), format="json")
    changed = phone.post(URL, payload(day, answers=valid_answers(secrecy="no")), format="json")

    assert (first.status_code, again.status_code, changed.status_code) == (201, 200, 409)
    assert again.json() == first.json()


def test_a_long_term_team_works_in_the_regions_of_its_area(day, token_client):
    phone = token_client(day.lto.user)

    inside = phone.post(URL, payload(day, polling_station=day.unplanned.pk), format="json")
    outside = phone.post(URL, payload(day, uuid=str(uuid.uuid4()), polling_station=day.far.pk), format="json")

    assert inside.status_code == 201
    assert outside.status_code == 403
    assert "00.26.01 is not in the plan of team LTO-01" in outside.json()["detail"]


def test_the_core_team_sends_no_checklists(day, token_client):
    response = token_client(day.coordinator.user).post(URL, payload(day), format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "As coordinator you have no team: only observers in a team send checklists."}


def test_an_observer_without_a_team_is_told_so(day, token_client):
    day.sto_teammate.team = None
    day.sto_teammate.save()
    response = token_client(day.sto_teammate.user).post(URL, payload(day), format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": services.NO_TEAM_MESSAGE}


def test_sending_needs_a_token(day, api_client):
    response = api_client.post(URL, payload(day), format="json")
    assert response.status_code == 401
    assert not Submission.objects.exists()
