"""The interface catalogues in locale/: complete, compiled, with their placeholders, and used by the pages."""

import re

import polib
import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import gettext, ngettext

from observers.models import Role
from tests.factories import ObserverFactory

LANGUAGES = ["ru", "kk"]
PLURAL_FORMS = {
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "kk": "nplurals=2; plural=(n!=1);",
}
# %(name)s / %(name)d / %(name).1f, a literal %%, {name} for the phone app, and HTML tags.
PLACEHOLDER = re.compile(r"%\(\w+\)(?:\.\d+)?[sdf]|%%|\{\w+\}|</?\w+[^>]*>")


def catalogue(language: str, kind: str = "po"):
    path = settings.LOCALE_PATHS[0] / language / "LC_MESSAGES" / f"django.{kind}"
    return polib.pofile(str(path)) if kind == "po" else polib.mofile(str(path))


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_msgid_is_translated_and_none_is_fuzzy(language):
    po = catalogue(language)
    assert len(po) > 800
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert [entry.msgid for entry in po.obsolete_entries()] == []
    assert po.metadata["Plural-Forms"] == PLURAL_FORMS[language]
    forms = 3 if language == "ru" else 2
    for entry in po:
        if entry.msgid_plural:
            assert len(entry.msgstr_plural) == forms, entry.msgid
            assert all(entry.msgstr_plural.values()), entry.msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder(language):
    for entry in catalogue(language):
        if entry.msgid_plural:
            # The singular source may leave the count out; every translated form that can be chosen for
            # several numbers must name it (Russian uses form 0 for 21, 31...).
            for index, form in entry.msgstr_plural.items():
                if language == "kk" and index == 0:
                    assert set(placeholders(form)) <= set(placeholders(entry.msgid_plural)), form
                else:
                    assert placeholders(form) == placeholders(entry.msgid_plural), form
        else:
            assert placeholders(entry.msgstr) == placeholders(entry.msgid), entry.msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_is_the_po_file(language):
    """CI does not compile: the committed .mo must hold exactly what the .po says."""
    po, mo = catalogue(language), catalogue(language, "mo")
    assert {(e.msgid, e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in po.translated_entries()} == {
        (e.msgid, e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo if e.msgid
    }


def test_kazakh_is_written_in_cyrillic():
    text = " ".join(e.msgstr + "".join(e.msgstr_plural.values()) for e in catalogue("kk"))
    assert "\u0259" not in text.lower()  # Latin schwa, as in PDF extractions, where Cyrillic ә belongs
    assert set("әғқңөұүі") <= set(text.lower())


@pytest.mark.parametrize(
    "language, expected",
    [
        ("en", ["Log in", "Username", "Password"]),
        ("ru", ["Войти", "Имя пользователя", "Пароль"]),
        ("kk", ["Кіру", "Пайдаланушы аты", "Құпиясөз"]),
    ],
)
def test_login_page_in_the_browsers_language(client, language, expected):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert response.headers["Content-Language"] == language
    page = " ".join(response.content.decode().split())  # the template's tags may wrap over lines
    for text in expected:
        assert f">{text}<" in page or f"{text} <input" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, headings",
    [
        ("ru", ["Формы", "Полученные формы по видам", "избирательные участки", "Главная"]),
        ("kk", ["Сауалнамалар", "Түрлері бойынша келіп түскен сауалнамалар", "сайлау учаскелері", "Басты бет"]),
    ],
)
def test_home_page_in_the_language_cookie(client, language, headings):
    coordinator = ObserverFactory(role=Role.COORDINATOR)
    client.force_login(coordinator.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for heading in headings:
        assert heading in page
    assert "Forms received by kind" not in page


@pytest.mark.parametrize(
    "language, counts",
    [
        (
            "ru",
            {1: "1 участок", 3: "3 участка", 5: "5 участков", 11: "11 участков", 21: "21 участок", 24: "24 участка"},
        ),
        ("kk", {1: "1 учаске", 5: "5 учаске", 21: "21 учаске"}),
    ],
)
def test_plural_forms_follow_the_language(language, counts):
    with translation.override(language):
        for n, expected in counts.items():
            assert ngettext("%(counter)s station", "%(counter)s stations", n) % {"counter": n} == expected


def test_a_missing_translation_falls_back_to_english():
    template = Template('{% load i18n %}{% translate "Log in" %} | {% translate "A string in no catalogue" %}')
    with translation.override("kk"):
        assert template.render(Context()) == "Кіру | A string in no catalogue"
        assert gettext("Another string in no catalogue") == "Another string in no catalogue"
