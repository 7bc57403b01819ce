"""Forms sent by ODK Collect through the OpenRosa API: built from the XForm we serve, stored by the REST path."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from observers.models import Attachment, OutboxJob, Submission
from tests.factories import valid_answers
from tests.observers.openrosa.collect import Collect, card_server, fill, message
from tests.observers.submissions.test_attachments import image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def collect(day):
    return Collect(card_server(day.sto))


@pytest.fixture
def voting_form(day, collect):
    return collect.xform(f"eom-{day.mission.pk}-voting")


def test_head_submission_answers_204_with_the_openrosa_headers(collect):
    response = collect.client.head(f"{collect.server}/submission")

    assert response.status_code == 204
    assert response["X-OpenRosa-Version"] == "1.0"
    assert int(response["X-OpenRosa-Accept-Content-Length"]) >= 1024 * 1024
    assert response["Date"]


def test_a_form_filled_from_our_xform_is_stored_with_its_instance_id_as_uuid(day, collect, voting_form):
    instance_id = uuid.uuid4()
    instance = fill(voting_form, valid_answers(), station=day.planned.code, instance_id=instance_id)

    response = collect.submit(instance, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 201, response.content
    assert response["X-OpenRosa-Version"] == "1.0"
    assert "00.25.01" in message(response)
    submission = Submission.objects.get()
    assert submission.uuid == instance_id
    assert submission.answers == valid_answers()
    assert submission.polling_station == day.planned
    assert submission.observer == day.sto and submission.checklist == day.voting
    assert submission.observed_at.isoformat() == "2004-09-19T03:45:00+00:00"
    assert OutboxJob.objects.filter(kind=OutboxJob.Kind.SUBMISSION_CHECK).count() == 1


def test_the_same_instance_again_is_201_and_writes_nothing(day, collect, voting_form):
    instance = fill(voting_form, valid_answers(), station=day.planned.code)
    collect.submit(instance)

    again = collect.submit(instance)

    assert again.status_code == 201  # Collect counts 200 as a failure
    assert Submission.objects.count() == 1
    assert OutboxJob.objects.count() == 1


def test_the_same_instance_id_with_other_answers_is_409(day, collect, voting_form):
    instance_id = uuid.uuid4()
    collect.submit(fill(voting_form, valid_answers(), station=day.planned.code, instance_id=instance_id))

    changed = collect.submit(
        fill(voting_form, valid_answers(overall_assessment="bad"), station=day.planned.code, instance_id=instance_id)
    )

    assert changed.status_code == 409
    assert "already used" in message(changed)
    assert Submission.objects.get().answers["overall_assessment"] == "good"


def test_a_station_outside_the_plan_is_403(day, collect, voting_form):
    response = collect.submit(fill(voting_form, valid_answers(), station=day.unplanned.code))

    assert response.status_code == 403
    assert "00.25.02" in message(response) and "plan" in message(response)
    assert not Submission.objects.exists()


def test_a_bad_answer_is_400_naming_the_question(day, collect, voting_form):
    answers = valid_answers(voters_on_list="many")
    response = collect.submit(fill(voting_form, answers, station=day.planned.code))

    assert response.status_code == 400
    assert message(response).startswith("voters_on_list: must be a whole number")
    assert not Submission.objects.exists()


def test_a_missing_required_answer_and_a_follow_up_are_named(day, collect, voting_form):
    answers = valid_answers(overall_assessment=None, unauthorised="yes")
    response = collect.submit(fill(voting_form, answers, station=day.planned.code))

    assert response.status_code == 400
    assert "overall_assessment: is required" in message(response)
    assert "unauthorised_who: is required" in message(response)


def test_a_multiple_choice_answer_is_read_as_its_list(day, collect, voting_form):
    answers = valid_answers(unauthorised="yes", unauthorised_who=["police", "officials"])
    response = collect.submit(fill(voting_form, answers, station=day.planned.code))

    assert response.status_code == 201, message(response)
    assert Submission.objects.get().answers["unauthorised_who"] == ["police", "officials"]


def test_a_form_against_an_older_version_is_checked_against_that_version(day, collect, voting_form):
    from tests.factories import ChecklistFactory

    questions = [q for q in day.voting.questions if q["code"] != "secrecy"]
    ChecklistFactory(mission=day.mission, kind="voting", version=2, questions=questions)
    assert collect.form_list()[f"eom-{day.mission.pk}-voting"]["version"] == "2"

    response = collect.submit(fill(voting_form, valid_answers(), station=day.planned.code))  # still version 1

    assert response.status_code == 201, message(response)
    assert Submission.objects.get().checklist == day.voting


def test_an_unknown_version_is_400(day, collect, voting_form):
    instance = fill(voting_form, valid_answers(), station=day.planned.code).replace(b'version="1"', b'version="7"')

    response = collect.submit(instance)

    assert response.status_code == 400
    assert "no version 7" in message(response)


def test_an_observer_in_no_team_is_told_so(day):
    from observers.models import Role
    from tests.factories import ObserverFactory

    loner = ObserverFactory(mission=day.mission, role=Role.STO, team=None)
    collect = Collect(card_server(loner))
    assert collect.form_list() == {}


def test_the_message_is_in_the_phones_language(day, collect, voting_form):
    instance = fill(voting_form, valid_answers(), station=day.planned.code)

    response = collect.submit(instance, HTTP_ACCEPT_LANGUAGE="ru")

    assert response.status_code == 201
    assert response["Content-Language"] == "ru"  # the message is gettext's, in the language asked for
    assert collect.submit(instance, HTTP_ACCEPT_LANGUAGE="kk")["Content-Language"] == "kk"


@pytest.fixture
def counting(day):
    from tests.factories import ChecklistFactory

    return ChecklistFactory(mission=day.mission, kind="counting")


def _photo(name="protocol.png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, image_bytes("PNG"), content_type="image/png")


def test_a_protocol_photo_sent_in_a_later_post_of_the_same_instance_is_added(day, collect, counting, media_root):
    xform = collect.xform(f"eom-{day.mission.pk}-counting")
    instance = fill(xform, valid_answers(), station=day.planned.code, extra={"protocol_photo": "protocol.png"})

    first = collect.submit(instance)
    second = collect.submit(instance, _photo())
    third = collect.submit(instance, _photo())

    assert (first.status_code, second.status_code, third.status_code) == (201, 201, 201), message(second)
    submission = Submission.objects.get()
    attachment = Attachment.objects.get()
    assert attachment.submission_id == submission.uuid and attachment.original_name == "protocol.png"


def test_a_bad_file_undoes_the_form_sent_with_it(day, collect, counting, media_root):
    from django.core.files.uploadedfile import SimpleUploadedFile

    xform = collect.xform(f"eom-{day.mission.pk}-counting")
    instance = fill(xform, valid_answers(), station=day.planned.code, extra={"protocol_photo": "protocol.png"})

    response = collect.submit(instance, SimpleUploadedFile("protocol.png", b"not a picture"))

    assert response.status_code == 400
    assert not Submission.objects.exists() and not Attachment.objects.exists()


def test_a_chunked_upload_without_content_length_is_read(day, collect, voting_form):
    import io

    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

    instance = fill(voting_form, valid_answers(), station=day.planned.code)
    body = encode_multipart(BOUNDARY, {"xml_submission_file": SimpleUploadedFile("s.xml", instance)})

    response = collect.client.generic(
        "POST",
        f"{collect.server}/submission",
        body,
        content_type=MULTIPART_CONTENT,
        CONTENT_LENGTH="",
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": io.BytesIO(body)},
    )

    assert response.status_code == 201, message(response)
    assert Submission.objects.count() == 1


def test_an_edit_carrying_deprecated_id_is_a_new_form_and_the_first_stays_for_review(day, collect, voting_form):
    first_id, edit_id = uuid.uuid4(), uuid.uuid4()
    collect.submit(fill(voting_form, valid_answers(), station=day.planned.code, instance_id=first_id))
    edit = fill(voting_form, valid_answers(overall_assessment="bad"), station=day.planned.code, instance_id=edit_id)
    edit = edit.replace(b"</instanceID>", f"</instanceID><deprecatedID>uuid:{first_id}</deprecatedID>".encode())

    response = collect.submit(edit)

    assert response.status_code == 201, message(response)
    assert Submission.objects.get(uuid=first_id).answers["overall_assessment"] == "good"
    assert Submission.objects.get(uuid=edit_id).answers["overall_assessment"] == "bad"


def test_only_the_team_that_sent_a_form_may_send_its_edit(day, collect, voting_form):
    first_id = uuid.uuid4()
    collect.submit(fill(voting_form, valid_answers(), station=day.planned.code, instance_id=first_id))
    edit = fill(voting_form, valid_answers(), station=day.planned.code)
    edit = edit.replace(b"</instanceID>", f"</instanceID><deprecatedID>uuid:{first_id}</deprecatedID>".encode())

    response = Collect(card_server(day.other_sto)).submit(edit)

    assert response.status_code == 403
    assert Submission.objects.count() == 1


@pytest.mark.django_db(transaction=True)  # outside a test's transaction, as in service: used versions are cached
def test_a_form_costs_the_same_queries_as_through_the_rest_api(day, collect, voting_form, token_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    collect.submit(fill(voting_form, valid_answers(), station=day.planned.code))  # the version is used: cached
    phone = token_client(day.sto.user)
    body = {
        "uuid": str(uuid.uuid4()),
        "checklist": day.voting.pk,
        "polling_station_code": day.planned.code,
        "answers": valid_answers(),
        "observed_at": "2004-09-19T09:45:00+06:00",
    }
    phone.post("/api/v1/submissions/", {**body, "uuid": str(uuid.uuid4())}, format="json")  # its token used once
    with CaptureQueriesContext(connection) as rest:
        assert phone.post("/api/v1/submissions/", body, format="json").status_code == 201
    with CaptureQueriesContext(connection) as openrosa:
        assert collect.submit(fill(voting_form, valid_answers(), station=day.planned.code)).status_code == 201

    assert len(openrosa) == len(rest), [query["sql"][:80] for query in openrosa]
