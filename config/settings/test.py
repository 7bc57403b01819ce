"""Tests: fast password hashing, media in a throw-away folder."""

import tempfile
from pathlib import Path

from config.settings.base import *  # noqa: F401,F403
from config.settings.base import env

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=tempfile.mkdtemp(prefix="eom-test-media-")))
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"login": "1000/min"}}  # noqa: F405

# Tasks run in-process unless a test starts a real worker (tests/reports/documents/test_celery_worker.py).
CELERY_TASK_ALWAYS_EAGER = True
