"""Redis stops while observers submit: forms are still stored (201) and phones still log in, the checks wait in the
outbox, and once Redis is back the dispatcher and a worker run them all, those whose messages Redis lost included.

The test starts a Redis of its own on another port and kills it; the shared Redis is never touched.
"""

import uuid
from collections import Counter

import pytest

from observers.models import OutboxJob, Submission, SubmissionFlag
from tests.faults.conftest import shared_database_url
from tests.faults.seed import PASSWORD, election_day_seed, voting_form
from tests.faults.servers import Gunicorn, RedisServer, app_env, celery_worker, manage, stop, wait_for

pytestmark = [pytest.mark.celery_worker, pytest.mark.postgres]

URL = "/api/v1/submissions/"
# Redis refusing connections must not hold a phone: the outbox, not the request, retries.
MAX_SECONDS_DURING_OUTAGE = 3


@pytest.fixture
def redis(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.kill()


def test_forms_sent_while_redis_is_down_are_stored_and_checked_once_it_is_back(needs_redis, redis, tmp_path):
    seed = election_day_seed()
    env = app_env(database_url=shared_database_url(), redis_url=redis.url, queue=f"faults-{uuid.uuid4().hex[:8]}")
    web = Gunicorn(env=env, log=tmp_path / "gunicorn.log")
    web.start()
    worker = None
    try:
        before = web.request("POST", URL, body=voting_form(seed), token=seed["tokens"][0])
        assert before.status == 201, before.content
        assert OutboxJob.objects.get().status == "pending"  # its message waits in Redis: no worker yet

        redis.kill()  # the message of the first form is lost with it
        during = [
            web.request(
                "POST",
                URL,
                body=voting_form(seed, overall_assessment="very_bad", secrecy="no"),
                token=seed["tokens"][1],
            ),
            *(web.request("POST", URL, body=voting_form(seed), token=seed["tokens"][0]) for _ in range(3)),
        ]
        assert [answer.status for answer in during] == [201] * 4, [answer.content for answer in during]
        assert max(answer.seconds for answer in during) < MAX_SECONDS_DURING_OUTAGE
        assert Submission.objects.count() == 5
        assert list(OutboxJob.objects.values_list("status", flat=True)) == ["pending"] * 5
        health = web.request("GET", "/healthz")
        assert (health.status, health.json()["broker"]) == (200, "error: ConnectionError")
        login = web.request("POST", "/api/v1/auth/token/", body={"username": seed["username"], "password": PASSWORD})
        assert login.status == 200, login.content  # the login throttle counts in Redis: it steps aside

        redis.start()
        worker = celery_worker(env=env, log=tmp_path / "worker.log")
        assert "Sent 5 job(s) to the workers" in manage("dispatch_outbox", "--older-than", "0", env=env)

        wait_for(
            lambda: not OutboxJob.objects.exclude(status="done").exists(),
            seconds=90,
            what="every outbox job done",
            log=tmp_path / "worker.log",
        )
        # The second team's form disagrees with each of the first team's four on two questions.
        flagged = Counter(
            (flag.question, frozenset((flag.first_answer, flag.second_answer))) for flag in SubmissionFlag.objects.all()
        )
        assert flagged == {
            ("overall_assessment", frozenset({"good", "very_bad"})): 4,
            ("secrecy", frozenset({"yes", "no"})): 4,
        }
    finally:
        stop(worker)
        web.stop()
