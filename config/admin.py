"""Django's admin, for superusers only, with each app's admin module imported (autodiscovery is off: see
INSTALLED_APPS).

The admin sees every mission's data; a coordinator is staff of one mission only. So the back office is the
operators' (superusers), not scoped per mission: a coordinator made staff still gets no admin page.
"""

import importlib

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext


def _superusers_only(request) -> bool:
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _superusers_only


def login(request):
    """Where the admin sends those it refuses. Its own login page would skip ours (the login limits, the second
    factor): a visitor goes to ours, a signed-in user who is no superuser is told no."""
    if request.user.is_authenticated:
        raise PermissionDenied(gettext("The back office is for the system's operators; your account is not one."))
    return redirect_to_login(request.GET.get("next", "/admin/"))


for module in ("django.contrib.auth.admin", "mission.admin", "observers.admin", "reports.admin"):
    importlib.import_module(module)
