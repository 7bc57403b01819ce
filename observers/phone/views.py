"""The observers' phone app: a static shell, its service worker and its web app manifest.

None of these carries data or needs a session: the app logs in with a token and reads everything through
the API, which checks every permission. The shell must stay the same for every user because the service
worker keeps it for offline use.
"""

import hashlib
import json
from pathlib import Path

from csp.decorators import csp_update
from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django_permissions_policy.decorators import permissions_policy_override

from config.security_headers import MAP_IMAGES
from mission.results.lines import SUMS, VOTES_QUESTIONS
from observers.checklists.definitions import CHECKS, TEXT_MAX_LENGTH
from observers.phone.strings import strings_by_language

STATIC_ROOT_DIR = Path(settings.BASE_DIR) / "static"
# The phone's own modules and what it shares with the coordinators' pages (HTML escaping, purpose colours).
PHONE_STATIC_DIRS = ("phone", "shared")
THEME_COLOUR = "#0b5394"
# The phone asks for the observer's position and takes protocol photos; every other page may do neither.
phone_permissions = permissions_policy_override(
    {**settings.PERMISSIONS_POLICY, "geolocation": "self", "camera": "self"}
)
_LEAFLET_FILES = ("leaflet/leaflet.css", "leaflet/leaflet.extras.css", "leaflet/leaflet.extras.js")


def _phone_files() -> list[str]:
    return sorted(
        str(p.relative_to(STATIC_ROOT_DIR))
        for folder in PHONE_STATIC_DIRS
        for p in (STATIC_ROOT_DIR / folder).rglob("*")
        if p.is_file()
    )


def _release_fingerprint(static_files: list[str]) -> str:
    """Changes whenever a file the phone keeps changes, so phones fetch the new version (static names are not
    hashed)."""
    digest = hashlib.sha256()
    for name in static_files:
        digest.update(name.encode())
        digest.update(Path(finders.find(name)).read_bytes())
    for template in sorted((Path(settings.BASE_DIR) / "templates" / "phone").glob("*")):
        digest.update(template.read_bytes())
    return digest.hexdigest()[:16]


def _precached_static_files() -> list[str]:
    # The same choice of Leaflet build as django-leaflet's {% leaflet_js %}.
    debug = settings.TEMPLATES[0].get("OPTIONS", {}).get("debug")
    leaflet_js = "leaflet/leaflet-src.js" if debug else "leaflet/leaflet.js"
    return ["css/app.css", leaflet_js, *_LEAFLET_FILES, *_phone_files()]


@phone_permissions
@csp_update({"img-src": [*MAP_IMAGES["img-src"], "blob:"]})  # the map; previews of the photos in the outbox
@cache_control(no_cache=True)
def app_shell(request):
    leaflet = settings.LEAFLET_CONFIG
    config = {
        "api": {
            "token": reverse("api-token"),
            "revoke": reverse("api-token-revoke"),
            "tokenFromSession": reverse("api-token-from-session"),
            "plan": reverse("api-plan"),
            "checklists": reverse("api-checklist-list"),
            "submissions": reverse("api-submission-list"),
        },
        "serviceWorker": reverse("phone:service-worker"),
        "scope": reverse("phone:app"),
        "tiles": leaflet.get("TILES") or "",
        "attribution": leaflet.get("ATTRIBUTION_PREFIX", ""),
        "center": list(leaflet.get("DEFAULT_CENTER", (0, 0))),
        "zoom": leaflet.get("DEFAULT_ZOOM", 5),
        "languages": [code for code, _name in settings.LANGUAGES],
        "checks": [list(check[:3]) for check in CHECKS],
        "sums": [[whole, list(parts)] for whole, parts in SUMS],
        "votesKinds": VOTES_QUESTIONS,
        "textMaxLength": TEXT_MAX_LENGTH,
        "strings": strings_by_language(),
    }
    return render(request, "phone/app.html", {"config": config, "theme_colour": THEME_COLOUR})


@phone_permissions
@never_cache
def service_worker(request):
    static_files = _precached_static_files()
    precache = [reverse("phone:app"), reverse("phone:manifest"), *(static(name) for name in static_files)]
    context = {
        "version": _release_fingerprint(static_files),
        "precache": json.dumps(precache),
        "shell": reverse("phone:app"),
        "static_prefix": static(""),
    }
    return render(request, "phone/sw.js", context, content_type="application/javascript")


@phone_permissions
@cache_control(max_age=3600)
def manifest(request):
    icon = "phone/icons/icon-{size}.png"
    return JsonResponse(
        {
            "name": _("Election observation: observer"),
            "short_name": _("Observer"),
            "description": _("Election-day forms for observers, offline first."),
            "start_url": reverse("phone:app"),
            "scope": reverse("phone:app"),
            "display": "standalone",
            "orientation": "portrait",
            "background_color": "#f6f8fa",
            "theme_color": THEME_COLOUR,
            "icons": [
                {"src": static(icon.format(size=192)), "sizes": "192x192", "type": "image/png"},
                {"src": static(icon.format(size=512)), "sizes": "512x512", "type": "image/png"},
                {
                    "src": static("phone/icons/icon-maskable-512.png"),
                    "sizes": "512x512",
                    "type": "image/png",
                    "purpose": "maskable",
                },
            ],
        },
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )
