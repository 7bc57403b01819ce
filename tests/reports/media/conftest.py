import pytest

from tests.factories.media_sample import Sample, sample_build


@pytest.fixture
def sample(db) -> Sample:
    return sample_build()
