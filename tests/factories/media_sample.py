"""A small media sample for the feature tests: one mission, a state TV channel with its evening news, a private
newspaper, three subjects (two parties and the President, shown apart), two monitors and the analyst."""

from dataclasses import dataclass

from mission.models import Mission
from observers.models import MediaOutlet, MediaProgramme, MediaSubject, Observer, Role
from tests.factories import MissionFactory, ObserverFactory, PartyFactory
from tests.factories.media import (
    MediaAssignmentFactory,
    MediaMonitorFactory,
    MediaOutletFactory,
    MediaProgrammeFactory,
    MediaSubjectFactory,
)


@dataclass
class Sample:
    mission: Mission
    tv: MediaOutlet
    news: MediaProgramme
    paper: MediaOutlet
    otan: MediaSubject
    ak_zhol: MediaSubject
    president: MediaSubject
    monitor: Observer
    second: Observer
    analyst: Observer


def sample_build() -> Sample:
    mission = MissionFactory(time_zone="Asia/Almaty")
    tv = MediaOutletFactory(mission=mission, name="Khabar", name_kk="Хабар", kind="tv", ownership="state")
    paper = MediaOutletFactory(
        mission=mission, name="Vremya", name_ru="Время", kind="print", ownership="private", language="Russian"
    )
    otan_party = PartyFactory(mission=mission, name="Otan", name_ru="Отан", abbreviation="Otan")
    subjects = {
        "otan": MediaSubjectFactory(
            mission=mission, name="Otan", name_ru="Отан", kind="party", party=otan_party, abbreviation="Otan"
        ),
        "ak_zhol": MediaSubjectFactory(
            mission=mission,
            name="Ak Zhol",
            name_kk="Ақ жол",
            kind="party",
            party=PartyFactory(mission=mission, name="Ak Zhol"),
        ),
        "president": MediaSubjectFactory(
            mission=mission, name="President", name_ru="Президент", kind="official", incumbent=True
        ),
    }
    monitor = MediaMonitorFactory(mission=mission, full_name="Aigerim Monitor")
    second = MediaMonitorFactory(mission=mission, full_name="Boris Monitor")
    for member in (monitor, second):
        MediaAssignmentFactory(monitor=member, outlet=tv)
        MediaAssignmentFactory(monitor=member, outlet=paper)
    return Sample(
        mission=mission,
        tv=tv,
        news=MediaProgrammeFactory(outlet=tv, name="Evening news"),
        paper=paper,
        monitor=monitor,
        second=second,
        analyst=ObserverFactory(mission=mission, role=Role.ANALYST, full_name="Luca Analyst"),
        **subjects,
    )
