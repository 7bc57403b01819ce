"""The findings from the tallies are the findings of the forms: compared with a direct recount from the answers,
after tallying, excluding and restoring; and the per-team counts behind a share (for intervals clustered by team)."""

from django.db import transaction
from django.db.models import Sum

from observers.models import AnswerTally, Checklist, Submission
from observers.submissions import review
from observers.submissions.tallies import _add, tallies_recount, tallies_replace
from reports.findings.selectors import findings_compute


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
