"""Login cards: issuing one-time links as a PDF, using a link once, revoking links and phone tokens."""

import hashlib
import io
import re
from dataclasses import dataclass
from datetime import timedelta

import pypdf
import pytest
import qrcode
from auditlog.models import LogEntry
from django.test import Client
from django.utils import timezone
from PIL import Image
from rest_framework.test import APIClient

from mission.models import Mission
from observers.models import ApiToken, LoginLink, Observer, Role
from observers.onboarding.services import (
    LinkUnusable,
    login_link_consume,
    login_links_issue,
    login_links_prepare,
    token_issue,
)
from tests.factories import MissionFactory, ObserverFactory, TeamFactory

CARDS = "/onboarding/cards.pdf"
LINK = re.compile(r"http://testserver/l/([\w-]+)/")


@dataclass
class Briefing:
    mission: Mission
    coordinator: Observer
    analyst: Observer
    lto: Observer
    stos: list[Observer]  # in teams STO-01, STO-01, STO-02, STO-03


@pytest.fixture
def briefing(db) -> Briefing:
    mission = MissionFactory(name="EOM Kazakhstan 2004")
    team_1, team_2, team_3 = (TeamFactory(mission=mission, code=f"STO-0{n}") for n in (1, 2, 3))
    stos = [
        ObserverFactory(mission=mission, team=team, full_name=name, user__username=username)
        for team, name, username in [
            (team_1, "Aigerim Sadykova", "sto001"),
            (team_1, "Jonas Berg", "sto002"),
            (team_2, "Марина Қасымова", "sto003"),
            (team_3, "Luca Rossi", "sto004"),
        ]
    ]
    return Briefing(
        mission=mission,
        coordinator=ObserverFactory(mission=mission, role=Role.COORDINATOR, full_name="Coordinator"),
        analyst=ObserverFactory(mission=mission, role=Role.ANALYST, full_name="Analyst"),
        lto=ObserverFactory(mission=mission, role=Role.LTO, user__username="lto001"),
        stos=stos,
    )


def signed_in(observer: Observer) -> Client:
    client = Client()
    client.force_login(observer.user)
    return client


def issue(observer: Observer, *, by: Observer, lifetime=timedelta(hours=72)) -> str:
    links = login_links_prepare(observers=[observer], lifetime=lifetime)
    login_links_issue(links=links, created_by=by.user)
    return links[0].key


def pdf_cards(response) -> tuple[str, list[str], list[Image.Image]]:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    images = {image.name: image.image for page in reader.pages for image in page.images}
    # A card's link may wrap anywhere (it is set with word-break: break-all): read it with the line breaks taken out.
    return text, LINK.findall(text.replace("\n", "")), list(images.values())


def qr_modules(text: str) -> bytes:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, mask_pattern=2)
    code.add_data(text)
    return bytes(int(dark) for row in code.get_matrix() for dark in row)


def image_modules(image: Image.Image) -> bytes:
    return bytes(int(pixel == 0) for pixel in image.convert("1").get_flattened_data())


def test_cards_for_a_role_carry_each_observer_and_a_qr_code_of_their_link(briefing):
    response = signed_in(briefing.coordinator).post(CARDS, {"select": "role", "role": "sto", "hours": "48"})

    text, keys, images = pdf_cards(response)
    for sto in briefing.stos:
        assert sto.full_name in text and sto.user.username in text
    assert "lto001" not in text and "EOM Kazakhstan 2004" in text and "STO-02" in text
    assert len(keys) == 4 and len(set(keys)) == 4
    # Each image is the QR code of one printed link, module for module.
    assert sorted(image_modules(image) for image in images) == sorted(
        qr_modules(f"http://testserver/l/{key}/") for key in keys
    )
    links = LoginLink.objects.filter(observer__in=briefing.stos)
    assert links.count() == 4
    assert {link.key_hash for link in links} == {hashlib.sha256(key.encode()).hexdigest() for key in keys}
    assert all(link.created_by == briefing.coordinator.user for link in links)
    expires_in = links[0].expires_at - timezone.now()
    assert timedelta(hours=47, minutes=59) < expires_in <= timedelta(hours=48)
    assert response["Cache-Control"] == "no-store"


def test_cards_by_team_range_and_by_ticks(briefing):
    client = signed_in(briefing.coordinator)

    teams = {"select": "teams", "team_from": "STO-01", "team_to": "STO-02", "hours": "72"}
    text, keys, _ = pdf_cards(client.post(CARDS, teams))
    assert len(keys) == 3 and "sto003" in text and "sto004" not in text

    ticked = [briefing.stos[3].pk, briefing.lto.pk]
    text, keys, _ = pdf_cards(client.post(CARDS, {"select": "ticked", "observer": ticked, "hours": "72"}))
    assert len(keys) == 2 and "sto004" in text and "lto001" in text and "sto001" not in text


