"""Every kind of response carries the Content-Security-Policy and the Permissions-Policy, in every settings module;
no template holds what that policy refuses. tests/e2e checks the pages in a browser under it."""

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from config.security_headers import tile_sources
from observers.models import Role
from reports.documents.services import section_add, section_update
from reports.models import ReportSection
from tests.factories import ObserverFactory, ReportFactory, TeamFactory

ROOT = Path(__file__).resolve().parents[2]
PHONE_URLS = ["/app/", "/app/sw.js", "/app/manifest.webmanifest"]


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in policy.split(";"))}


def features(response) -> dict[str, str]:
    return dict(item.split("=", 1) for item in response["Permissions-Policy"].split(", "))


def assert_strict(response):
    csp = directives(response)
    for unsafe in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "data:", "*"):
        assert unsafe not in csp["script-src"], csp["script-src"]
        assert unsafe not in csp["style-src"], csp["style-src"]
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"] and response["X-Frame-Options"] == "DENY"
    assert tile_sources(settings.LEAFLET_CONFIG["TILES"])[0] in csp["img-src"]
    return csp


@pytest.fixture
def coordinator(db, client):
    observer = ObserverFactory(role=Role.COORDINATOR)
    client.force_login(observer.user)
    return observer


@pytest.mark.django_db
def test_every_kind_of_response_has_the_strict_policy_and_denies_every_feature(client, coordinator, api_client):
    team = TeamFactory(mission=coordinator.mission)
    admin_client = Client()
    admin_client.force_login(get_user_model().objects.create_superuser("root", password="x"))
    responses = {
        "page": client.get("/"),
        "json": api_client.get("/api/v1/plan/"),  # refused: JSON all the same
        "pdf": client.get(f"/deployment/plan/teams/{team.pk}/pdf/"),
        "404": client.get("/no/such/page/"),
        "api 404": client.get("/api/v1/no/such/"),
        "login": Client().get("/accounts/login/"),  # the admin's login page sends here
        "admin": admin_client.get("/admin/auth/user/"),
    }
    assert responses["pdf"]["Content-Type"] == "application/pdf"
    assert responses["json"]["Content-Type"] == "application/json"
    assert [r.status_code for r in responses.values()] == [200, 401, 200, 404, 404, 200, 200]
    for kind, response in responses.items():
        csp = assert_strict(response)
        assert "data:" not in csp["img-src"], kind
        allowed = features(response)
        assert allowed["geolocation"] == allowed["camera"] == allowed["microphone"] == "()", kind
        assert set(allowed.values()) == {"()"}, kind


