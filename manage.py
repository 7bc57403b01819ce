#!/usr/bin/env python
"""Django's command-line utility for administrative tasks.

`manage.py runserver` with no settings chosen is a server, so it gets the production settings, as config/wsgi.py and
config/celery.py do. Every other command (migrate, makemigrations, load_demo…) defaults to the local ones, which
serve no debug pages either; the demo says DJANGO_SETTINGS_MODULE=config.settings.local (the Makefile does).
"""

import os
import sys


def main():
    server = len(sys.argv) > 1 and sys.argv[1] == "runserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production" if server else "config.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
