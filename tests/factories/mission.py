"""Factories of the mission app: the country, its election administration, interlocutors and meetings."""

import datetime as dt

import factory

from mission.models import (
    CommissionLevel,
    CommissionMember,
    Contestant,
    District,
    ElectionCommission,
    Invitation,
    Meeting,
    Mission,
    Organisation,
    OrganisationCategory,
    Party,
    Person,
    PollingStation,
    Region,
)


class MissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mission

    slug = factory.Sequence(lambda n: f"mission-{n}")
    name = factory.Sequence(lambda n: f"Test mission {n}")
    country = "Kazakhstan"
    election = "Parliamentary elections"
    election_date = dt.date(2004, 9, 19)
    time_zone = "Asia/Almaty"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    mission = factory.SubFactory(MissionFactory)
    code = factory.Sequence(lambda n: f"R{n:02d}")
    name = factory.Sequence(lambda n: f"Region {n}")


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    region = factory.SubFactory(RegionFactory)
    mission = factory.SelfAttribute("region.mission")
    code = factory.Sequence(lambda n: f"D{n:03d}")
    name = factory.Sequence(lambda n: f"District {n}")


class PollingStationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PollingStation

    region = factory.SubFactory(RegionFactory)
    mission = factory.SelfAttribute("region.mission")
    code = factory.Sequence(lambda n: f"PS{n:05d}")
    name = factory.Sequence(lambda n: f"School No. {n}")
    address = "1 Main Street"
    latitude = 43.25
    longitude = 76.95
    registered_voters = 1000


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    mission = factory.SubFactory(MissionFactory)
    name = factory.Sequence(lambda n: f"Party {n}")


class ElectionCommissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ElectionCommission

    mission = factory.SubFactory(MissionFactory)
    level = CommissionLevel.REGIONAL
    name = factory.Sequence(lambda n: f"Oblast Election Commission {n}")


class CommissionMemberFactory(factory.django.DjangoModelFactory):
    """Appointed, nominated by a party of the commission's mission (pass nominated_by=None, nominating_body=...)."""

    class Meta:
        model = CommissionMember

    commission = factory.SubFactory(ElectionCommissionFactory)
    full_name = factory.Sequence(lambda n: f"Commission member {n}")
    nominated_by = factory.SubFactory(PartyFactory, mission=factory.SelfAttribute("..commission.mission"))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    mission = factory.SubFactory(MissionFactory)
    category = OrganisationCategory.CIVIL_SOCIETY
    name = factory.Sequence(lambda n: f"Organisation {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    full_name = factory.Sequence(lambda n: f"Person {n}")


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    mission = factory.SubFactory(MissionFactory)
    date = dt.date(2004, 6, 21)
    starts_at = dt.time(10, 0)
    city = "Almaty"
    name = factory.Sequence(lambda n: f"Meeting {n}")


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    meeting = factory.SubFactory(MeetingFactory)
    organisation = factory.SubFactory(OrganisationFactory, mission=factory.SelfAttribute("..meeting.mission"))


class ContestantFactory(factory.django.DjangoModelFactory):
    """A party list on every station's ballot; give `district` (and kind=candidate) for a candidate."""

    class Meta:
        model = Contestant

    mission = factory.SubFactory(MissionFactory)
    kind = Contestant.Kind.LIST
    code = factory.Sequence(lambda n: f"C{n:03d}")
    name = factory.Sequence(lambda n: f"List {n}")
    number = factory.Sequence(lambda n: n + 1)
