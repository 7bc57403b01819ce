"""Imports each app's admin module; Django's admin autodiscovery is off (see INSTALLED_APPS)."""

import importlib

for module in ("django.contrib.auth.admin", "mission.admin", "observers.admin", "reports.admin"):
    importlib.import_module(module)
