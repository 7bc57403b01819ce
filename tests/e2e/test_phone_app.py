"""The phone app in a real browser, as a short-term observer uses it on election day."""

import io
import re
from types import SimpleNamespace

import pytest
from PIL import Image

from observers.models import Attachment, Checklist, Role, Submission
from tests.factories import (
    AssignmentFactory,
    ChecklistFactory,
    ObserverFactory,
    PollingStationFactory,
    RegionFactory,
    TeamFactory,
)

expect = pytest.importorskip("playwright.sync_api", reason="the playwright package is missing").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-word-123"  # UserFactory's
INCIDENT_QUESTIONS = [
    {
        "code": "severity",
        "type": "single",
        "required": True,
        "labels": {"en": "Severity", "kk": "Маңыздылығы"},
        "choices": [{"value": v, "labels": {"en": v.title()}} for v in ("low", "medium", "high", "critical")],
    },
    {"code": "what", "type": "text", "required": True, "labels": {"en": "What happened?"}},
]
WEEKLY_QUESTIONS = [
    {"code": "meetings", "type": "integer", "required": True, "min": 0, "labels": {"en": "Meetings held this week"}},
    {"code": "summary", "type": "text", "required": True, "labels": {"en": "Main findings"}},
]


@pytest.fixture
def team(transactional_db):
    region = RegionFactory(code="R01", name="Almaty")
    mission = region.mission
    sto = ObserverFactory(
        mission=mission, role=Role.STO, user__username="sto7", team=TeamFactory(mission=mission, code="STO-07")
    )
    stations = [
        PollingStationFactory(region=region, code=code, name=name, latitude=lat, longitude=lon)
        for code, name, lat, lon in [
            ("00.25.01", "School No. 1", 43.238, 76.945),
            ("00.25.02", "School No. 2", 43.251, 76.912),
            ("00.25.03", "House of Culture", 43.262, 76.958),
        ]
    ]
    for order, (station, purpose) in enumerate(zip(stations, ["voting", "voting", "counting"]), start=1):
        AssignmentFactory(team=sto.team, polling_station=station, order=order, purpose=purpose)
    lto = ObserverFactory(
        mission=mission,
        role=Role.LTO,
        user__username="lto1",
        team=TeamFactory(mission=mission, code="LTO-01", kind="lto"),
    )
    lto.team.area.add(region)
    ChecklistFactory(
        mission=mission, kind=Checklist.Kind.LTO_WEEKLY, title={"en": "LTO weekly report"}, questions=WEEKLY_QUESTIONS
    )
    return SimpleNamespace(
        sto=sto,
        lto=lto,
        stations=stations,
        voting=ChecklistFactory(
            mission=mission, kind=Checklist.Kind.VOTING, title={"en": "Voting", "kk": "Дауыс беру"}
        ),
        counting=ChecklistFactory(mission=mission, kind=Checklist.Kind.COUNTING, title={"en": "Counting"}),
        incident=ChecklistFactory(
            mission=mission, kind=Checklist.Kind.INCIDENT, title={"en": "Incident"}, questions=INCIDENT_QUESTIONS
        ),
    )


def eventually(page, check, seconds=10):
    """Wait for the server's side of what the page did (the browser keeps running meanwhile)."""
    for _ in range(seconds * 10):
        if check():
            return
        page.wait_for_timeout(100)
    assert check()


def log_in(phone, live_server, snap=None, username="sto7", team_code="STO-07"):
    page = phone.new_page()
    page.goto(f"{live_server.url}/app/")
    if snap:
        snap(page, "01-login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#appbar-title")).to_have_text(f"Team {team_code}")
    return page


def open_form(page, station_name, form_title):
    page.get_by_role("link", name=re.compile(station_name)).click()
    page.get_by_role("link", name=form_title, exact=True).click()
    expect(page.locator(".form-head h1")).to_have_text(form_title)


def answer(page, code, text):
    page.locator(f"#q-{code}").get_by_text(text, exact=True).click()


def fill_voting(page, arrival="09:30"):
    page.fill("#q-arrival_time-input", arrival)
    page.fill("#q-voters_on_list-input", "1200")
    answer(page, "secrecy", "Yes")
    answer(page, "unauthorised", "No")
    answer(page, "overall_assessment", "good")


