"""A small mission whose figures are worked out by hand in the tests (see `hand_mission`)."""

from types import SimpleNamespace

import pytest

from observers.models import Checklist, Role
from tests.factories import (
    SAMPLE_QUESTIONS,
    AssignmentFactory,
    ChecklistFactory,
    MissionFactory,
    ObserverFactory,
    PollingStationFactory,
    RegionFactory,
    SubmissionFactory,
    TeamFactory,
    valid_answers,
)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test its own media folder, so files left by one test never count in another."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _relabelled(questions, code, labels):
    return [dict(q, labels=labels) if q["code"] == code else dict(q) for q in questions]


@pytest.fixture
def hand_mission(db):
    """Three regions, seven stations, three planned, seven voting forms (one without an overall assessment).

    station  region  voters  planned  forms: secrecy / unauthorised (who) / overall
    S1       North   1000    yes      yes / no / good;  yes / yes (police) / bad
    S2       North   1500    yes      no / yes (police, officials) / very_bad
    S3       North   2000             yes / no / very_good
    S4       South    800    yes      na / no / good;  yes / yes (officials) / bad
    S5       South   1200             yes / no / (none)
    S6       South    500
    S7       East     700
    """
    mission = MissionFactory(country="Kazakhstan", country_kk="Қазақстан Республикасы", is_demo=True)
    north = RegionFactory(mission=mission, code="R1", name="North", name_kk="Солтүстік")
    south = RegionFactory(mission=mission, code="R2", name="South", name_kk="Оңтүстік")
    east = RegionFactory(mission=mission, code="R3", name="East", name_kk="Шығыс")
    stations = [
        PollingStationFactory(mission=mission, region=region, code=f"S{i}", registered_voters=voters)
        for i, (region, voters) in enumerate(
            [(north, 1000), (north, 1500), (north, 2000), (south, 800), (south, 1200), (south, 500), (east, 700)],
            start=1,
        )
    ]
    s1, s2, s3, s4, s5, _, _ = stations
    team = TeamFactory(mission=mission)
    for order, station in enumerate([s1, s2, s4], start=1):
        AssignmentFactory(team=team, polling_station=station, order=order)
    observer = ObserverFactory(mission=mission, team=team)
    voting_v1 = ChecklistFactory(mission=mission, kind=Checklist.Kind.VOTING, version=1)
    ChecklistFactory(
        mission=mission,
        kind=Checklist.Kind.VOTING,
        version=2,
        questions=_relabelled(
            SAMPLE_QUESTIONS,
            "secrecy",
            {"en": "Was the secrecy of the vote ensured?", "kk": "Дауыс беру құпиясы қамтамасыз етілді ме?"},
        ),
    )
    ChecklistFactory(mission=mission, kind=Checklist.Kind.COUNTING, version=1)
    forms = [
        (s1, dict(secrecy="yes", unauthorised="no", overall_assessment="good")),
        (s1, dict(secrecy="yes", unauthorised="yes", unauthorised_who=["police"], overall_assessment="bad")),
        (
            s2,
            dict(
                secrecy="no",
                unauthorised="yes",
                unauthorised_who=["police", "officials"],
                overall_assessment="very_bad",
            ),
        ),
        (s3, dict(secrecy="yes", unauthorised="no", overall_assessment="very_good")),
        (s4, dict(secrecy="na", unauthorised="no", overall_assessment="good")),
        (s4, dict(secrecy="yes", unauthorised="yes", unauthorised_who=["officials"], overall_assessment="bad")),
        (s5, dict(secrecy="yes", unauthorised="no", overall_assessment=None, notes="Calm")),
    ]
    for station, answers in forms:
        SubmissionFactory(
            mission=mission,
            checklist=voting_v1,
            team=team,
            observer=observer,
            polling_station=station,
            answers=valid_answers(**answers),
        )
    SubmissionFactory(answers=valid_answers(overall_assessment="very_bad"))  # another mission: never counted
    analyst = ObserverFactory(mission=mission, role=Role.ANALYST)
    return SimpleNamespace(mission=mission, analyst=analyst, observer=observer, regions=(north, south, east))


@pytest.fixture
def compilation_of():
    """A finished compilation of `mission` with a small stand-in PDF, without rendering one."""
    from django.core.files.base import ContentFile

    from reports.models import Compilation
    from tests.factories import ReportFactory

    def make(mission, **fields):
        compilation = Compilation(report=ReportFactory(mission=mission), status=Compilation.Status.DONE, **fields)
        compilation.pdf.save(f"{mission.slug}.pdf", ContentFile(b"%PDF-1.7 stand-in"), save=False)
        compilation.save()
        return compilation

    return make
