"""Unit tests of form definitions and answer validation (observers/checklists/definitions.py)."""

import pytest

from observers.checklists.definitions import is_relevant, validate_answers, validate_definition
from tests.factories import SAMPLE_QUESTIONS, valid_answers


def test_valid_answers_have_no_problems():
    assert validate_answers(SAMPLE_QUESTIONS, valid_answers()) == {}


def test_answers_must_be_an_object():
    assert validate_answers(SAMPLE_QUESTIONS, ["yes"]) == {
        "answers": ["must be an object mapping question codes to answers"]
    }


@pytest.mark.parametrize(
    "overrides, code, problem",
    [
        ({"voters_on_list": "1200"}, "voters_on_list", "must be a whole number"),
        ({"voters_on_list": True}, "voters_on_list", "must be a whole number"),
        ({"voters_on_list": -1}, "voters_on_list", "must be at least 0"),
        ({"secrecy": "maybe"}, "secrecy", "must be one of: yes, no, na"),
        ({"overall_assessment": "excellent"}, "overall_assessment", "must be one of: very_good, good, bad, very_bad"),
        ({"arrival_time": "24:00"}, "arrival_time", "must be a time as HH:MM (24-hour)"),
        ({"arrival_time": "9:30"}, "arrival_time", "must be a time as HH:MM (24-hour)"),
        ({"notes": 5}, "notes", "must be text"),
        ({"notes": "x" * 4001}, "notes", "must be at most 4000 characters"),
        ({"secrecy": None}, "secrecy", "is required"),
        ({"arrival_time": ""}, "arrival_time", "is required"),
        ({"unauthorised": "yes"}, "unauthorised_who", "is required"),
        ({"unauthorised": "yes", "unauthorised_who": "police"}, "unauthorised_who", "must be a list of choices"),
        (
            {"unauthorised": "yes", "unauthorised_who": ["police", "army"]},
            "unauthorised_who",
            "unknown choice 'army'; allowed: police, officials",
        ),
        ({"unauthorised": "yes", "unauthorised_who": ["police", "police"]}, "unauthorised_who", "lists a choice twice"),
        ({"unauthorised_who": ["police"]}, "unauthorised_who", "is asked only when unauthorised is 'yes'"),
        (
            {"voted_by_visit": 1201},
            "voted_by_visit",
            "cannot be more than the voters on the list (voters_on_list: 1200)",
        ),
        ({"queue": "long"}, "queue", "is not a question of this form"),
    ],
)
def test_each_problem_is_named_with_its_question(overrides, code, problem):
    answers = {**valid_answers(), **overrides}
    assert validate_answers(SAMPLE_QUESTIONS, answers) == {code: [problem]}


def test_optional_questions_may_be_left_out_and_a_follow_up_may_be_answered_when_relevant():
    answers = valid_answers(voted_by_visit=None, unauthorised="yes")
    answers["unauthorised_who"] = ["police", "officials"]
    assert validate_answers(SAMPLE_QUESTIONS, answers) == {}


def test_equal_counts_pass_the_cross_check():
    assert validate_answers(SAMPLE_QUESTIONS, valid_answers(voted_by_visit=1200)) == {}


def test_cross_check_is_skipped_when_one_side_is_already_wrong():
    answers = valid_answers(voters_on_list="many", voted_by_visit=5000)
    assert validate_answers(SAMPLE_QUESTIONS, answers) == {"voters_on_list": ["must be a whole number"]}


def test_time_order_check():
    questions = [
        {"code": "arrival_time", "type": "time", "labels": {"en": "Arrival"}},
        {"code": "departure_time", "type": "time", "labels": {"en": "Departure"}},
    ]
    answers = {"arrival_time": "10:15", "departure_time": "09:50"}
    assert validate_answers(questions, answers) == {
        "departure_time": ["must be after the arrival time (arrival_time: 10:15)"]
    }


def test_several_problems_are_reported_together():
    answers = valid_answers(secrecy=None, voters_on_list="many", queue="long")
    assert validate_answers(SAMPLE_QUESTIONS, answers) == {
        "secrecy": ["is required"],
        "voters_on_list": ["must be a whole number"],
        "queue": ["is not a question of this form"],
    }


def test_integer_bounds_from_the_definition():
    questions = [{"code": "booths", "type": "integer", "min": 1, "max": 10, "labels": {"en": "Booths"}}]
    assert validate_answers(questions, {"booths": 11}) == {"booths": ["must be at most 10"]}
    assert validate_answers(questions, {"booths": 0}) == {"booths": ["must be at least 1"]}
    assert validate_answers(questions, {"booths": 10}) == {}


def test_follow_up_of_a_multiple_choice_is_relevant_when_the_choice_is_ticked():
    question = {"relevant": {"question": "who", "equals": "police"}}
    assert is_relevant(question, {"who": ["officials", "police"]})
    assert not is_relevant(question, {"who": ["officials"]})
    assert not is_relevant(question, {})


def test_the_sample_form_is_a_valid_definition():
    assert validate_definition(SAMPLE_QUESTIONS) == []


@pytest.mark.parametrize("questions", [[], {}, None])
def test_a_form_needs_questions(questions):
    assert validate_definition(questions) == ["a form needs a list of at least one question"]


def test_definition_problems_name_the_question():
    questions = [
        {"code": "secrecy", "type": "yes_no", "labels": {"en": "Secrecy"}},
        {"code": "secrecy", "type": "yes_no", "labels": {"en": "Again"}},
        {"code": "Bad-Code", "type": "yes_no", "labels": {"en": "Bad"}},
        {"code": "who", "type": "multiple", "labels": {"en": "Who"}},
        {"code": "when", "type": "date", "labels": {"en": "When"}},
        {"code": "unlabelled", "type": "text", "labels": {"ru": "Без английского"}},
        {"code": "early", "type": "text", "labels": {"en": "Early"}, "relevant": {"question": "late", "equals": "yes"}},
        {"code": "late", "type": "yes_no", "labels": {"en": "Late"}},
        "not a question",
        {"code": 7, "type": "text", "labels": ["Seven"], "relevant": "always"},
    ]
    assert validate_definition(questions) == [
        "question 2 (secrecy): code used twice",
        "question 3 (Bad-Code): code must be lower-case letters, digits and _",
        "question 4 (who): needs choices",
        "question 5 (when): type must be one of yes_no, single, multiple, integer, time, text, votes",
        "question 6 (unlabelled): needs an English label",
        "question 7 (early): follow-up of an unknown or later question",
        "question 9: must be an object with a code, a type and labels",
        "question 10 (no code): code must be lower-case letters, digits and _",
        "question 10 (no code): needs an English label",
        "question 10 (no code): follow-up of an unknown or later question",
    ]
