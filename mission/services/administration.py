"""State changes for the election administration: commissions at every level and their members, with who
nominated them (the needs-assessment data).

Each function checks the whole object (see records.record_save) and raises ValidationError keyed by the field to
correct.
"""

from django.utils.translation import gettext as _

from mission.models import CommissionLevel, CommissionMember, ElectionCommission, Mission
from mission.services.records import outside_mission, record_save

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


def _check_commission(commission: ElectionCommission) -> dict:
    errors = outside_mission(
        commission.mission_id,
        region=commission.region,
        district=commission.district,
        polling_station=commission.polling_station,
        parent=commission.parent,
    )
    parent = commission.parent
    if (
        parent is not None
        and "parent" not in errors
        and (parent.pk == commission.pk or LEVEL_RANK[parent.level] >= LEVEL_RANK[commission.level])
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
    errors = outside_mission(commission.mission_id, nominated_by=member.nominated_by)
    if member.appointed:
        others = commission.members.filter(appointed=True).exclude(pk=member.pk).count()
        if others >= commission.size:
            errors["appointed"] = _(
                "This commission already has its %(size)d appointed members: record this person as a nominee "
                "not appointed, or change the commission's size."
            ) % {"size": commission.size}
    return errors


def commission_create(*, mission: Mission, **fields) -> ElectionCommission:
    return record_save(ElectionCommission(mission=mission), fields, COMMISSION_FIELDS, _check_commission)


def commission_update(*, commission: ElectionCommission, **fields) -> ElectionCommission:
    return record_save(commission, fields, COMMISSION_FIELDS, _check_commission)


def commission_member_create(*, commission: ElectionCommission, **fields) -> CommissionMember:
    return record_save(CommissionMember(commission=commission), fields, MEMBER_FIELDS, _check_member)


def commission_member_update(*, member: CommissionMember, **fields) -> CommissionMember:
    return record_save(member, fields, MEMBER_FIELDS, _check_member)


def commission_member_delete(*, member: CommissionMember) -> None:
    member.delete()
