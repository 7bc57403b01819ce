"""PostgreSQL restarts while observers submit: the app answers 503 with Retry-After (never a 500, never a hang)
while the database is away, 201 again once it is back, and every form a phone was told is stored is stored once.

The test runs its own throw-away cluster (initdb in a temporary folder, as user postgres, on another port) and
restarts that one; the shared cluster on 5432 is never touched.
"""

import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings

from tests.faults.seed import voting_form
from tests.faults.servers import Gunicorn, PostgresCluster, app_env, manage, wait_for

pytestmark = pytest.mark.postgres

URL = "/api/v1/submissions/"
DATABASE = "eom_faults"
FORMS_BEFORE, FORMS_AFTER = 15, 15
MAX_SECONDS = 10  # a request held longer than this counts as a hang


@pytest.fixture
def cluster(needs_postgres_binaries):
    directory = Path(tempfile.mkdtemp(prefix="eom-faults-pg-"))  # not under pytest's root-only temporary folder
    server = PostgresCluster(directory)
    server.create()
    server.pg_ctl("start")
    try:
        yield server
    finally:
        server.pg_ctl("stop", "-m", "immediate")
        shutil.rmtree(directory, ignore_errors=True)


class Phone(threading.Thread):
    """Sends forms one after the other; a 503 or a refused connection is retried with the same form (uuid)."""

    def __init__(self, web: Gunicorn, seed: dict):
        super().__init__(daemon=True)
        self.web, self.seed, self.stopping = web, seed, threading.Event()
        self.statuses, self.accepted, self.slowest, self.problems = Counter(), [], 0.0, []

    def run(self):
        while not self.stopping.is_set():
            form = voting_form(self.seed)
            while True:
                try:
                    answer = self.web.request("POST", URL, body=form, token=self.seed["tokens"][0], timeout=MAX_SECONDS)
                except OSError as error:  # no answer at all, or none in time: a hang
                    self.problems.append(repr(error))
                    continue
                self.statuses[answer.status] += 1
                self.slowest = max(self.slowest, answer.seconds)
                if answer.status in (200, 201):
                    self.accepted.append(form["uuid"])
                    break
                retry_later = answer.status == 503 and answer.headers.get("Retry-After") == "5"
                if not retry_later or "try again" not in answer.json()["detail"]:
                    self.problems.append((answer.status, answer.headers, answer.content[:300]))
                time.sleep(0.1)  # a phone waits Retry-After; the test need not

    def accepted_after(self, count: int, seconds: float):
        wait_for(lambda: len(self.accepted) >= count or self.problems, seconds=seconds, what=f"{count} forms accepted")


def test_a_restart_of_postgresql_gives_503s_then_201s_and_loses_nothing(cluster, tmp_path):
    admin = psycopg2.connect(dbname="postgres", user="postgres", host="127.0.0.1", port=cluster.port)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{DATABASE}"')
    admin.close()
    env = app_env(database_url=cluster.url(DATABASE), redis_url=None, queue=f"faults-{uuid.uuid4().hex[:8]}")
    manage("migrate", "--noinput", env=env)
    seeded = subprocess.run(
        [sys.executable, "-m", "tests.faults.seed"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    web = Gunicorn(env=env, log=tmp_path / "gunicorn.log")
    web.start()
    phone = Phone(web, json.loads(seeded.stdout))
    try:
        phone.start()
        phone.accepted_after(FORMS_BEFORE, seconds=60)
        cluster.pg_ctl("restart", "-m", "fast")  # every connection of the app is cut
        phone.accepted_after(FORMS_BEFORE + FORMS_AFTER, seconds=120)
    finally:
        phone.stopping.set()
        phone.join(timeout=MAX_SECONDS * 2)
        web.stop()

    assert not phone.problems, phone.problems
    assert set(phone.statuses) <= {201, 200, 503}, phone.statuses
    assert phone.statuses[503] >= 1, f"no 503 seen: the restart fell between requests ({phone.statuses})"
    assert phone.slowest < MAX_SECONDS
    database = psycopg2.connect(dbname=DATABASE, user="postgres", host="127.0.0.1", port=cluster.port)
    with database, database.cursor() as cursor:
        cursor.execute("SELECT uuid::text FROM observers_submission")
        stored = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT count(*) FROM observers_outboxjob")
        [jobs] = cursor.fetchone()
    database.close()
    assert sorted(stored) == sorted(phone.accepted)  # each accepted form once, nothing else
    assert jobs == len(stored)
