"""A monitor codes items on the coding screen; a second monitor codes the drawn ones again."""

import datetime as dt

import pytest
from django.urls import reverse

from observers.media.models import drawn_for_double_coding
from observers.models import MediaCheck, MediaItem
from tests.factories.media import MediaItemFactory

pytestmark = pytest.mark.django_db
DAY = "2004-09-01"


def _item(sample, **changes) -> dict:
    return {
        "reference": "r-1",
        "outlet": sample.tv.pk,
        "programme": sample.news.pk,
        "date": DAY,
        "title": "Campaign rally in Almaty",
        "subject": "Отан",
        "starts": "20:03:15",
        "stops": "20:04:45",
        "amount": "",
        "tone": "positive",
        **changes,
    }


def _drawn_reference(drawn: bool) -> str:
    return next(f"ref-{n}" for n in range(1000) if drawn_for_double_coding(f"ref-{n}") == drawn)


def test_the_screen_preselects_the_monitors_outlet_and_day(client, sample):
    client.force_login(sample.monitor.user)
    page = client.get(reverse("media:code"))
    assert page.status_code == 200
    form = page.context["form"]
    assert form.initial["outlet"] in (sample.tv.pk, sample.paper.pk)
    assert dt.date(2004, 8, 20) <= form.initial["date"] <= dt.date(2004, 9, 17)
    assert 'list="media-subjects"' in page.content.decode()


def test_an_item_is_coded_with_seconds_from_start_and_stop_and_stored_once(client, sample):
    client.force_login(sample.monitor.user)
    response = client.post(reverse("media:code"), _item(sample))
    assert response.status_code == 302
    item = MediaItem.objects.get()
    assert (item.outlet, item.programme, item.subject, item.amount, item.tone, item.coder) == (
        sample.tv,
        sample.news,
        sample.otan,
        90,
        "positive",
        sample.monitor,
    )
    assert client.post(reverse("media:code"), _item(sample)).status_code == 302  # sent again: not twice
    assert MediaItem.objects.count() == 1
    # The next item opens on the same outlet, programme and day.
    initial = client.get(reverse("media:code")).context["form"].initial
    assert (initial["outlet"], initial["programme"], initial["date"]) == (sample.tv.pk, sample.news.pk, DAY)


def test_a_typed_amount_and_an_abbreviation_do_as_well(client, sample):
    client.force_login(sample.monitor.user)
    client.post(
        reverse("media:code"),
        _item(sample, outlet=sample.paper.pk, programme="", subject="otan", starts="", stops="", amount="240"),
    )
    assert MediaItem.objects.values_list("outlet", "amount", "subject").get() == (sample.paper.pk, 240, sample.otan.pk)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"subject": "Nobody"}, "subject", "No subject is called “Nobody”"),
        ({"starts": "20:05", "stops": "20:04"}, "stops", "stop time must come after"),
        ({"starts": "", "stops": ""}, "amount", "Give the seconds"),
        ({"starts": "eight", "stops": ""}, "starts", "h:mm:ss"),
        ({"tone": "furious"}, "tone", "Select a valid choice"),
        ({"outlet": "999999"}, "outlet", "Select a valid choice"),
    ],
)
def test_bad_input_is_refused_with_what_to_fix_and_nothing_stored(client, sample, changes, field, words):
    client.force_login(sample.monitor.user)
    response = client.post(reverse("media:code"), _item(sample, **changes))
    assert response.status_code == 400
    assert words in " ".join(response.context["form"].errors[field])
    assert not MediaItem.objects.exists()


def test_a_programme_of_another_outlet_and_a_day_outside_the_assignment_are_refused(client, sample):
    client.force_login(sample.monitor.user)
    response = client.post(reverse("media:code"), _item(sample, outlet=sample.paper.pk))
    assert response.status_code == 400 and "not one of Vremya" in str(response.context["form"].errors["programme"])
    response = client.post(reverse("media:code"), _item(sample, date="2004-10-01"))
    assert response.status_code == 400
    assert "You are not assigned to Khabar on 1 October 2004" in str(response.context["form"].non_field_errors())
    assert not MediaItem.objects.exists()


def test_a_drawn_item_goes_to_another_monitor_who_codes_it_blind(client, sample):
    client.force_login(sample.monitor.user)
    client.post(reverse("media:code"), _item(sample, reference=_drawn_reference(True)))
    client.post(reverse("media:code"), _item(sample, reference=_drawn_reference(False)))
    drawn, not_drawn = MediaItem.objects.order_by("-double_code")
    assert (drawn.double_code, not_drawn.double_code) == (True, False)
    assert client.get(reverse("media:code")).context["queue_count"] == 0  # not one's own items

    client.force_login(sample.second.user)
    page = client.get(reverse("media:code"))
    assert [item.pk for item in page.context["queue"]] == [drawn.pk]
    screen = client.get(reverse("media:recheck", args=[drawn.pk]))
    assert screen.status_code == 200 and "Otan" not in screen.content.decode().split("<datalist")[0]
    response = client.post(
        reverse("media:recheck", args=[drawn.pk]), {"subject": "Otan", "amount": "85", "tone": "neutral"}
    )
    assert response.status_code == 302
    check = MediaCheck.objects.get()
    assert (check.coder, check.subject, check.amount, check.tone) == (sample.second, sample.otan, 85, "neutral")
    assert (check.first_subject, check.first_amount, check.first_tone) == (sample.otan, 90, "positive")
    assert client.get(reverse("media:recheck", args=[drawn.pk])).status_code == 404  # done: out of the queue
    assert client.get(reverse("media:recheck", args=[not_drawn.pk])).status_code == 404


def test_a_monitor_cannot_second_code_an_item_of_an_outlet_they_are_not_on(client, sample):
    item = MediaItemFactory(coder=sample.second, outlet=sample.tv, subject=sample.otan, double_code=True)
    sample.monitor.media_assignments.all().delete()
    client.force_login(sample.monitor.user)
    assert client.get(reverse("media:recheck", args=[item.pk])).status_code == 404


def test_the_screen_reads_in_a_bounded_number_of_queries(client, sample, django_assert_max_num_queries):
    for n in range(30):
        MediaItemFactory(coder=sample.monitor, outlet=sample.tv, subject=sample.otan, reference=f"q{n}")
        MediaItemFactory(
            coder=sample.second, outlet=sample.tv, subject=sample.otan, reference=f"s{n}", double_code=True
        )
    client.force_login(sample.monitor.user)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("media:code"))
    assert page.context["queue_count"] == 30 and len(page.context["recent"]) == 10
