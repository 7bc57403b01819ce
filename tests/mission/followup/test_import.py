"""Importing the previous mission's recommendations (one per row) through the import pages: every bad row named
and nothing written; a good file creates them, a corrected one updates them and keeps the assessments made."""

import pytest
from django.urls import reverse

from mission.followup.models import PriorRecommendation
from observers.models import Role
from tests.factories import ObserverFactory
from tests.mission.imports.helpers import confirm, errors_shown, upload_and_preview

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]
HEADER = "No,Recommendation,Russian,Kazakh,Priority,Implemented\n"
GOOD = (
    HEADER + "1,Commissions should be formed pluralistically.,Комиссии следует формировать плюралистично.,"
    "Комиссиялар плюралистік негізде құрылуы тиіс.,yes,\n"
    + "2,Keep a paper trail of electronic votes.,,,no,partially\n"
    + '3,"Allow voters to challenge results in court.",,,,\n'
)
BAD = HEADER + "1,,,,,\n" + "2,Text,,,,half done\n" + "3,Text,,,,\n" + "3,Again,,,,\n"


@pytest.fixture
def analyst(client, coordinator):
    member = ObserverFactory(mission=coordinator.mission, role=Role.ANALYST)
    client.force_login(member.user)
    return member


def test_bad_rows_are_each_named_and_nothing_is_written(client, coordinator):
    response = upload_and_preview(client, "prior_recommendations", "recommendations.csv", BAD.encode())
    shown = errors_shown(response)
    assert [(row, column) for row, column, _message in shown] == [
        (2, "Recommendation"),
        (3, "Implemented"),
        (5, "No"),
    ]
    messages = {row: message for row, _column, message in shown}
    assert "empty" in messages[2] and "fully" in messages[3] and "row 4" in messages[5]
    assert confirm(client, "prior_recommendations").status_code == 400
    assert not PriorRecommendation.objects.exists()


def test_an_analyst_imports_then_a_corrected_file_updates_and_keeps_the_assessments(client, analyst):
    plan = upload_and_preview(client, "prior_recommendations", "r.csv", GOOD.encode()).context["plan"]
    assert (plan.errors, plan.to_create) == ([], 3)
    response = confirm(client, "prior_recommendations")
    assert response.status_code == 302 and response.url == reverse("followup:index")
    first, second, third = PriorRecommendation.objects.order_by("order")
    assert (first.number, first.priority, first.text_kk) == ("1", True, "Комиссиялар плюралистік негізде құрылуы тиіс.")
    assert (second.implementation, third.implementation, third.priority) == ("partially", "", False)
    assert first.mission == analyst.mission
    PriorRecommendation.objects.filter(pk=first.pk).update(implementation="mostly", note="Law amended in 2005")
    corrected = GOOD.replace("Keep a paper trail", "Keep a voter-verified paper trail")
    corrected = "\n".join(",".join(line.split(",")[:5]) for line in corrected.splitlines())  # no Implemented column
    plan = upload_and_preview(client, "prior_recommendations", "r.csv", corrected.encode()).context["plan"]
    assert (plan.to_create, plan.to_update) == (0, 1)
    confirm(client, "prior_recommendations")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.implementation, first.note) == ("mostly", "Law amended in 2005")
    assert second.text.startswith("Keep a voter-verified") and second.implementation == "partially"


def test_observers_cannot_import_recommendations(client, coordinator):
    sto = ObserverFactory(mission=coordinator.mission, role=Role.STO)
    client.force_login(sto.user)
    assert client.get(reverse("imports:upload", kwargs={"kind": "prior_recommendations"})).status_code == 403
