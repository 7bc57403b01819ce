"""The stations of the results import tests: PS-1 in district D1 (with candidates IVANOV and SEITOV), PS-2 in
D2; lists OTAN and AKZHOL everywhere."""

import pytest

from tests.factories import ContestantFactory, DistrictFactory, PollingStationFactory


@pytest.fixture
def stations(coordinator):
    mission = coordinator.mission
    district = DistrictFactory(mission=mission, region__mission=mission, code="D1")
    other = DistrictFactory(mission=mission, region=district.region, code="D2")
    for code in ("OTAN", "AKZHOL"):
        ContestantFactory(mission=mission, code=code, name=code.title())
    for code in ("IVANOV", "SEITOV"):
        ContestantFactory(mission=mission, code=code, name=code.title(), kind="candidate", district=district)
    return {
        "PS-1": PollingStationFactory(mission=mission, region=district.region, district=district, code="PS-1"),
        "PS-2": PollingStationFactory(mission=mission, region=district.region, district=other, code="PS-2"),
    }
