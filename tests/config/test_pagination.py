"""A page of the API is at most 1,000 rows, whatever `limit` asks for: a limit past the database's range is no 500."""

import pytest

from observers.models import Role
from reports.models import Compilation, Report
from tests.factories import ObserverFactory


@pytest.mark.django_db
def test_a_huge_limit_gives_the_largest_page_not_an_error(client):
    coordinator = ObserverFactory(role=Role.COORDINATOR)
    report = Report.objects.create(mission=coordinator.mission, kind=Report.Kind.PRELIMINARY)
    Compilation.objects.create(report=report, language="en")
    client.force_login(coordinator.user)
    response = client.get("/api/v1/reports/compilations/?limit=365266702603941904384")
    assert response.status_code == 200
    assert response.json()["count"] == 1 and len(response.json()["results"]) == 1
