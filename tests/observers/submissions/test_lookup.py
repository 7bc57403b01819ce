"""The hand-written lookups of the phone's path (observers/submissions/selectors.py, observers/api/token_lookup.py):
what the ORM would load, in one query."""

import uuid
from contextlib import contextmanager

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from observers.api.token_lookup import token_with_memberships
from observers.onboarding.services import key_hash, token_issue
from observers.submissions.selectors import submission_with_uuid
from tests.factories import MissionFactory, ObserverFactory, SubmissionFactory


@contextmanager
def one_query():
    """One query, not counting its preparation (PostgreSQL: once per connection, config/db/prepared.py)."""
    with CaptureQueriesContext(connection) as captured:
        yield
    queries = [query["sql"] for query in captured.captured_queries if not query["sql"].startswith("PREPARE ")]
    assert len(queries) == 1, queries


@pytest.mark.parametrize("with_station", [True, False])
def test_a_submission_by_uuid_comes_with_its_form_station_and_team(db, with_station):
    stored = SubmissionFactory(**({} if with_station else {"polling_station": None}))

    with one_query():
        found = submission_with_uuid(uuid=stored.uuid)
        seen = (found.checklist.kind, found.checklist.version, found.team.code, found.answers, found.observed_at)
        station = found.polling_station and found.polling_station.code

    assert found == stored and seen == (
        stored.checklist.kind,
        stored.checklist.version,
        stored.team.code,
        stored.answers,
        stored.observed_at,
    )
    assert station == (stored.polling_station.code if with_station else None)
    assert submission_with_uuid(uuid=uuid.uuid4()) is None


def test_a_token_comes_with_its_user_and_every_membership_newest_election_first(db):
    member = ObserverFactory(mission=MissionFactory(election_date="2004-09-19"))
    newer = ObserverFactory(user=member.user, mission=MissionFactory(election_date="2007-08-18"), team=None)
    key = token_issue(user=member.user)

    with one_query():
        token, memberships = token_with_memberships(key_hash=key_hash(key))
        seen = [(m.mission.election_date.year, m.team and m.team.code, m.user.username) for m in memberships]

    assert token.user == member.user and memberships == [newer, member]
    assert seen == [(2007, None, member.user.username), (2004, member.team.code, member.user.username)]
    assert token_with_memberships(key_hash=key_hash("no such key")) == (None, [])
