"""The reports page and the PDF download, as people in a browser use them."""

from reports.models import Compilation
from tests.factories import MissionFactory

INDEX = "/reports/"


def test_an_analyst_compiles_a_report_from_the_page_and_downloads_it(
    hand_mission, client, django_capture_on_commit_callbacks
):
    client.force_login(hand_mission.analyst.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(INDEX, {"kind": "final", "language": "ru"})
    assert response.status_code == 302 and response["Location"] == INDEX

    compilation = Compilation.objects.get()
    assert (compilation.status, compilation.language, compilation.report.kind) == ("done", "ru", "final")
    page = client.get(INDEX)
    assert f"Compilation #{compilation.pk} requested." in page.content.decode()
    download_url = f"/reports/compilations/{compilation.pk}/pdf/"
    assert download_url in page.content.decode()

    download = client.get(download_url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content)[:5] == b"%PDF-"


def test_an_invalid_choice_is_shown_on_the_form(hand_mission, client):
    client.force_login(hand_mission.analyst.user)
    response = client.post(INDEX, {"kind": "final", "language": "de"})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "language": ["Select a valid choice. de is not one of the available choices."]
    }
    assert not Compilation.objects.exists()


def test_the_list_shows_status_errors_and_takes_a_fixed_number_of_queries(
    hand_mission, client, compilation_of, django_assert_max_num_queries
):
    from tests.factories import ReportFactory

    for _ in range(4):
        compilation_of(hand_mission.mission, submissions_covered=7, requested_by=hand_mission.analyst.user)
    Compilation.objects.create(
        report=ReportFactory(mission=hand_mission.mission), status="failed", error="The report could not be compiled."
    )
    client.force_login(hand_mission.analyst.user)
    with django_assert_max_num_queries(10):
        response = client.get(INDEX)
    html = response.content.decode()
    assert len(response.context["compilations"]) == 5
    assert html.count("Download PDF") == 4
    assert "The report could not be compiled." in html


def test_observers_are_refused_and_strangers_sent_to_log_in(hand_mission, client, compilation_of):
    compilation = compilation_of(hand_mission.mission)
    assert client.get(INDEX)["Location"].startswith("/accounts/login/")
    client.force_login(hand_mission.observer.user)
    assert client.get(INDEX).status_code == 403
    assert client.post(INDEX, {"kind": "final", "language": "en"}).status_code == 403
    assert client.get(f"/reports/compilations/{compilation.pk}/pdf/").status_code == 403


def test_another_missions_pdf_is_not_found(hand_mission, client, compilation_of):
    theirs = compilation_of(MissionFactory())
    client.force_login(hand_mission.analyst.user)
    assert client.get(f"/reports/compilations/{theirs.pk}/pdf/").status_code == 404
    assert theirs.pk not in [c.pk for c in client.get(INDEX).context["compilations"]]
