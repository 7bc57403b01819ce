"""ODK Collect's settings QR code: JSON with the server address and a project name, zlib-compressed, in Base64
(docs.getodk.org/collect-import-export). Collect opens the project at that address; the key in it signs it in."""

import base64
import json
import zlib

from django.urls import reverse

from mission.models import Mission


def collect_server_url(*, site: str, key: str, mission: Mission) -> str:
    """The server address Collect is set to: the form list's address without `/formList` (Collect adds it)."""
    form_list = reverse("openrosa:key-form-list", kwargs={"key": key, "slug": mission.slug})
    return site.rstrip("/") + form_list.removesuffix("formList").rstrip("/")


def collect_settings_code(*, server_url: str, project: str) -> str:
    """What the settings QR code holds. Forms follow the server exactly (a withdrawn version leaves the phone) and
    finished forms go as soon as there is a network."""
    settings = {
        "general": {"server_url": server_url, "form_update_mode": "match_exactly", "autosend": "wifi_and_cellular"},
        "admin": {"change_server": False},
        "project": {"name": project[:60], "icon": "◎"},
    }
    compact = json.dumps(settings, ensure_ascii=False, separators=(",", ":")).encode()
    return base64.b64encode(zlib.compress(compact, 9)).decode()


def collect_settings_read(code: str) -> dict:
    """The settings a code holds (tests, and a coordinator checking a card)."""
    return json.loads(zlib.decompress(base64.b64decode(code)))
