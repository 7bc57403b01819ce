"""Production settings: `check --deploy` is clean, and the app refuses to start without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True)


def test_check_deploy_is_clean():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="k" * 20 + "-Zq8!v2#pL0x@9wR7s$Tn4&uY6*eB1^mC3%",
        DJANGO_ALLOWED_HOSTS="eom.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_refuses_to_start_without_a_secret_key():
    result = _manage("check", DJANGO_ALLOWED_HOSTS="eom.example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize("entry_point", ["config.wsgi", "config.celery"])
def test_servers_started_without_settings_load_the_production_ones(entry_point):
    """gunicorn or a worker started with no DJANGO_SETTINGS_MODULE: production settings, which refuse to start
    without a secret key, rather than local ones that would serve debug pages."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    probe = f"import {entry_point}; from django.conf import settings; print(settings.DEBUG)"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=clean, capture_output=True, text=True)
    assert result.returncode != 0, result.stdout
    assert "DJANGO_SECRET_KEY" in result.stderr
    configured = {**clean, "DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": "eom.example.org"}
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=configured, capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_refuses_to_start_without_allowed_hosts():
    result = _manage("check", DJANGO_SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


_HTTPS_PROBE = """
import django
django.setup()
from django.conf import settings
from django.test import Client, override_settings
client = Client()
plain = client.get("/livez", HTTP_HOST="eom.example.org")
print(plain.status_code, plain.get("Location"))
# The login page sets the CSRF cookie; static files are served by name (production needs collectstatic first).
static = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(STORAGES=static):
    secure = client.get("/accounts/login/", secure=True, HTTP_HOST="eom.example.org")
print(secure.status_code, secure["Strict-Transport-Security"])
print(secure.cookies["csrftoken"]["secure"], secure.cookies["csrftoken"]["samesite"])
print(settings.SESSION_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY, settings.DEBUG)
"""


def test_https_only_hsts_and_secure_cookies(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", _HTTPS_PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": "s" * 60,
            "DJANGO_ALLOWED_HOSTS": "eom.example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "301 https://eom.example.org/livez",
        "200 max-age=31536000; includeSubDomains; preload",
        "True Lax",
        "True True False",
    ]


def test_no_secret_has_a_default_in_the_settings_production_reads():
    """Production reads base.py then production.py: a secret there must come from the environment alone."""
    import re

    secret = re.compile(r'env(?:\.\w+)?\(\s*"(\w*(?:SECRET|PASSWORD)\w*|\w*(?:TOKEN|KEY))"\s*,\s*default=')
    production = (ROOT / "config/settings/production.py").read_text()
    base = (ROOT / "config/settings/base.py").read_text()
    assert secret.findall(production) == []
    # The development key in base.py is replaced: production reads DJANGO_SECRET_KEY with no default.
    assert secret.findall(base) == ["DJANGO_SECRET_KEY"]
    assert re.search(r'^SECRET_KEY = env\("DJANGO_SECRET_KEY"\)$', production, re.MULTILINE)
