"""The findings from the tallies are the findings of the forms: compared with a direct recount from the answers,
after tallying, excluding and restoring; and the per-team counts behind a share (for intervals clustered by team)."""

import pytest
from django.db import transaction
from django.db.models import Sum

from observers.models import AnswerTally, Checklist, Submission
from observers.submissions import review
from observers.submissions.tallies import _add, tallies_recount, tallies_replace
from reports.findings.selectors import Scope, TeamCount, findings_compute, team_answer_counts


def _every_findings(mission) -> list[dict]:
    district = mission.districts.order_by("code").first()
    return [
        findings_compute(mission=mission, language="en"),
        findings_compute(mission=mission, language="en", kind="voting"),
        findings_compute(mission=mission, language="en", kind="opening", district=district),
        findings_compute(mission=mission, language="en", region=district.region),
    ]


class _Undone(Exception):
    pass


def _recounted(mission) -> list[dict]:
    """The findings counted directly from the answers of every form: no tallies, no form tallied (undone after)."""
    try:
        with transaction.atomic():
            AnswerTally.objects.filter(mission=mission).delete()
            Submission.objects.filter(mission=mission).update(tallied=False)
            recounted = _every_findings(mission)
            raise _Undone
    except _Undone:
        return recounted


def test_findings_from_the_tallies_are_those_of_a_direct_recount(findings_mission):
    mission = findings_mission.mission
    direct = _every_findings(mission)
    tallies_replace(checklists=list(Checklist.objects.filter(mission=mission)))
    assert not Submission.objects.filter(mission=mission, tallied=False).exists()
    assert AnswerTally.objects.filter(mission=mission, code="secrecy", value="yes").exists()
    assert _every_findings(mission) == direct
    voting = next(form for form in direct[0]["forms"] if form["kind"] == "voting")
    assert voting["submissions"] == 6 and voting["assessment"]["negative"] == 3  # the hand counts still hold


def test_excluded_and_restored_forms_move_the_tallied_figures_as_the_recount(findings_mission):
    mission, forms = findings_mission.mission, findings_mission.submissions
    tallies_replace(checklists=list(Checklist.objects.filter(mission=mission)))
    analyst = findings_mission.analyst
    review.submission_exclude(submission=forms["V2"], reviewer=analyst, reason="Two forms for one visit.")
    review.submission_exclude(submission=forms["O2"], reviewer=analyst, reason="Wrong station.")
    review.submission_restore(submission=forms["O2"], reviewer=analyst)
    review.submission_verify(submission=forms["V4"], reviewer=analyst)  # no change to the figures
    tallied = _every_findings(mission)
    assert tallied == _recounted(mission)
    voting = next(form for form in tallied[0]["forms"] if form["kind"] == "voting")
    assert voting["submissions"] == 5 and voting["assessment"] == {"n": 5, "negative": 2, "percent": 40}


def test_forms_not_tallied_yet_are_counted_with_the_tallied(findings_mission):
    mission, forms = findings_mission.mission, findings_mission.submissions
    direct = _every_findings(mission)
    # All forms but V1 and O2 tallied (their jobs have not run yet): tallies of the others, the two from their answers
    waiting = [forms["V1"].pk, forms["O2"].pk]
    Submission.objects.filter(mission=mission).exclude(pk__in=waiting).update(tallied=True)
    _add(tallies_recount(checklists=list(Checklist.objects.filter(mission=mission))), sign=1)
    assert AnswerTally.objects.filter(mission=mission, code="", value="").aggregate(n=Sum("count"))["n"] == 7
    assert _every_findings(mission) == direct


@pytest.mark.parametrize("tallied", [False, True])
def test_per_team_counts_of_a_share_add_up_to_its_figure(findings_mission, tallied):
    mission = findings_mission.mission
    t1, t2 = findings_mission.teams
    if tallied:
        tallies_replace(checklists=list(Checklist.objects.filter(mission=mission)))
    scope = Scope(mission, "voting")
    # secrecy: T1 yes, na, yes; T2 no, yes, no. "Not applicable" is out of the denominator.
    assert team_answer_counts(scope=scope, question="secrecy", value="yes") == [
        TeamCount(t1.pk, 2, 2),
        TeamCount(t2.pk, 1, 3),
    ]
    # a choice question: the denominator is every form that answered
    assert team_answer_counts(scope=scope, question="overall_assessment", value="bad") == [
        TeamCount(t1.pk, 0, 3),
        TeamCount(t2.pk, 2, 3),
    ]
    north = findings_mission.regions[0]
    assert team_answer_counts(scope=Scope(mission, "voting", north), question="secrecy", value="no") == [
        TeamCount(t1.pk, 0, 2),
        TeamCount(t2.pk, 1, 1),
    ]
    assert team_answer_counts(scope=scope, question="no_such_question", value="yes") == []
    findings = findings_compute(mission=mission, language="en", kind="voting")
    secrecy = next(q for q in findings["forms"][0]["questions"] if q["code"] == "secrecy")
    yes = next(a for a in secrecy["answers"] if a["value"] == "yes")
    rows = team_answer_counts(scope=scope, question="secrecy", value="yes")
    assert sum(row.count for row in rows) == yes["count"] and sum(row.n for row in rows) == secrecy["denominator"]


def test_per_team_counts_in_a_fixed_number_of_queries(findings_mission, django_assert_num_queries):
    scope = Scope(findings_mission.mission, "voting")
    scope.checklists  # noqa: B018  (read once per scope)
    with django_assert_num_queries(2):  # the tallies, the forms not tallied yet
        team_answer_counts(scope=scope, question="secrecy", value="yes")
