"""The phone app's shell, service worker and manifest, as the browser fetches them (the browser tests are in e2e/)."""

import json
import re

from django.contrib.staticfiles import finders
from PIL import Image


def config_of(response) -> dict:
    found = re.search(
        r'<script id="phone-config" type="application/json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(found.group(1))


def test_the_shell_is_the_same_for_everyone_and_carries_every_language(client, db):
    response = client.get("/app/", HTTP_ACCEPT_LANGUAGE="kk")

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    config = config_of(response)
    assert config["api"] == {
        "token": "/api/v1/auth/token/",
        "revoke": "/api/v1/auth/token/revoke/",
        "tokenFromSession": "/api/v1/auth/token/from-session/",
        "plan": "/api/v1/plan/",
        "checklists": "/api/v1/checklists/",
        "submissions": "/api/v1/submissions/",
    }
    assert config["languages"] == ["en", "ru", "kk"]
    assert set(config["strings"]) == {"en", "ru", "kk"}
    assert config["strings"]["en"]["waiting"] == "{n} waiting"
    assert config["checks"][0] == ["voted_by_visit", "<=", "voters_on_list"]
    assert config["tiles"] == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert 'href="/app/manifest.webmanifest"' in response.content.decode()
    assert "/static/leaflet/leaflet.js" in response.content.decode()


def test_the_service_worker_precaches_files_that_exist(client, db):
    response = client.get("/app/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/javascript"
    assert "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    precache = json.loads(re.search(r"const PRECACHE = (\[.*?\]);", body).group(1))
    assert precache[:2] == ["/app/", "/app/manifest.webmanifest"]
    assert {"/static/phone/app.js", "/static/phone/outbox.js", "/static/leaflet/leaflet.js"} <= set(precache)
    for url in precache[2:]:
        assert finders.find(url.removeprefix("/static/")), url
    assert re.search(r'const RELEASE = "[0-9a-f]{16}";', body)


def test_the_manifest_makes_the_app_installable(client, db):
    response = client.get("/app/manifest.webmanifest")

    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert (manifest["short_name"], manifest["start_url"], manifest["scope"], manifest["display"]) == (
        "Observer",
        "/app/",
        "/app/",
        "standalone",
    )
    assert manifest["theme_color"] == "#0b5394"
    icons = []
    for icon in manifest["icons"]:
        with Image.open(finders.find(icon["src"].removeprefix("/static/"))) as image:
            icons.append((f"{image.width}x{image.height}", icon["sizes"], icon.get("purpose", "any")))
    assert icons == [("192x192", "192x192", "any"), ("512x512", "512x512", "any"), ("512x512", "512x512", "maskable")]