@pytest.mark.django_db
@pytest.mark.parametrize("url", PHONE_URLS)
def test_the_phone_app_may_use_geolocation_and_the_camera_and_nothing_else(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_strict(response)
    allowed = features(response)
    assert allowed.pop("geolocation") == allowed.pop("camera") == "(self)"
    assert allowed["microphone"] == "()"
    assert set(allowed.values()) == {"()"}


@pytest.mark.django_db
def test_the_phone_shows_photos_from_blobs_and_the_map_its_placeholder_tiles(client):
    assert {"blob:", "data:"} <= set(directives(client.get("/app/"))["img-src"])


@pytest.mark.django_db
def test_the_map_pages_admit_leaflets_data_images_only(client, coordinator):
    for url in ("/deployment/map/", "/monitor/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "data:" in assert_strict(response)["img-src"], url


@pytest.mark.django_db
def test_the_api_docs_load_their_start_script_from_a_file(client, coordinator):
    page = client.get("/api/docs/")
    html = " ".join(page.content.decode().split())
    assert "data:" in assert_strict(page)["img-src"]  # Swagger UI's icons
    scripts = re.findall(r"<script([^>]*)>", html)
    assert len(scripts) == 3 and all(" src=" in attributes for attributes in scripts)
    assert "<style" not in html
    start = client.get("/api/docs/?script=")
    assert start.status_code == 200 and start["Content-Type"] == "application/javascript"
    assert "SwaggerUIBundle" in start.content.decode()


@pytest.mark.django_db
def test_the_browsable_api_admits_its_templates_style_attributes_by_their_hashes_only(client, coordinator):
    page = client.get("/api/v1/nam/commissions/", HTTP_ACCEPT="text/html")
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    html = page.content.decode()
    assert set(re.findall(r'style="([^"]*)"', html)) == {"float: right; margin-right: 10px"}  # the Filters button
    assert "<style" not in html  # DRF's Pygments colours (templates/rest_framework/api.html)
    digest = base64.b64encode(hashlib.sha256(b"float: right; margin-right: 10px").digest()).decode()
    assert assert_strict(page)["style-src-attr"] == ["'unsafe-hashes'", f"'sha256-{digest}'"]
    assert "style-src-attr" not in client.get("/api/v1/nam/commissions/")["Content-Security-Policy"]  # JSON


@pytest.mark.django_db
def test_the_report_preview_admits_its_one_inline_style_by_the_requests_nonce(client, coordinator):
    report = ReportFactory(mission=coordinator.mission)
    section = section_add(report=report, level=ReportSection.Level.CHAPTER, heading="Deployment")
    section_update(section=section, body="[[block:deployment]]")
    preview = client.get(f"/reports/{report.pk}/preview/en/")
    assert preview.status_code == 200
    (nonce,) = re.findall(r'<style nonce="([^"]+)">', preview.content.decode())
    assert f"'nonce-{nonce}'" in assert_strict(preview)["style-src"]
    again = client.get(f"/reports/{report.pk}/preview/en/")
    assert f"'nonce-{nonce}'" not in again["Content-Security-Policy"]  # a new one each time
    assert "'nonce-" not in client.get("/")["Content-Security-Policy"]  # none where nothing is inline


@pytest.mark.parametrize(
    ("tiles", "sources"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", ["https://tile.openstreetmap.org"]),
        ("https://{s}.tile.example.org:8443/{z}/{x}/{y}.png", ["https://*.tile.example.org:8443"]),
        (
            [("Streets", "https://a.example/{z}/{x}/{y}.png", {}), ("Sat", "https://b.example/{z}/{x}/{y}", {})],
            ["https://a.example", "https://b.example"],
        ),
        ("/tiles/{z}/{x}/{y}.png", []),  # this site's own: 'self' covers it
        ("", []),
    ],
)
def test_the_tile_server_admitted_is_the_one_leaflet_is_configured_with(tiles, sources):
    assert tile_sources(tiles) == sources


@pytest.mark.parametrize("module", ["config.settings.production", "config.settings.local", "config.settings.test"])
def test_every_settings_module_sets_the_policies(module):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env = {**clean, "DJANGO_SETTINGS_MODULE": module, "DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": "h"}
    probe = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps([settings.CONTENT_SECURITY_POLICY['DIRECTIVES'], settings.PERMISSIONS_POLICY,"
        " settings.MIDDLEWARE], default=str))"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    csp, permissions, middleware = json.loads(result.stdout)
    assert csp["script-src"] == ["'self'"] and csp["object-src"] == ["'none'"]
    assert permissions["geolocation"] == permissions["camera"] == []
    assert {
        "config.middleware.BrowsableApiCSPMiddleware",
        "django_permissions_policy.PermissionsPolicyMiddleware",
    } <= set(middleware)


INLINE = {
    "an inline script": re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I),
    "an event handler attribute": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    "a style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I),
    "a style element without the request's nonce": re.compile(r"<style(?![^>]*\bnonce=)[^>]*>", re.I),
    "a javascript: address": re.compile(r"javascript:", re.I),
}


# Read by WeasyPrint alone, into PDFs: no browser applies a policy to them.
PRINTED = ("deployment/pdf/", "documents/pdf/report.html", "onboarding/cards.html")
COMMENT = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}", re.S)


def test_no_template_holds_what_the_policy_refuses():
    templates = ROOT / "templates"
    served = [p for p in sorted(templates.rglob("*.html")) if not str(p.relative_to(templates)).startswith(PRINTED)]
    found = [
        f"{template.relative_to(ROOT)}: {what}"
        for template in served
        for what, pattern in INLINE.items()
        if pattern.search(COMMENT.sub("", template.read_text()))
    ]
    assert len(served) > 50 and found == []
