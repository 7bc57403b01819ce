"""Reads for the mission app: election administration, interlocutors and meetings. Aggregation in the database."""

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Sum, Value, When
from django.utils.translation import gettext as _

from mission.models import (
    CommissionLevel,
    CommissionMember,
    ElectionCommission,
    Invitation,
    Meeting,
    MemberPosition,
    Mission,
    Organisation,
    Party,
)


def _in_order_of(field: str, values: list[str]) -> Case:
    """An expression to order by `field` in the order of `values` (the order of their choices) rather than A-Z."""
    whens = [When(**{field: value}, then=Value(rank)) for rank, value in enumerate(values)]
    return Case(*whens, output_field=IntegerField())


LEVEL_ORDER = _in_order_of("level", CommissionLevel.values)  # central first, precinct last
POSITION_ORDER = _in_order_of("position", MemberPosition.values)  # chair, deputy, secretary, then members


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class NominatorRow:
    """Members nominated by one party (or one non-party body) at one level, and how many got a seat."""

    party_id: int | None
    nominator: str
    nominated: int
    appointed: int
    seat_share: float | None  # per cent of the appointed members at this level

    @property
    def appointed_share(self) -> float | None:
        """Per cent of this nominator's nominees who were appointed."""
        return _percent(self.appointed, self.nominated)


@dataclass(frozen=True)
class LevelComposition:
    level: str  # "" for the sum over all levels
    label: str
    commissions: int
    seats: int
    appointed: int
    rows: list[NominatorRow]

    @property
    def vacant(self) -> int:
        return max(self.seats - self.appointed, 0)


def _level_composition(level, label, commissions, seats, counts: dict) -> LevelComposition:
    """`counts`: {(party_id, nominator): [nominated, appointed]}; rows by seats held, then name."""
    appointed = sum(appointed for _nominated, appointed in counts.values())
    rows = [
        NominatorRow(party_id, nominator, nominated, held, _percent(held, appointed))
        for (party_id, nominator), (nominated, held) in counts.items()
    ]
    rows.sort(key=lambda row: (row.party_id is None, -row.appointed, -row.nominated, row.nominator))
    return LevelComposition(level, label, commissions, seats or 0, appointed, rows)


def composition_by_party(*, mission: Mission, level: str | None = None) -> list[LevelComposition]:
    """Per level (highest first), the members each party or other body nominated and got appointed.

    With more than one level, a last block sums every level ("All levels"), as the CEC's statistics do.
    Two queries: commissions and seats per level; members per level and nominator.
    """
    commissions = ElectionCommission.objects.filter(mission=mission)
    members = CommissionMember.objects.filter(commission__mission=mission)
    if level:
        commissions = commissions.filter(level=level)
        members = members.filter(commission__level=level)
    per_level = {
        row["level"]: row
        for row in commissions.values("level").annotate(commissions=Count("id"), seats=Sum("size")).order_by()
    }
    counts: dict[str, dict] = {value: {} for value in per_level}
    total: dict = {}
    grouped = (
        members.values(
            "commission__level",
            "nominated_by",
            "nominated_by__name",
            "nominated_by__name_ru",
            "nominated_by__name_kk",
            "nominating_body",
        )
        .annotate(nominated=Count("id"), appointed=Count("id", filter=Q(appointed=True)))
        .order_by()
    )
    for row in grouped:
        party_id = row["nominated_by"]
        nominator = (
            Party(
                name=row["nominated_by__name"],
                name_ru=row["nominated_by__name_ru"],
                name_kk=row["nominated_by__name_kk"],
            ).label()
            if party_id
            else row["nominating_body"]
        )
        for bucket in (counts[row["commission__level"]], total):
            tally = bucket.setdefault((party_id, nominator), [0, 0])
            tally[0] += row["nominated"]
            tally[1] += row["appointed"]
    levels = [
        _level_composition(value, label, per_level[value]["commissions"], per_level[value]["seats"], counts[value])
        for value, label in CommissionLevel.choices
        if value in per_level
    ]
    if len(levels) > 1:
        levels.append(
            _level_composition(
                "",
                _("All levels"),
                sum(block.commissions for block in levels),
                sum(block.seats for block in levels),
                total,
            )
        )
    return levels


def commission_list(*, mission: Mission, level: str | None = None) -> QuerySet[ElectionCommission]:
    commissions = (
        ElectionCommission.objects.filter(mission=mission)
        .select_related("region", "district", "polling_station", "parent")
        .annotate(appointed_count=Count("members", filter=Q(members__appointed=True)))
        .order_by(LEVEL_ORDER, "name")
    )
    return commissions.filter(level=level) if level else commissions


def commission_members(*, commission: ElectionCommission) -> QuerySet[CommissionMember]:
    return commission.members.select_related("nominated_by").order_by("-appointed", POSITION_ORDER, "id")


def commissions_with_members(*, mission: Mission, level: str | None = None) -> QuerySet[ElectionCommission]:
    members = CommissionMember.objects.select_related("nominated_by").order_by("-appointed", POSITION_ORDER, "id")
    return commission_list(mission=mission, level=level).prefetch_related(Prefetch("members", queryset=members))


def organisation_list(*, mission: Mission) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(mission=mission)
        .select_related("party")
        .annotate(
            invited=Count("invitations", distinct=True),
            attended=Count("invitations", filter=Q(invitations__attended=True), distinct=True),
        )
        .prefetch_related("people")
        .order_by("category", "name")
    )


def organisation_invitations(*, organisation: Organisation) -> QuerySet[Invitation]:
    return organisation.invitations.select_related("meeting").order_by("meeting__date", "meeting__starts_at")


def meeting_programme(*, mission: Mission) -> QuerySet[Meeting]:
    """Meetings by date and time, each with its invitations (organisation included) and the counts. The mission's
    programme only: the meetings LTOs held in their areas belong to the pre-election record."""
    return (
        Meeting.objects.filter(mission=mission, held_by__isnull=True, in_programme=True)
        .annotate(
            invited=Count("invitations"),
            attended=Count("invitations", filter=Q(invitations__attended=True)),
        )
        .prefetch_related(Prefetch("invitations", queryset=Invitation.objects.select_related("organisation")))
        .order_by("date", "starts_at", "name")
    )


def meeting_invitations(*, meeting: Meeting) -> QuerySet[Invitation]:
    return meeting.invitations.select_related("organisation__party")


def organisations_not_invited(*, meeting: Meeting) -> QuerySet[Organisation]:
    return Organisation.objects.filter(mission_id=meeting.mission_id).exclude(invitations__meeting=meeting)
