"""Factories for media monitoring, and a small sample: an outlet, its programme, a subject and a monitor assigned."""

import datetime as dt

import factory

from observers.models import MediaAssignment, MediaCheck, MediaItem, MediaOutlet, MediaProgramme, MediaSubject, Role
from tests.factories.mission import MissionFactory
from tests.factories.observers import ObserverFactory

SAMPLE_START, SAMPLE_END = dt.date(2004, 8, 20), dt.date(2004, 9, 17)


class MediaOutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MediaOutlet

    mission = factory.SubFactory(MissionFactory)
    name = factory.Sequence(lambda n: f"Channel {n}")
    kind = MediaOutlet.Kind.TV
    ownership = MediaOutlet.Ownership.STATE
    language = "Kazakh"


class MediaProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MediaProgramme

    outlet = factory.SubFactory(MediaOutletFactory)
    name = factory.Sequence(lambda n: f"News {n}")


class MediaSubjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MediaSubject

    mission = factory.SubFactory(MissionFactory)
    name = factory.Sequence(lambda n: f"Subject {n}")
    kind = MediaSubject.Kind.OTHER


class MediaMonitorFactory(ObserverFactory):
    role = Role.MEDIA_MONITOR
    full_name = factory.Sequence(lambda n: f"Monitor {n}")


class MediaAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MediaAssignment

    monitor = factory.SubFactory(MediaMonitorFactory)
    outlet = factory.SubFactory(MediaOutletFactory, mission=factory.SelfAttribute("..monitor.mission"))
    starts_on = SAMPLE_START
    ends_on = SAMPLE_END


class MediaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MediaItem

    coder = factory.SubFactory(MediaMonitorFactory)
    mission = factory.SelfAttribute("coder.mission")
    outlet = factory.SubFactory(MediaOutletFactory, mission=factory.SelfAttribute("..mission"))
    subject = factory.SubFactory(MediaSubjectFactory, mission=factory.SelfAttribute("..mission"))
    date = SAMPLE_START
    reference = factory.Sequence(lambda n: f"item-{n}")
    amount = 60
    tone = "neutral"


class MediaCheckFactory(factory.django.DjangoModelFactory):
    """A second coding; by default the same as the first."""

    class Meta:
        model = MediaCheck

    item = factory.SubFactory(MediaItemFactory, double_code=True)
    coder = factory.SubFactory(MediaMonitorFactory, mission=factory.SelfAttribute("..item.mission"))
    subject = factory.SelfAttribute("item.subject")
    amount = factory.SelfAttribute("item.amount")
    tone = factory.SelfAttribute("item.tone")
    first_subject = factory.SelfAttribute("item.subject")
    first_amount = factory.SelfAttribute("item.amount")
    first_tone = factory.SelfAttribute("item.tone")


def media_sample(*, mission, monitor) -> dict:
    """`monitor` assigned to an outlet; another monitor's item waiting for a second coding, one coded twice."""
    outlet = MediaOutletFactory(mission=mission, name=f"Outlet of {mission.name}")
    programme = MediaProgrammeFactory(outlet=outlet)
    subject = MediaSubjectFactory(mission=mission, name=f"Subject of {mission.name}")
    assignment = MediaAssignmentFactory(monitor=monitor, outlet=outlet)
    colleague = MediaMonitorFactory(mission=mission, full_name=f"Colleague of {monitor.full_name}")
    MediaAssignmentFactory(monitor=colleague, outlet=outlet)
    item = MediaItemFactory(coder=colleague, outlet=outlet, programme=programme, subject=subject, double_code=True)
    check = MediaCheckFactory(
        item__coder=colleague, item__outlet=outlet, item__subject=subject, coder=monitor, tone="positive"
    )
    return {
        "outlet": outlet,
        "programme": programme,
        "subject": subject,
        "media_item": item,
        "media_check": check,
        "media_assignment": assignment,
    }
