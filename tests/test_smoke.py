import pytest

from tests.factories import SubmissionFactory


@pytest.mark.django_db
def test_factories_build_a_consistent_submission():
    submission = SubmissionFactory()
    assert submission.observer.team == submission.team
    assert submission.polling_station.mission == submission.mission == submission.team.mission
