"""The reports API as a coordinator's or analyst's client uses it; observers are kept out."""

import pytest

from observers.models import Role
from reports.models import Compilation
from tests.factories import MissionFactory, ObserverFactory

COMPILATIONS = "/api/v1/reports/compilations/"


def test_an_analyst_compiles_follows_and_downloads_a_report(
    hand_mission, token_client, django_capture_on_commit_callbacks
):
    client = token_client(hand_mission.analyst.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(COMPILATIONS, {"kind": "preliminary", "language": "kk"}, format="json")

    assert response.status_code == 202
    queued = response.json()
    assert (queued["status"], queued["mission"], queued["kind"], queued["language"]) == (
        "queued",
        hand_mission.mission.slug,
        "preliminary",
        "kk",
    )
    assert queued["pdf_url"] is None
    assert response["Location"] == f"{COMPILATIONS}{queued['id']}/"

    detail = client.get(response["Location"]).json()
    assert detail["status"] == "done" and detail["error"] == ""
    assert detail["submissions_covered"] == 7
    assert detail["findings"]["stations_observed"] == 5 and detail["findings"]["stations_total"] == 7
    assert detail["findings"]["forms"][0] == {"kind": "voting", "submissions": 7, "n": 6, "negative": 3, "percent": 50}
    assert detail["pdf_url"] == f"http://testserver{COMPILATIONS}{queued['id']}/pdf/"

    download = client.get(detail["pdf_url"], HTTP_ACCEPT="application/pdf")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content)[:5] == b"%PDF-"


def test_bad_input_names_what_to_fix(hand_mission, token_client):
    MissionFactory(slug="elsewhere")
    client = token_client(hand_mission.analyst.user)
    response = client.post(COMPILATIONS, {"kind": "weekly", "language": "de"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"kind": ['"weekly" is not a valid choice.'], "language": ['"de" is not a valid choice.']}
    response = client.post(COMPILATIONS, {"mission": "elsewhere", "kind": "final", "language": "en"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"mission": ["You are not a coordinator or analyst of a mission 'elsewhere'."]}
    assert not Compilation.objects.exists()


def test_a_coordinator_may_name_another_of_their_missions(hand_mission, token_client):
    other = ObserverFactory(role=Role.COORDINATOR)  # coordinator of another mission...
    ObserverFactory(mission=hand_mission.mission, user=other.user, role=Role.ANALYST)  # ...and analyst here
    client = token_client(other.user)
    response = client.post(
        COMPILATIONS, {"mission": other.mission.slug, "kind": "final", "language": "ru"}, format="json"
    )
    assert response.status_code == 202 and response.json()["mission"] == other.mission.slug


def test_observers_may_not_use_the_reports_api(hand_mission, token_client, compilation_of):
    compilation = compilation_of(hand_mission.mission)
    client = token_client(hand_mission.observer.user)
    assert client.get(COMPILATIONS).status_code == 403
    assert client.get(f"{COMPILATIONS}{compilation.pk}/").status_code == 403
    assert client.get(f"{COMPILATIONS}{compilation.pk}/pdf/").status_code == 403
    assert client.post(COMPILATIONS, {"kind": "final", "language": "en"}, format="json").status_code == 403
    assert Compilation.objects.count() == 1


def test_another_missions_compilations_are_not_found(hand_mission, token_client, compilation_of):
    theirs = compilation_of(MissionFactory())
    mine = compilation_of(hand_mission.mission)
    client = token_client(hand_mission.analyst.user)
    assert [c["id"] for c in client.get(COMPILATIONS).json()["results"]] == [mine.pk]
    assert client.get(f"{COMPILATIONS}{theirs.pk}/").status_code == 404
    assert client.get(f"{COMPILATIONS}{theirs.pk}/pdf/").status_code == 404


def test_a_pdf_not_yet_made_is_a_conflict(hand_mission, token_client):
    from tests.factories import ReportFactory

    queued = Compilation.objects.create(report=ReportFactory(mission=hand_mission.mission), language="en")
    response = token_client(hand_mission.analyst.user).get(f"{COMPILATIONS}{queued.pk}/pdf/")
    assert response.status_code == 409
    assert response.json() == {"detail": "The compilation is queued; the PDF can be downloaded once it is done."}


def test_the_list_takes_a_fixed_number_of_queries(
    hand_mission, token_client, compilation_of, django_assert_max_num_queries
):
    for _ in range(5):
        compilation_of(hand_mission.mission, requested_by=hand_mission.analyst.user)
    client = token_client(hand_mission.analyst.user)
    with django_assert_max_num_queries(5):
        response = client.get(COMPILATIONS)
    assert response.json()["count"] == 5
    assert {c["requested_by"] for c in response.json()["results"]} == {hand_mission.analyst.user.username}


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ANALYST])
def test_both_core_roles_may_list(hand_mission, token_client, role):
    member = ObserverFactory(mission=hand_mission.mission, role=role)
    assert token_client(member.user).get(COMPILATIONS).status_code == 200
