"""The analysts' follow-up page: the prior recommendations with their grades counted, assessed one by one with a
note in three languages; bad input refused with what to fix; another mission's recommendation not found."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mission.followup.models import PriorRecommendation
from observers.models import Role
from tests.factories import MissionFactory, ObserverFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(client):
    member = ObserverFactory(role=Role.ANALYST)
    client.force_login(member.user)
    return member


def _recommendation(mission, number: str, **fields) -> PriorRecommendation:
    return PriorRecommendation.objects.create(mission=mission, number=number, text=f"Do {number}", **fields)


def test_the_list_counts_each_grade_in_as_many_queries_for_many_as_for_few(client, analyst):
    mission = analyst.mission
    _recommendation(mission, "1", implementation="fully", assessed_by=analyst.user)
    _recommendation(mission, "2")
    with CaptureQueriesContext(connection) as few:
        page = client.get(reverse("followup:index"))
    assert page.status_code == 200
    assert [(value, count) for value, _label, count in page.context["grades"]] == [
        ("fully", 1),
        ("mostly", 0),
        ("partially", 0),
        ("not", 0),
    ]
    assert page.context["not_assessed"] == 1
    for number in range(3, 13):
        _recommendation(mission, str(number), implementation="not", assessed_by=analyst.user)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("followup:index"))
    assert len(many) == len(few)


def test_an_assessment_is_saved_with_who_made_it(client, analyst):
    recommendation = _recommendation(analyst.mission, "4")
    url = reverse("followup:assess", args=[recommendation.pk])
    response = client.post(
        url, {"implementation": "partially", "note": "Amended in part", "note_ru": "Частично", "note_kk": "Ішінара"}
    )
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert (recommendation.implementation, recommendation.note_kk) == ("partially", "Ішінара")
    assert recommendation.assessed_by == analyst.user and recommendation.assessed_at is not None
    client.post(url, {"implementation": "", "note": ""})
    recommendation.refresh_from_db()
    assert recommendation.assessed_by is None and recommendation.assessed_at is None


def test_bad_input_is_refused_with_what_to_fix(client, analyst):
    recommendation = _recommendation(analyst.mission, "5")
    url = reverse("followup:assess", args=[recommendation.pk])
    unknown = client.post(url, {"implementation": "half"})
    assert unknown.status_code == 400 and "Select a valid choice" in unknown.content.decode()
    no_english = client.post(url, {"implementation": "not", "note_ru": "Нет"})
    assert no_english.status_code == 400 and "Write the note in English too" in no_english.content.decode()
    recommendation.refresh_from_db()
    assert recommendation.implementation == ""


def test_another_missions_recommendation_is_not_found(client, analyst):
    other = _recommendation(MissionFactory(), "1")
    assert client.get(reverse("followup:assess", args=[other.pk])).status_code == 404
    assert client.post(reverse("followup:assess", args=[other.pk]), {"implementation": "fully"}).status_code == 404


def test_observers_are_refused(client):
    sto = ObserverFactory(role=Role.STO)
    client.force_login(sto.user)
    assert client.get(reverse("followup:index")).status_code == 403
