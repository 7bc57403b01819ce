#!/usr/bin/env python
"""Django's command-line utility for administrative tasks.

Production settings unless told otherwise, as config/wsgi.py and config/celery.py: `manage.py runserver` with no
settings chosen is a server too, and must not serve debug pages. The demo and development say
DJANGO_SETTINGS_MODULE=config.settings.local (the Makefile does).
"""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
