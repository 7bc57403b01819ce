"""Shares printed with their 95 % interval where a report asks for it (Report.margins: its page, the API): in the
data blocks' sentences, in the sentences drafted from data, and once in words what the intervals describe, in all
three languages."""

import re
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from observers.models import Checklist, DeploymentPlan, Role, SampledStation, SampleStratum, StationSample
from reports.documents.render.pdf import report_html
from reports.documents.services import report_get_or_create
from reports.findings.margins import findings_for_report
from reports.findings.present import margin_printed
from reports.models import Report, ReportSection
from tests.factories import (
    ChecklistFactory,
    MissionFactory,
    ObserverFactory,
    PollingStationFactory,
    RegionFactory,
    SubmissionFactory,
    TeamFactory,
    valid_answers,
)

FORMS = 60
INTERVAL = {
    "en": "{percent} per cent (95 % interval {low}–{high}) of {n} observations",
    "ru": "{percent}% (95-процентный интервал {low}–{high}) из {n} наблюдений",
    "kk": "{n} байқаудың {percent} пайызында (95 пайыздық аралық {low}–{high})",
}
DRAFTED = {
    "en": "{percent} per cent (95 % interval {low}–{high}) of {n} polling stations observed",
    "ru": "в {percent} % (95-процентный интервал {low}–{high}) из {n} наблюдавшихся избирательных участков",
    "kk": "байқалған {n} сайлау учаскесінің {percent} пайызында (95 пайыздық аралық {low}–{high})",
}
NOT_DRAWN = {
    "en": "The polling stations were not drawn at random: each 95 % interval given with a share describes the "
    "observed stations only.",
    "ru": "Избирательные участки не отбирались случайным образом: каждый 95-процентный интервал, приведённый при "
    "доле, относится только к наблюдавшимся участкам.",
    "kk": "Сайлау учаскелері кездейсоқ іріктелген жоқ: үлеспен бірге берілген әрбір 95 пайыздық аралық тек "
    "байқалған учаскелерге қатысты.",
}
DRAWN = {
    "en": "The polling stations were drawn at random (40 of 80, by stratum)",
    "ru": "Избирательные участки отобраны случайным образом (40 из 80, по стратам)",
    "kk": "Сайлау учаскелері кездейсоқ іріктелді (80 учаскенің 40 учаскесі, страталар бойынша)",
}


@pytest.fixture
def observed(db):
    """Sixty voting forms by four teams at sixty stations in two regions: enough for per cents and intervals."""
    mission = MissionFactory(time_zone="Asia/Almaty")
    regions = [RegionFactory(mission=mission, code=f"R{i}", name=f"Region {i}") for i in (1, 2)]
    stations = [
        PollingStationFactory(mission=mission, region=regions[i % 2], code=f"P{i:02d}") for i in range(2 * FORMS)
    ]
    teams = [TeamFactory(mission=mission, code=f"T{i}") for i in range(4)]
    voting = ChecklistFactory(mission=mission, kind=Checklist.Kind.VOTING)
    for i in range(FORMS):
        team = teams[i % 4]
        bad = i % (3 + i % 4) == 0  # the teams differ
        SubmissionFactory(
            mission=mission,
            checklist=voting,
            team=team,
            observer=ObserverFactory(mission=mission, team=team),
            polling_station=stations[i],
            answers=valid_answers(
                secrecy="no" if i % 7 in (0, 3) else "yes",
                unauthorised="no",
                overall_assessment="bad" if bad else "good",
            ),
        )
    analyst = ObserverFactory(mission=mission, role=Role.ANALYST)
    report = report_get_or_create(mission=mission, kind=Report.Kind.PRELIMINARY)
    ReportSection.objects.create(report=report, order=99, heading="Figures", body="[[block:headline]]")
    return SimpleNamespace(mission=mission, analyst=analyst, report=report, stations=stations, regions=regions)


def _margin(report, language, *, answer=None):
    findings = findings_for_report(mission=report.mission, language=language, margins=True)
    voting = next(form for form in findings["forms"] if form["kind"] == "voting")
    if answer is None:
        share, k, n = voting["assessment"], voting["assessment"]["negative"], voting["assessment"]["n"]
    else:
        question = next(q for q in voting["questions"] if q["code"] == answer)
        share = next(a for a in question["answers"] if a["value"] == "yes")
        k, n = share["count"], question["denominator"]
    margin = margin_printed(k=k, n=n, interval=share["interval"], design=findings["design"])
    assert margin is not None and margin["low"] < margin["high"]
    return {**margin, "n": f"{margin['n']:,}".replace(",", "\u00a0")}


