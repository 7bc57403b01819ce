"""The core team sets up the sample: outlets, programmes, subjects (the mission's parties among them), who codes
what."""

import pytest
from django.db.models import RestrictedError
from django.urls import reverse

from observers.models import MediaAssignment, MediaCheck, MediaItem, MediaOutlet, MediaSubject
from tests.factories import PartyFactory
from tests.factories.media import MediaAssignmentFactory, MediaCheckFactory, MediaMonitorFactory

pytestmark = pytest.mark.django_db


def _add(client, what, **data):
    return client.post(reverse("media:sample-add", kwargs={"what": what}), data)


def test_outlets_programmes_subjects_and_assignments_are_added(client, sample):
    client.force_login(sample.analyst.user)
    response = _add(
        client, "outlet", name="Kazakhstan TV", name_kk="Қазақстан", kind="tv", ownership="state", language="Kazakh"
    )
    assert response.status_code == 302
    outlet = MediaOutlet.objects.get(name="Kazakhstan TV")
    assert (outlet.mission, outlet.label("kk")) == (sample.mission, "Қазақстан")
    assert _add(client, "programme", outlet=outlet.pk, name="Main news").status_code == 302
    assert _add(client, "subject", name="Government", kind="official", incumbent="on").status_code == 302
    response = _add(
        client, "assignment", monitor=sample.monitor.pk, outlet=outlet.pk, starts_on="2004-08-20", ends_on="2004-09-17"
    )
    assert response.status_code == 302
    assert MediaAssignment.objects.filter(monitor=sample.monitor, outlet=outlet).exists()
    page = client.get(reverse("media:sample")).content.decode()
    assert "Kazakhstan TV" in page and "Main news" in page and "Government" in page


@pytest.mark.parametrize(
    ("what", "data", "field", "words"),
    [
        ("outlet", {"name": "Khabar", "kind": "tv", "ownership": "state"}, "__all__", "already exists"),
        ("outlet", {"name": "Radio", "kind": "podcast", "ownership": "state"}, "kind", "valid choice"),
        ("subject", {"name": "Asar", "kind": "party"}, "party", "names its party"),
        (
            "assignment",
            {"monitor": "monitor", "outlet": "tv", "starts_on": "2004-09-10", "ends_on": "2004-09-01"},
            "ends_on",
            "must not come before",
        ),
    ],
)
def test_bad_sample_input_is_a_400_naming_the_field(client, sample, what, data, field, words):
    data = {**data, **{k: getattr(sample, v).pk for k, v in data.items() if v in ("monitor", "tv")}}
    client.force_login(sample.analyst.user)
    before = (MediaOutlet.objects.count(), MediaSubject.objects.count(), MediaAssignment.objects.count())
    response = _add(client, what, **data)
    assert response.status_code == 400
    assert words in " ".join(response.context["forms"][what].errors[field])
    assert (MediaOutlet.objects.count(), MediaSubject.objects.count(), MediaAssignment.objects.count()) == before


def test_an_analyst_cannot_assign_another_missions_monitor_and_unknown_forms_are_404(client, sample):
    stranger = MediaMonitorFactory()
    client.force_login(sample.analyst.user)
    response = _add(
        client, "assignment", monitor=stranger.pk, outlet=sample.tv.pk, starts_on="2004-09-01", ends_on="2004-09-02"
    )
    assert response.status_code == 400 and not MediaAssignment.objects.filter(monitor=stranger).exists()
    assert _add(client, "party", name="x").status_code == 404


def test_the_missions_parties_become_subjects_once(client, sample):
    PartyFactory(mission=sample.mission, name="Asar", name_kk="Асар", abbreviation="Asar")
    client.force_login(sample.analyst.user)
    client.post(reverse("media:subjects-from-parties"))
    client.post(reverse("media:subjects-from-parties"))
    asar = MediaSubject.objects.get(mission=sample.mission, name="Asar")
    assert (asar.kind, asar.party.name, asar.label("kk")) == ("party", "Asar", "Асар")
    assert MediaSubject.objects.filter(mission=sample.mission, kind="party").count() == 3


def test_a_mission_is_deleted_with_its_media_sample_but_a_monitor_with_items_is_kept(sample):
    MediaCheckFactory(
        item__coder=sample.monitor, item__outlet=sample.tv, item__subject=sample.otan, coder=sample.second
    )
    with pytest.raises(RestrictedError):  # the monitor's items would lose their coder
        sample.monitor.delete()
    sample.mission.delete()
    assert not MediaItem.objects.exists() and not MediaCheck.objects.exists() and not MediaOutlet.objects.exists()


def test_an_assignment_is_removed_and_the_items_stay(client, sample):
    item = MediaCheckFactory(item__coder=sample.monitor, item__outlet=sample.tv, coder=sample.second).item
    assignment = sample.monitor.media_assignments.get(outlet=sample.tv)
    client.force_login(sample.analyst.user)
    assert client.post(reverse("media:assignment-delete", args=[assignment.pk])).status_code == 302
    assert (
        not MediaAssignment.objects.filter(pk=assignment.pk).exists() and MediaItem.objects.filter(pk=item.pk).exists()
    )
    other = MediaAssignmentFactory()  # another mission's
    assert client.post(reverse("media:assignment-delete", args=[other.pk])).status_code == 404
