"""Data blocks, each placed in a section and read back from the compiled PDF; mistyped blocks refused with a
message that names the line and what to write."""

import datetime as dt

import pytest

from mission.models import CommissionLevel, OrganisationCategory
from observers.models import Submission
from observers.submissions.review import submission_exclude
from reports.documents.blocks import BLOCKS, block_check
from reports.documents.markdown import BlockCall, BlockError, block_calls
from reports.documents.services import recommendation_add, section_add, section_update
from reports.models import ReportSection
from tests.factories import (
    CommissionMemberFactory,
    ElectionCommissionFactory,
    InvitationFactory,
    MeetingFactory,
    OrganisationFactory,
    PartyFactory,
    ReportFactory,
)
from tests.reports.documents.helpers import compiled, compiled_text


def _report_with(mission, body: str, **fields):
    report = ReportFactory(mission=mission, **fields)
    section = section_add(report=report, level=ReportSection.Level.CHAPTER, heading="Data")
    section_update(section=section, body=body)
    return report


@pytest.fixture
def nam_data(hand_mission):
    """Two regional commissions, a meeting with the CEC chair and a meeting with two parties."""
    mission = hand_mission.mission
    otan = PartyFactory(mission=mission, name="Otan", abbreviation="OT")
    ak_zhol = PartyFactory(mission=mission, name="Ak Zhol", abbreviation="AZ")
    dvk = PartyFactory(mission=mission, name="DVK", abbreviation="DVK")
    first, second = (ElectionCommissionFactory(mission=mission, level=CommissionLevel.REGIONAL) for _ in range(2))
    for commission, nominees in (
        (first, [(otan, True)] * 5 + [(ak_zhol, True), (ak_zhol, False)]),
        (second, [(otan, True)] * 6 + [(dvk, False)]),
    ):
        for party, appointed in nominees:
            CommissionMemberFactory(commission=commission, nominated_by=party, appointed=appointed)
    cec = MeetingFactory(
        mission=mission,
        date=dt.date(2004, 6, 22),
        starts_at=dt.time(15),
        name="Meeting with the CEC Chair, Mrs Baliyeva",
    )
    InvitationFactory(
        meeting=cec,
        organisation=OrganisationFactory(
            mission=mission, category=OrganisationCategory.ELECTION_ADMINISTRATION, name="CEC"
        ),
        attended=True,
    )
    parties = MeetingFactory(
        mission=mission,
        date=dt.date(2004, 6, 23),
        starts_at=dt.time(10),
        ends_at=dt.time(12),
        name="Meeting with political parties",
    )
    for party, attendees in ((otan, "Mr Yermegiyayev"), (dvk, None)):
        organisation = OrganisationFactory(
            mission=mission, category=OrganisationCategory.POLITICAL_PARTY, name=f"{party.name} party", party=party
        )
        InvitationFactory(
            meeting=parties, organisation=organisation, attended=bool(attendees), attendees=attendees or ""
        )
    return hand_mission


def test_every_block_prints_its_figures(nam_data):
    mission = nam_data.mission
    mission.requested_ltos, mission.requested_stos = 2, 4
    mission.save()
    report = _report_with(
        mission,
        "\n\n".join(
            [
                "Before the blocks.",
                "[[block:composition level=regional]]",
                "[[block:meetings]]",
                "[[block:invitees category=political_parties]]",
                "[[block:recommendations]]",
                "[[block:statistics kind=voting]]",
                "[[block:chart kind=voting]]",
                "[[block:chart kind=voting question=unauthorised]]",
                "[[block:map kind=voting]]",
                "[[block:deployment]]",
                "[[block:headline]]",
                "After the blocks.",
            ]
        ),
    )
    recommendation_add(report=report, priority=False, text="Publish results by polling station.")
    recommendation_add(report=report, priority=True, text="Form commissions pluralistically.")
    recommendation_add(report=report, priority=True, text="Keep a paper trail of electronic votes.")

    text = compiled_text(report, "en")

    assert text.index("Before the blocks.") < text.index("After the blocks.")
    # composition: 2 commissions of 7; Otan 11 of 11 (11 of 12 seats), Ak Zhol 1 of 2, DVK 0 of 1
    assert "Regional (oblast) election commissions: members by nominating party" in text
    assert "Otan 11 11 100.0 91.7" in text and "Ak Zhol 2 1 50.0 8.3" in text and "DVK 1 0 0.0 0.0" in text
    assert "Commissions: 2; seats: 14; members appointed: 12." in text
    # meetings: the programme under its city's heading, by day, with the time and the interlocutor
    assert "ALMATY Tuesday, 22 June 2004 15:00 Meeting with the CEC Chair, Mrs Baliyeva" in text
    assert "Wednesday, 23 June 2004 10:00–12:00 Meeting with political parties Almaty" in text
    # invitees: only the meeting with parties; attendance and who came
    assert "Almaty, 23 June 2004, 10:00–12:00" in text
    assert "1 Otan party OT Attended Mr Yermegiyayev 2 DVK party DVK" in text
    # recommendations: priority first, numbered on into the others
    assert "Priority recommendations 1. Form commissions pluralistically. 2. Keep a paper trail" in text
    assert "Other recommendations 3. Publish results by polling station." in text
    # statistics, charts and the map from the seven voting forms
    assert "Voting was assessed negatively (bad or very bad) in 3 of 6 observations." in text
    assert (
        "Voting: overall assessments, per cent of 6" in text
        and "very good 17 % good 33 % bad 33 % very bad 17 %" in text
    )
    assert "Voting: “Unauthorised persons present”, per cent of 7" in text and "Yes 43 % No 57 %" in text
    assert "Voting: the 5 polling stations observed, by their average overall assessment" in text
    assert "Very good: 1 Good: 0 Bad: 2 Very bad: 1" in text
    # deployment: requested and deployed, then coverage
    assert "Long-term observers 2 0 0 Short-term observers 4 1 1" in text
    assert "Total 7 3 5 71 7,700" in text
    assert "Observers visited 5 of 7 polling stations (3 planned) in 2 of 3 regions." in text
    for figure in (1, 2, 3):
        assert f"Figure {figure}." in text


