"""How many checklists a second the phone's path takes: POST /api/v1/submissions/ under gunicorn on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eom_ingest .venv/bin/python bench/ingest.py [--seconds 20]
    ... bench/ingest.py --seconds 60 --resend 0.10      # 10% of forms sent again, a third of them changed

Creates the database when it is missing (and drops it at the end unless --keep; an existing one is kept and
only added to), loads the demo mission (observers.demo: 200 short-term teams with their plans), gives every
short-term observer a phone token (a database it created is then analysed and checkpointed, as one in service
would be), then starts gunicorn with the production settings and DEBUG off. A client
on loopback (asyncio, keep-alive connections, one per simulated phone) first measures the bare endpoints
/livez and /healthz, then sends valid forms for --seconds: each phone its own token, its team's stations and
the form of each visit. It prints accepted submissions a second, p50/p95/max latency and errors, then checks the
database: one row per accepted uuid, nothing else. With REDIS_URL set the follow-up jobs go through Redis to a
Celery worker started here (--no-worker: they stay queued); without it they run in the web process.

Besides the rates it prints the CPU time each part used per request (web workers, PostgreSQL's backends, the
Celery worker, this client), measured from /proc: a figure that holds when other work shares the machine, and
from which the rate two otherwise idle cores would reach follows.

gunicorn runs 2 gthread workers of 4 threads by default, the fastest of the layouts tried on 2 cores (sync x 3
and x 4, gthread 3 x 2, 2 x 4, 4 x 2): a process per core for the CPU-bound Python, threads to overlap the time
each request waits on PostgreSQL and Redis, keep-alive connections (sync workers close each one, and wait for
the client to close its side), and --reuse-port so that the kernel spreads the connections over the workers.

Then the same forms go the OpenRosa way, as ODK Collect sends them (observers/openrosa): each phone its server
address with its key (the login card's), each visit's answers written into the primary instance of the XForm the
server serves, POSTed as multipart `xml_submission_file` to `.../submission`; resends answer 201 (identical) or 409
(changed). Each phase gets the same report and the same check of the database.

The REST forms are sent twice, --seconds each: first with the tallies off (TALLIES=false for gunicorn and the
worker), then on (the worker adds each form to the tallies in its job's transaction: observers/submissions/
tallies.py), followed by the OpenRosa phase; after them the tallies are checked against a recount (manage.py
tallies_check). Then the database's own floor: the statement the phone's path writes for a form (the submission and
its outbox job in one statement, prepared), sent by plain psycopg2 clients at the same concurrency, each committed
durably; our accepted rate is printed as a ratio of it.

Targets on a 2-core machine: 300 accepted submissions a second, at least half the rate of /livez, the rate with
tallies on within 10 % of the rate with them off, the OpenRosa path at least 0.7 times the REST path's accepted
rate, no errors, nothing lost. gunicorn and the worker are always stopped at the end.
"""

import argparse
import asyncio
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/eom_ingest")
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "bench-ingest-" + uuid.uuid4().hex,
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "CELERY_QUEUE": "eom_ingest_bench",
}
os.environ.update(SERVER_ENV)

UUID_SLOT = "00000000-0000-4000-8000-000000000000"  # replaced by a fresh uuid in each request body
CHANGED_SHARE = 1 / 3  # of the resends, how many come with changed content (409 expected)


# --- the database and the phones ---


def on_server(database_url: str, work):
    """`work(cursor, name of our database)` on the server's `postgres` database: ours may not exist yet."""
    import psycopg2

    url = urlparse(database_url)
    connection = psycopg2.connect(url._replace(path="/postgres").geturl())
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            return work(cursor, url.path.lstrip("/"))
    finally:
        connection.close()


def created_if_missing(cursor, name: str) -> bool:
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    if cursor.fetchone():
        return False
    cursor.execute(f'CREATE DATABASE "{name}"')
    return True


def dropped(cursor, name: str) -> None:
    cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


REST, OPENROSA = "rest", "openrosa"
BOUNDARY = "bench-openrosa-boundary-7d3f"


