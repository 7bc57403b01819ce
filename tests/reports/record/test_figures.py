"""The interim report's figures worked out by hand on a small record: two LTO teams (the second covering both
regions), six weekly reports of which four fall in the period (in the mission's time) and one more excluded by
review, two incidents, three cases, four candidates. Checked on the record pages (with the reports behind each
figure) and in the report's blocks in three languages."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from reports.models import ReportSection
from tests.factories import CandidateFactory, CaseFileFactory, ReportFactory, SubmissionFactory

ALMATY = ZoneInfo("Asia/Almaty")
PERIOD = {"start": "2004-08-15", "end": "2004-09-05"}
QUIET = {"administration_assessment": "good", "campaign_climate": "calm", "voter_list_problems": "no"}


@pytest.fixture
def small(rec):
    rec.teams[1].area.add(rec.north)  # LTO2 covers both regions
    lto1, lto2 = rec.teams

    def weekly(team, when, review="unreviewed", **answers):
        return SubmissionFactory(
            mission=rec.mission,
            checklist=rec.weekly,
            team=team,
            observer=rec.lto if team == lto1 else rec.other_lto,
            polling_station=None,
            answers={**QUIET, **answers},
            observed_at=dt.datetime(*when, tzinfo=ALMATY),
            review_status=review,
            review_note="Duplicate" if review == "excluded" else "",
        )

    counted = [
        weekly(lto1, (2004, 8, 15, 19), voter_list_problems="yes", media_problems="yes", campaign_climate="tense"),
        weekly(lto1, (2004, 8, 22, 19), voter_list_problems="yes", administration_assessment="bad"),
        weekly(lto2, (2004, 8, 22, 20), media_problems="yes", misuse_of_resources="yes"),
        weekly(lto2, (2004, 9, 5, 23, 30), misuse_of_resources="yes"),
    ]
    weekly(lto2, (2004, 9, 6, 0, 30), misuse_of_resources="yes")  # the next day in Almaty, still 5 Sep in UTC
    weekly(lto1, (2004, 8, 14, 23), media_problems="yes")
    weekly(lto1, (2004, 8, 29, 19), review="excluded", media_problems="yes")
    for day, severity in ((23, "critical"), (24, "low")):
        SubmissionFactory(
            mission=rec.mission,
            checklist=rec.incident,
            team=lto1,
            observer=rec.lto,
            polling_station=None,
            answers={"severity": severity},
            observed_at=dt.datetime(2004, 8, day, 12, tzinfo=ALMATY),
        )
    return rec, counted


def test_the_record_page_counts_by_hand_and_links_to_the_reports_behind(small, client, django_assert_max_num_queries):
    rec, counted = small
    client.force_login(rec.analyst.user)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("record:index"), PERIOD)
    total = page.context["total"]
    assert total["reports"] == 4
    assert {code: total[code] for code in ("voter_lists", "media", "campaign", "election_administration")} == {
        "voter_lists": 2,
        "media": 2,
        "campaign": 1,
        "election_administration": 1,
    }
    assert total["misuse_of_resources"] == 2 and total["security"] == 0
    rows = {row["region"].code: row for row in page.context["regions"]}
    assert (rows["N"]["reports"], rows["S"]["reports"]) == (4, 2)
    assert (rows["N"]["region"].teams, rows["S"]["region"].teams) == (2, 1)
    weeks = [(week["monday"], week["reports"], week["incidents"]) for week in page.context["weeks"]]
    assert weeks == [(dt.date(2004, 8, 9), 1, 0), (dt.date(2004, 8, 16), 2, 0), (dt.date(2004, 8, 30), 1, 0)]
    media_north = next(cell for topic, cell in zip(page.context["topics"], rows["N"]["cells"]) if topic.code == "media")
    assert media_north["n"] == 2
    behind = client.get(media_north["url"])
    assert {submission.pk for submission in behind.context["page"]} == {counted[0].pk, counted[2].pk}
    south = client.get(rows["S"]["url"])
    assert {submission.pk for submission in south.context["page"]} == {counted[2].pk, counted[3].pk}
    incidents = client.get(reverse("record:reports"), {**PERIOD, "kind": "incident", "week": "2004-08-23"})
    assert incidents.context["page"].paginator.count == 2
    bad = client.get(reverse("record:reports"), {"start": "2004-09-05", "end": "2004-08-15", "region": "Q"})
    assert bad.status_code == 400
    assert "ends before it starts" in bad.content.decode()


def _preview(client, report, language: str) -> str:
    return client.get(reverse("documents:preview", args=[report.pk, language])).content.decode()


def test_the_interim_reports_blocks_print_the_same_figures_in_three_languages(small, client):
    rec, _counted = small
    first = CaseFileFactory(mission=rec.mission, decision="rejected", decided_on=dt.date(2004, 8, 27), is_key=True)
    CaseFileFactory(
        mission=rec.mission,
        body="regional",
        decision="upheld",
        decided_on=dt.date(2004, 8, 29),
        filed_on=dt.date(2004, 8, 28),
        deadline=dt.date(2004, 9, 2),
        appeal_of=first,
    )
    CaseFileFactory(mission=rec.mission, body="court", filed_on=dt.date(2004, 8, 30), deadline=dt.date(2004, 9, 4))
    CaseFileFactory(mission=rec.mission, filed_on=dt.date(2004, 9, 10), deadline=None)  # after the period
    for gender, status, reason in (
        ("female", "registered", ""),
        ("male", "registered", ""),
        ("male", "refused", "signatures"),
        ("female", "deregistered", "campaign_violation"),
    ):
        CandidateFactory(mission=rec.mission, gender=gender, status=status, reason=reason)
    report = ReportFactory(
        mission=rec.mission, kind="interim", number=1, period_from=dt.date(2004, 8, 15), period_to=dt.date(2004, 9, 5)
    )
    body = "\n\n".join(f"[[block:{name}]]" for name in ("lto_topics", "lto_coverage", "cases", "candidates"))
    ReportSection.objects.create(report=report, order=1, heading="Findings", body=body)
    client.force_login(rec.analyst.user)
    english = _preview(client, report, "en")
    assert "Interim Report No. 1" in english
    assert "the long-term observers sent 4 weekly reports" in english
    assert "covered 2 of 2 regions and sent 4 of the 8 weekly reports due" in english
    assert "The mission followed 3 complaints and appeals (1 appeal among them). Of 2 decided, 1 were upheld" in english
    assert "2 were decided after the legal deadline or not at all by it" in english  # 27 Aug > 25 Aug; court pending
    assert "Of 4 who applied to stand in single-mandate districts, 2 were registered; 1 were refused and 1 " in english
    assert "Women are 50 per cent of the registered." in english
    kazakh = _preview(client, report, "kk")
    assert "№ 1 аралық есеп" in kazakh and "жіберген апталық есептер саны: 4" in kazakh
    assert "тіркелгені: 2" in kazakh and "50 пайыз" in kazakh
    russian = _preview(client, report, "ru")
    assert "Промежуточный отчёт № 1" in russian and "направили еженедельные отчёты: 4" in russian
