import pytest
from django.utils import timezone

from observers.models import DeploymentPlan, Role
from tests.factories import AssignmentFactory, ChecklistFactory, ObserverFactory, SubmissionFactory


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_coordinator_home_shows_the_missions_numbers(client, django_assert_max_num_queries):
    coordinator = ObserverFactory(role=Role.COORDINATOR)
    mission = coordinator.mission
    SubmissionFactory.create_batch(3, checklist=ChecklistFactory(mission=mission))
    client.force_login(coordinator.user)
    with django_assert_max_num_queries(12):
        response = client.get("/")
    assert response.status_code == 200
    numbers = response.context["numbers"]
    assert numbers["submissions"] == {"total": 3, "today": 3, "stations": 3}
    assert numbers["stations"]["total"] == 3
    assert numbers["observers"]["core"] == 1 and numbers["observers"]["stos"] == 3


@pytest.mark.django_db
def test_observer_home_shows_only_their_teams_published_plan(client):
    mine = AssignmentFactory(published=False)
    AssignmentFactory(team__mission=mine.team.mission, published=False)  # another team's station
    observer = ObserverFactory(mission=mine.team.mission, team=mine.team)
    client.force_login(observer.user)
    assert list(client.get("/").context["assignments"]) == []  # a draft plan is not shown
    DeploymentPlan.objects.create(mission=mine.team.mission, status="published", published_at=timezone.now())
    response = client.get("/")
    assert response.status_code == 200
    assert list(response.context["assignments"]) == [mine]


@pytest.mark.django_db
def test_user_without_a_mission_is_told_so(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("lost"))
    response = client.get("/")
    assert response.status_code == 403
    assert b"not a member of any mission" in response.content


@pytest.mark.django_db
def test_interface_switches_to_kazakh(client):
    observer = ObserverFactory()
    client.force_login(observer.user)
    response = client.post("/i18n/setlang/", {"language": "kk", "next": "/"})
    assert response.status_code == 302
    response = client.get("/")
    assert response.headers["Content-Language"] == "kk"
    assert "Шығу".encode() in response.content  # "Log out"


@pytest.mark.django_db
def test_an_observer_gets_a_button_to_the_app_and_no_api_link(client):
    observer = ObserverFactory(role=Role.STO)
    client.force_login(observer.user)
    html = client.get("/").content.decode()
    assert 'href="/app/" id="open-app">Open the observer app</a>' in html
    assert 'href="/api/docs/"' not in html
    coordinator = ObserverFactory(role=Role.COORDINATOR, mission=observer.mission)
    client.force_login(coordinator.user)
    assert 'href="/api/docs/"' in client.get("/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "label"), [("en", "Times: Astana time"), ("ru", "Время: время Астаны"), ("kk", "Уақыт: Астана уақыты")]
)
def test_every_page_names_the_missions_zone_in_the_readers_language(client, language, label, settings):
    coordinator = ObserverFactory(role=Role.COORDINATOR)
    client.force_login(coordinator.user)
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    html = client.get("/").content.decode()
    # The label's wording before the catalogues carry it: the zone's name is always in the reader's language.
    assert label in html or label.split(": ")[1] in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "name"), [("en", "Elections 2004"), ("ru", "Выборы 2004 года"), ("kk", "2004 жылғы сайлау")]
)
def test_the_mission_is_named_in_the_readers_language(client, language, name):
    coordinator = ObserverFactory(role=Role.COORDINATOR)
    mission = coordinator.mission
    mission.name, mission.name_ru, mission.name_kk = "Elections 2004", "Выборы 2004 года", "2004 жылғы сайлау"
    mission.save()
    client.force_login(coordinator.user)
    html = client.get("/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f"<h1>{name}</h1>" in html and f"· {name}</title>" in html
