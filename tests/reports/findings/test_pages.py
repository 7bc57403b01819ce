"""The findings pages and the lists behind their figures, as an analyst uses them in a browser."""

import datetime as dt

import pytest

from observers.models import Role
from tests.factories import ObserverFactory, SubmissionFactory

INDEX, VOTING, OPENING, LIST = "/findings/", "/findings/voting/", "/findings/opening/", "/findings/submissions/"


def _listed(client, url) -> int:
    response = client.get(url)
    assert response.status_code == 200, response.content.decode()[:2000]
    return response.context["totals"]["forms"]


def _links_and_figures(findings: dict):
    """(url, figure) for every linked figure of a findings page."""
    for form in findings["forms"]:
        yield form["url"], form["submissions"]
        yield form["assessment"]["url"], form["assessment"]["n"]
        yield form["assessment"]["negative_url"], form["assessment"]["negative"]
        for row in form["by_region"] + form["by_district"]:
            yield row["url"], row["n"]
            yield row["negative_url"], row["negative"]
        for question in form["questions"]:
            yield question["url"], question["n"]
            yield question["denominator_url"], question["denominator"]
            for answer in question["answers"]:
                yield answer["url"], answer["count"]
    opening = findings["time_profile"]["opening_times"]
    if opening:
        yield opening["on_time_url"], opening["on_time"]
        yield opening["late_url"], opening["late"]
        yield opening["url"], opening["n"]
        for bucket in opening["buckets"]:
            yield bucket["url"], bucket["count"]
    for row in findings["time_profile"]["turnout_by_hour"]:
        yield row["url"], row["forms"]
    for row in findings["disagreements"]:
        yield row["url"], row["positive"] + row["negative"]


def test_the_voting_page_shows_every_figure_with_its_n_and_denominator(findings_mission, client):
    client.force_login(findings_mission.analyst.user)
    response = client.get(VOTING)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Voting was assessed negatively (bad or very bad) in 3 of 6 observations." in html
    secrecy = next(q for q in response.context["form"]["questions"] if q["code"] == "secrecy")
    assert (secrecy["n"], secrecy["denominator"]) == (6, 5)
    assert f'<a href="{secrecy["denominator_url"].replace("&", "&amp;")}">5</a>' in html
    assert "Overall assessment by district" in html and "North-B" in html
    assert "Turnout reported by hour of visit" in html


def test_every_figure_links_to_exactly_the_forms_it_counts(findings_mission, client):
    client.force_login(findings_mission.analyst.user)
    pairs = []
    for url in (INDEX, VOTING, OPENING, f"{VOTING}?region=R1", f"{VOTING}?district=D1"):
        pairs += list(_links_and_figures(client.get(url).context["findings"]))
    assert len(pairs) > 100
    mismatches = [(url, figure, _listed(client, url)) for url, figure in pairs if _listed(client, url) != figure]
    assert mismatches == []


def test_the_list_for_secrecy_no_holds_the_two_forms_counted(findings_mission, client):
    client.force_login(findings_mission.analyst.user)
    response = client.get(LIST, {"kind": "voting", "question": "secrecy", "value": "no"})
    expected = {findings_mission.submissions["V2"].pk, findings_mission.submissions["V6"].pk}
    assert {submission.pk for submission in response.context["page"]} == expected
    assert response.context["totals"] == {"forms": 2, "stations": 2}
    assert "2 forms from 2 polling stations" in response.content.decode()


def test_coverage_links_list_the_forms_of_the_observed_stations(findings_mission, client):
    client.force_login(findings_mission.analyst.user)
    north = client.get(INDEX).context["findings"]["coverage"]["regions"][0]
    assert north["observed"] == 3
    response = client.get(north["url"])
    # V1-V4, O1 and O3: six forms from the three observed stations of the North
    assert response.context["totals"] == {"forms": 6, "stations": 3}


def test_the_list_pages_in_a_fixed_number_of_queries(findings_mission, client, django_assert_max_num_queries):
    t1 = findings_mission.teams[0]
    for minute in range(60):
        SubmissionFactory(
            mission=findings_mission.mission,
            checklist=findings_mission.submissions["V1"].checklist,
            team=t1,
            observer=findings_mission.observers[t1],
            polling_station=findings_mission.stations["P2"],
            observed_at=dt.datetime(2004, 9, 19, 9, minute, tzinfo=dt.UTC),
            answers={"secrecy": "yes", "overall_assessment": "good"},
        )
    client.force_login(findings_mission.analyst.user)
    with django_assert_max_num_queries(12):
        first = client.get(LIST, {"kind": "voting", "region": "R1"})
    assert first.context["totals"]["forms"] == 64 and len(first.context["page"]) == 50
    with django_assert_max_num_queries(12):
        second = client.get(LIST, {"kind": "voting", "region": "R1", "page": 2})
    assert len(second.context["page"]) == 14
    assert 'page=2">Next' in first.content.decode()


