"""The election-day monitor: a page for the core team and the JSON it refreshes itself from every 30 seconds.

Both come from one snapshot, cached for a few seconds per mission and parameters, so a room full of screens
polling while 400 observers send costs the database one snapshot per interval.
"""

from django import forms
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from config import security_headers
from mission.clock import mission_now
from observers.models import Team
from observers.permissions import core_required
from reports.monitor.selectors import monitor_snapshot

CACHE_SECONDS = 10
REFRESH_SECONDS = 30
SILENT_MINUTES = 60
FRAGMENTS = ("totals", "hours", "silent", "incidents")


class MonitorParams(forms.Form):
    silent = forms.IntegerField(label=_("Silent after (minutes)"), min_value=5, max_value=24 * 60)
    teams = forms.ChoiceField(
        label=_("Teams watched"),
        required=False,
        # Long-term teams report weekly: they are watched only when asked for.
        choices=[("", _("Short-term teams")), (Team.Kind.LTO, _("Long-term teams"))],
    )
    at = forms.DateTimeField(
        label=_("As of (mission time; empty: now)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, query):
        data = query.dict()
        data["silent"] = data.get("silent") or SILENT_MINUTES  # an emptied field means the default
        super().__init__(data)

    def error_text(self) -> str:
        return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in self.errors.items())


def _snapshot(request, params: MonitorParams) -> dict:
    mission = request.membership.mission
    language = (get_language() or "en")[:2]
    silent, teams, at = (params.cleaned_data[name] for name in ("silent", "teams", "at"))
    key = f"monitor:{mission.pk}:{language}:{silent}:{teams}:{at.isoformat() if at else 'live'}"
    payload = cache.get(key)
    if payload is None:
        payload = monitor_snapshot(
            mission=mission, now=at or mission_now(mission), silent_minutes=silent, language=language, team_kind=teams
        )
        payload["html"] = {
            name: render_to_string(f"monitor/_{name}.html", {"data": payload, "mission": mission}, request=request)
            for name in FRAGMENTS
        }
        cache.set(key, payload, CACHE_SECONDS)
    return payload


def _read(request) -> tuple[MonitorParams, dict | None]:
    """The parameters and the snapshot they ask for (None when they are wrong).

    Read in the mission's time zone: "as of 16:00" means 16:00 where the observers are.
    """
    with timezone.override(request.membership.mission.time_zone):
        params = MonitorParams(request.GET)
        valid = params.is_valid()
    return params, _snapshot(request, params) if valid else None


@require_GET
@core_required
@security_headers.map_page
def index(request):
    params, payload = _read(request)
    if payload is None:
        return render(request, "monitor/index.html", {"params": params}, status=400)
    config = {
        "data": f"{reverse('monitor:data')}?{request.GET.urlencode()}",
        "refreshSeconds": REFRESH_SECONDS,
        "timeZone": request.membership.mission.time_zone,  # the "updated at" clock shows mission time
        "stations": payload["stations"],
        "strings": {
            "updated": gettext("Updated at %(time)s; refreshes itself every %(seconds)s seconds."),
            "failed": gettext("Could not refresh at %(time)s; trying again in %(seconds)s seconds."),
            "forms": gettext("forms"),
            "ranks": [
                gettext("no assessment"),
                gettext("very good"),
                gettext("good"),
                gettext("bad"),
                gettext("very bad"),
            ],
        },
    }
    return render(request, "monitor/index.html", {"params": params, "data": payload, "config": config})


@require_GET
@core_required
def data(request):
    params, payload = _read(request)
    if payload is None:
        return JsonResponse({"error": params.error_text()}, status=400)
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
