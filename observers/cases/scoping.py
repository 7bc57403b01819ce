"""Whose cases a member sees: the core team every case of the mission; an LTO the cases entered by a member of
their team (so both observers of a team share them); anyone else none."""

from django.db.models import QuerySet

from mission.cases.models import CaseFile
from observers.models import Observer, Role


def case_files_visible(*, membership: Observer) -> QuerySet[CaseFile]:
    cases = CaseFile.objects.filter(mission_id=membership.mission_id)
    if membership.is_core:
        return cases
    if membership.role == Role.LTO and membership.team_id:
        team = Observer.objects.filter(mission_id=membership.mission_id, team_id=membership.team_id)
        return cases.filter(entered_by__in=team.values("user_id"))
    return cases.none()
