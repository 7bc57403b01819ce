"""Interlocutors and meetings: rules, the programme and attendance pages, the API, and the report's annexes."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from mission.models import Invitation, Meeting, Organisation, OrganisationCategory
from mission.services import interlocutors as services
from observers.demo.nam import nam_demo_load
from observers.models import Role
from tests.factories import (
    InvitationFactory,
    MeetingFactory,
    MissionFactory,
    OrganisationFactory,
    PartyFactory,
    PersonFactory,
)
from tests.mission.services.helpers import signed_in


def test_a_meeting_ends_after_it_starts(db):
    mission = MissionFactory()
    with pytest.raises(ValidationError, match="The meeting must end after it starts"):
        services.meeting_create(
            mission=mission,
            date=dt.date(2004, 6, 21),
            starts_at=dt.time(14),
            ends_at=dt.time(13),
            city="Almaty",
            name="NGOs",
        )
    with pytest.raises(IntegrityError):
        MeetingFactory(mission=mission, starts_at=dt.time(14), ends_at=dt.time(14))


def test_an_organisation_is_invited_once_and_from_the_same_mission(db):
    invitation = InvitationFactory()
    with pytest.raises(ValidationError, match="already exists"):
        services.invitation_create(meeting=invitation.meeting, organisation=invitation.organisation)
    with pytest.raises(ValidationError) as error:
        services.invitation_create(meeting=invitation.meeting, organisation=OrganisationFactory())
    assert error.value.message_dict == {"organisation": ["Choose one of this mission's records."]}
    assert Invitation.objects.count() == 1


def test_who_came_only_when_attended(db):
    invitation = InvitationFactory()
    with pytest.raises(ValidationError, match="Name who came only if the organisation attended"):
        services.invitation_attendance_set(invitation=invitation, attended=False, attendees="Mr X")
    invitation.refresh_from_db()
    assert (invitation.attended, invitation.attendees) == (False, "")
    services.invitation_attendance_set(invitation=invitation, attended=True, attendees="  Mr X ")
    invitation.refresh_from_db()
    assert (invitation.attended, invitation.attendees) == (True, "Mr X")
    with pytest.raises(IntegrityError):
        Invitation.objects.filter(pk=invitation.pk).update(attended=False)


def test_only_a_party_organisation_links_a_party(db):
    mission = MissionFactory()
    party = PartyFactory(mission=mission)
    with pytest.raises(ValidationError, match="Only an organisation in the political parties category"):
        services.organisation_create(mission=mission, category=OrganisationCategory.MEDIA, name="Otan", party=party)
    with pytest.raises(ValidationError) as error:
        services.organisation_create(
            mission=mission, category=OrganisationCategory.POLITICAL_PARTY, name="Otan", party=PartyFactory()
        )
    assert list(error.value.message_dict) == ["party"]
    organisation = services.organisation_create(
        mission=mission, category=OrganisationCategory.POLITICAL_PARTY, name="Otan", party=party
    )
    assert party.organisation == organisation


# Pages


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ANALYST])
def test_core_team_plans_a_meeting_invites_and_marks_attendance(db, role):
    mission = MissionFactory()
    media = OrganisationFactory(mission=mission, category=OrganisationCategory.MEDIA, name="Adil Soz")
    client = signed_in(mission, role)

    response = client.post(
        reverse("nam:meeting-create"),
        {
            "date": "2004-06-21",
            "starts_at": "17:00",
            "city": "Almaty",
            "name": "Meeting with media NGOs and the press",
            "name_kk": "БАҚ саласындағы МЕҰ өкілдерімен кездесу",
        },
    )
    meeting = Meeting.objects.get(mission=mission)
    assert response.status_code == 302 and response.url == reverse("nam:meeting", args=[meeting.pk])

    response = client.post(reverse("nam:invitation-create", args=[meeting.pk]), {"organisation": media.pk})
    invitation = meeting.invitations.get()
    assert response.status_code == 302 and invitation.organisation == media and not invitation.attended

    field = f"i{invitation.pk}"
    response = client.post(
        reverse("nam:invitation-attendance", args=[invitation.pk]),
        {f"{field}-attended": "on", f"{field}-attendees": "Tamara Kaleyeva"},
    )
    invitation.refresh_from_db()
    assert response.status_code == 302 and (invitation.attended, invitation.attendees) == (True, "Tamara Kaleyeva")

    page = client.get(reverse("nam:meeting", args=[meeting.pk]))
    assert page.status_code == 200 and "Tamara Kaleyeva" in page.content.decode()
    assert client.post(reverse("nam:invitation-delete", args=[invitation.pk])).status_code == 302
    assert not meeting.invitations.exists()


def test_attendance_without_attended_is_a_400_on_the_meeting_page(db):
    invitation = InvitationFactory()
    client = signed_in(invitation.meeting.mission, Role.ANALYST)
    response = client.post(
        reverse("nam:invitation-attendance", args=[invitation.pk]), {f"i{invitation.pk}-attendees": "Mr X"}
    )
    assert response.status_code == 400
    assert "Name who came only if the organisation attended" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.attendees == ""


def test_inviting_twice_or_a_bad_meeting_is_a_400(db):
    invitation = InvitationFactory()
    mission = invitation.meeting.mission
    client = signed_in(mission, Role.COORDINATOR)
    response = client.post(
        reverse("nam:invitation-create", args=[invitation.meeting_id]), {"organisation": invitation.organisation_id}
    )
    assert response.status_code == 400 and Invitation.objects.count() == 1
    response = client.post(
        reverse("nam:meeting-create"),
        {
            "date": "2004-06-21",
            "starts_at": "16:00",
            "ends_at": "14:00",
            "city": "Almaty",
            "name": "NGOs",
        },
    )
    assert response.status_code == 400 and "must end after it starts" in response.content.decode()
    assert Meeting.objects.count() == 1


def test_organisations_and_people_pages(db):
    mission = MissionFactory()
    client = signed_in(mission, Role.ANALYST)
    response = client.post(
        reverse("nam:organisation-create"),
        {
            "category": OrganisationCategory.STATE,
            "name": "Ministry of Foreign Affairs",
            "name_ru": "Министерство иностранных дел",
        },
    )
    organisation = Organisation.objects.get(mission=mission)
    assert response.status_code == 302
    response = client.post(
        reverse("nam:person-create", args=[organisation.pk]),
        {"full_name": "Kairat Abuseitov", "position": "First Deputy Minister"},
    )
    assert response.status_code == 302 and organisation.people.get().full_name == "Kairat Abuseitov"
    page = client.get(reverse("nam:organisations"))
    assert "Kairat Abuseitov (First Deputy Minister)" in page.content.decode()


def test_programme_lists_meetings_by_date_in_a_fixed_number_of_queries(db, django_assert_max_num_queries):
    mission = MissionFactory()
    for day, hour in [(23, 10), (21, 17), (21, 14), (22, 10)]:
        meeting = MeetingFactory(mission=mission, date=dt.date(2004, 6, day), starts_at=dt.time(hour))
        InvitationFactory.create_batch(3, meeting=meeting)
    client = signed_in(mission, Role.COORDINATOR)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("nam:meetings"))
    assert [(m.date.day, m.starts_at.hour, m.invited) for m in response.context["meetings"]] == [
        (21, 14, 3),
        (21, 17, 3),
        (22, 10, 3),
        (23, 10, 3),
    ]


@pytest.mark.parametrize("name", ["nam:meetings", "nam:meeting-create", "nam:organisations"])
def test_observers_get_403(db, name):
    assert signed_in(MissionFactory(), Role.STO).get(reverse(name)).status_code == 403


def test_another_missions_meeting_is_a_404(db):
    invitation = InvitationFactory()
    person = PersonFactory(organisation=invitation.organisation)
    client = signed_in(MissionFactory(), Role.COORDINATOR)
    for url in [
        reverse("nam:meeting", args=[invitation.meeting_id]),
        reverse("nam:organisation", args=[invitation.organisation_id]),
        reverse("nam:person-edit", args=[person.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse("nam:invitation-attendance", args=[invitation.pk]), {f"i{invitation.pk}-attended": "on"}
    )
    assert response.status_code == 404
    assert client.post(reverse("nam:invitation-delete", args=[invitation.pk])).status_code == 404
    invitation.refresh_from_db()
    assert invitation.attended is False


# API


def test_api_meetings_with_invitations(db, django_assert_max_num_queries):
    mission = MissionFactory()
    meeting = MeetingFactory(mission=mission, ends_at=dt.time(12))
    InvitationFactory(meeting=meeting, organisation__name="Otan", attended=True, attendees="Mr Yermegiyayev")
    InvitationFactory(meeting=meeting, organisation__name="Asar")
    MeetingFactory(mission=MissionFactory())
    client = signed_in(mission, Role.ANALYST, api=True)
    with django_assert_max_num_queries(7):
        response = client.get("/api/v1/nam/meetings/")
    (found,) = response.json()["results"]
    assert (found["starts_at"], found["ends_at"]) == ("10:00:00", "12:00:00")
    assert [(i["organisation_name"], i["attended"], i["attendees"]) for i in found["invitations"]] == [
        ("Otan", True, "Mr Yermegiyayev"),
        ("Asar", False, ""),
    ]
    assert signed_in(mission, Role.STO, api=True).get("/api/v1/nam/meetings/").status_code == 403
    stranger = signed_in(MissionFactory(), Role.COORDINATOR, api=True)
    assert stranger.get(f"/api/v1/nam/meetings/{meeting.pk}/").status_code == 404


# The report's annexes, as the demo loads them


@pytest.fixture
def demo(db):
    mission = MissionFactory()
    nam_demo_load(mission=mission)
    return mission


def test_demo_programme_follows_annex_1(demo):
    """Annex 1 as the source prints it: its meetings and travel, without the 15:00 NGO meeting Annex 4 lists."""
    programme = [
        (m.date.day, m.starts_at.strftime("%H:%M"), m.city, m.is_travel)
        for m in Meeting.objects.filter(mission=demo, in_programme=True)
    ]
    assert programme == [
        (20, "23:20", "Almaty", True),
        (21, "14:00", "Almaty", False),
        (21, "17:00", "Almaty", False),
        (22, "10:00", "Almaty", False),
        (22, "11:00", "Almaty", False),
        (22, "13:30", "Almaty", False),
        (22, "15:00", "Almaty", False),
        (23, "10:00", "Almaty", False),
        (23, "12:00", "Almaty", False),
        (24, "08:40", "Astana", True),
        (24, "09:15", "Astana", False),
        (24, "11:00", "Astana", False),
        (24, "14:30", "Astana", False),
        (24, "15:55", "Astana", True),
        (24, "17:35", "Astana", True),
        (25, "04:20", "Almaty", True),
    ]
    assert Meeting.objects.filter(mission=demo, in_programme=False).get().starts_at == dt.time(15)
    demonstration = Meeting.objects.get(mission=demo, date=dt.date(2004, 6, 24), starts_at=dt.time(11))
    assert "Sailau" in demonstration.name and "«Сайлау»" in demonstration.name_kk


def test_demo_invitees_and_attendance_follow_annexes_2_to_4(demo):
    parties = Meeting.objects.get(mission=demo, date=dt.date(2004, 6, 23), starts_at=dt.time(10))
    assert (parties.ends_at, parties.invitations.count(), parties.invitations.filter(attended=True).count()) == (
        dt.time(12),
        12,
        9,
    )
    absent = parties.invitations.filter(attended=False).values_list("organisation__name", flat=True)
    assert sorted(absent) == ["Asar", "Communist People's Party", "Democratic Party"]
    assert parties.invitations.get(organisation__name="Ak Zhol").attendees == "Болат Әбілов мырза"
    media = Meeting.objects.get(mission=demo, date=dt.date(2004, 6, 21), starts_at=dt.time(17))
    assert (media.invitations.count(), media.invitations.filter(attended=True).count()) == (8, 3)
    ngos = Invitation.objects.filter(
        meeting__mission=demo, meeting__date=dt.date(2004, 6, 21), meeting__starts_at__lt=dt.time(17)
    )
    assert (ngos.count(), ngos.filter(attended=True).count()) == (9, 6)
    nam_demo_load(mission=demo)
    assert Invitation.objects.filter(meeting__mission=demo).count() == 42
    assert Organisation.objects.filter(mission=demo).count() == 36


def test_demo_pages_render(demo):
    client = signed_in(demo, Role.ANALYST)
    meeting = Meeting.objects.filter(mission=demo).first()
    for url in [
        reverse("nam:commissions"),
        reverse("nam:composition"),
        reverse("nam:organisations"),
        reverse("nam:meetings"),
        reverse("nam:meeting", args=[meeting.pk]),
        reverse("nam:commission", args=[demo.commissions.first().pk]),
        reverse("nam:organisation", args=[Organisation.objects.filter(mission=demo).first().pk]),
    ]:
        assert client.get(url).status_code == 200, url
