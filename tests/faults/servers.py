"""Throw-away servers for the fault tests: a Redis, a PostgreSQL cluster, gunicorn and a Celery worker, each a
child process on a port of its own. The shared Redis (6379) and PostgreSQL (5432) are never touched."""

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

BIN = Path(sys.executable).parent
PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), None)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, *, seconds: float, what: str, log: Path | None = None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"{what} did not happen within {seconds:.0f} s" + (f":\n{log.read_text()}" if log else ""))


def stop(process: subprocess.Popen | None, sig=signal.SIGTERM) -> None:
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, sig)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def spawn(command: list[str], *, env: dict, log: Path, cwd=None) -> subprocess.Popen:
    with open(log, "ab") as output:
        return subprocess.Popen(
            command,
            env=env,
            cwd=cwd or settings.BASE_DIR,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


class RedisServer:
    """A Redis of our own, without persistence: killed, it loses every message it held."""

    def __init__(self, directory: Path):
        self.directory, self.port, self.process = directory, free_port(), None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        command = [
            shutil.which("redis-server"),
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(self.directory),
        ]
        self.process = spawn(command, env=os.environ.copy(), log=self.directory / "redis.log")
        wait_for(self.answers, seconds=10, what="redis-server starting", log=self.directory / "redis.log")

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as probe:
                probe.sendall(b"PING\r\n")
                return probe.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def kill(self):
        stop(self.process, signal.SIGKILL)


class PostgresCluster:
    """A PostgreSQL cluster in a temporary folder, run as the postgres user, with trust authentication."""

    def __init__(self, directory: Path):
        self.directory, self.port = directory, free_port()
        self.data = directory / "data"

    def _as_postgres(self, *command: str) -> subprocess.CompletedProcess:
        line = " ".join(f"'{part}'" for part in command)
        return subprocess.run(
            ["su", "postgres", "-s", "/bin/sh", "-c", line], capture_output=True, text=True, timeout=120, check=True
        )

    def create(self):
        shutil.chown(self.directory, "postgres")
        self._as_postgres(
            str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"
        )

    def pg_ctl(self, action: str, *options: str):
        self._as_postgres(
            str(PG_BIN / "pg_ctl"),
            action,
            "-D",
            str(self.data),
            "-w",
            "-t",
            "60",
            "-l",
            str(self.directory / "postgres.log"),
            "-o",
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off",
            *options,
        )

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"


def app_env(*, database_url: str, redis_url: str | None, queue: str) -> dict:
    """The environment of the app as deployed: production settings, DEBUG off."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "fault-tests-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "CELERY_QUEUE": queue,
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


class Gunicorn:
    def __init__(self, *, env: dict, log: Path, workers: int = 2, threads: int = 2):
        self.env, self.log, self.port, self.process = env, log, free_port(), None
        self.workers, self.threads = workers, threads

    def start(self):
        command = [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(self.threads),
            "--timeout",
            "60",
        ]
        self.process = spawn(command, env=self.env, log=self.log)
        wait_for(lambda: self._alive(), seconds=60, what="gunicorn answering /livez", log=self.log)

    def _alive(self) -> bool:
        assert self.process.poll() is None, f"gunicorn stopped:\n{self.log.read_text()}"
        try:
            return self.request("GET", "/livez", timeout=2).status == 200
        except OSError:
            return False

    def request(
        self, method: str, path: str, *, body: dict | None = None, token: str | None = None, timeout: float = 20
    ) -> "Answer":
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Token {token}"
        started = time.monotonic()
        try:
            connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        return Answer(response.status, content, dict(response.getheaders()), time.monotonic() - started)

    def stop(self):
        stop(self.process)


@dataclass
class Answer:
    status: int
    content: bytes
    headers: dict
    seconds: float

    def json(self):
        return json.loads(self.content)


def celery_worker(*, env: dict, log: Path) -> subprocess.Popen:
    command = [
        str(BIN / "celery"),
        "-A",
        "config",
        "worker",
        "-Q",
        env["CELERY_QUEUE"],
        "--pool=solo",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "-n",
        f"faults-{os.getpid()}@%h",
        "--loglevel=INFO",
    ]
    return spawn(command, env=env, log=log)


def manage(*arguments: str, env: dict) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout
