"""The WSGI entry point (gunicorn config.wsgi:application). Production settings unless told otherwise, as
cookiecutter-django does: a server started without DJANGO_SETTINGS_MODULE must never serve debug pages."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()
