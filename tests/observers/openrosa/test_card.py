"""The login card's ODK Collect code: Collect's settings format, pointing at a server address that works until the
observer's phones are signed out."""

import pytest
from django.test import Client

from observers.models import ApiToken
from observers.onboarding import cards
from observers.onboarding.services import observer_tokens_revoke
from observers.openrosa.collect_settings import collect_settings_read
from tests.observers.onboarding.test_onboarding import image_modules, pdf_cards
from tests.observers.openrosa.collect import Collect

pytestmark = pytest.mark.django_db
CARDS = "/onboarding/cards.pdf"


def _qr_modules(text: str) -> bytes:
    import qrcode

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, mask_pattern=2)
    code.add_data(text)
    return bytes(int(dark) for row in code.get_matrix() for dark in row)


def test_the_card_carries_a_collect_code_whose_server_works_until_revoked(day, monkeypatch):
    codes = []
    original = cards.collect_settings_code
    monkeypatch.setattr(cards, "collect_settings_code", lambda **kw: codes.append(original(**kw)) or codes[-1])
    coordinator = Client()
    coordinator.force_login(day.coordinator.user)

    response = coordinator.post(CARDS, {"select": "role", "role": "sto", "hours": "48", "odk_collect": "on"})

    _text, keys, images = pdf_cards(response)
    stos = [day.sto, day.sto_teammate, day.other_sto]
    assert len(keys) == 3 and len(codes) == 3 and len(images) == 6
    printed = {image_modules(image) for image in images}
    assert all(_qr_modules(code) in printed for code in codes)
    assert ApiToken.objects.filter(user__in=[s.user for s in stos]).count() == 3
    settings = collect_settings_read(codes[0])
    assert settings["project"]["name"] == day.mission.name
    server = settings["general"]["server_url"]
    assert server.startswith("http://testserver/openrosa/key/") and server.endswith(f"/m/{day.mission.slug}")
    owner = next(s for s in stos if Collect(server).get(server + "/formList").status_code == 200)

    observer_tokens_revoke(observer=owner, revoked_by=day.coordinator.user)

    assert Collect(server).get(server + "/formList").status_code == 403


def test_without_the_choice_no_collect_code_and_no_token(day):
    coordinator = Client()
    coordinator.force_login(day.coordinator.user)
    _text, keys, images = pdf_cards(coordinator.post(CARDS, {"select": "role", "role": "sto", "hours": "48"}))
    assert len(keys) == len(images) == 3
    assert not ApiToken.objects.exists()