def test_a_form_sent_offline_waits_and_arrives_once_back_online(phone, live_server, team, snap):
    page = log_in(phone, live_server, snap)
    # Straight-line distances from the phone (43.238, 76.935), worked out by hand with the haversine formula.
    distances = page.locator(".stations .distance")
    expect(distances).to_have_text(["810 m away", "2.4 km away", "3.3 km away"])
    snap(page, "02-plan")
    page.get_by_role("link", name=re.compile("School No. 1")).click()
    snap(page, "02b-station")
    page.get_by_role("link", name="‹ Back").click()
    open_form(page, "School No. 1", "Voting")
    fill_voting(page)
    snap(page, "03-voting-form")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#toast")).to_have_text("Sent.")
    eventually(page, lambda: Submission.objects.count() == 1)

    phone.set_offline(True)
    expect(page.locator("#net")).to_have_text("Offline")
    open_form(page, "School No. 2", "Voting")
    fill_voting(page, arrival="11:05")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#toast")).to_contain_text("it will be sent when the connection returns")
    expect(page.locator("#outbox")).to_have_text("1 waiting")
    snap(page, "04-offline-waiting")
    assert Submission.objects.count() == 1

    phone.set_offline(False)
    expect(page.locator("#outbox")).to_be_hidden()
    eventually(page, lambda: Submission.objects.count() == 2)
    page.wait_for_timeout(500)  # time for a wrong second delivery to show up
    sent = Submission.objects.order_by("observed_at")
    assert [(s.polling_station.name, s.answers["arrival_time"]) for s in sent] == [
        ("School No. 1", "09:30"),
        ("School No. 2", "11:05"),
    ]
    assert len({s.uuid for s in sent}) == 2 and sent[0].observer == team.sto

    page.get_by_role("link", name="Sent forms (2)").click()
    expect(page.locator(".status-sent")).to_have_count(2)
    snap(page, "05-sent")


def test_the_form_switches_to_kazakh_and_back(phone, live_server, team, snap):
    page = log_in(phone, live_server)
    open_form(page, "School No. 1", "Voting")
    page.fill("#q-voters_on_list-input", "950")

    page.locator("#langs").get_by_role("button", name="KK").click()

    expect(page.locator("#q-arrival_time label")).to_have_text("Келу уақыты *")
    expect(page.locator("#q-overall_assessment .question-title")).to_have_text("Жалпы баға *")
    expect(page.locator(".form-head h1")).to_have_text("Дауыс беру")
    expect(page.locator("#q-voters_on_list label")).to_have_text("Voters on the list *")  # no Kazakh label: English
    expect(page.locator("#q-voters_on_list-input")).to_have_value("950")  # answers survive the switch
    snap(page, "06-kazakh")
    page.locator("#langs").get_by_role("button", name="EN").click()
    expect(page.locator("#q-arrival_time label")).to_have_text("Arrival time *")


def test_a_follow_up_question_appears_only_when_its_answer_calls_for_it(phone, live_server, team, snap):
    page = log_in(phone, live_server)
    open_form(page, "School No. 2", "Voting")
    fill_voting(page)
    follow_up = page.locator("#q-unauthorised_who")
    expect(follow_up).to_be_hidden()

    answer(page, "unauthorised", "Yes")
    expect(follow_up).to_be_visible()
    page.get_by_role("button", name="Send").click()
    expect(follow_up.locator(".question-error")).to_have_text("Please answer this question.")
    snap(page, "07-follow-up-error")
    assert Submission.objects.count() == 0

    answer(page, "unauthorised_who", "Police")
    page.get_by_role("button", name="Send").click()
    eventually(page, lambda: Submission.objects.count() == 1)
    assert Submission.objects.get().answers["unauthorised_who"] == ["police"]


def test_an_answer_hidden_again_is_not_sent(phone, live_server, team):
    page = log_in(phone, live_server)
    open_form(page, "School No. 2", "Voting")
    fill_voting(page)
    answer(page, "unauthorised", "Yes")
    answer(page, "unauthorised_who", "Officials")
    answer(page, "unauthorised", "No")
    expect(page.locator("#q-unauthorised_who")).to_be_hidden()

    page.get_by_role("button", name="Send").click()

    eventually(page, lambda: Submission.objects.count() == 1)
    assert "unauthorised_who" not in Submission.objects.get().answers


def test_the_servers_refusal_shows_by_the_question_and_the_fixed_form_goes(phone, live_server, team, snap):
    page = log_in(phone, live_server)
    # The form changes on the server after the phone read it: the phone's checks pass, the server's do not.
    questions = team.voting.questions
    next(q for q in questions if q["code"] == "notes")["required"] = True
    Checklist.objects.filter(pk=team.voting.pk).update(questions=questions)
    open_form(page, "School No. 1", "Voting")
    fill_voting(page)

    page.get_by_role("button", name="Send").click()

    expect(page.locator("#q-notes .question-error")).to_have_text("is required")
    snap(page, "08-server-refusal")
    page.get_by_role("link", name="‹ Back").click()
    expect(page.locator(".attention")).to_contain_text("Voting")
    page.locator(".attention a").click()
    page.fill("#q-notes-input", "Queue outside at 9:30.")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#toast")).to_have_text("Sent.")
    assert Submission.objects.get().answers["notes"] == "Queue outside at 9:30."


