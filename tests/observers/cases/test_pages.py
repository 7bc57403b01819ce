"""The register's pages: the list and its filters (fixed queries), entering a case and its appeal, the appeal
chain, documents; who sees what."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter

from mission.cases.models import CaseFile
from tests.factories import CaseFileFactory

FORM = {
    "complainant_kind": "candidate",
    "complainant": "Serik Akhmetov",
    "subject": "candidate_registration",
    "summary": "Refused over the language test.",
    "body": "district",
    "filed_on": "2004-08-21",
    "deadline": "2004-08-26",
    "decision": "pending",
    "source": "lto",
}


def _login(client, member):
    client.force_login(member.user)
    return client


@pytest.fixture
def cases(rec):
    """Twelve cases of the LTO's team in the north, three of another team's in the south, one appeal."""
    north = [
        CaseFileFactory(
            mission=rec.mission,
            region=rec.north,
            entered_by=rec.lto.user,
            body=body,
            decision=decision,
            decided_on=None if decision == "pending" else dt.date(2004, 8, 27 if late else 23),
        )
        for body, decision, late in [("district", "rejected", True)] * 4
        + [("regional", "upheld", False)] * 5
        + [("court", "pending", False)] * 3
    ]
    south = [CaseFileFactory(mission=rec.mission, region=rec.south, entered_by=rec.other_lto.user) for _ in range(3)]
    appeal = CaseFileFactory(
        mission=rec.mission,
        region=rec.north,
        entered_by=rec.teammate.user,
        body="regional",
        appeal_of=north[0],
        filed_on=dt.date(2004, 8, 28),
        deadline=dt.date(2004, 9, 2),
    )
    return north, south, appeal


def test_filters_narrow_the_register_with_a_fixed_number_of_queries(rec, cases, client, django_assert_max_num_queries):
    _login(client, rec.analyst)
    url = reverse("cases:list")
    with django_assert_max_num_queries(12):
        everything = client.get(url)
    assert everything.context["page"].paginator.count == 16
    with django_assert_max_num_queries(12):
        missed = client.get(url, {"deadline": "missed", "region": "N"})
    north, _south, appeal = cases
    late, still_pending = north[:4], [*north[9:], appeal]  # decided after the deadline; pending past it (today)
    assert {case.number for case in missed.context["page"]} == {case.number for case in late + still_pending}
    assert client.get(url, {"body": "regional", "decision": "upheld"}).context["page"].paginator.count == 5
    assert client.get(url, {"stage": "appeal"}).context["page"].paginator.count == 1
    refused = client.get(url, {"region": "ZZ", "deadline": "soon"})
    assert refused.status_code == 400
    assert "No region of this mission has this code" in refused.content.decode()


def test_an_lto_sees_their_teams_cases_only(rec, cases, client):
    north, south, appeal = cases
    _login(client, rec.lto)
    listed = client.get(reverse("cases:list")).context["page"].paginator.count
    assert listed == len(north) + 1  # the teammate's appeal included
    assert client.get(reverse("cases:detail", args=[appeal.pk])).status_code == 200
    assert client.get(reverse("cases:detail", args=[south[0].pk])).status_code == 404
    assert client.post(reverse("cases:edit", args=[south[0].pk]), FORM).status_code == 404
    _login(client, rec.sto)
    assert client.get(reverse("cases:list")).status_code == 403


def test_a_case_entered_on_the_page_and_bad_input_refused(rec, client):
    _login(client, rec.lto)
    bad = client.post(reverse("cases:create"), {**FORM, "decision": "rejected", "filed_on": "21 August"})
    assert bad.status_code == 400
    assert "filed_on" in bad.context["form"].errors
    assert not CaseFile.objects.exists()
    saved = client.post(reverse("cases:create"), {**FORM, "region": rec.south.pk, "district": ""})
    assert saved.status_code == 302
    case = CaseFile.objects.get()
    assert case.number == "C-0001" and case.entered_by == rec.lto.user and case.region == rec.south


def test_the_appeal_chain_reads_from_the_complaint_to_the_last_court(rec, client):
    _login(client, rec.analyst)
    first = CaseFileFactory(mission=rec.mission, decision="rejected", decided_on=dt.date(2004, 8, 23))
    refused = client.post(reverse("cases:appeal", args=[first.pk]), {**FORM, "filed_on": "2004-08-22"})
    assert refused.status_code == 400 and "filed after the decision" in refused.content.decode()
    response = client.post(
        reverse("cases:appeal", args=[first.pk]),
        {
            **FORM,
            "body": "court",
            "filed_on": "2004-08-24",
            "deadline": "2004-08-29",
            "decision": "rejected",
            "decided_on": "2004-08-28",
        },
    )
    second = CaseFile.objects.get(appeal_of=first)
    assert response.status_code == 302
    client.post(
        reverse("cases:appeal", args=[second.pk]),
        {**FORM, "body": "appeal_court", "filed_on": "2004-08-30", "deadline": "2004-09-04"},
    )
    third = CaseFile.objects.get(appeal_of=second)
    pending = client.post(reverse("cases:appeal", args=[third.pk]), {**FORM, "filed_on": "2004-09-05"})
    assert pending.status_code == 400 and "still pending" in pending.content.decode()
    page = client.get(reverse("cases:detail", args=[second.pk]))
    above, below = page.context["above"], page.context["below"]
    assert [case.pk for case in above] == [first.pk] and [(d, case.pk) for d, case in below] == [(1, third.pk)]


def test_a_document_is_attached_and_read_back(rec, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case = CaseFileFactory(mission=rec.mission, entered_by=rec.lto.user)
    _login(client, rec.teammate)
    pdf = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(pdf)
    fake = SimpleUploadedFile("decision.pdf", b"MZ not a pdf at all", content_type="application/pdf")
    refused = client.post(reverse("cases:document-add", args=[case.pk]), {"title": "Decision", "file": fake})
    assert refused.status_code == 400 and "whatever its name says" in refused.content.decode()
    upload = SimpleUploadedFile("decision.pdf", pdf.getvalue(), content_type="application/pdf")
    response = client.post(reverse("cases:document-add", args=[case.pk]), {"title": "Decision", "file": upload})
    assert response.status_code == 302
    document = case.documents.get()
    download = client.get(reverse("cases:document", args=[case.pk, document.pk]))
    assert b"".join(download.streaming_content) == pdf.getvalue()
    missing = client.post(reverse("cases:document-add", args=[case.pk]), {"title": ""})
    assert missing.status_code == 400 and case.documents.count() == 1
