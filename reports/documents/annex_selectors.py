"""Reads for the annexes drawn from data: observers counted by nationality and role, meetings and the
organisations met by category, and the long-term teams with their areas and the stations their short-term teams
observed. Each aggregates in the database, in a fixed number of queries whatever the mission's size."""

from collections import defaultdict

from django.db.models import Count, Q, QuerySet

from mission.models import Meeting, Mission, Organisation, Region
from observers.models import Observer, Role, Team
from observers.submissions import tallies
from reports.findings.selectors import Scope

MISSION_ROLES = (Role.COORDINATOR, Role.ANALYST, Role.LTO, Role.STO)  # media monitors are local staff


def observers_by_nationality(*, mission: Mission) -> list[dict]:
    """[{"nationality", "role", "n"}] of the mission's members (core team, LTOs, STOs). One query."""
    return list(
        Observer.objects.filter(mission=mission, role__in=MISSION_ROLES)
        .values("nationality", "role")
        .annotate(n=Count("id"))
        .order_by()
    )


def _met() -> Q:
    """An invitation that counts as met: the organisation came to a programme meeting, or an LTO met it."""
    return Q(invitations__attended=True) | Q(invitations__meeting__held_by__isnull=False)


def meetings_by_category(*, mission: Mission) -> tuple[int, list[dict]]:
    """(meetings held, [{"category", "meetings", "organisations"}]): a meeting with two kinds of interlocutor
    counts under each. Two queries."""
    meetings = Meeting.objects.filter(mission=mission, is_travel=False).count()
    rows = (
        Organisation.objects.filter(mission=mission)
        .filter(_met())
        .values("category")
        .annotate(
            meetings=Count("invitations__meeting", distinct=True),
            organisations=Count("id", distinct=True),
        )
        .order_by("category")
    )
    return meetings, list(rows)


def organisations_met(*, mission: Mission) -> QuerySet[Organisation]:
    return Organisation.objects.filter(mission=mission).filter(_met()).distinct().order_by("category", "name")


def lto_teams_deployed(*, mission: Mission) -> list[dict]:
    """[{"team", "regions", "sto_teams", "stations"}] per long-term team, by code: its area's regions, its
    short-term teams and the polling stations they observed (counted forms: the tallies' stations and those of the
    forms not tallied yet). Four queries."""
    teams = list(
        Team.objects.filter(mission=mission, kind=Team.Kind.LTO)
        .annotate(sto_team_count=Count("sto_teams", distinct=True))
        .order_by("code")
    )
    areas: dict[int, list[Region]] = {}
    for link in Team.area.through.objects.filter(team__in=teams).select_related("region").order_by("region__code"):
        areas.setdefault(link.team_id, []).append(link.region)
    stations: dict[int, set[int]] = defaultdict(set)
    for parent, station in _stations_observed_by_parent(Scope(mission), teams):
        stations[parent].add(int(station))
    return [
        {
            "team": team,
            "regions": areas.get(team.pk, []),
            "sto_teams": team.sto_team_count,
            "stations": len(stations[team.pk]),
        }
        for team in teams
    ]


def _stations_observed_by_parent(scope: Scope, teams: list[Team]):
    """(long-term team id, station id) pairs, repeated at most once a source: the stations with a counted form of
    a short-term team of `teams`, from the tallies (a station's forms per team) and the forms not tallied yet."""
    tallied = (
        scope.tallies()
        .filter(code=tallies.STATION, count__gt=0, team__parent__in=teams)
        .values_list("team__parent", "value")
        .distinct()
        .order_by()
    )
    untallied = (
        scope.untallied()
        .filter(team__parent__in=teams, polling_station__isnull=False)
        .values_list("team__parent", "polling_station_id")
        .distinct()
        .order_by()
    )
    return [*tallied, *untallied]
