"""Reading submissions: GET /api/v1/submissions/ and /api/v1/submissions/<uuid>/."""

import pytest

from observers.models import Checklist, Role
from tests.factories import ChecklistFactory, ObserverFactory, PollingStationFactory, SubmissionFactory

URL = "/api/v1/submissions/"


def uuids(response) -> set[str]:
    assert response.status_code == 200, response.data
    return {row["uuid"] for row in response.json()["results"]}


@pytest.fixture
def sent(day):
    """Two submissions of team STO-07, one of STO-08 and one from another mission."""
    mine = SubmissionFactory(checklist=day.voting, team=day.sto.team, observer=day.sto, polling_station=day.planned)
    incident = SubmissionFactory(
        checklist=day.incident, team=day.sto.team, observer=day.sto_teammate, polling_station=None
    )
    theirs = SubmissionFactory(
        checklist=day.voting, team=day.other_sto.team, observer=day.other_sto, polling_station=day.far
    )
    elsewhere = SubmissionFactory()
    return {
        "mine": str(mine.uuid),
        "incident": str(incident.uuid),
        "theirs": str(theirs.uuid),
        "elsewhere": str(elsewhere.uuid),
    }


def test_an_observer_lists_only_their_teams_submissions(day, sent, token_client):
    response = token_client(day.sto.user).get(URL)
    assert uuids(response) == {sent["mine"], sent["incident"]}
    assert response.json()["count"] == 2


def test_an_observer_cannot_read_another_teams_submission(day, sent, token_client):
    phone = token_client(day.sto.user)
    assert phone.get(f"{URL}{sent['theirs']}/").status_code == 404
    assert phone.get(f"{URL}{sent['elsewhere']}/").status_code == 404
    assert phone.get(f"{URL}not-a-uuid/").status_code == 404


def test_an_observer_reads_their_teams_submission(day, sent, token_client):
    response = token_client(day.sto.user).get(f"{URL}{sent['incident']}/")
    assert response.status_code == 200
    assert response.json()["kind"] == "incident"
    assert response.json()["team_code"] == "STO-07"


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ANALYST])
def test_the_core_team_sees_the_whole_mission_and_no_other(day, sent, token_client, role):
    member = ObserverFactory(mission=day.mission, role=role)
    client = token_client(member.user)
    assert uuids(client.get(URL)) == {sent["mine"], sent["incident"], sent["theirs"]}
    assert client.get(f"{URL}{sent['theirs']}/").status_code == 200
    assert client.get(f"{URL}{sent['elsewhere']}/").status_code == 404


def test_filters_by_kind_station_and_team(day, sent, token_client):
    client = token_client(day.coordinator.user)
    assert uuids(client.get(URL, {"kind": "incident"})) == {sent["incident"]}
    assert uuids(client.get(URL, {"polling_station": day.far.pk})) == {sent["theirs"]}
    assert uuids(client.get(URL, {"team": day.sto.team.pk})) == {sent["mine"], sent["incident"]}
    assert uuids(client.get(URL, {"team": day.sto.team.pk, "kind": "voting"})) == {sent["mine"]}
    assert client.get(URL, {"kind": "referendum"}).status_code == 400


def test_the_list_is_paginated(day, sent, token_client):
    response = token_client(day.coordinator.user).get(URL, {"limit": 2})
    body = response.json()
    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert "offset=2" in body["next"]


def test_listing_takes_the_same_queries_for_many_rows(day, token_client, django_assert_max_num_queries):
    for number in range(40):
        station = PollingStationFactory(region=day.region)
        checklist = (
            day.voting
            if number % 2
            else ChecklistFactory(mission=day.mission, kind=Checklist.Kind.OPENING, version=number + 1)
        )
        SubmissionFactory(checklist=checklist, team=day.sto.team, observer=day.sto, polling_station=station)
    client = token_client(day.coordinator.user)
    client.get(URL)  # the token's first use records last_used_at

    # token, membership, count, page
    with django_assert_max_num_queries(4):
        response = client.get(URL)
    assert response.json()["count"] == 40
    codes = {row["polling_station_code"] for row in response.json()["results"]}
    assert len(codes) == 40


def test_reading_needs_a_token(day, api_client):
    assert api_client.get(URL).status_code == 401


@pytest.mark.parametrize("with_station", [True, False])
def test_a_submission_is_written_as_its_serializer_fields_say(db, with_station):
    """SubmissionSerializer writes submissions by hand (it is on every phone's form): the same as DRF would from the
    fields it declares, which are what the OpenAPI schema documents."""
    from rest_framework import serializers

    from observers.api.serializers import SubmissionSerializer

    submission = SubmissionFactory(**({} if with_station else {"polling_station": None}))
    serializer = SubmissionSerializer(submission)
    by_fields = serializers.Serializer.to_representation(serializer, submission)
    assert serializer.data == by_fields
    assert list(serializer.data) == list(by_fields)
    assert (by_fields["polling_station_code"] is None) is not with_station
