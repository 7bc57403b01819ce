"""The same uuid sent several times at once (a phone retrying while its first attempt is still on its way):
PostgreSQL's unique index decides, exactly one request stores the form, the others get 200 or 409."""

import threading
from collections import Counter

import pytest
from django.db import connection
from rest_framework.test import APIClient

from observers.models import OutboxJob, Submission
from tests.faults.seed import election_day_seed, voting_form

pytestmark = pytest.mark.postgres

URL = "/api/v1/submissions/"
ROUNDS = 12


def test_forms_racing_under_one_uuid_are_stored_once(needs_postgres):
    seed = election_day_seed()
    outcomes = Counter()
    for _ in range(ROUNDS):
        same = voting_form(seed)
        changed = {**same, "answers": {**same["answers"], "overall_assessment": "bad"}}
        bodies = [same, same, changed]
        barrier, answers = threading.Barrier(len(bodies)), {}

        def send(index: int, body: dict, barrier=barrier, answers=answers):
            client = APIClient()
            client.credentials(HTTP_AUTHORIZATION=f"Token {seed['tokens'][0]}")
            barrier.wait()
            try:
                answers[index] = client.post(URL, body, format="json").status_code
            finally:
                connection.close()  # each thread's own connection

        threads = [threading.Thread(target=send, args=(i, body)) for i, body in enumerate(bodies)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        statuses = [answers[i] for i in range(len(bodies))]
        assert statuses.count(201) == 1, statuses
        first = statuses.index(201)
        winner = bodies[first]
        expected = [201 if i == first else 200 if body is winner else 409 for i, body in enumerate(bodies)]
        assert statuses == expected
        assert Submission.objects.get(uuid=same["uuid"]).answers == winner["answers"]
        outcomes["changed stored first" if winner is changed else "same stored first"] += 1

    assert Submission.objects.count() == OutboxJob.objects.count() == ROUNDS
