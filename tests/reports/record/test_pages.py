"""An LTO records a meeting with the interlocutors the mission already holds; an interim report gets its number
and reporting period."""

import datetime as dt

from django.urls import reverse

from mission.models import Meeting
from mission.selectors import meeting_programme
from tests.factories import OrganisationFactory, PersonFactory, ReportFactory


def test_an_lto_records_a_meeting_with_known_interlocutors(rec, client):
    commission = OrganisationFactory(mission=rec.mission, category="election_administration", name="North OEC")
    chair = PersonFactory(organisation=commission, full_name="Gulnara Bekova")
    stranger = PersonFactory(organisation=OrganisationFactory(mission=rec.mission, name="Other"))
    form = {
        "date": "2004-08-18",
        "starts_at": "10:00",
        "city": "Kokshetau",
        "region": rec.north.pk,
        "name": "OEC meeting",
        "organisation": commission.pk,
        "people": [chair.pk],
        "topics": ["election_administration", "complaints"],
    }
    client.force_login(rec.lto.user)
    refused = client.post(reverse("record:meeting-create"), {**form, "people": [chair.pk, stranger.pk]})
    assert refused.status_code == 400 and "do not work at North OEC" in refused.content.decode()
    assert client.post(reverse("record:meeting-create"), {**form, "topics": ["gossip"]}).status_code == 400
    assert not Meeting.objects.exists()
    assert client.post(reverse("record:meeting-create"), form).status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.held_by == rec.lto.user and list(meeting.people.all()) == [chair]
    assert meeting.topics == ["election_administration", "complaints"]
    assert meeting.invitations.get().attended
    assert not meeting_programme(mission=rec.mission).exists()  # the NAM's programme, not the LTOs' meetings
    client.force_login(rec.analyst.user)
    listed = client.get(reverse("record:meetings"), {"start": "2004-08-15", "end": "2004-09-05"})
    assert list(listed.context["meetings"]) == [meeting]
    index = client.get(reverse("record:index"), {"start": "2004-08-15", "end": "2004-09-05"})
    assert index.context["meetings"] == 1


def test_an_interim_report_gets_its_number_and_period(rec, client):
    report = ReportFactory(mission=rec.mission, kind="interim")
    url = reverse("record:report-period", args=[report.pk])
    client.force_login(rec.analyst.user)
    backwards = client.post(url, {"number": 2, "period_from": "2004-09-05", "period_to": "2004-08-15"})
    assert backwards.status_code == 400 and "end on or after the start" in backwards.content.decode()
    half = client.post(url, {"number": 2, "period_from": "2004-09-05"})
    assert half.status_code == 400
    report.refresh_from_db()
    assert report.period_from is None
    assert client.post(url, {"number": 2, "period_from": "2004-08-15", "period_to": "2004-09-05"}).status_code == 302
    report.refresh_from_db()
    assert (report.number, report.period_from, report.period_to) == (2, dt.date(2004, 8, 15), dt.date(2004, 9, 5))
