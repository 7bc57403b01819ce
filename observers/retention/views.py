"""The retention page (/retention/): a coordinator closes the mission, then erases its observers' personal data."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from observers.permissions import coordinator_required
from observers.retention.forms import ConfirmByNameForm
from observers.retention.services import (
    RetentionRefused,
    erasable_count,
    erasure_running,
    mission_close,
    personal_data_erase_request,
)


def _page(request, *, close_form=None, erase_form=None, status: int = 200):
    mission = request.membership.mission
    context = {
        "close_form": close_form or ConfirmByNameForm(mission=mission, prefix="close"),
        "erase_form": erase_form or ConfirmByNameForm(mission=mission, prefix="erase"),
        "erasable": erasable_count(mission=mission),
        "erasing": erasure_running(mission=mission),
    }
    return render(request, "retention/index.html", context, status=status)


@require_GET
@coordinator_required
def index(request):
    return _page(request)


@require_POST
@coordinator_required
def close(request):
    form = ConfirmByNameForm(request.POST, mission=request.membership.mission, prefix="close")
    if not form.is_valid():
        return _page(request, close_form=form, status=400)
    try:
        mission_close(mission=request.membership.mission, actor=request.user)
    except RetentionRefused as refused:
        messages.error(request, str(refused))
        return _page(request, status=409)
    messages.success(request, _("The mission is closed. Its observers' personal data may now be erased."))
    return redirect("retention:index")


@require_POST
@coordinator_required
def erase(request):
    form = ConfirmByNameForm(request.POST, mission=request.membership.mission, prefix="erase")
    if not form.is_valid():
        return _page(request, erase_form=form, status=400)
    try:
        personal_data_erase_request(mission=request.membership.mission, actor=request.user)
    except RetentionRefused as refused:
        messages.error(request, str(refused))
        return _page(request, status=409)
    messages.info(request, _("The personal data is being erased in the background: this page shows when it is done."))
    return redirect("retention:index")
