import pytest

from tests.factories.record import record_mission


@pytest.fixture
def rec(db):
    return record_mission()