@dataclass
class Phone:
    token: str
    bodies: list[bytes]  # one request body per visit of the team's plan, with UUID_SLOT for the uuid
    instances: list[bytes] = field(default_factory=list)  # the same visits as OpenRosa multipart bodies
    mission_slug: str = ""
    headers: bytes = b""

    def __post_init__(self):
        self.headers = (f"Authorization: Token {self.token}\r\nContent-Type: application/json\r\n").encode()

    def request(self, channel: str) -> tuple[str, bytes, list[bytes]]:
        """(path, headers, bodies) of the channel."""
        if channel == REST:
            return "/api/v1/submissions/", self.headers, self.bodies
        path = f"/openrosa/key/{self.token}/m/{self.mission_slug}/submission"
        headers = f"X-OpenRosa-Version: 1.0\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
        return path, headers.encode(), self.instances


def _instance_text(value) -> str:
    """An answer as Collect writes it in the instance."""
    if isinstance(value, list):
        return " ".join(value)
    if isinstance(value, dict):
        return "; ".join(f"{code}={votes}" for code, votes in value.items())
    if isinstance(value, str) and len(value) == 5 and value[2] == ":":
        return value + ":00.000+06:00"
    return str(value)


def openrosa_body(xform: bytes, *, answers: dict, station: str) -> bytes:
    """The multipart body Collect sends: the XForm's primary instance filled, its instanceID UUID_SLOT."""
    from xml.etree import ElementTree

    xforms = "{http://www.w3.org/2002/xforms}"
    model = ElementTree.fromstring(xform).find(f"{{http://www.w3.org/1999/xhtml}}head/{xforms}model")
    data = list(model.find(f"{xforms}instance"))[0]
    for node in data.iter():
        node.tag = node.tag.removeprefix(xforms)
    leaves = {node.tag: node for node in data.iter() if len(node) == 0}
    stamp = "2004-09-19T10:00:00.000+06:00"
    for name, value in {"start": stamp, "end": stamp, "polling_station": station, **answers}.items():
        leaves[name].text = _instance_text(value)
    leaves["instanceID"].text = f"uuid:{UUID_SLOT}"
    instance = ElementTree.tostring(data, encoding="utf-8", xml_declaration=True)
    return (
        (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="xml_submission_file"; filename="submission.xml"\r\n'
            "Content-Type: text/xml\r\n\r\n"
        ).encode()
        + instance
        + f"\r\n--{BOUNDARY}--\r\n".encode()
    )


def phones_prepare(*, rng: random.Random) -> list[Phone]:
    """Load the demo mission; one phone per short-term observer with a body for each station of its plan."""
    from django.core.management import call_command
    from django.utils import timezone

    from observers.checklists.definitions import validate_answers
    from observers.checklists.xform import xform_of
    from observers.demo.build import demo_load
    from observers.demo.synthetic import Visit, answers_make
    from observers.deployment.services import deployment_publish
    from observers.models import ApiToken, Assignment, Checklist, DeploymentPlan, Observer, Role
    from observers.onboarding.services import token_issue

    call_command("migrate", verbosity=0)
    mission, _ = demo_load(rng=rng)
    if not DeploymentPlan.objects.filter(mission=mission, status=DeploymentPlan.Status.PUBLISHED).exists():
        deployment_publish(mission=mission, user=None)  # a mission loaded before the demo published its plan
    forms = {}
    for checklist in Checklist.objects.filter(mission=mission).order_by("kind", "-version"):
        forms.setdefault(checklist.kind, checklist)
    plans: dict[int, list[Assignment]] = {}
    xforms = {kind: xform_of(checklist=checklist)[0] for kind, checklist in forms.items()}
    for assignment in Assignment.objects.filter(team__mission=mission).select_related("polling_station"):
        plans.setdefault(assignment.team_id, []).append(assignment)
    phones = []
    for observer in Observer.objects.filter(mission=mission, role=Role.STO, team__isnull=False).select_related("user"):
        bodies, instances = [], []
        for assignment in plans.get(observer.team_id, []):
            checklist = forms[assignment.purpose]
            visit = Visit(
                kind=assignment.purpose,
                team_id=observer.team_id,
                observer_id=observer.pk,
                day=mission.election_date,
                arrival=600,
                departure=640,
                station_id=assignment.polling_station_id,
                voters=assignment.polling_station.registered_voters,
            )
            answers = answers_make(checklist.questions, visit, rng)
            assert not validate_answers(checklist.questions, answers), "the synthetic answers must fit the form"
            bodies.append(
                json.dumps(
                    {
                        "uuid": UUID_SLOT,
                        "checklist": checklist.pk,
                        "polling_station": assignment.polling_station_id,
                        "answers": answers,
                        "observed_at": "2004-09-19T10:00:00+06:00",
                    },
                    ensure_ascii=False,
                ).encode()
            )
            station = assignment.polling_station.code
            instances.append(openrosa_body(xforms[assignment.purpose], answers=answers, station=station))
        if bodies:
            phones.append(
                Phone(
                    token=token_issue(user=observer.user),
                    bodies=bodies,
                    instances=instances,
                    mission_slug=mission.slug,
                )
            )
    # Phones on election day have used their tokens already: their use is recorded at most every few minutes.
    ApiToken.objects.filter(last_used_at__isnull=True).update(last_used_at=timezone.now())
    return phones


