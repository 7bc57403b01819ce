"""Margins on the findings pages: worked out by hand on the small mission (tests/reports/findings/helpers.py),
without a sample (observed stations only, teams as clusters) and with one (weights, strata, stations left out)."""

import pytest
from django.utils import formats, translation

from observers.models import DeploymentPlan, SampledStation, SampleStratum, StationSample
from reports.findings.margins import margins_add
from reports.findings.selectors import Scope, findings_compute

VOTING = "/findings/voting/"
NOT_DRAWN = (
    "The stations were not drawn at random: each 95 per cent interval describes the observed stations only, not the "
    "country's. It allows for teams visiting several stations (their forms are not independent), not for how the "
    "stations were chosen."
)


def _voting(findings):
    return next(form for form in findings["forms"] if form["kind"] == "voting")


def _with_margins(mission):
    findings = findings_compute(mission=mission, language="en")
    return margins_add(findings=findings, scope=Scope(mission))


def _answer(form, code, value):
    question = next(q for q in form["questions"] if q["code"] == code)
    return next(a for a in question["answers"] if a["value"] == value)


def test_margins_of_the_observed_stations(findings_mission):
    """Voting, negative assessments: T1 1 of 3 (V4), T2 2 of 3 (V2, V6); p = 0.5; z = ∓1/12; var = 2 · 2/144 = 1/36,
    se 1/6 (16.67 points), df 1. Secrecy "yes" of yes + no: T1 2 of 2, T2 1 of 3; p = 0.6; z = ±0.16;
    var = 2 · 0.0512 = 0.1024, se 0.32."""
    findings = _with_margins(findings_mission.mission)
    assert findings["design"] == {"sampled": False}
    voting = _voting(findings)
    assert voting["assessment"]["interval"] == {
        "estimate": 50.0,
        "low": 0.0,
        "high": 100.0,
        "se": 16.67,
        "teams": 2,
        "forms": 6,
    }
    secrecy = _answer(voting, "secrecy", "yes")["interval"]
    assert (secrecy["estimate"], secrecy["se"], secrecy["teams"], secrecy["forms"]) == (60.0, 32.0, 2, 5)
    assert _answer(voting, "secrecy", "na")["interval"] is None  # left out of the denominator: no share
    # a region one team observed has no degrees of freedom: no interval
    south = next(row for row in voting["by_region"] if row["code"] == "R2")
    assert south["interval"] is None


@pytest.fixture
def sampled(findings_mission):
    """A sample: R1 (3 stations) drew P1 and P2, R2 (2 stations) drew P4; P3 is outside it, P5 is never observed."""
    mission, stations = findings_mission.mission, findings_mission.stations
    north, south = findings_mission.regions
    plan, _created = DeploymentPlan.objects.get_or_create(mission=mission)
    sample = StationSample.objects.create(
        plan=plan, seed=1, strata="region", allocation="stations", size=3, reserve_percent=0, population=5
    )
    r1 = SampleStratum.objects.create(sample=sample, key="R1", region=north, population=3, size=2, reserves=0)
    r2 = SampleStratum.objects.create(sample=sample, key="R2", region=south, population=2, size=1, reserves=0)
    for rank, (stratum, code) in enumerate([(r1, "P1"), (r1, "P2"), (r2, "P4")], start=1):
        SampledStation.objects.create(
            sample=sample, stratum=stratum, polling_station=stations[code], rank=rank, role="sampled"
        )
    return findings_mission


def test_margins_of_a_sample(sampled):
    """Voting forms at sampled stations: R1 P1 (V1 good, V2 bad), P2 (V3 very good); R2 P4 (V5 good, V6 bad);
    V4 at P3 is left out. Weights: R1 3 stations / 2 observed = 1.5, R2 2 / 1 = 2.
    p = (1.5 · 1 + 2 · 1) / (1.5 · 3 + 2 · 2) = 3.5 / 8.5 = 0.41176.
    z = w (neg - p n) / 8.5: T1 in R1 -0.145329, T2 in R1 0.103806, T2 in R2 0.041522.
    R1: mean -0.020761, Σd² = 2 · 0.124567² = 0.031034, × 2/1 × (1 - 2/3) = 0.020689;
    R2, one team: centred on the mean of all three (0): 0.041522² = 0.001724, × (1 - 1/2) = 0.000862.
    var = 0.021551, se = 0.14680 (14.68 points)."""
    findings = _with_margins(sampled.mission)
    design = findings["design"]
    assert (design["sampled"], design["size"], design["population"], design["left_out"]) == (True, 3, 5, 1)
    interval = _voting(findings)["assessment"]["interval"]
    assert (interval["estimate"], interval["se"], interval["teams"], interval["forms"]) == (41.2, 14.68, 3, 5)


def test_a_replaced_station_leaves_the_estimates(sampled):
    SampledStation.objects.filter(polling_station__code="P2").update(role="replaced")
    findings = _with_margins(sampled.mission)
    assert findings["design"]["left_out"] == 3  # V3 and O3 at P2, V4 at P3


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_pages_say_how_the_stations_were_chosen(findings_mission, client, language):
    client.force_login(findings_mission.analyst.user)
    page = client.get(VOTING, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    with translation.override(language):
        assert translation.gettext("95 per cent interval") in page
        assert translation.gettext(NOT_DRAWN).replace("'", "&#x27;") in " ".join(page.split()).replace("'", "&#x27;")
        assert "60.0" not in page  # not sampled: the interval alone, no estimate beside it
    index = client.get("/findings/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    with translation.override(language):
        assert translation.gettext("95 per cent interval") in index


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_a_sampled_plan_is_said_so(sampled, client, language):
    client.force_login(sampled.analyst.user)
    page = " ".join(client.get(VOTING, HTTP_ACCEPT_LANGUAGE=language).content.decode().split())
    with translation.override(language):
        assert translation.gettext("Estimate (95 per cent interval)") in page
        assert f"{formats.localize(41.2)} (" in page