def test_cards_use_the_site_url_when_set(briefing, settings):
    settings.SITE_URL = "https://eom.example.org/"
    response = signed_in(briefing.coordinator).post(CARDS, {"select": "role", "role": "lto", "hours": "72"})
    text = pdf_cards(response)[0]
    assert re.search(r"https://eom\.example\.org/l/[\w-]{22}/", text)


def test_four_hundred_cards_make_forty_pages(db):
    mission = MissionFactory()
    observers = ObserverFactory.create_batch(400, mission=mission, team=TeamFactory(mission=mission))
    coordinator = ObserverFactory(mission=mission, role=Role.COORDINATOR)
    response = signed_in(coordinator).post(CARDS, {"select": "role", "role": "sto", "hours": "72"})
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 40
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert all(f"Username: {o.user.username}\n" in text for o in observers)


@pytest.mark.parametrize(
    "form, message",
    [
        ({"select": "role", "role": ""}, "Choose the role to print cards for."),
        ({"select": "teams", "team_from": "STO-01"}, "Give the first and the last team code"),
        ({"select": "teams", "team_from": "STO-03", "team_to": "STO-01"}, "The last team must come after the first"),
        ({"select": "ticked"}, "Tick at least one observer in the table."),
        ({"select": "ticked", "observer": ["abc"]}, "Observer ids are whole numbers."),
        ({"select": "role", "role": "sto", "hours": "0"}, "Ensure this value is greater than or equal to 1."),
        ({"select": "role", "role": "sto", "hours": "721"}, "Ensure this value is less than or equal to 720."),
    ],
)
def test_a_wrong_choice_says_what_to_fix_and_issues_nothing(briefing, form, message):
    response = signed_in(briefing.coordinator).post(CARDS, {"hours": "72", **form})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not LoginLink.objects.exists()


def test_no_cards_for_staff_or_members_of_another_mission(briefing):
    staff = ObserverFactory(mission=briefing.mission, role=Role.LTO, user__is_staff=True)
    elsewhere = ObserverFactory(mission=briefing.mission, role=Role.LTO)
    ObserverFactory(user=elsewhere.user, role=Role.COORDINATOR)  # coordinates another mission
    other_mission = ObserverFactory(role=Role.LTO)

    ticked = [staff.pk, elsewhere.pk, other_mission.pk]
    response = signed_in(briefing.coordinator).post(CARDS, {"select": "ticked", "observer": ticked, "hours": "72"})
    assert response.status_code == 400
    assert "No observer matches this choice" in response.content.decode()
    response = signed_in(briefing.coordinator).post(CARDS, {"select": "role", "role": "lto", "hours": "72"})
    text, keys, _ = pdf_cards(response)
    assert keys and briefing.lto.user.username in text and staff.user.username not in text


def test_a_link_preview_does_not_use_the_link_and_the_button_logs_in_once(briefing):
    sto = briefing.stos[2]
    key = issue(sto, by=briefing.coordinator)
    client = Client(enforce_csrf_checks=True)

    for _ in range(2):  # a chat app's preview, then the observer
        page = client.get(f"/l/{key}/")
        assert page.status_code == 200
        assert "Log in as Марина Қасымова" in page.content.decode()
    assert LoginLink.objects.get().used_at is None
    assert "_auth_user_id" not in client.session

    response = client.post(f"/l/{key}/", {"csrfmiddlewaretoken": client.cookies["csrftoken"].value})
    assert response.status_code == 302 and response["Location"] == "/app/"
    assert int(client.session["_auth_user_id"]) == sto.user.pk
    assert LoginLink.objects.get().used_at is not None

    again = Client().post(f"/l/{key}/")
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert Client().get(f"/l/{key}/").status_code == 410


def test_a_core_members_link_leads_home(briefing):
    key = issue(briefing.analyst, by=briefing.coordinator)
    response = Client().post(f"/l/{key}/")
    assert response.status_code == 302 and response["Location"] == "/"


def test_expired_unknown_and_inactive_links_log_nobody_in(briefing):
    sto, other, inactive = briefing.stos[:3]
    expired = issue(sto, by=briefing.coordinator, lifetime=timedelta(hours=1))
    LoginLink.objects.filter(observer=sto).update(expires_at=timezone.now() - timedelta(seconds=1))
    inactive_key = issue(inactive, by=briefing.coordinator)
    inactive.user.is_active = False
    inactive.user.save()

    client = Client()
    assert client.post(f"/l/{expired}/").status_code == 410
    assert "It has expired." in client.get(f"/l/{expired}/").content.decode()
    assert client.post("/l/not-a-key/").status_code == 404
    assert client.post(f"/l/{inactive_key}/").status_code == 410
    assert "_auth_user_id" not in client.session
    assert LoginLink.objects.filter(used_at__isnull=False).count() == 0


