"""State changes for the mission's interlocutors: organisations, the people it meets there, meetings and who
was invited to them (the needs-assessment data)."""

from django.db import transaction

from mission.models import Invitation, Meeting, Mission, Organisation, Person
from mission.services.records import outside_mission, record_save

ORGANISATION_FIELDS = ("category", "name", "name_ru", "name_kk", "party")
PERSON_FIELDS = ("full_name", "position")
MEETING_FIELDS = ("date", "starts_at", "ends_at", "city", "name", "name_ru", "name_kk", "notes")


def _check_organisation(organisation: Organisation) -> dict:
    return outside_mission(organisation.mission_id, party=organisation.party)


def organisation_create(*, mission: Mission, **fields) -> Organisation:
    return record_save(Organisation(mission=mission), fields, ORGANISATION_FIELDS, _check_organisation)


def organisation_update(*, organisation: Organisation, **fields) -> Organisation:
    return record_save(organisation, fields, ORGANISATION_FIELDS, _check_organisation)


def person_create(*, organisation: Organisation, **fields) -> Person:
    return record_save(Person(organisation=organisation), fields, PERSON_FIELDS)


def person_update(*, person: Person, **fields) -> Person:
    return record_save(person, fields, PERSON_FIELDS)


def meeting_create(*, mission: Mission, **fields) -> Meeting:
    return record_save(Meeting(mission=mission), fields, MEETING_FIELDS)


def meeting_update(*, meeting: Meeting, **fields) -> Meeting:
    return record_save(meeting, fields, MEETING_FIELDS)


def invitation_create(*, meeting: Meeting, organisation: Organisation) -> Invitation:
    def check(invitation: Invitation) -> dict:
        return outside_mission(meeting.mission_id, organisation=invitation.organisation)

    return record_save(Invitation(meeting=meeting), {"organisation": organisation}, ("organisation",), check)


def invitation_attendance_set(*, invitation: Invitation, attended: bool, attendees: str = "") -> Invitation:
    return record_save(invitation, {"attended": attended, "attendees": attendees.strip()}, ("attended", "attendees"))


def invitation_delete(*, invitation: Invitation) -> None:
    invitation.delete()


@transaction.atomic
def lto_meeting_record(
    *, mission: Mission, held_by, organisation: Organisation, people: list[Person], topics: list[str], **fields
) -> Meeting:
    """A meeting an LTO held in their area: the organisation met (as an attended invitation), the people met there,
    and what was discussed."""
    meeting = record_save(
        Meeting(mission=mission, held_by=held_by, topics=list(topics)), fields, (*MEETING_FIELDS, "region")
    )
    Invitation.objects.create(meeting=meeting, organisation=organisation, attended=True)
    meeting.people.set(people)
    return meeting
