"""The record's printed texts exist in all three languages with the same keys, Kazakh in Kazakh letters."""

import re

from mission.candidates.models import RefusalReason, RegistrationStatus
from mission.cases.models import Body, Decision, Subject
from reports.documents.record_texts import RECORD_TEXTS
from reports.record.topics import BY_CODE

KAZAKH_LETTERS = re.compile("[әғқңөұүһі]", re.IGNORECASE)


def _keys(texts: dict, prefix: str = "") -> set[str]:
    found = set()
    for key, value in texts.items():
        found |= _keys(value, f"{prefix}{key}.") if isinstance(value, dict) else {f"{prefix}{key}"}
    return found


def test_every_language_has_every_text_and_every_code():
    english = _keys(RECORD_TEXTS["en"])
    assert _keys(RECORD_TEXTS["ru"]) == english and _keys(RECORD_TEXTS["kk"]) == english
    en = RECORD_TEXTS["en"]
    assert set(en["topics"]) == set(BY_CODE)
    assert set(en["bodies"]) == set(en["body"]) == set(Body.values)
    assert set(en["subjects"]) == set(Subject.values) and set(en["decisions"]) == set(Decision.values)
    assert set(en["reasons"]) == {*RefusalReason.values, ""} and set(en["statuses"]) == set(RegistrationStatus.values)


def test_kazakh_is_written_in_kazakh_letters():
    kk = RECORD_TEXTS["kk"]
    assert all(KAZAKH_LETTERS.search(text) for text in kk["topics"].values())
    assert KAZAKH_LETTERS.search(kk["cases_lead"]) and KAZAKH_LETTERS.search(kk["registration_lead"])
