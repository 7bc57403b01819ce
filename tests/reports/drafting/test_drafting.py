"""The statement's election-day sections drafted from the findings, with their N, in three languages; an analyst's
text never replaced without their confirmation; data blocks frozen at a cut-off print the same figures after new
forms arrive, until the freeze is lifted."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from observers.models import Checklist, Role
from reports.documents.services import report_get_or_create, section_update
from reports.drafting.services import draft_paragraphs
from reports.models import BlockFreeze, Report, SectionDraft
from tests.factories import ObserverFactory, SubmissionFactory
from tests.reports.findings.helpers import local

pytestmark = pytest.mark.django_db


@pytest.fixture
def statement(findings_mission):
    return report_get_or_create(mission=findings_mission.mission, kind=Report.Kind.PRELIMINARY)


@pytest.fixture
def analyst(client, findings_mission):
    member = ObserverFactory(mission=findings_mission.mission, role=Role.ANALYST)
    client.force_login(member.user)
    return member


def _section(report, topic):
    return report.sections.get(topic=topic)


def _draft(client, section, **data):
    return client.post(reverse("drafting:section", args=[section.report_id, section.pk]), data)


def test_the_issue_example_with_its_n_and_the_count_below_thirty(findings_mission):
    findings = {
        "submissions": 1445,
        "forms": [
            {
                "kind": "voting",
                "submissions": 1445,
                "has_assessment": True,
                "assessment": {"n": 1445, "negative": 159},
                "questions": [],
            },
            {"kind": "counting", "submissions": 17, "has_assessment": True, "assessment": {"n": 17, "negative": 4}},
        ],
        "coverage": {"total": {"observed": 1445, "stations": 9500, "planned": 1500}, "regions_observed": 16},
    }
    findings["coverage"]["regions_total"] = 16
    mission = findings_mission.mission
    at = dt.datetime(2004, 9, 19, 18, 0, tzinfo=dt.UTC)
    english = draft_paragraphs(topic="election_day", findings=findings, language="en", mission=mission, findings_at=at)
    assert "Voting was assessed negatively in 11 per cent of 1,445 polling stations observed." in english
    assert "The count was assessed negatively in 4 of 17 polling stations observed." in english
    russian = draft_paragraphs(topic="election_day", findings=findings, language="ru", mission=mission, findings_at=at)
    assert (
        "Процесс голосования был оценён отрицательно в 11 % из 1\u00a0445 наблюдавшихся избирательных участков."
        in russian
    )
    assert "Подсчёт голосов был оценён отрицательно в 4 из 17 наблюдавшихся избирательных участков." in russian
    kazakh = draft_paragraphs(topic="election_day", findings=findings, language="kk", mission=mission, findings_at=at)
    assert "Дауыс беру байқалған 1\u00a0445 сайлау учаскесінің 11 пайызында теріс бағаланды." in kazakh
    assert "Дауыстарды санау байқалған 17 сайлау учаскесінің 4 учаскесінде теріс бағаланды." in kazakh


def test_a_voting_section_still_holding_its_guide_is_drafted_in_three_languages_keeping_its_blocks(
    client, analyst, statement
):
    voting = _section(statement, "voting")
    response = _draft(client, voting)
    assert response.status_code == 302
    voting.refresh_from_db()
    assert voting.body.startswith("Voting was assessed negatively in 3 of 6 polling stations observed.")
    assert "Asked “Secrecy of the vote ensured”, observers answered yes in 3 of 5 polling stations observed." in (
        voting.body
    )  # "not applicable" left out of N
    assert "[[block:chart kind=voting]]" in voting.body and "[[block:statistics kind=voting]]" in voting.body
    assert "в 3 из 6 наблюдавшихся избирательных участков" in voting.body_ru
    assert "байқалған 6 сайлау учаскесінің 3 учаскесінде теріс бағаланды" in voting.body_kk
    assert "*[" not in voting.body.split("\n\n")[0]  # the guide is gone; the draft's own note closes the prose
    opening = _section(statement, "opening")
    _draft(client, opening)
    opening.refresh_from_db()
    assert opening.body.startswith("The opening was assessed negatively in 1 of 3 polling stations observed.")
    overview = _section(statement, "election_day")
    _draft(client, overview)
    overview.refresh_from_db()
    assert "Observers visited" in overview.body and "Voting was assessed negatively in 3 of 6" in overview.body
    assert "[[block:method]]" in overview.body


def test_an_analysts_edit_is_replaced_only_on_confirmation_and_kept_with_the_draft(client, analyst, statement):
    voting = _section(statement, "voting")
    _draft(client, voting)
    voting.refresh_from_db()
    again = _draft(client, voting)  # the draft untouched: drafted anew without asking
    assert again.status_code == 302 and SectionDraft.objects.filter(section=voting).count() == 2
    edited = voting.body.replace("Voting was assessed", "On the whole, voting was assessed")
    section_update(section=voting, body=edited)
    refused = _draft(client, voting)
    assert refused.status_code == 409
    assert "holds text written since its last draft" in refused.content.decode()
    voting.refresh_from_db()
    assert voting.body == edited and SectionDraft.objects.filter(section=voting).count() == 2
    confirmed = _draft(client, voting, replace="1")
    assert confirmed.status_code == 302
    voting.refresh_from_db()
    assert voting.body.startswith("Voting was assessed") and voting.drafts.first().replaced == edited


def test_a_section_not_of_election_day_is_refused_with_what_can_be_drafted(client, analyst, statement):
    background = _section(statement, "background")
    response = _draft(client, background)
    assert response.status_code == 400
    assert "Only the election-day sections" in response.content.decode()


def test_a_section_of_another_mission_is_not_found(client, analyst, findings_mission):
    other = report_get_or_create(mission=ObserverFactory().mission, kind=Report.Kind.PRELIMINARY)
    assert _draft(client, _section(other, "voting")).status_code == 404


def test_frozen_blocks_print_the_same_figures_after_new_forms_arrive(client, analyst, statement, findings_mission):
    preview = reverse("documents:preview", args=[statement.pk, "en"])
    before = client.get(preview).content.decode()
    assert client.post(reverse("drafting:freeze", args=[statement.pk])).status_code == 302
    assert BlockFreeze.objects.filter(report=statement).count() == 3
    voting = Checklist.objects.get(mission=findings_mission.mission, kind=Checklist.Kind.VOTING)
    team = findings_mission.teams[0]
    for code in ("P1", "P2", "P3"):
        SubmissionFactory(
            mission=findings_mission.mission,
            checklist=voting,
            team=team,
            observer=findings_mission.observers[team],
            polling_station=findings_mission.stations[code],
            observed_at=local(14, 0),
            answers={"secrecy": "no", "overall_assessment": "very_bad"},
        )
    frozen = client.get(preview).content.decode()
    assert "6 of 9" not in frozen and _figures(frozen) == _figures(before)
    assert "The data blocks are frozen" in client.get(reverse("documents:detail", args=[statement.pk])).content.decode()
    voting_section = _section(statement, "voting")
    _draft(client, voting_section)  # drafted from the frozen figures too
    voting_section.refresh_from_db()
    assert "3 of 6 polling stations observed" in voting_section.body and voting_section.drafts.first().frozen
    client.post(reverse("drafting:unfreeze", args=[statement.pk]))
    live = client.get(preview).content.decode()
    assert _figures(live) != _figures(before)


def _figures(html: str) -> list[str]:
    return re.findall(r"\d+ of \d+|\d+ per cent of [\d,]+", html)
