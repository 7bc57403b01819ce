"""The demo and development: embedded unless the environment says otherwise (base), and still no debug pages
unless DJANGO_DEBUG=1 asks for them: the demo is shown to people, and a debug 404 lists every route."""

from config.settings.base import *  # noqa: F401,F403

# With DEBUG off runserver serves no static files; WhiteNoise serves them from the apps' folders instead.
WHITENOISE_USE_FINDERS = True
