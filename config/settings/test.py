"""Tests: fast password hashing, media in a throw-away folder."""

import tempfile
from pathlib import Path

from config.settings.base import *  # noqa: F401,F403
from config.settings.base import env

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=tempfile.mkdtemp(prefix="eom-test-media-")))

# Tasks run in-process unless a test starts a real worker (tests/reports/documents/test_celery_worker.py).
CELERY_TASK_ALWAYS_EAGER = True
# Failed logins per address kept in this process, forgotten after each test (tests/conftest.py).
CACHES = {**CACHES, "logins": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "logins"}}  # noqa: F405
