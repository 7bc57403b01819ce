import json

import pytest

from observers.checklists import standard_forms
from observers.checklists.definitions import ASSESSMENT_CODE, ASSESSMENT_VALUES, choice_values, validate_answers
from observers.checklists.standard_forms import (
    StandardFormError,
    checklists_install_standard,
)
from observers.checklists.standard_forms import (
    standard_forms as all_forms,
)
from observers.models import Checklist
from tests.factories import ChecklistFactory, MissionFactory

LANGUAGES = ("en", "ru", "kk")
STATION_FORMS = ("opening", "voting", "counting", "tabulation")


def by_kind() -> dict[str, dict]:
    return {form["kind"]: form for form in all_forms()}


def codes(form: dict) -> dict[str, dict]:
    return {question["code"]: question for question in form["questions"]}


def test_there_is_one_valid_file_for_every_checklist_kind():
    assert sorted(by_kind()) == sorted(Checklist.Kind.values)


def test_every_title_question_choice_and_section_is_labelled_in_english_russian_and_kazakh():
    missing = []
    for form in all_forms():
        items = [("title", form["title"])]
        for question in form["questions"]:
            items.append((question["code"], question["labels"]))
            items += [(f"{question['code']} section", question["section"])] if "section" in question else []
            items += [(f"{question['code']}={c['value']}", c["labels"]) for c in question.get("choices", [])]
        missing += [
            f"{form['kind']} {where} {lang}"
            for where, labels in items
            for lang in LANGUAGES
            if not labels.get(lang, "").strip()
        ]
    assert missing == []


def test_kazakh_labels_use_kazakh_cyrillic_letters():
    text = json.dumps([form["questions"] for form in all_forms()], ensure_ascii=False)
    assert "ə" not in text  # the Latin schwa of the PDF extraction, never in our labels
    assert {"ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "і"} <= set(text)


@pytest.mark.parametrize("kind", STATION_FORMS)
def test_station_forms_carry_times_and_the_four_step_assessment(kind):
    questions = codes(by_kind()[kind])
    assert questions["arrival_time"]["type"] == questions["departure_time"]["type"] == "time"
    assert choice_values(questions[ASSESSMENT_CODE]) == ASSESSMENT_VALUES


def test_voting_follow_ups_and_consistency_checks():
    questions = by_kind()["voting"]["questions"]
    who = codes(by_kind()["voting"])["unauthorised_who"]
    assert who["relevant"] == {"question": "unauthorised_present", "equals": "yes"}
    assert choice_values(who) == ("police", "local_officials", "party_activists", "other")
    answers = {
        "arrival_time": "10:00",
        "departure_time": "09:40",
        "voters_on_list": 1500,
        "voted_by_visit": 1600,
        "identity_checked": "yes",
        "voters_signed_list": "yes",
        "identical_signatures": "no",
        "secrecy_ensured": "no",
        "group_voting": "yes",
        "proxy_voting": "no",
        "multiple_voting": "no",
        "ballot_stuffing": "no",
        "evoting_used": "no",
        "campaign_material": "no",
        "intimidation": "no",
        "overcrowding": "no",
        "accessible": "yes",
        "unauthorised_present": "yes",
        "party_observers_present": "yes",
        "citizen_observers_present": "no",
        "observers_restricted": "no",
        "overall_assessment": "bad",
    }
    errors = validate_answers(questions, answers)
    assert sorted(errors) == ["departure_time", "unauthorised_directing", "unauthorised_who", "voted_by_visit"]
    answers.update(departure_time="10:30", voted_by_visit=700, unauthorised_who=["police"], unauthorised_directing="no")
    assert validate_answers(questions, answers) == {}


def test_incident_severity_and_details():
    questions = codes(by_kind()["incident"])
    assert choice_values(questions["severity"]) == ("low", "medium", "high", "critical")
    details = [questions[code]["type"] for code in ("category", "description", "place", "time")]
    assert details == ["single", "text", "text", "time"]


@pytest.mark.django_db
def test_install_creates_version_one_of_each_form_once():
    mission = MissionFactory()
    created = checklists_install_standard(mission=mission)
    assert sorted(c.kind for c in created) == sorted(Checklist.Kind.values)
    assert checklists_install_standard(mission=mission) == []
    assert Checklist.objects.filter(mission=mission).count() == 6
    voting = Checklist.objects.get(mission=mission, kind="voting")
    assert (voting.version, voting.title["kk"]) == (1, "Дауыс беру")


@pytest.mark.django_db
def test_install_keeps_a_kind_the_mission_already_has():
    mission = MissionFactory()
    own = ChecklistFactory(mission=mission, kind="voting", version=3)
    created = checklists_install_standard(mission=mission)
    assert "voting" not in {c.kind for c in created}
    assert list(Checklist.objects.filter(mission=mission, kind="voting")) == [own]


@pytest.mark.django_db
def test_a_broken_file_raises_with_its_problems_and_installs_nothing(tmp_path, monkeypatch):
    for form in all_forms():
        (tmp_path / f"{form['kind']}.json").write_text(json.dumps(form))
    broken = by_kind()["counting"]
    broken["questions"][1]["code"] = "arrival_time"
    (tmp_path / "counting.json").write_text(json.dumps(broken))
    monkeypatch.setattr(standard_forms, "FORMS_DIR", tmp_path)
    mission = MissionFactory()
    with pytest.raises(StandardFormError, match=r"counting\.json: .*arrival_time"):
        checklists_install_standard(mission=mission)
    assert not Checklist.objects.filter(mission=mission).exists()