def test_the_findings_pages_take_a_fixed_number_of_queries(findings_mission, client, django_assert_max_num_queries):
    client.force_login(findings_mission.analyst.user)
    # 26 for the figures (from the tallies and from the forms not tallied yet), 8 or 9 for their margins (the
    # design, the region and district codes, answers (a kind's page only) and assessments per team from the tallies
    # and from the forms not tallied yet, in a tuned transaction)
    with django_assert_max_num_queries(34):
        assert client.get(INDEX).status_code == 200
    with django_assert_max_num_queries(35):
        assert client.get(f"{VOTING}?region=R1&district=D2").status_code == 200


@pytest.mark.parametrize(
    "query, message",
    [
        ({"question": "secrecy", "value": "maybe"}, "maybe is not an answer to secrecy; the answers are: yes, no, na."),
        ({"question": "nonsense"}, "No form of this mission has a question coded nonsense."),
        ({"region": "R9"}, "No region of this mission has this code: choose one from the list."),
        ({"region": "R2", "district": "D1"}, "This district is not in the region chosen: clear one of them."),
        ({"question": "opening_time", "time_from": "7:5"}, "Give the time as HH:MM (24-hour)."),
        ({"hour": "25"}, "Ensure this value is less than or equal to 23."),
    ],
)
def test_a_bad_filter_is_refused_with_what_to_fix(findings_mission, client, query, message):
    client.force_login(findings_mission.analyst.user)
    response = client.get(LIST, query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_bad_area_on_the_findings_page_is_refused(findings_mission, client):
    client.force_login(findings_mission.analyst.user)
    response = client.get(VOTING, {"district": "D9"})
    assert response.status_code == 400
    assert "No district of this mission has this code" in response.content.decode()
    assert client.get("/findings/ballots/").status_code == 404


def test_the_submission_page_shows_labelled_answers_and_the_way_back(findings_mission, client):
    client.force_login(findings_mission.coordinator.user)
    v2 = findings_mission.submissions["V2"]
    response = client.get(f"{LIST}{v2.pk}/", {"back": "/findings/submissions/?kind=voting"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Secrecy of the vote ensured" in html and "Voters on the list" in html
    assert '<td class="negative">bad</td>' in html  # the overall assessment's label, marked negative
    assert 'href="/findings/submissions/?kind=voting"' in html
    assert "Which unauthorised persons?" not in html  # a follow-up not asked
    # another site is never a way back
    elsewhere = client.get(f"{LIST}{v2.pk}/", {"back": "https://evil.example/"})
    assert elsewhere.context["back"] == "" and 'href="https://evil.example/"' not in elsewhere.content.decode()


def test_observers_are_refused_and_other_missions_see_nothing(findings_mission, client):
    v1 = findings_mission.submissions["V1"]
    assert client.get(INDEX)["Location"].startswith("/accounts/login/")
    sto = findings_mission.observers[findings_mission.teams[0]]
    lto = ObserverFactory(mission=findings_mission.mission, role=Role.LTO)
    for member in (sto, lto):
        client.force_login(member.user)
        for url in (INDEX, VOTING, LIST, f"{LIST}{v1.pk}/"):
            assert client.get(url).status_code == 403
        assert client.post(f"{LIST}{v1.pk}/review/", {"action": "verify"}).status_code == 403
    stranger = ObserverFactory(role=Role.ANALYST)  # an analyst of another mission
    client.force_login(stranger.user)
    assert client.get(f"{LIST}{v1.pk}/").status_code == 404
    assert client.post(f"{LIST}{v1.pk}/review/", {"action": "exclude", "note": "x"}).status_code == 404
    assert client.get(LIST).context["totals"]["forms"] == 0  # none of this mission's forms
    v1.refresh_from_db()
    assert v1.review_status == "unreviewed"


def test_recorded_disagreements_are_listed_until_a_side_is_excluded(findings_mission, client):
    from observers.models import SubmissionFlag
    from observers.submissions.review import submission_exclude

    v1, v2 = findings_mission.submissions["V1"], findings_mission.submissions["V2"]
    SubmissionFlag.objects.create(
        mission=findings_mission.mission,
        polling_station=findings_mission.stations["P1"],
        kind="voting",
        question="secrecy",
        first=v1,
        second=v2,
        first_answer="yes",
        second_answer="no",
    )
    client.force_login(findings_mission.analyst.user)
    html = client.get(VOTING).content.decode()
    assert f'<a href="/findings/submissions/{v1.pk}/">T1: Yes</a>' in html
    assert f'<a href="/findings/submissions/{v2.pk}/">T2: No</a>' in html
    assert "Secrecy of the vote ensured" in html
    assert client.get(OPENING).context["flags"] == []  # a voting flag, not an opening one

    submission_exclude(submission=v2, reviewer=findings_mission.analyst, reason="Wrong station.")
    response = client.get(VOTING)
    assert (response.context["flags"], response.context["flags_total"]) == ([], 0)


def test_a_kind_without_forms_says_so(findings_mission, client):
    client.force_login(findings_mission.analyst.user)
    response = client.get("/findings/counting/")
    assert response.status_code == 200 and response.context["form"] is None
    assert "This mission has no form of this kind." in response.content.decode()
    assert client.get(LIST, {"kind": "counting"}).context["totals"] == {"forms": 0, "stations": 0}