def changed(body: bytes, channel: str = REST) -> bytes:
    """The same form with another overall assessment: a different content under the same uuid."""
    if channel == OPENROSA:
        match = re.search(rb"<overall_assessment>(\w+)</overall_assessment>", body)
        other = b"very_bad" if match[1] != b"very_bad" else b"good"
        return body[: match.start(1)] + other + body[match.end(1) :]
    form = json.loads(body)
    answers = form["answers"]
    answers["overall_assessment"] = "very_bad" if answers.get("overall_assessment") != "very_bad" else "good"
    return json.dumps(form, ensure_ascii=False).encode()


# --- the server ---


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gunicorn_start(*, port: int, workers: int, threads: int, log: Path) -> subprocess.Popen:
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread" if threads > 1 else "sync",
        "--threads",
        str(threads),
        "--keep-alive",
        "75",
        "--backlog",
        "2048",
        "--reuse-port",  # a listening socket per worker: the kernel spreads the keep-alive connections evenly
    ]
    with open(log, "wb") as output:
        return subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env=os.environ.copy(),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def worker_start(*, log: Path) -> subprocess.Popen:
    command = [
        str(Path(sys.executable).with_name("celery")),
        "-A",
        "config",
        "worker",
        "-Q",
        os.environ["CELERY_QUEUE"],
        "--pool=solo",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "-n",
        f"bench-ingest-{os.getpid()}@%h",
        "--loglevel=WARNING",
    ]
    with open(log, "wb") as output:
        return subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env=os.environ.copy(),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def process_stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


# --- CPU time, by process: a figure that holds when other work shares the machine ---

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rpartition(")")[2].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, ValueError):
            continue
    return found


