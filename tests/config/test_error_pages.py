"""No user sees a debug page: unknown addresses get a page of ours, and a server started without settings chosen,
or with the demo's, runs with DEBUG off."""

import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.faults.servers import free_port, spawn, stop, wait_for

ROOT = Path(__file__).resolve().parents[2]


def _page(response) -> str:
    return " ".join(response.content.decode().split())


def test_an_unknown_address_is_a_page_of_ours(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in _page(response) and "Back to the home page" in _page(response)
    assert "URLconf" not in _page(response)


def test_manage_py_runserver_without_settings_is_production(tmp_path):
    """A server started with no settings chosen refuses to start without its secrets; other commands (migrate,
    makemigrations) run with the local settings, with DEBUG off all the same."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    refused = subprocess.run(
        [sys.executable, "manage.py", "runserver", "--noreload", "127.0.0.1:1"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode != 0 and "DJANGO_SECRET_KEY" in refused.stderr
    probe = "from django.conf import settings; print(settings.SETTINGS_MODULE, settings.DEBUG)"
    command = [sys.executable, "manage.py", "shell", "--no-imports", "-c", probe]
    result = subprocess.run(command, cwd=ROOT, env=clean, capture_output=True, text=True)
    assert result.stdout.split() == ["config.settings.local", "False"], result.stderr


@pytest.fixture
def demo_server(tmp_path):
    """`manage.py runserver` with the demo's settings and no DJANGO_DEBUG, as `make demo` starts it."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.local", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    log = tmp_path / "runserver.log"
    process = spawn([sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"], env=env, log=log)
    base = f"http://127.0.0.1:{port}"
    wait_for(lambda: _status(f"{base}/livez") == 200, seconds=30, what="runserver answering", log=log)
    yield base
    stop(process)


def _status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def test_the_demo_server_shows_our_404_and_still_serves_its_static_files(demo_server):
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(f"{demo_server}/no/such/page/", timeout=5)
    body = answer.value.read().decode()
    assert answer.value.code == 404
    assert "Page not found" in body and "URLconf" not in body and "DEBUG = True" not in body
    assert _status(f"{demo_server}/static/css/app.css") == 200