def test_the_service_consumes_a_link_once(briefing):
    key = issue(briefing.stos[0], by=briefing.coordinator)
    assert login_link_consume(key=key) == briefing.stos[0]
    with pytest.raises(LinkUnusable) as second:
        login_link_consume(key=key)
    assert second.value.reason == "used"


def test_printing_a_new_card_revokes_the_old_link(briefing):
    sto = briefing.stos[0]
    old = issue(sto, by=briefing.coordinator)
    new = issue(sto, by=briefing.coordinator)
    response = Client().post(f"/l/{old}/")
    assert response.status_code == 410 and "newer card" in response.content.decode()
    assert Client().post(f"/l/{new}/").status_code == 302
    new_link, old_link = LoginLink.objects.filter(observer=sto)  # newest first
    assert new_link.used_at is not None and new_link.revoked_at is None
    assert old_link.used_at is None and old_link.revoked_at is not None


def test_coordinator_revokes_one_link_or_all_of_an_observers_links(briefing):
    first, second = briefing.stos[:2]
    key = issue(first, by=briefing.coordinator)
    client = signed_in(briefing.coordinator)
    link = LoginLink.objects.get(observer=first)

    page = client.get(f"/onboarding/observers/{first.pk}/")
    assert page.status_code == 200 and "Issued, valid until" in page.content.decode()
    response = client.post(f"/onboarding/observers/{first.pk}/links/{link.pk}/revoke/")
    assert response.status_code == 302
    assert Client().post(f"/l/{key}/").status_code == 410
    assert "Revoked" in client.get(f"/onboarding/observers/{first.pk}/").content.decode()

    keys = [issue(second, by=briefing.coordinator)]
    LoginLink.objects.create(observer=second, key_hash="x" * 64, expires_at=timezone.now() + timedelta(hours=1))
    client.post(f"/onboarding/observers/{second.pk}/links/revoke/")
    assert not LoginLink.objects.filter(observer=second, revoked_at__isnull=True).exists()
    assert Client().post(f"/l/{keys[0]}/").status_code == 410
    # Another mission's observer is not found from here.
    stranger = ObserverFactory()
    assert client.post(f"/onboarding/observers/{stranger.pk}/links/revoke/").status_code == 404


def test_coordinator_signs_an_observers_phones_out(briefing):
    sto = briefing.stos[0]
    tokens = [token_issue(user=sto.user) for _ in range(2)]
    client = signed_in(briefing.coordinator)
    assert "2 phone tokens are live." in client.get(f"/onboarding/observers/{sto.pk}/").content.decode()

    response = client.post(f"/onboarding/observers/{sto.pk}/tokens/revoke/", follow=True)
    assert "2 phones signed out" in response.content.decode()
    assert ApiToken.objects.filter(user=sto.user, revoked_at__isnull=True).count() == 0
    phone = APIClient()
    phone.credentials(HTTP_AUTHORIZATION=f"Token {tokens[0]}")
    assert phone.get("/api/v1/checklists/").status_code == 401
    entry = LogEntry.objects.get(content_type__model="apitoken")
    assert entry.actor == briefing.coordinator.user and entry.additional_data["count"] == 2


def test_phones_of_an_account_shared_with_another_mission_are_not_signed_out_from_here(briefing):
    sto = briefing.stos[0]
    ObserverFactory(user=sto.user, role=Role.LTO)  # the same account in another mission
    token = token_issue(user=sto.user)
    client = signed_in(briefing.coordinator)
    page = " ".join(client.get(f"/onboarding/observers/{sto.pk}/").content.decode().split())
    assert "an administrator signs its phones out" in page and "Sign out every phone" not in page

    response = client.post(f"/onboarding/observers/{sto.pk}/tokens/revoke/", follow=True)

    shown = " ".join(response.content.decode().split())
    assert "also used outside this mission" in shown and "nothing was changed" in shown
    phone = APIClient()
    phone.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert phone.get("/api/v1/checklists/").status_code == 200
    assert not LogEntry.objects.filter(content_type__model="apitoken").exists()