def test_an_incident_is_reported_with_its_severity(phone, live_server, team):
    page = log_in(phone, live_server)
    page.get_by_role("link", name="Report an incident").click()
    page.select_option("#station-select", label="00.25.02 · School No. 2")
    answer(page, "severity", "Critical")
    page.fill("#q-what-input", "Ballot box unsealed.")

    page.get_by_role("button", name="Send").click()

    eventually(page, lambda: Submission.objects.count() == 1)
    incident = Submission.objects.get()
    assert (incident.checklist.kind, incident.answers["severity"], incident.polling_station.code) == (
        "incident",
        "critical",
        "00.25.02",
    )


def test_a_protocol_photo_goes_with_the_counting_form(phone, live_server, team, snap):
    photo = io.BytesIO()
    Image.new("RGB", (3000, 2000), (240, 240, 230)).save(photo, format="PNG")
    page = log_in(phone, live_server)
    open_form(page, "House of Culture", "Counting")
    fill_voting(page)
    page.set_input_files(
        "#photo-input", files=[{"name": "protocol.png", "mimeType": "image/png", "buffer": photo.getvalue()}]
    )
    expect(page.locator(".photos li")).to_have_count(1)
    snap(page, "09-counting-photo")

    page.get_by_role("button", name="Send").click()

    eventually(page, lambda: Attachment.objects.count() == 1)
    attachment = Attachment.objects.get()
    assert attachment.submission.checklist.kind == "counting"
    assert attachment.content_type == "image/jpeg"  # made smaller on the phone
    with Image.open(attachment.file.path) as stored:
        assert stored.size == (2200, 1467)


def test_the_app_opens_offline_once_loaded(phone, live_server, team, snap):
    page = log_in(phone, live_server)
    # Not wait_for_function: it evaluates a string in the page, which the page's policy refuses.
    page.evaluate(
        "() => navigator.serviceWorker.controller !== null || new Promise((resolve) =>"
        " navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true)))"
    )
    page.reload()  # now through the service worker, which keeps the plan and checklists
    expect(page.locator(".stations li")).to_have_count(3)

    phone.set_offline(True)
    page.reload()

    expect(page.locator("#appbar-title")).to_have_text("Team STO-07")
    expect(page.locator(".stations li")).to_have_count(3)
    open_form(page, "School No. 1", "Voting")
    expect(page.locator("#q-secrecy .question-title")).to_have_text("Secrecy of the vote ensured *")


def test_a_long_term_observer_sends_the_weekly_report(phone, live_server, team, snap):
    page = log_in(phone, live_server, username="lto1", team_code="LTO-01")
    expect(page.get_by_text("Area: Almaty")).to_be_visible()
    expect(page.locator(".stations")).to_have_count(0)
    snap(page, "10-lto-home")

    page.get_by_role("link", name="LTO weekly report").click()
    page.fill("#q-meetings-input", "7")
    page.fill("#q-summary-input", "Campaign calm; two complaints filed with the district commission.")
    page.get_by_role("button", name="Send").click()

    eventually(page, lambda: Submission.objects.count() == 1)
    report = Submission.objects.get()
    assert (report.checklist.kind, report.team, report.polling_station, report.answers["meetings"]) == (
        "lto_weekly",
        team.lto.team,
        None,
        7,
    )


def test_a_form_whose_answer_was_lost_is_sent_again_and_kept_once(phone, live_server, team):
    page = log_in(phone, live_server)
    lost = []

    def lose_the_first_answer(route):
        if route.request.method == "POST" and not lost:
            route.fetch()  # the server stores the form...
            lost.append(route.request.post_data_json["uuid"])
            route.abort()  # ...but the phone never hears back
        else:
            route.continue_()

    page.route("**/api/v1/submissions/", lose_the_first_answer)
    open_form(page, "School No. 1", "Voting")
    fill_voting(page)
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#toast")).to_contain_text("it will be sent when the connection returns")
    expect(page.locator("#outbox")).to_have_text("1 waiting")
    assert len(lost) == 1 and Submission.objects.count() == 1

    # No click, no 'online' event: the outbox retries by itself after a few seconds.
    expect(page.locator("#outbox")).to_be_hidden(timeout=15_000)
    assert [str(s.uuid) for s in Submission.objects.all()] == lost
