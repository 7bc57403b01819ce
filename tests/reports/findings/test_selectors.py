"""The figures of findings_compute on a mission worked out by hand (tests/reports/findings/helpers.py)."""

from observers.submissions.review import submission_exclude
from reports.findings.selectors import findings_compute


def _form(findings, kind):
    return next(form for form in findings["forms"] if form["kind"] == kind)


def _question(form, code):
    question = next(q for q in form["questions"] if q["code"] == code)
    answers = {a["value"]: (a["count"], a["percent"]) for a in question["answers"]}
    return question["n"], question["denominator"], answers


def test_not_applicable_is_counted_but_left_out_of_the_denominator(findings_mission):
    voting = _form(findings_compute(mission=findings_mission.mission, language="en"), "voting")
    # yes V1 V4 V5, no V2 V6, n/a V3: N 6, per cent of yes + no = 5
    assert _question(voting, "secrecy") == (6, 5, {"yes": (3, 60), "no": (2, 40), "na": (1, None)})
    # a choice question keeps N as its denominator: 6 assessed, 1 very good = 16.7 -> 17
    assert _question(voting, "overall_assessment") == (
        6,
        6,
        {"very_good": (1, 17), "good": (2, 33), "bad": (2, 33), "very_bad": (1, 17)},
    )


def test_overall_assessment_by_region_and_by_district(findings_mission, django_assert_max_num_queries):
    with django_assert_max_num_queries(15 + 3):  # on PostgreSQL: BEGIN or a savepoint, the SET LOCAL settings, its end
        findings = findings_compute(mission=findings_mission.mission, language="en")
    voting = _form(findings, "voting")
    assert voting["assessment"] == {"n": 6, "negative": 3, "percent": 50}
    assert voting["by_region"] == [
        {"code": "R1", "name": "North", "n": 4, "negative": 2, "percent": 50},
        {"code": "R2", "name": "South", "n": 2, "negative": 1, "percent": 50},
    ]
    assert voting["by_district"] == [
        {"code": "D1", "name": "North-A", "region_code": "R1", "n": 3, "negative": 1, "percent": 33},
        {"code": "D2", "name": "North-B", "region_code": "R1", "n": 1, "negative": 1, "percent": 100},
        {"code": "D3", "name": "South-A", "region_code": "R2", "n": 2, "negative": 1, "percent": 50},
    ]


def test_a_district_narrows_every_figure(findings_mission):
    north_a = findings_mission.districts[0]
    findings = findings_compute(mission=findings_mission.mission, language="en", district=north_a, kind="voting")
    assert findings["scope"] == {"kind": "voting", "region": None, "district": "D1"}
    voting = _form(findings, "voting")
    # V1 V2 V3 at P1 and P2
    assert (voting["submissions"], voting["assessment"]) == (3, {"n": 3, "negative": 1, "percent": 33})
    assert _question(voting, "secrecy") == (3, 2, {"yes": (1, 50), "no": (1, 50), "na": (1, None)})
    # coverage of the district for voting: P1 and P2, both planned and observed
    assert findings["coverage"]["total"] == {"stations": 2, "planned": 2, "observed": 2, "registered_voters": 1800}
    assert [row["hour"] for row in findings["time_profile"]["turnout_by_hour"]] == [8, 10]
    assert findings["time_profile"]["opening_times"] is None  # not asked for opening forms


def test_coverage_counts_observed_planned_and_total_stations(findings_mission):
    coverage = findings_compute(mission=findings_mission.mission, language="en")["coverage"]
    assert coverage["regions"] == [
        {"code": "R1", "name": "North", "stations": 3, "planned": 3, "observed": 3, "registered_voters": 3000},
        {"code": "R2", "name": "South", "stations": 2, "planned": 1, "observed": 1, "registered_voters": 1500},
    ]


def test_opening_times_in_quarter_hours_and_turnout_by_local_hour(findings_mission):
    profile = findings_compute(mission=findings_mission.mission, language="en")["time_profile"]
    assert profile["opening_times"] == {
        "bucket_minutes": 15,
        "on_time": 1,
        "late": 2,
        "n": 2,
        "buckets": [  # 07:20 and 07:50, the empty quarter between them shown
            {"from": "07:15", "to": "07:30", "count": 1, "percent": 50},
            {"from": "07:30", "to": "07:45", "count": 0, "percent": 0},
            {"from": "07:45", "to": "08:00", "count": 1, "percent": 50},
        ],
    }
    # hours in Almaty time (UTC+7): 08:20 and 08:50 -> 8; V5 gives no voters who voted and is left out
    assert profile["turnout_by_hour"] == [
        {"hour": 8, "forms": 2, "voted": 250, "voters": 2000, "percent": 13},  # 12.5 rounds half up
        {"hour": 10, "forms": 2, "voted": 500, "voters": 2000, "percent": 25},
        {"hour": 12, "forms": 1, "voted": 240, "voters": 600, "percent": 40},
    ]


def test_two_teams_disagreeing_at_a_station_are_flagged(findings_mission):
    disagreements = findings_compute(mission=findings_mission.mission, language="en")["disagreements"]
    # P1: T1 good, T2 bad. P4: good and bad, but both from T2: not a disagreement between teams.
    assert disagreements == [
        {
            "kind": "voting",
            "station_code": "P1",
            "station_name": findings_mission.stations["P1"].name,
            "region": {"code": "R1", "name": "North"},
            "district": {"code": "D1", "name": "North-A", "region_code": "R1"},
            "positive": 1,
            "negative": 1,
        }
    ]


def test_an_excluded_form_leaves_every_figure(findings_mission):
    forms = findings_mission.submissions
    submission_exclude(submission=forms["V4"], reviewer=findings_mission.analyst, reason="Station P3 was closed.")
    submission_exclude(submission=forms["V2"], reviewer=findings_mission.analyst, reason="Sent twice by mistake.")
    findings = findings_compute(mission=findings_mission.mission, language="en")
    voting = _form(findings, "voting")
    assert findings["submissions"] == 9 - 2 and voting["submissions"] == 4
    assert voting["assessment"] == {"n": 4, "negative": 1, "percent": 25}  # V6 only
    assert _question(voting, "secrecy") == (4, 3, {"yes": (2, 67), "no": (1, 33), "na": (1, None)})
    assert [row["code"] for row in voting["by_district"]] == ["D1", "D3"]  # D2 had V4 only
    assert findings["coverage"]["total"]["observed"] == 3  # P3 no longer observed
    assert findings["coverage"]["regions"][0]["observed"] == 2
    assert findings["time_profile"]["turnout_by_hour"][:2] == [
        {"hour": 8, "forms": 1, "voted": 100, "voters": 1000, "percent": 10},
        {"hour": 10, "forms": 1, "voted": 200, "voters": 800, "percent": 25},
    ]
    assert findings["disagreements"] == []  # V2 was T2's side of the disagreement