def test_the_link_page_turns_the_session_into_a_phone_token(briefing):
    key = issue(briefing.stos[0], by=briefing.coordinator)
    client = APIClient(enforce_csrf_checks=True)
    client.get(f"/l/{key}/")
    client.post(f"/l/{key}/", {"csrfmiddlewaretoken": client.cookies["csrftoken"].value})

    without_csrf = client.post("/api/v1/auth/token/from-session/")
    assert without_csrf.status_code == 403 and "CSRF" in without_csrf.json()["detail"]
    response = client.post("/api/v1/auth/token/from-session/", HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"token", "expires_at"}

    phone = APIClient()
    phone.credentials(HTTP_AUTHORIZATION=f"Token {body['token']}")
    assert phone.get("/api/v1/checklists/").status_code == 200


def test_a_token_from_session_needs_a_session(briefing):
    assert APIClient().post("/api/v1/auth/token/from-session/").status_code == 403
    phone = APIClient()
    phone.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=briefing.stos[0].user)}")
    assert phone.post("/api/v1/auth/token/from-session/").status_code == 403
    assert ApiToken.objects.count() == 1


def test_links_page_lists_every_observer_with_their_links_status(briefing, django_assert_max_num_queries):
    used, issued, expired = briefing.stos[:3]
    Client().post(f"/l/{issue(used, by=briefing.coordinator)}/")
    issue(issued, by=briefing.coordinator)
    issue(expired, by=briefing.coordinator)
    LoginLink.objects.filter(observer=expired).update(expires_at=timezone.now() - timedelta(minutes=1))
    token_issue(user=used.user)
    ObserverFactory.create_batch(20, mission=briefing.mission)

    client = signed_in(briefing.coordinator)
    with django_assert_max_num_queries(6):
        response = client.get("/onboarding/")
    assert response.status_code == 200
    statuses = {row["observer"].pk: row["status"] for row in response.context["rows"]}
    assert (statuses[used.pk], statuses[issued.pk], statuses[expired.pk]) == ("used", "issued", "expired")
    assert statuses[briefing.stos[3].pk] == "none"
    assert response.context["counts"]["none"] == 27 - 3
    assert {row["observer"].pk: row["observer"].live_tokens for row in response.context["rows"]}[used.pk] == 1


def test_the_links_page_finds_observers_and_lists_them_a_page_at_a_time(briefing, django_assert_max_num_queries):
    used, issued = briefing.stos[:2]
    Client().post(f"/l/{issue(used, by=briefing.coordinator)}/")
    issue(issued, by=briefing.coordinator)
    ObserverFactory.create_batch(441, mission=briefing.mission, role=Role.STO)
    client = signed_in(briefing.coordinator)

    def names(**query):
        with django_assert_max_num_queries(6):
            response = client.get("/onboarding/", query)
        assert response.status_code == 200
        return response, [row["observer"].full_name for row in response.context["rows"]]

    response, first_page = names()
    assert response.context["page"].paginator.count == 448 and len(first_page) == 100
    assert response.context["counts"] == {"used": 1, "issued": 1, "none": 446}  # of everyone, not of the page
    assert len(names(page=5)[1]) == 48
    assert names(q="қасым")[1] == ["Марина Қасымова"]
    assert names(q="sto-02")[1] == ["Марина Қасымова"]  # by team
    assert names(status="used")[1] == [used.full_name]
    assert names(status="issued", role=Role.STO)[1] == [issued.full_name]
    assert names(role=Role.LTO)[1] == [briefing.lto.full_name]
    page = client.get("/onboarding/", {"q": "nobody like this"}).content.decode()
    assert "No observer matches these filters." in page
    assert 'form="cards-form"' in client.get("/onboarding/").content.decode()  # the ticks belong to the cards form


PAGES = [
    ("get", "/onboarding/"),
    ("post", CARDS),
    ("get", "/onboarding/observers/{sto}/"),
    ("post", "/onboarding/observers/{sto}/links/revoke/"),
    ("post", "/onboarding/observers/{sto}/tokens/revoke/"),
]


@pytest.mark.parametrize("method, url", PAGES)
@pytest.mark.parametrize(
    "role, status", [("coordinator", {200, 302, 400}), ("analyst", {403}), ("lto", {403}), ("sto", {403})]
)
def test_only_coordinators_manage_login_cards(briefing, method, url, role, status):
    who = {
        "coordinator": briefing.coordinator,
        "analyst": briefing.analyst,
        "lto": briefing.lto,
        "sto": briefing.stos[0],
    }
    url = url.format(sto=briefing.stos[1].pk)
    response = getattr(signed_in(who[role]), method)(url)
    assert response.status_code in status


@pytest.mark.parametrize("method, url", PAGES)
def test_anonymous_is_sent_to_login(briefing, method, url):
    response = getattr(Client(), method)(url.format(sto=briefing.stos[1].pk))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