def _html(report, language):
    report.refresh_from_db()
    html = report_html(report=report, language=language, findings=None, findings_at=timezone.now(), final=False)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_set_on_the_reports_page_and_printed_in_three_languages(client, observed):
    report = observed.report
    client.force_login(observed.analyst.user)
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert 'name="margins"' in page
    for language in ("en", "ru", "kk"):
        assert "(95 " not in _html(report, language)  # not asked for: no interval, no note
        assert NOT_DRAWN[language] not in _html(report, language)
    assert client.post(f"/reports/{report.pk}/", {"margins": "on"}).status_code == 302
    report.refresh_from_db()
    assert report.margins
    for language in ("en", "ru", "kk"):
        text = _html(report, language)
        assert INTERVAL[language].format(**_margin(report, language)) in text, language
        assert text.count(NOT_DRAWN[language]) == 1, language  # said once
    preview = client.get(f"/reports/{report.pk}/preview/ru/").content.decode()
    assert NOT_DRAWN["ru"] in " ".join(preview.split())
    client.post(f"/reports/{report.pk}/", {"title": ""})  # the box left unticked: no intervals again
    report.refresh_from_db()
    assert not report.margins


def test_drafted_sentences_carry_their_intervals(client, observed):
    report = observed.report
    Report.objects.filter(pk=report.pk).update(margins=True)
    section = report.sections.get(topic="voting")
    client.force_login(observed.analyst.user)
    response = client.post(reverse("drafting:section", args=[report.pk, section.pk]), {"replace": "1"})
    assert response.status_code == 302
    section.refresh_from_db()
    for language, body in (("en", section.body), ("ru", section.body_ru), ("kk", section.body_kk)):
        assert DRAFTED[language].format(**_margin(report, language)) in body, language
        assert DRAFTED[language].format(**_margin(report, language, answer="secrecy")) in body, language


def test_a_sample_prints_its_estimates_and_says_how_the_stations_were_drawn(observed):
    """Forms at the sample's stations only (forty of the sixty), weighted: the estimate is the sample's."""
    mission, report = observed.mission, observed.report
    plan, _created = DeploymentPlan.objects.get_or_create(mission=mission)
    sample = StationSample.objects.create(
        plan=plan, seed=1, strata="region", allocation="stations", size=40, reserve_percent=0, population=80
    )
    for region in observed.regions:
        stratum = SampleStratum.objects.create(
            sample=sample, key=region.code, region=region, population=40, size=20, reserves=0
        )
        ours = [station for station in observed.stations[:40] if station.region_id == region.pk]
        for rank, station in enumerate(ours, start=1):
            SampledStation.objects.create(
                sample=sample, stratum=stratum, polling_station=station, rank=rank, role="sampled"
            )
    Report.objects.filter(pk=report.pk).update(margins=True)
    for language in ("en", "ru", "kk"):
        text = _html(report, language)
        margin = _margin(report, language)
        assert margin["n"] == "40"
        assert INTERVAL[language].format(**margin) in text, language
        assert text.count(DRAWN[language]) == 1 and NOT_DRAWN[language] not in text, language


def test_set_through_the_api(observed, token_client):
    client = token_client(observed.analyst.user)
    url = f"/api/v1/reports/reports/{observed.report.pk}/"
    assert client.get(url).json()["margins"] is False
    response = client.patch(url, {"margins": True}, format="json")
    assert response.status_code == 200 and response.json()["margins"] is True
    observed.report.refresh_from_db()
    assert observed.report.margins
    listed = client.get("/api/v1/reports/reports/").json()["results"]
    assert {row["id"] for row in listed} == set(
        Report.objects.filter(mission=observed.mission).values_list("pk", flat=True)
    )


def test_bad_input_through_the_api_names_what_to_fix(observed, token_client):
    client = token_client(observed.analyst.user)
    url = f"/api/v1/reports/reports/{observed.report.pk}/"
    response = client.patch(url, {"margins": "perhaps"}, format="json")
    assert response.status_code == 400 and response.json() == {"margins": ["Must be a valid boolean."]}
    assert client.put(url, {"margins": True}, format="json").status_code == 405
    other = report_get_or_create(mission=MissionFactory(), kind=Report.Kind.FINAL)
    assert client.patch(f"/api/v1/reports/reports/{other.pk}/", {"margins": True}, format="json").status_code == 404
    sto = ObserverFactory(mission=observed.mission, role=Role.STO)
    assert token_client(sto.user).patch(url, {"margins": True}, format="json").status_code == 403
    observed.report.refresh_from_db()
    assert not observed.report.margins
