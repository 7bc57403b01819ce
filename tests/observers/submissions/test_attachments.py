"""Files sent with a submission: the photo of a results protocol, through the API as a phone sends it."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from observers.models import Attachment, Checklist
from observers.submissions.attachments import MAX_PDF_PAGES, MAX_PER_SUBMISSION, MAX_SIZE
from tests.factories import ChecklistFactory, ObserverFactory, SubmissionFactory


def image_bytes(image_format: str, colour=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, format=image_format)
    return buffer.getvalue()


def pdf_bytes(pages: int = 1, *, user_password: str | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if user_password is not None:
        writer.encrypt(user_password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF = pdf_bytes()


@pytest.fixture
def counting(day):
    checklist = ChecklistFactory(mission=day.mission, kind=Checklist.Kind.COUNTING)
    return SubmissionFactory(
        checklist=checklist, team=day.sto.team, observer=day.sto, polling_station=day.planned, mission=day.mission
    )


def url(submission, pk=None) -> str:
    base = f"/api/v1/submissions/{submission.uuid}/attachments/"
    return f"{base}{pk}/" if pk else base


def upload(client, submission, content: bytes, name="protocol.jpg", content_type="image/jpeg"):
    file = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(url(submission), {"file": file}, format="multipart")


def test_team_sends_a_protocol_photo_and_the_teammate_downloads_it(day, counting, token_client):
    jpeg = image_bytes("JPEG")

    response = upload(token_client(day.sto.user), counting, jpeg)

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["content_type"], body["size"], body["original_name"]) == ("image/jpeg", len(jpeg), "protocol.jpg")
    attachment = Attachment.objects.get()
    assert attachment.uploaded_by == day.sto and attachment.submission_id == counting.uuid
    stored = Path(attachment.file.path)
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT)) and stored.read_bytes() == jpeg
    assert stored.name != "protocol.jpg" and stored.suffix == ".jpg"

    download = token_client(day.sto_teammate.user).get(body["url"])
    assert download.status_code == 200
    assert download["Content-Type"] == "image/jpeg"
    assert b"".join(download.streaming_content) == jpeg


def test_the_same_file_sent_again_is_kept_once(day, counting, token_client):
    client = token_client(day.sto.user)
    first = upload(client, counting, image_bytes("PNG"), name="a.png")
    again = upload(client, counting, image_bytes("PNG"), name="a.png")

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert Attachment.objects.count() == 1


@pytest.mark.parametrize(
    "content, name, declared, detected, suffix",
    [
        (image_bytes("PNG"), "protocol.pdf", "application/pdf", "image/png", ".png"),
        (image_bytes("WEBP"), "protocol.jpg", "image/jpeg", "image/webp", ".webp"),
        (PDF, "protocol.png", "image/png", "application/pdf", ".pdf"),
        (image_bytes("JPEG"), "protocol", "application/octet-stream", "image/jpeg", ".jpg"),
    ],
)
def test_the_type_comes_from_the_content_not_the_name(
    day, counting, token_client, content, name, declared, detected, suffix
):
    response = upload(token_client(day.sto.user), counting, content, name=name, content_type=declared)

    assert response.status_code == 201
    assert response.json()["content_type"] == detected
    assert Path(Attachment.objects.get().file.name).suffix == suffix


@pytest.mark.parametrize(
    "content, name, message",
    [
        (b"<html><script>alert(1)</script></html>", "photo.jpg", "not a JPEG, PNG, WebP or PDF file"),
        (image_bytes("GIF"), "photo.gif", "not a JPEG, PNG, WebP or PDF file"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 200, "photo.jpg", "damaged or incomplete"),
        (b"", "photo.jpg", "The submitted file is empty."),
    ],
)
def test_other_files_are_refused_with_a_reason(day, counting, token_client, content, name, message):
    response = upload(token_client(day.sto.user), counting, content, name=name)

    assert response.status_code == 400
    assert message in response.json()["file"][0]
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(PDF[: len(PDF) // 2], id="truncated"),
        pytest.param(b"%PDF-" + bytes(range(256)) * 4, id="garbage after the signature"),
        pytest.param(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF", id="no pages"),
        pytest.param(pdf_bytes(user_password="secret"), id="password-protected"),
        pytest.param(pdf_bytes(MAX_PDF_PAGES + 1), id="too many pages"),
    ],
)
def test_a_pdf_that_does_not_read_is_refused_and_nothing_is_stored(day, counting, token_client, content):
    client = token_client(day.sto.user)
    response = upload(client, counting, content, name="protocol.pdf", content_type="application/pdf")

    assert response.status_code == 400
    message = response.json()["file"][0]
    assert message.startswith("The PDF could not be read")
    assert "photograph the protocol or send the PDF again" in message
    assert not Attachment.objects.exists()
    assert not any(Path(settings.MEDIA_ROOT).glob(f"attachments/{counting.uuid}/*"))


def test_a_pdf_that_opens_without_a_password_is_kept(day, counting, token_client):
    readable = pdf_bytes(2, user_password="")  # encrypted with an empty user password: anyone can open it

    response = upload(token_client(day.sto.user), counting, readable, name="p.pdf", content_type="application/pdf")

    assert response.status_code == 201
    assert Attachment.objects.get().content_type == "application/pdf"


def test_a_file_over_ten_megabytes_is_refused_with_413(day, counting, token_client):
    just_over = b"\xff\xd8\xff" + b"\x00" * (MAX_SIZE - 2)

    response = upload(token_client(day.sto.user), counting, just_over)

    assert response.status_code == 413
    assert response.json()["detail"].startswith("The file is 10.0 MB; the limit is 10 MB.")
    assert not Attachment.objects.exists()


def test_a_request_far_over_the_limit_is_refused_before_reading_it(day, counting, token_client):
    response = upload(token_client(day.sto.user), counting, b"\xff\xd8\xff" + b"\x00" * (MAX_SIZE + 100_000))

    assert response.status_code == 413
    assert "larger than 10 MB" in response.json()["detail"]


def test_a_form_takes_a_limited_number_of_files(day, counting, token_client):
    client = token_client(day.sto.user)
    for shade in range(MAX_PER_SUBMISSION):
        assert upload(client, counting, image_bytes("PNG", (shade, 0, 0)), name="p.png").status_code == 201

    response = upload(client, counting, image_bytes("PNG", (99, 0, 0)), name="p.png")

    assert response.status_code == 400
    assert response.json()["file"] == [f"A form takes at most {MAX_PER_SUBMISSION} files; this one has them all."]


def test_a_voting_form_takes_no_files(day, token_client):
    voting = SubmissionFactory(
        checklist=day.voting, team=day.sto.team, observer=day.sto, polling_station=day.planned, mission=day.mission
    )

    response = upload(token_client(day.sto.user), voting, image_bytes("JPEG"))

    assert response.status_code == 400
    assert "attach the protocol photo to the counting form" in response.json()["file"][0]


def test_a_request_without_a_file_says_so(day, counting, token_client):
    response = token_client(day.sto.user).post(url(counting), {}, format="multipart")

    assert response.status_code == 400
    assert response.json() == {"file": ["No file was submitted."]}


@pytest.fixture
def stored(day, counting, token_client):
    response = upload(token_client(day.sto.user), counting, image_bytes("JPEG"))
    assert response.status_code == 201
    return response.json()["id"]


@pytest.mark.parametrize("who, status", [("sto_teammate", 200), ("coordinator", 200), ("other_sto", 404), ("lto", 404)])
def test_only_the_team_and_the_core_team_see_the_files(day, counting, stored, token_client, who, status):
    client = token_client(getattr(day, who).user)

    assert client.get(url(counting, stored)).status_code == status
    listing = client.get(url(counting))
    assert listing.status_code == status
    if status == 200:
        assert [item["id"] for item in listing.json()] == [stored]


def test_observers_of_another_mission_do_not_see_the_files(counting, stored, token_client):
    stranger = ObserverFactory(role="coordinator")

    assert token_client(stranger.user).get(url(counting, stored)).status_code == 404


def test_only_the_submitting_team_may_add_files(day, counting, token_client):
    assert upload(token_client(day.other_sto.user), counting, image_bytes("JPEG")).status_code == 404
    refused = upload(token_client(day.coordinator.user), counting, image_bytes("JPEG"))
    assert refused.status_code == 403
    assert refused.json()["detail"] == f"Only team {day.sto.team.code}, which sent this form, may add files to it."
    assert not Attachment.objects.exists()


def test_anonymous_requests_are_refused(api_client, counting):
    assert api_client.get(url(counting)).status_code == 401


def test_the_list_costs_a_fixed_number_of_queries(day, counting, token_client, django_assert_max_num_queries):
    client = token_client(day.sto.user)
    for shade in range(3):
        upload(client, counting, image_bytes("PNG", (shade, 0, 0)), name=f"{shade}.png")

    with django_assert_max_num_queries(6):
        response = client.get(url(counting))

    assert [item["original_name"] for item in response.json()] == ["0.png", "1.png", "2.png"]
