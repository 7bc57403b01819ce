"""State changes for election administration and the mission's interlocutors (the needs-assessment data).

Each function checks the whole object (fields, database constraints, links within the same mission) before it
writes, and raises ValidationError keyed by the field to correct.
"""
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from mission.models import (
    CommissionLevel,
    CommissionMember,
    ElectionCommission,
    Invitation,
    Meeting,
    Mission,
    Organisation,
    Person,
)

# Lower is higher up; a commission's parent must rank above it.
LEVEL_RANK = {
    CommissionLevel.CENTRAL: 0,
    CommissionLevel.REGIONAL: 1,
    CommissionLevel.DISTRICT: 2,
    CommissionLevel.TERRITORIAL: 2,
    CommissionLevel.PRECINCT: 3,
}

COMMISSION_FIELDS = ("level", "name", "name_ru", "name_kk", "region", "district", "polling_station", "size", "parent")
MEMBER_FIELDS = ("full_name", "position", "nominated_by", "nominating_body", "appointed")
ORGANISATION_FIELDS = ("category", "name", "name_ru", "name_kk", "party")
PERSON_FIELDS = ("full_name", "position")
MEETING_FIELDS = ("date", "starts_at", "ends_at", "city", "name", "name_ru", "name_kk", "notes")


def _outside_mission(mission_id: int, **related) -> dict:
    return {
        field: _("Choose one of this mission's records.")
        for field, obj in related.items()
        if obj is not None and obj.mission_id != mission_id
    }


def _save(instance: models.Model, fields: dict, editable: tuple[str, ...], check=None) -> models.Model:
    """Assign `fields`, validate (the model, then `check(instance)` -> {field: message}), and save atomically."""
    unknown = set(fields) - set(editable)
    if unknown:
        raise TypeError(f"Not editable here: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    errors = check(instance) if check else {}
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:  # a concurrent write got there between the check and the save
        message = _("Someone saved a clashing record meanwhile; reload and try again.")
        raise ValidationError({NON_FIELD_ERRORS: message}) from error
    return instance


def _check_commission(commission: ElectionCommission) -> dict:
    errors = _outside_mission(
        commission.mission_id,
        region=commission.region,
        district=commission.district,
        polling_station=commission.polling_station,
        parent=commission.parent,
    )
    parent = commission.parent
    if parent is not None and "parent" not in errors and (
        parent.pk == commission.pk or LEVEL_RANK[parent.level] >= LEVEL_RANK[commission.level]
    ):
        errors["parent"] = _("The parent commission must be at a higher level than this one.")
    district = commission.district
    if district is not None and commission.region_id is not None and district.region_id != commission.region_id:
        errors["district"] = _("This district is in another region: choose a district of the region given.")
    if commission.pk is not None and commission.members.filter(appointed=True).count() > commission.size:
        errors["size"] = _("More members are appointed than this size: remove members first.")
    return errors


def _check_member(member: CommissionMember) -> dict:
    commission = member.commission
    errors = _outside_mission(commission.mission_id, nominated_by=member.nominated_by)
    if member.appointed:
        others = commission.members.filter(appointed=True).exclude(pk=member.pk).count()
        if others >= commission.size:
            errors["appointed"] = _(
                "This commission already has its %(size)d appointed members: record this person as a nominee "
                "not appointed, or change the commission's size."
            ) % {"size": commission.size}
    return errors


def _check_organisation(organisation: Organisation) -> dict:
    return _outside_mission(organisation.mission_id, party=organisation.party)


def commission_create(*, mission: Mission, **fields) -> ElectionCommission:
    return _save(ElectionCommission(mission=mission), fields, COMMISSION_FIELDS, _check_commission)


def commission_update(*, commission: ElectionCommission, **fields) -> ElectionCommission:
    return _save(commission, fields, COMMISSION_FIELDS, _check_commission)


def commission_member_create(*, commission: ElectionCommission, **fields) -> CommissionMember:
    return _save(CommissionMember(commission=commission), fields, MEMBER_FIELDS, _check_member)


def commission_member_update(*, member: CommissionMember, **fields) -> CommissionMember:
    return _save(member, fields, MEMBER_FIELDS, _check_member)


def commission_member_delete(*, member: CommissionMember) -> None:
    member.delete()


def organisation_create(*, mission: Mission, **fields) -> Organisation:
    return _save(Organisation(mission=mission), fields, ORGANISATION_FIELDS, _check_organisation)


def organisation_update(*, organisation: Organisation, **fields) -> Organisation:
    return _save(organisation, fields, ORGANISATION_FIELDS, _check_organisation)


def person_create(*, organisation: Organisation, **fields) -> Person:
    return _save(Person(organisation=organisation), fields, PERSON_FIELDS)


def person_update(*, person: Person, **fields) -> Person:
    return _save(person, fields, PERSON_FIELDS)


def meeting_create(*, mission: Mission, **fields) -> Meeting:
    return _save(Meeting(mission=mission), fields, MEETING_FIELDS)


def meeting_update(*, meeting: Meeting, **fields) -> Meeting:
    return _save(meeting, fields, MEETING_FIELDS)


def invitation_create(*, meeting: Meeting, organisation: Organisation) -> Invitation:
    def check(invitation: Invitation) -> dict:
        return _outside_mission(meeting.mission_id, organisation=invitation.organisation)

    return _save(Invitation(meeting=meeting), {"organisation": organisation}, ("organisation",), check)


def invitation_attendance_set(*, invitation: Invitation, attended: bool, attendees: str = "") -> Invitation:
    return _save(invitation, {"attended": attended, "attendees": attendees.strip()}, ("attended", "attendees"))


def invitation_delete(*, invitation: Invitation) -> None:
    invitation.delete()
