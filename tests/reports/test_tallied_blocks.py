"""The final report's blocks and the findings' margins that read the tallies (with the forms not tallied yet) are
exact: compared with a direct count from the forms, before tallying, tallied, partly tallied, with forms excluded
before and after they were tallied."""

import math
from collections import defaultdict
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction

from observers.checklists.definitions import ASSESSMENT_VALUES
from observers.models import AnswerTally, Checklist, Submission, Team
from observers.submissions import review
from observers.submissions.tallies import _add, tallies_recount, tallies_replace
from reports.documents.annex_selectors import lto_teams_deployed
from reports.documents.selectors import station_assessments
from reports.findings.margins import margins_add, rows_for_margins
from reports.findings.selectors import Scope, findings_compute
from reports.results.selectors import _observed_by_region_and_hour
from tests.factories import TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mission(findings_mission):
    """findings_mission with both teams under one long-term team, V3 excluded before any tally."""
    mission = findings_mission.mission
    lto = TeamFactory(mission=mission, code="L1", kind=Team.Kind.LTO)
    Team.objects.filter(pk__in=[team.pk for team in findings_mission.teams]).update(parent=lto)
    review.submission_exclude(
        submission=findings_mission.submissions["V3"], reviewer=findings_mission.analyst, reason="Wrong station."
    )
    return findings_mission


def _direct(mission) -> dict:
    """The figures counted in Python from the counted forms' answers."""
    forms = list(
        Submission.objects.filter(mission=mission)
        .counted()
        .select_related("checklist", "polling_station", "team")
        .order_by("pk")
    )
    zone = ZoneInfo(mission.time_zone)
    turnout: dict = defaultdict(lambda: {"forms": 0, "voted": 0, "voters": 0})
    stations, ranks = defaultdict(set), defaultdict(list)
    for form in forms:
        answers = form.answers
        if form.checklist.kind == "voting" and answers.get("voters_on_list") and answers.get("voted_by_visit"):
            row = turnout[(form.polling_station.region_id, form.observed_at.astimezone(zone).hour)]
            row["forms"] += 1
            row["voted"] += answers["voted_by_visit"]
            row["voters"] += answers["voters_on_list"]
        if form.team.parent_id:
            stations[form.team.parent.code].add(form.polling_station_id)
        if form.checklist.kind == "voting":
            assessment = answers.get("overall_assessment")
            ranks[form.polling_station_id].append(
                ASSESSMENT_VALUES.index(assessment) + 1 if assessment in ASSESSMENT_VALUES else None
            )
    assessments = []
    for given in ranks.values():
        rated = [rank for rank in given if rank is not None]
        mean = sum(rated) / len(rated) if rated else None
        assessments.append(None if mean is None else ASSESSMENT_VALUES[math.floor(mean + 0.5) - 1])
    return {
        "turnout": {key: {**row} for key, row in turnout.items()},
        "lto": {code: len(found) for code, found in stations.items()},
        "assessments": sorted(assessments, key=str),
    }


def _computed(mission) -> dict:
    """The same figures as the blocks compute them, and the margins' rows and intervals."""
    observed = _observed_by_region_and_hour(mission)
    rows, *_ = rows_for_margins(scope=Scope(mission), design={"sampled": False})
    per_share: dict = defaultdict(lambda: [0, 0])
    for share, team, stratum, _weight, yes, n in rows:
        if n:
            per_share[(share, team, stratum)][0] += yes
            per_share[(share, team, stratum)][1] += n
    findings = findings_compute(mission=mission, language="en")
    return {
        "turnout": {key: {k: row[k] for k in ("forms", "voted", "voters")} for key, row in observed.items()},
        "lto": {row["team"].code: row["stations"] for row in lto_teams_deployed(mission=mission) if row["stations"]},
        "assessments": sorted((s.assessment for s in station_assessments(mission=mission, kind="voting")), key=str),
        "margin_rows": dict(per_share),
        "margins": margins_add(findings=findings, scope=Scope(mission)),
    }


class _Undone(Exception):
    pass


def _untallied(mission) -> dict:
    """The computed figures with no tallies and no form tallied (every figure from the forms), undone after."""
    try:
        with transaction.atomic():
            AnswerTally.objects.filter(mission=mission).delete()
            Submission.objects.filter(mission=mission).update(tallied=False)
            figures = _computed(mission)
            raise _Undone
    except _Undone:
        return figures


def _check(mission) -> None:
    computed, direct = _computed(mission), _direct(mission)
    assert {key: computed[key] for key in direct} == direct
    assert computed == _untallied(mission)


def test_before_tallying_the_figures_are_the_forms(mission):
    direct = _direct(mission.mission)
    assert direct["lto"] == {"L1": 4}  # P1, P3, P4 by voting forms (V3 excluded), P2 by O3
    assert direct["turnout"] == {
        (mission.regions[0].pk, 8): {"forms": 2, "voted": 250, "voters": 2000},
        (mission.regions[0].pk, 10): {"forms": 1, "voted": 300, "voters": 1200},
        (mission.regions[1].pk, 12): {"forms": 1, "voted": 240, "voters": 600},
    }
    _check(mission.mission)


def test_tallied_excluded_and_restored_forms_keep_the_figures_exact(mission):
    checklists = list(Checklist.objects.filter(mission=mission.mission))
    tallies_replace(checklists=checklists)
    assert not Submission.objects.filter(mission=mission.mission, tallied=False).exists()
    _check(mission.mission)
    review.submission_exclude(submission=mission.submissions["V2"], reviewer=mission.analyst, reason="Twice.")
    review.submission_exclude(submission=mission.submissions["O3"], reviewer=mission.analyst, reason="Wrong.")
    review.submission_restore(submission=mission.submissions["V3"], reviewer=mission.analyst)
    assert _direct(mission.mission)["lto"] == {"L1": 4}  # P2 back by V3
    _check(mission.mission)


def test_forms_not_tallied_yet_add_to_the_tallied(mission):
    waiting = [mission.submissions["V1"].pk, mission.submissions["V6"].pk, mission.submissions["O3"].pk]
    Submission.objects.filter(mission=mission.mission).exclude(pk__in=waiting).update(tallied=True)
    _add(tallies_recount(checklists=list(Checklist.objects.filter(mission=mission.mission))), sign=1)
    review.submission_exclude(submission=mission.submissions["V6"], reviewer=mission.analyst, reason="Untallied.")
    _check(mission.mission)
