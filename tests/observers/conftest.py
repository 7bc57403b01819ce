"""A small election day for the API tests: one mission, an STO team with a plan, an LTO team with an area."""

from dataclasses import dataclass

import pytest

from mission.models import Mission, PollingStation, Region
from observers.models import Checklist, Observer, Role
from tests.factories import (
    AssignmentFactory,
    ChecklistFactory,
    ObserverFactory,
    PollingStationFactory,
    RegionFactory,
    TeamFactory,
)


@dataclass
class ElectionDay:
    mission: Mission
    region: Region
    other_region: Region
    planned: PollingStation  # in the STO team's plan, in `region`
    unplanned: PollingStation  # in `region`, in nobody's plan
    far: PollingStation  # in `other_region`
    voting: Checklist
    incident: Checklist
    sto: Observer
    sto_teammate: Observer
    lto: Observer
    other_sto: Observer  # another STO team of the same mission
    coordinator: Observer


@pytest.fixture
def day(db) -> ElectionDay:
    region = RegionFactory(code="R01", name="Almaty")
    mission = region.mission
    other_region = RegionFactory(mission=mission, code="R02", name="Astana")
    planned = PollingStationFactory(region=region, code="00.25.01", name="School No. 1")
    unplanned = PollingStationFactory(region=region, code="00.25.02", name="School No. 2")
    far = PollingStationFactory(region=other_region, code="00.26.01", name="School No. 3")
    sto = ObserverFactory(mission=mission, role=Role.STO, team=TeamFactory(mission=mission, code="STO-07"))
    AssignmentFactory(team=sto.team, polling_station=planned, order=1)
    lto_team = TeamFactory(mission=mission, code="LTO-01", kind="lto")
    lto_team.area.add(region)
    return ElectionDay(
        mission=mission,
        region=region,
        other_region=other_region,
        planned=planned,
        unplanned=unplanned,
        far=far,
        voting=ChecklistFactory(mission=mission, kind=Checklist.Kind.VOTING),
        incident=ChecklistFactory(mission=mission, kind=Checklist.Kind.INCIDENT),
        sto=sto,
        sto_teammate=ObserverFactory(mission=mission, role=Role.STO, team=sto.team),
        lto=ObserverFactory(mission=mission, role=Role.LTO, team=lto_team),
        other_sto=ObserverFactory(mission=mission, role=Role.STO, team=TeamFactory(mission=mission, code="STO-08")),
        coordinator=ObserverFactory(mission=mission, role=Role.COORDINATOR),
    )
