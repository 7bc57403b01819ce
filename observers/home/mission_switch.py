"""The mission switcher: a person who belongs to several missions chooses which one the pages show.

Roles are per mission, so the choice decides what every page offers (see permissions.current_membership).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from observers.home.selectors import is_member
from observers.permissions import SESSION_MISSION_KEY


@require_POST
@login_required
def mission_switch(request):
    mission_id = request.POST.get("mission", "")
    if not mission_id.isdigit():
        return HttpResponseBadRequest(_("Choose a mission: 'mission' must be a mission's id (a whole number)."))
    if not is_member(user=request.user, mission_id=int(mission_id)):
        raise PermissionDenied(_("You are not a member of that mission."))
    request.session[SESSION_MISSION_KEY] = int(mission_id)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("home:index")
