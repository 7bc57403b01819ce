"""The back office (Django's admin) is for superusers only: it shows every mission's data."""

import pytest

from observers.models import Role
from tests.factories import ObserverFactory


@pytest.fixture
def coordinator(db):
    return ObserverFactory(role=Role.COORDINATOR)


def _page(response) -> str:
    return " ".join(response.content.decode().split())


def test_a_coordinator_made_staff_gets_no_admin_page(coordinator, client):
    colleague = ObserverFactory(mission=coordinator.mission, full_name="Zhanar Ospanova")
    coordinator.user.is_staff = True
    coordinator.user.save()
    client.force_login(coordinator.user)

    response = client.get("/admin/observers/observer/", follow=True)

    assert response.status_code == 403
    assert "back office is for the system" in _page(response)
    assert colleague.full_name not in _page(response)


def test_a_visitor_is_sent_to_our_login_page_not_the_admin_one(db, client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/?next=/admin/"
    assert response.status_code == 200


def test_a_superuser_uses_the_back_office(coordinator, client, django_user_model):
    operator = django_user_model.objects.create_superuser("operator", password="pass-word-123")
    client.force_login(operator)
    page = client.get("/admin/observers/observer/")
    assert page.status_code == 200
    assert coordinator.full_name in _page(page)


def test_the_back_office_link_is_shown_to_superusers_only(coordinator, client):
    client.force_login(coordinator.user)
    assert "Back office" not in _page(client.get("/"))

    coordinator.user.is_superuser = True
    coordinator.user.save()
    assert "Back office" in _page(client.get("/"))
