"""Reviewing forms: verify, send back with a question, exclude with a reason, restore; who may, and what it does."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from observers.models import Role
from observers.submissions.review import submission_exclude, submission_restore, submission_send_back, submission_verify
from tests.factories import ObserverFactory

VOTING = "/findings/voting/"


def _review_url(submission) -> str:
    return f"/findings/submissions/{submission.pk}/review/"


def _voting_assessment(client) -> dict:
    return client.get(VOTING).context["form"]["assessment"]


def test_an_analyst_excludes_a_form_from_the_page_and_the_figures_drop(findings_mission, client):
    v4 = findings_mission.submissions["V4"]
    client.force_login(findings_mission.analyst.user)
    assessment = _voting_assessment(client)
    assert (assessment["n"], assessment["negative"]) == (6, 3)
    before = client.get("/findings/").context["findings"]["coverage"]["total"]["observed"]

    back = "/findings/submissions/?kind=voting"
    response = client.post(
        f"{_review_url(v4)}?back={back}", {"action": "exclude", "note": "  Filled in at the wrong station.  "}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/findings/submissions/{v4.pk}/?back=%2Ffindings%2Fsubmissions%2F%3Fkind%3Dvoting"
    page = client.get(response["Location"]).content.decode()
    assert "The form is excluded: it no longer counts in any figure." in page
    assert "Excluded: this form counts in no figure." in page and "Filled in at the wrong station." in page

    v4.refresh_from_db()
    assert (v4.review_status, v4.review_note, v4.reviewed_by) == (
        "excluded",
        "Filled in at the wrong station.",
        findings_mission.analyst,
    )
    assert v4.reviewed_at is not None
    assessment = _voting_assessment(client)
    assert (assessment["n"], assessment["negative"]) == (5, 2)
    assert client.get("/findings/").context["findings"]["coverage"]["total"]["observed"] == before - 1
    # the list of all forms shows it greyed with its reason; the counted list leaves it out
    everything = client.get("/findings/submissions/", {"kind": "voting", "status": "all"})
    assert everything.context["totals"]["forms"] == 6
    assert '<tr class="review-excluded">' in everything.content.decode()
    assert client.get("/findings/submissions/", {"kind": "voting"}).context["totals"]["forms"] == 5


def test_a_reason_is_required_to_exclude_and_a_question_to_send_back(findings_mission, client):
    v1 = findings_mission.submissions["V1"]
    client.force_login(findings_mission.coordinator.user)
    refused = client.post(_review_url(v1), {"action": "exclude", "note": "   "})
    assert refused.status_code == 400
    assert "Give the reason for excluding this form." in refused.content.decode()
    refused = client.post(_review_url(v1), {"action": "send_back", "note": ""})
    assert "Write the question the team should answer." in refused.content.decode()
    v1.refresh_from_db()
    assert (v1.review_status, v1.review_note, v1.reviewed_at) == ("unreviewed", "", None)
    assert client.post(_review_url(v1), {"action": "delete"}).status_code == 400


def test_send_back_then_verify_then_restore_records_who_and_when(findings_mission):
    v3, analyst, coordinator = (
        findings_mission.submissions["V3"],
        findings_mission.analyst,
        findings_mission.coordinator,
    )

    sent = submission_send_back(submission=v3, reviewer=analyst, question="Was the station really without booths?")
    assert (sent.review_status, sent.review_note, sent.reviewed_by) == (
        "sent_back",
        "Was the station really without booths?",
        analyst,
    )
    verified = submission_verify(submission=v3, reviewer=coordinator, note="Team confirmed by phone.")
    assert (verified.review_status, verified.review_note, verified.reviewed_by) == (
        "verified",
        "Team confirmed by phone.",
        coordinator,
    )
    assert verified.reviewed_at >= sent.reviewed_at

    with pytest.raises(ValidationError, match="This form is verified: only an excluded form is restored."):
        submission_restore(submission=v3, reviewer=analyst)
    excluded = submission_exclude(submission=v3, reviewer=analyst, reason="Duplicate of another team's form.")
    with pytest.raises(ValidationError, match="This form is excluded: restore it first."):
        submission_verify(submission=v3, reviewer=coordinator)
    restored = submission_restore(submission=excluded, reviewer=coordinator)
    assert (restored.review_status, restored.review_note, restored.reviewed_by) == ("unreviewed", "", coordinator)


def test_the_team_s_question_is_kept_on_the_form(findings_mission, client):
    v6 = findings_mission.submissions["V6"]
    client.force_login(findings_mission.analyst.user)
    client.post(_review_url(v6), {"action": "send_back", "note": "Which persons were directing the work?"})
    v6.refresh_from_db()
    # what the phone API will show the team: the status and the question
    assert (v6.review_status, v6.review_note) == ("sent_back", "Which persons were directing the work?")
    assert _voting_assessment(client)["n"] == 6  # a form sent back still counts


@pytest.mark.parametrize("role", [Role.STO, Role.LTO])
def test_only_the_mission_s_core_team_reviews(findings_mission, role):
    v1 = findings_mission.submissions["V1"]
    member = ObserverFactory(mission=findings_mission.mission, role=role)
    with pytest.raises(PermissionDenied):
        submission_verify(submission=v1, reviewer=member)
    stranger = ObserverFactory(role=Role.COORDINATOR)  # of another mission
    with pytest.raises(PermissionDenied):
        submission_exclude(submission=v1, reviewer=stranger, reason="Not ours.")
    v1.refresh_from_db()
    assert v1.review_status == "unreviewed"


def test_a_note_that_is_too_long_is_refused(findings_mission, client):
    v1 = findings_mission.submissions["V1"]
    client.force_login(findings_mission.analyst.user)
    response = client.post(_review_url(v1), {"action": "exclude", "note": "x" * 2001})
    assert response.status_code == 400
    assert "Ensure this value has at most 2000 characters (it has 2001)." in response.content.decode()


def test_the_deployment_coverage_no_longer_counts_a_station_observed_only_by_an_excluded_form(findings_mission, client):
    client.force_login(findings_mission.analyst.user)

    def observed_in_north():
        rows = client.get("/deployment/coverage/").context["coverage"]["rows"]
        return next(row["observed"] for row in rows if row["region"].code == "R1")

    assert observed_in_north() == 3
    submission_exclude(
        submission=findings_mission.submissions["V4"], reviewer=findings_mission.analyst, reason="P3 closed."
    )
    assert observed_in_north() == 2  # P3 had V4 only


def test_an_excluded_form_leaves_the_monitor_and_the_exports(findings_mission):
    from reports.exports.selectors import SubmissionFilters, submissions_filtered
    from reports.monitor.selectors import monitor_snapshot
    from tests.reports.findings.helpers import local

    def figures():
        totals = monitor_snapshot(mission=findings_mission.mission, now=local(13, 0), silent_minutes=60, language="en")[
            "totals"
        ]
        exported = submissions_filtered(mission=findings_mission.mission, filters=SubmissionFilters(kind="voting"))
        return totals["forms"], totals["stations_observed"], exported.count()

    assert figures() == (9, 4, 6)
    submission_exclude(
        submission=findings_mission.submissions["V4"], reviewer=findings_mission.analyst, reason="P3 closed."
    )
    assert figures() == (8, 3, 5)
