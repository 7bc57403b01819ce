"""Development and demo: DEBUG on, everything else from base (embedded unless env says otherwise)."""

from config.settings.base import *  # noqa: F401,F403
from config.settings.base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
