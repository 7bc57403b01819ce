"""A roster import of mission B never reaches into mission A: what both missions see after B names A's person."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from observers.models import ApiToken, Observer, Role
from observers.onboarding.services import token_issue
from tests.factories import ObserverFactory, TeamFactory
from tests.mission.imports.helpers import confirm, errors_shown, upload_and_preview

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_bs_import_naming_as_person_changes_nothing_of_a_and_shows_b_no_username(client, coordinator):
    a_coordinator = ObserverFactory(role=Role.COORDINATOR)
    a_lto = ObserverFactory(
        mission=a_coordinator.mission,
        role=Role.LTO,
        team=TeamFactory(mission=a_coordinator.mission, code="A-L01", kind="lto"),
        full_name="Olga Ivanova",
        user__username="olga.of.mission.a",
        user__email="olga@example.org",
    )
    token = token_issue(user=a_lto.user)
    roster = "Name,Role,E-mail\nOlga Ivanova,LTO,OLGA@example.org\nJens Berg,LTO,jens@example.org\n"

    preview = upload_and_preview(client, "roster", "roster.csv", roster.encode())  # `client` is B's coordinator

    assert [(row, column) for row, column, _ in errors_shown(preview)] == [(2, "E-mail")]
    shown = " ".join(preview.content.decode().split())
    assert "belongs to an account this mission cannot manage" in shown and "ask an administrator" in shown
    assert "olga.of.mission.a" not in shown and a_coordinator.mission.name not in shown
    assert confirm(client, "roster").status_code == 400

    # Mission B: nothing imported, and none of its pages name A's account.
    assert list(Observer.objects.filter(mission=coordinator.mission).values_list("pk", flat=True)) == [coordinator.pk]
    for url in ("/onboarding/", "/audit/", "/deployment/teams/"):
        assert "olga.of.mission.a" not in _page(client, url)
    assert client.get(f"/onboarding/observers/{a_lto.pk}/").status_code == 404
    assert client.post(f"/onboarding/observers/{a_lto.pk}/tokens/revoke/").status_code == 404

    # Mission A: the account, its membership and its phone untouched.
    a_lto.refresh_from_db()
    assert list(a_lto.user.memberships.values_list("mission", flat=True)) == [a_coordinator.mission_id]
    assert not ApiToken.objects.filter(user=a_lto.user, revoked_at__isnull=False).exists()
    phone = APIClient()
    phone.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert phone.get("/api/v1/plan/").status_code == 200
    a_client = Client()
    a_client.force_login(a_coordinator.user)
    assert "olga.of.mission.a" in _page(a_client, f"/onboarding/observers/{a_lto.pk}/")
