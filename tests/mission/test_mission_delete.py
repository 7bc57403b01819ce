"""A mission can be deleted whole, with its stations, plan, forms and submissions — and nothing of another."""

import pytest

from mission.models import Mission, PollingStation
from observers.models import Submission
from tests.factories import AssignmentFactory, SubmissionFactory


@pytest.mark.django_db
def test_deleting_a_mission_takes_everything_of_it_and_nothing_else():
    doomed = SubmissionFactory()
    AssignmentFactory(team=doomed.team, polling_station=doomed.polling_station)
    kept = SubmissionFactory()
    doomed.mission.delete()
    assert not Mission.objects.filter(pk=doomed.mission.pk).exists()
    assert list(Submission.objects.all()) == [kept]
    assert list(PollingStation.objects.filter(submissions__isnull=False)) == [kept.polling_station]
    assert not PollingStation.objects.filter(mission=doomed.mission_id).exists()


@pytest.mark.django_db
def test_a_station_with_submissions_cannot_be_deleted_on_its_own():
    from django.db.models import RestrictedError

    submission = SubmissionFactory()
    with pytest.raises(RestrictedError):
        submission.polling_station.delete()
