"""The core team sets up the sample: outlets, programmes, subjects (the mission's parties among them), who codes
what."""

import pytest
from django.db.models import RestrictedError
from django.urls import reverse

from observers.models import MediaAssignment, MediaCheck, MediaItem, MediaOutlet, MediaSubject
from tests.factories import PartyFactory
from tests.factories.media import MediaAssignmentFactory, MediaCheckFactory, MediaItemFactory, MediaMonitorFactory
from tests.factories.media_sample import sample_build

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


def test_an_outlet_a_programme_and_a_subject_are_corrected_and_their_items_follow(client, sample):
    outlet, programme, subject = sample.tv, sample.news, sample.ak_zhol
    item = MediaItemFactory(coder=sample.monitor, outlet=outlet, programme=programme, subject=subject)
    client.force_login(sample.analyst.user)
    page = client.get(reverse("media:sample")).content.decode()
    assert reverse("media:sample-edit", kwargs={"what": "outlet", "pk": outlet.pk}) in page

    def edit(what, pk, **data):
        return client.post(reverse("media:sample-edit", kwargs={"what": what, "pk": pk}), data)

    form = client.get(reverse("media:sample-edit", kwargs={"what": "outlet", "pk": outlet.pk}))
    assert form.status_code == 200 and form.context["form"].initial["name"] == outlet.name
    changed = {"name": "Khabar 24", "name_kk": "Хабар 24", "kind": "tv", "ownership": "private", "language": "Russian"}
    assert edit("outlet", outlet.pk, **changed).status_code == 302
    assert edit("programme", programme.pk, outlet=outlet.pk, name="Evening news").status_code == 302
    assert edit("subject", subject.pk, name="Asar bloc", kind="bloc", abbreviation="Asar").status_code == 302

    item.refresh_from_db()
    assert (item.outlet.label("kk"), item.outlet.ownership) == ("Хабар 24", "private")
    assert (item.programme.name, item.subject.name) == ("Evening news", "Asar bloc")


def test_a_correction_with_bad_input_is_a_400_and_changes_nothing(client, sample):
    subject = sample.president
    client.force_login(sample.analyst.user)
    url = reverse("media:sample-edit", kwargs={"what": "subject", "pk": subject.pk})

    response = client.post(url, {"name": "Asar", "kind": "party"})

    assert response.status_code == 400 and "names its party" in response.content.decode()
    subject.refresh_from_db()
    assert subject.name != "Asar"
    assert client.get(reverse("media:sample-edit", kwargs={"what": "assignment", "pk": 1})).status_code == 404


def test_another_missions_outlet_cannot_be_corrected(client, sample):
    other = sample_build()
    client.force_login(sample.analyst.user)
    outlet = other.tv
    url = reverse("media:sample-edit", kwargs={"what": "outlet", "pk": outlet.pk})
    assert client.post(url, {"name": "Mine now", "kind": "tv", "ownership": "state"}).status_code == 404
    outlet.refresh_from_db()
    assert outlet.name != "Mine now"