def test_blocks_are_written_in_the_reports_language(nam_data):
    report = _report_with(nam_data.mission, "[[block:meetings]]\n\n[[block:composition]]\n\n[[block:recommendations]]")
    text = compiled_text(report, "kk")
    assert "Сейсенбі, 2004 жылғы 22 маусым 15:00" in text
    assert "Облыстық сайлау комиссиялары: мүшелер ұсынған партиялар бойынша" in text
    assert "Ak Zhol 2 1 50,0 8,3" in text  # a decimal comma
    assert "Ұсыныстамалар әлі жазылмаған." in text


@pytest.mark.parametrize(
    "line, message",
    [
        (
            "[[block:pie kind=voting]]",
            f"line 1: there is no block “pie”; the blocks are: {', '.join(sorted(BLOCKS))}",
        ),
        (
            "[[block:chart kind=voting colour=red]]",
            "line 1: block “chart” does not take “colour”; it takes: kind, question, by",
        ),
        ("[[block:map]]", "line 1: block “map” needs kind=…"),
        (
            "[[block:map kind=incident]]",
            "line 1: block “map”, kind: “incident” is not one of: opening, voting, counting, tabulation",
        ),
        (
            "[[block:composition level=oblast]]",
            "line 1: block “composition”, level: “oblast” is not one of: central, regional,",
        ),
        ("[[block:invitees category=parties,press]]", "line 1: block “invitees”, category: “press” is not one of:"),
        (
            "[[block: map kind=voting]]",
            "line 1: “[[block: map kind=voting]]” is not a block; write it as [[block:name key=value]]",
        ),
        ("[[Block:Map]]", "line 1: “[[Block:Map]]” is not a block"),
    ],
)
def test_a_mistyped_block_says_what_to_write(line, message):
    with pytest.raises(BlockError) as error:
        block_check(block_calls(line)[0])
    assert str(error.value).startswith(message)


def test_block_lines_are_found_with_their_numbers_and_parameters():
    text = (
        "Intro.\n\n[[block:invitees category=civil_society,international]]\n"
        "  [[block:meetings]]  \nNot [[block:x]] here."
    )
    assert block_calls(text) == [
        BlockCall("invitees", {"category": "civil_society,international"}, 3),
        BlockCall("meetings", {}, 4),
    ]
    assert block_check(block_calls(text)[0]) == {"category": ["civil_society", "international"]}
    assert block_check(BlockCall("invitees", {"category": "political_parties"}, 1)) == {"category": ["political_party"]}


def test_a_chart_of_a_question_the_form_lacks_is_refused_when_drawn(hand_mission):
    report = _report_with(hand_mission.mission, "[[block:chart kind=voting question=turnout]]")

    compilation = compiled(report, "en", final=True)
    assert compilation.status == "failed"
    assert compilation.error.startswith(
        "The report could not be compiled: Section “I. Data” (en), line 1: block “chart”: the voting form has no "
        "question “turnout” that a chart can show; its questions are: secrecy, unauthorised, unauthorised_who,"
    )


def test_the_map_leaves_out_forms_an_analyst_excluded(hand_mission):
    submission_exclude(
        submission=Submission.objects.get(polling_station__code="S3"),
        reviewer=hand_mission.analyst,
        reason="Filled at the wrong station",
    )
    text = compiled_text(_report_with(hand_mission.mission, "[[block:map kind=voting]]"), "en")
    assert "Voting: the 4 polling stations observed, by their average overall assessment" in text
    assert "Very good: 0 Good: 0 Bad: 2 Very bad: 1" in text
