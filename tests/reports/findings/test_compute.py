import pytest

from reports.findings.selectors import findings_compute


def _form(findings, kind):
    return next(form for form in findings["forms"] if form["kind"] == kind)


def _question(form, code):
    question = next(q for q in form["questions"] if q["code"] == code)
    return question["n"], {a["value"]: (a["count"], a["percent"]) for a in question["answers"]}


@pytest.mark.postgres  # the answer-count SQL of PostgreSQL; the SQLite one is counted by the tests below
def test_counts_every_answer_value_with_its_n(hand_mission, django_assert_max_num_queries):
    with django_assert_max_num_queries(15 + 3):  # on PostgreSQL: BEGIN or a savepoint, the SET LOCAL settings, its end
        findings = findings_compute(mission=hand_mission.mission, language="en")
    voting = _form(findings, "voting")
    assert findings["submissions"] == 7 and voting["submissions"] == 7
    assert findings["teams"] == 1
    # 5 yes, 1 no, 1 n/a of 7; per cent of yes + no = 6: 83.3 -> 83, 16.7 -> 17, none for n/a
    assert _question(voting, "secrecy") == (7, {"yes": (5, 83), "no": (1, 17), "na": (1, None)})
    assert _question(voting, "unauthorised") == (7, {"yes": (3, 43), "no": (4, 57), "na": (0, None)})
    # multiple choice: N is the three forms that answered; each choice 2 of 3 = 66.7 -> 67
    assert _question(voting, "unauthorised_who") == (3, {"police": (2, 67), "officials": (2, 67)})
    assert _question(voting, "overall_assessment") == (
        6,
        {"very_good": (1, 17), "good": (2, 33), "bad": (2, 33), "very_bad": (1, 17)},
    )
    # text, time and number questions are not tabulated
    assert {q["code"] for q in voting["questions"]} == {
        "secrecy",
        "unauthorised",
        "unauthorised_who",
        "overall_assessment",
    }


def test_labels_come_from_the_latest_version_in_the_language_asked(hand_mission):
    voting = _form(findings_compute(mission=hand_mission.mission, language="kk"), "voting")
    labels = {q["code"]: q["label"] for q in voting["questions"]}
    assert labels["secrecy"] == "Дауыс беру құпиясы қамтамасыз етілді ме?"
    assert labels["overall_assessment"] == "Жалпы баға"
    assert labels["unauthorised"] == "Unauthorised persons present"  # no Kazakh label: English
    assert [a["label"] for a in voting["questions"][0]["answers"]] == ["Иә", "Жоқ", "Қатысы жоқ"]


def test_overall_assessment_nationwide_and_by_region(hand_mission):
    findings = findings_compute(mission=hand_mission.mission, language="kk")
    voting = _form(findings, "voting")
    # negative = bad + very bad: forms 2, 3 (North) and 6 (South); the form without an assessment is not in N
    assert voting["assessment"] == {"n": 6, "negative": 3, "percent": 50}
    assert voting["by_region"] == [
        {"code": "R1", "name": "Солтүстік", "n": 4, "negative": 2, "percent": 50},
        {"code": "R2", "name": "Оңтүстік", "n": 2, "negative": 1, "percent": 50},
    ]
    counting = _form(findings, "counting")
    assert counting["submissions"] == 0 and counting["assessment"] == {"n": 0, "negative": 0, "percent": None}


def test_coverage_observed_planned_total_by_region(hand_mission):
    coverage = findings_compute(mission=hand_mission.mission, language="en")["coverage"]
    assert coverage["regions"] == [
        {"code": "R1", "name": "North", "stations": 3, "planned": 2, "observed": 3, "registered_voters": 4500},
        {"code": "R2", "name": "South", "stations": 3, "planned": 1, "observed": 2, "registered_voters": 2500},
        {"code": "R3", "name": "East", "stations": 1, "planned": 0, "observed": 0, "registered_voters": 700},
    ]
    assert coverage["total"] == {"stations": 7, "planned": 3, "observed": 5, "registered_voters": 7700}
    assert (coverage["regions_observed"], coverage["regions_total"]) == (2, 3)


@pytest.mark.django_db
def test_a_mission_without_forms_has_empty_findings():
    from tests.factories import MissionFactory

    findings = findings_compute(mission=MissionFactory(), language="ru")
    assert findings == {
        "language": "ru",
        "submissions": 0,
        "teams": 0,
        "forms": [],
        "coverage": {
            "regions": [],
            "total": {"stations": 0, "planned": 0, "observed": 0, "registered_voters": 0},
            "regions_total": 0,
            "regions_observed": 0,
        },
        "scope": {"kind": None, "region": None, "district": None},
        "time_profile": {
            "time_zone": "Asia/Almaty",
            "turnout_by_hour": [],
            "opening_times": {"bucket_minutes": 15, "on_time": 0, "late": 0, "n": 0, "buckets": []},
        },
        "disagreements": [],
    }