def _database_backends() -> list[int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return [row[0] for row in cursor.fetchall()]


class CpuMeter:
    """CPU seconds used by the web workers, PostgreSQL's backends for this database, the Celery worker and this
    client between start() and stop()."""

    def __init__(self, gunicorn: subprocess.Popen, worker: subprocess.Popen | None):
        self.gunicorn, self.worker = gunicorn, worker

    def _sample(self) -> dict[str, dict[int, float]]:
        groups = {
            "web": [self.gunicorn.pid, *_children(self.gunicorn.pid)],
            "PostgreSQL": _database_backends(),
            "worker": [self.worker.pid, *_children(self.worker.pid)] if self.worker else [],
        }
        sample = {name: {pid: _cpu_seconds(pid) for pid in pids} for name, pids in groups.items()}
        sample["client"] = {0: time.process_time()}
        return sample

    def start(self):
        self.before = self._sample()

    def stop(self) -> dict[str, float]:
        after = self._sample()
        return {
            name: sum(value - self.before[name].get(pid, 0.0) for pid, value in after[name].items()) for name in after
        }


# --- the client: plain HTTP/1.1 over keep-alive connections, light enough to leave the cores to the server ---


class Connection:
    def __init__(self, port: int):
        self.port = port
        self.reader = self.writer = None

    async def request(self, method: str, path: str, headers: bytes = b"", body: bytes = b"") -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {len(body)}\r\n".encode()
        self.writer.write(head + headers + b"\r\n" + body)
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("the server closed the connection")
        length, close = 0, False
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"connection":
                close = value.strip().lower() == b"close"
        content = await self.reader.readexactly(length)
        if close:
            self.close()
        return int(status_line.split()[1]), content

    def close(self):
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


@dataclass
class Phase:
    name: str
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    resends: Counter = field(default_factory=Counter)  # (expected, got) for each resend
    errors: Counter = field(default_factory=Counter)  # what went wrong, by kind
    accepted: set[str] = field(default_factory=set)
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds by process group (CpuMeter)

    def quantile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else float("nan")


async def timed(connection: Connection, phase: Phase, *args) -> tuple[int, bytes] | None:
    started = time.perf_counter()
    try:
        status, content = await connection.request(*args)
    except (OSError, asyncio.IncompleteReadError) as error:
        connection.close()
        phase.errors[type(error).__name__] += 1
        return None
    phase.latencies.append(time.perf_counter() - started)
    phase.statuses[status] += 1
    return status, content


async def _probe(port: int, path: str, phase: Phase, deadline: float) -> None:
    connection = Connection(port)
    while time.perf_counter() < deadline:
        result = await timed(connection, phase, "GET", path)
        if result and result[0] != 200:
            phase.errors[f"{path} answered {result[0]}"] += 1
    connection.close()


async def _lane(
    port: int, phones: list[Phone], phase: Phase, deadline: float, resend: float, rng: random.Random, channel: str
) -> None:
    """One keep-alive connection taking turns among its phones; resends go out a few forms later."""
    connection, sent, later = Connection(port), 0, []  # later: (due after form n, path, headers, body, expected)
    same = 200 if channel == REST else 201  # OpenRosa has no "200, had it already": Collect counts 200 a failure
    while time.perf_counter() < deadline:
        if later and later[0][0] <= sent:
            _, path, headers, body, expected = later.pop(0)
            result = await timed(connection, phase, "POST", path, headers, body)
            if result:
                phase.resends[(expected, result[0])] += 1
            continue
        phone = phones[sent % len(phones)]
        path, headers, bodies = phone.request(channel)
        form_uuid = str(uuid.uuid4())
        body = rng.choice(bodies).replace(UUID_SLOT.encode(), form_uuid.encode())
        result = await timed(connection, phase, "POST", path, headers, body)
        sent += 1
        if result is None:
            continue
        if result[0] != 201:
            phase.errors[f"answered {result[0]}: {result[1][:200].decode(errors='replace')}"] += 1
            continue
        phase.accepted.add(form_uuid)
        if rng.random() < resend:
            again = (changed(body, channel), 409) if rng.random() < CHANGED_SHARE else (body, same)
            later.append((sent + rng.randint(0, 5), path, headers, *again))
            later.sort(key=lambda item: item[0])
    connection.close()


def measured(phase: Phase, meter: CpuMeter, clients) -> Phase:
    """Run the clients (coroutines) at once; the phase gets their time and the CPU the parts used meanwhile."""

    async def together():
        await asyncio.gather(*clients)

    meter.start()
    started = time.perf_counter()
    asyncio.run(together())
    phase.seconds = time.perf_counter() - started
    phase.cpu = meter.stop()
    return phase


def run_probe(port: int, path: str, seconds: float, concurrency: int, meter: CpuMeter) -> Phase:
    phase = Phase(f"GET {path}")
    deadline = time.perf_counter() + seconds
    return measured(phase, meter, [_probe(port, path, phase, deadline) for _ in range(concurrency)])


def run_submissions(
    port: int,
    phones: list[Phone],
    lanes: int,
    seconds: float,
    resend: float,
    seed: int,
    meter: CpuMeter,
    channel: str = REST,
) -> Phase:
    phase = Phase("POST /api/v1/submissions/" if channel == REST else "POST OpenRosa submission")
    deadline = time.perf_counter() + seconds
    return measured(
        phase,
        meter,
        [
            _lane(port, phones[n::lanes], phase, deadline, resend, random.Random(seed + n), channel)
            for n in range(lanes)
        ],
    )


def wait_until_up(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn stopped:\n{log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as probe:
                probe.sendall(b"GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                if probe.recv(64).startswith(b"HTTP/1.1 200"):
                    return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"gunicorn did not answer /livez within a minute:\n{log.read_text()}")


# --- the report ---


def print_table(phases: list[Phase]) -> None:
    groups = list(phases[0].cpu)
    print(
        f"{'endpoint':<26} {'seconds':>7} {'requests':>8} {'per s':>6} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}"
        f" {'errors':>6}" + "".join(f" {name + ' cpu':>14}" for name in groups) + f" {'2-core rate':>11}"
    )
    for phase in phases:
        count = len(phase.latencies)
        per_request = {name: 1000 * seconds / max(1, count) for name, seconds in phase.cpu.items()}
        print(
            f"{phase.name:<26} {phase.seconds:>7.1f} {count:>8,} {count / phase.seconds:>6.0f} "
            f"{phase.quantile(0.5):>7.1f} {phase.quantile(0.95):>7.1f} {phase.quantile(1):>7.0f}"
            f" {sum(phase.errors.values()):>6}"
            + "".join(f" {per_request[name]:>11.2f} ms" for name in groups)
            + f" {2000 / max(0.001, sum(per_request.values())):>9.0f}/s"
        )
    print("(cpu: CPU time per request of each part; 2-core rate: what two otherwise idle cores would serve)")


def verify(phase: Phase, rows_before: int, jobs_since, drain_seconds: float) -> list[str]:
    """What the database holds after the run, and how long the checks took to catch up; returns the problems."""
    from django.db import connections

    from observers.models import OutboxJob, Submission

    connections.close_all()
    accepted = [uuid.UUID(value) for value in phase.accepted]
    rows_added = Submission.objects.count() - rows_before
    stored = Submission.objects.filter(uuid__in=accepted).count()
    print(
        f"\naccepted (201): {len(accepted):,} = {len(accepted) / phase.seconds:.0f}/s; rows added: {rows_added:,}; "
        f"accepted uuids found: {stored:,}"
    )
    problems = [f"{count} x {kind}" for kind, count in phase.errors.items()]
    if stored != len(accepted) or rows_added != len(accepted):
        problems.append("rows in the database differ from the accepted submissions")
    if phase.resends:
        print(
            "resends (expected -> got): "
            + ", ".join(f"{expected} -> {got}: {count:,}" for (expected, got), count in sorted(phase.resends.items()))
        )
        problems += [
            f"{count} resends expected {expected} got {got}"
            for (expected, got), count in phase.resends.items()
            if expected != got
        ]
    jobs = OutboxJob.objects.filter(created_at__gte=jobs_since)
    started = time.perf_counter()
    while jobs.filter(status=OutboxJob.Status.PENDING).exists() and time.perf_counter() - started < drain_seconds:
        time.sleep(0.5)
    counts = Counter(jobs.values_list("status", flat=True))
    print(
        "checks of these forms (outbox jobs): "
        + ", ".join(f"{status} {n:,}" for status, n in sorted(counts.items()))
        + (f"; all done {time.perf_counter() - started:.1f} s after the last form" if drain_seconds else "")
    )
    if sum(counts.values()) != len(accepted):
        problems.append("outbox jobs differ from the accepted submissions")
    return problems


def settled(database) -> None:
    """A database just filled, made like one in service: its statistics gathered (else the planner guesses, until
    autovacuum comes by, in the middle of the run) and its pages written out (else a checkpoint of the whole load
    competes with the forms' commits for the disk)."""
    with database.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("CHECKPOINT")


def run_database_floor(lanes: int, seconds: float) -> Phase:
    """The database's own floor: the statement the phone's path writes for each form (the submission and its job,
    outbox_insert_with's one statement, prepared as the app prepares it) sent by plain psycopg2 clients, one
    connection each, `lanes` at once, each statement committed on its own (autocommit, synchronous_commit as the
    server has it: durable by default). Values from a form the phones sent, with a fresh uuid each time."""
    import copy
    import threading

    import psycopg2
    from django.db import connection as django_connection

    from config.db.prepared import _prepared_form, placeholders
    from observers.models import OutboxJob, Submission
    from observers.outbox.services import _insert_with_job_sql

    sql, fields, job_fields = _insert_with_job_sql(Submission)
    KEY_NAMES = ("submission_id", "submission_id")  # noqa: N806  (the job payload's key, and the one returned)
    name, numbered = _prepared_form(sql)
    template = Submission.objects.order_by("-id").first()
    with django_connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        durable = cursor.fetchone()[0]
    phase = Phase(f"database floor ({durable})")
    deadline = time.perf_counter() + seconds
    lock = threading.Lock()

    def lane():
        form = copy.copy(template)
        form.tallied = False  # as the phone's path writes it (the template may be tallied: its copies are not)
        job = OutboxJob(mission_id=form.mission_id, kind=OutboxJob.Kind.SUBMISSION_CHECK)
        database = psycopg2.connect(os.environ["DATABASE_URL"])
        database.autocommit = True
        latencies = []
        with database.cursor() as cursor:
            cursor.execute(f"PREPARE {name} AS {numbered}")
            while time.perf_counter() < deadline:
                form.uuid = uuid.uuid4()
                values = [
                    field.get_db_prep_save(field.pre_save(row, True), django_connection)
                    for row, row_fields in ((form, fields), (job, job_fields))
                    for field in row_fields
                ]
                started = time.perf_counter()
                cursor.execute(f"EXECUTE {name} ({placeholders(len(values) + 2)})", [*values, *KEY_NAMES])
                cursor.fetchone()
                latencies.append(time.perf_counter() - started)
        database.close()
        with lock:
            phase.latencies.extend(latencies)
            phase.statuses[201] += len(latencies)

    threads = [threading.Thread(target=lane) for _ in range(lanes)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    phase.seconds = time.perf_counter() - started
    return phase


def tallies_agree(phase: Phase) -> str:
    """The run's accepted forms tallied, and `manage.py tallies_check` agreeing with the tallies."""
    from io import StringIO

    from django.core.management import CommandError, call_command

    from observers.models import Submission

    out = StringIO()
    try:
        call_command("tallies_check", stdout=out)
        verdict = "agree"
    except CommandError as error:
        verdict = f"DISAGREE: {error}"
    accepted = [uuid.UUID(value) for value in phase.accepted]
    tallied = Submission.objects.filter(uuid__in=accepted, tallied=True).count()
    return (
        f"{tallied:,} of {len(accepted):,} accepted forms tallied; tallies_check: {verdict}: {out.getvalue().strip()}"
    )


def serve(args, logs: Path, *, tallies: bool) -> tuple[subprocess.Popen, subprocess.Popen | None, int]:
    """gunicorn (and the Celery worker with REDIS_URL) with the tallies on or off: the setting reaches the
    process that runs the forms' jobs (the worker, or the web process without Redis)."""
    os.environ["TALLIES"] = "true" if tallies else "false"
    port = free_port()
    suffix = "on" if tallies else "off"
    gunicorn = gunicorn_start(
        port=port, workers=args.workers, threads=args.threads, log=logs / f"gunicorn-tallies-{suffix}.log"
    )
    worker = None
    if os.environ.get("REDIS_URL") and not args.no_worker:
        worker = worker_start(log=logs / f"worker-tallies-{suffix}.log")
    wait_until_up(port, gunicorn, logs / f"gunicorn-tallies-{suffix}.log")
    return gunicorn, worker, port


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20, help="how long to send submissions (each phase)")
    parser.add_argument("--bare-seconds", type=float, default=10, help="how long to probe /livez and /healthz")
    parser.add_argument("--floor-seconds", type=float, default=10, help="how long to measure the database floor")
    parser.add_argument("--resend", type=float, default=0.0, help="share of forms sent again with the same uuid")
    parser.add_argument("--connections", type=int, default=16, help="requests in flight at once (keep-alive)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (1: sync workers)")
    parser.add_argument("--no-worker", action="store_true", help="with REDIS_URL: leave the follow-up jobs queued")
    parser.add_argument("--keep", action="store_true", help="keep a database this run created")
    parser.add_argument("--no-openrosa", action="store_true", help="the REST path only")
    parser.add_argument("--seed", type=int, default=2004)
    args = parser.parse_args()

    database_url = os.environ["DATABASE_URL"]
    created = on_server(database_url, created_if_missing)
    import django

    django.setup()
    from django.db import connections
    from django.utils import timezone

    from observers.models import Submission

    gunicorn = worker = None
    logs = Path(os.environ.get("BENCH_LOG_DIR", "/tmp")) / f"bench-ingest-{os.getpid()}"
    logs.mkdir(parents=True, exist_ok=True)
    try:
        started = time.perf_counter()
        phones = phones_prepare(rng=random.Random(args.seed))
        if created:
            settled(connections["default"])
        connections.close_all()
        print(f"{len(phones)} phones ready ({time.perf_counter() - started:.0f} s)")
        rates, problems, phases = {}, [], []
        # Off first, then on: were the machine busier later, it would count against the tallies.
        for tallies in (False, True):
            gunicorn, worker, port = serve(args, logs, tallies=tallies)
            kind = f"gthread x {args.threads}" if args.threads > 1 else "sync"
            jobs_run = (
                "by a Celery worker" if worker else "left in Redis" if os.environ.get("REDIS_URL") else "in process"
            )
            print(
                f"\ntallies {'on' if tallies else 'off'} -- gunicorn: {args.workers} workers ({kind});"
                f" {args.connections} connections; checks {jobs_run}\n"
            )
            meter = CpuMeter(gunicorn, worker)
            # Warm-up, not measured: each worker imports the URL modules on its first request, opens connections.
            run_probe(port, "/livez", 1, args.connections, meter)
            run_submissions(port, phones, args.connections, 2, 0.0, args.seed - 1, meter)
            if tallies and not args.no_openrosa:
                run_submissions(port, phones, args.connections, 2, 0.0, args.seed - 2, meter, OPENROSA)
            time.sleep(2)  # the warm-up's jobs done
            rows_before, jobs_since = Submission.objects.count(), timezone.now()
            connections.close_all()
            measured_phases = []
            if not tallies:
                livez = run_probe(port, "/livez", args.bare_seconds, args.connections, meter)
                healthz = run_probe(port, "/healthz", args.bare_seconds, args.connections, meter)
                measured_phases += [livez, healthz]
            seed = args.seed + (1000 if tallies else 0)
            submissions = run_submissions(port, phones, args.connections, args.seconds, args.resend, seed, meter)
            submissions.name = f"POST submissions, tallies {'on' if tallies else 'off'}"
            measured_phases.append(submissions)
            print_table(measured_phases)
            phases += measured_phases
            problems += verify(submissions, rows_before, jobs_since, drain_seconds=60 if worker else 0)
            rates[tallies] = len(submissions.accepted) / submissions.seconds
            if tallies and not args.no_openrosa:
                rows_before, jobs_since = Submission.objects.count(), timezone.now()
                connections.close_all()
                openrosa = run_submissions(
                    port, phones, args.connections, args.seconds, args.resend, seed + 1, meter, OPENROSA
                )
                print_table([openrosa])
                phases.append(openrosa)
                problems += verify(openrosa, rows_before, jobs_since, drain_seconds=60 if worker else 0)
                rates["openrosa"] = len(openrosa.accepted) / openrosa.seconds
            if tallies:
                print(tallies_agree(submissions))
            process_stop(gunicorn)
            process_stop(worker)
            gunicorn = worker = None
        connections.close_all()
        floor = run_database_floor(args.connections, args.floor_seconds)
        print()
        print_table_plain([phases[0], floor])
        livez_rate = len(phases[0].latencies) / phases[0].seconds
        floor_rate = len(floor.latencies) / floor.seconds
        ratio = rates[True] / rates[False]
        print(f"\n{'figure':<52} {'value':>9} {'target':>9}")
        print(f"{'GET /livez (reference)':<52} {livez_rate:>7.0f}/s {'':>9}")
        print(f"{'accepted, tallies off':<52} {rates[False]:>7.0f}/s {'':>9}")
        print(f"{'accepted, tallies on':<52} {rates[True]:>7.0f}/s {'>= 300/s':>9}")
        print(f"{'tallies on / off':<52} {ratio:>9.2f} {'>= 0.90':>9} {'met' if ratio >= 0.9 else 'MISSED'}")
        floor_name = f"database floor: the same writes, psycopg2 x {args.connections}"
        print(f"{floor_name:<52} {floor_rate:>7.0f}/s")
        print(f"{'accepted (tallies on) / database floor':<52} {rates[True] / floor_rate:>9.2f}")
        print(f"{'accepted (tallies on) / GET /livez':<52} {rates[True] / livez_rate:>9.2f} {'>= 0.50':>9}")
        if "openrosa" in rates:
            print(f"{'accepted, OpenRosa (tallies on)':<52} {rates['openrosa']:>7.0f}/s")
            print(f"{'OpenRosa / REST (tallies on)':<52} {rates['openrosa'] / rates[True]:>9.2f} {'>= 0.70':>9}")
        print("OK: nothing lost, no errors" if not problems else "PROBLEMS:\n  " + "\n  ".join(problems))
    finally:
        process_stop(gunicorn)
        process_stop(worker)
        connections.close_all()
        if created and not args.keep:
            on_server(database_url, dropped)


def print_table_plain(phases: list[Phase]) -> None:
    print(f"{'':<26} {'seconds':>7} {'requests':>8} {'per s':>6} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}")
    for phase in phases:
        count = len(phase.latencies)
        print(
            f"{phase.name:<26} {phase.seconds:>7.1f} {count:>8,} {count / phase.seconds:>6.0f} "
            f"{phase.quantile(0.5):>7.1f} {phase.quantile(0.95):>7.1f} {phase.quantile(1):>7.0f}"
        )


if __name__ == "__main__":
    main()
