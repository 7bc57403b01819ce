"""A form sent by ODK Collect or Enketo: read its instance, then store it through the REST path's own
`submission_receive` (the plan, the version's questions, uuid idempotency, the outbox job), and its files through
`attachment_add`.

instanceID is the submission's uuid. The same instance again stores nothing (and a file that comes with it, as
Collect sends a large form's files over several requests, is added to the stored form); the same instanceID with
other content is a conflict.

An instance carrying deprecatedID is an edit of a form sent before (Enketo's "edit submission"). Our rule is that a
stored form never changes: the edit is stored as a new form under its own instanceID, and the earlier one stays and
counts until the core team reviews it (verify, send back, exclude: observers/submissions/review.py), as a corrected
form sent from our phone app would. Only the team that sent the earlier form may send an edit of it.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from observers.checklists.xform import END
from observers.models import Attachment, Checklist, Observer, Submission
from observers.openrosa.instances import Instance, InstanceInvalid, answer_value, instance_read
from observers.submissions.attachments import attachment_add
from observers.submissions.selectors import submission_with_uuid
from observers.submissions.services import (
    SubmissionForbidden,
    SubmissionInvalid,
    checklist_version_find,
    submission_receive,
)


@dataclass
class Received:
    submission: Submission
    created: bool
    files_added: int
    checklist: Checklist


def _checklist(instance: Instance, membership: Observer) -> Checklist:
    if instance.mission_id != membership.mission_id:
        raise InstanceInvalid(
            _("This form belongs to another mission than %(mission)s: download the forms of this server again.")
            % {"mission": membership.mission.label()}
        )
    checklist = checklist_version_find(mission_id=instance.mission_id, kind=instance.kind, version=instance.version)
    if checklist is None:
        raise InstanceInvalid(
            _("There is no version %(version)d of the %(kind)s form: download the forms again.")
            % {"version": instance.version, "kind": instance.kind}
        )
    return checklist


def instance_payload(*, instance: Instance, checklist: Checklist) -> dict:
    """The payload `submission_receive` takes, from the instance's text answers (converted by the question's type
    of the version the instance names; an answer to no question is passed on, to be refused by the validation)."""
    if instance.observed_at is None:
        raise SubmissionInvalid({END: [_("is missing: the phone records when the form was finished.")]})
    by_code = {question["code"]: question for question in checklist.questions}
    answers = {
        code: answer_value(by_code[code], text) if code in by_code else text for code, text in instance.values.items()
    }
    payload = {
        "uuid": instance.uuid,
        "checklist": checklist.pk,
        "answers": answers,
        "observed_at": instance.observed_at,
    }
    if instance.station_code:
        payload["polling_station_code"] = instance.station_code
    return payload


def _check_deprecated(instance: Instance, membership: Observer) -> None:
    if instance.deprecated_uuid is None or instance.deprecated_uuid == instance.uuid:
        return
    earlier = submission_with_uuid(uuid=instance.deprecated_uuid)
    if earlier is not None and earlier.team_id != membership.team_id:
        raise SubmissionForbidden(_("Only the team that sent a form may send a corrected version of it."))


def openrosa_submission_receive(
    *, user, membership: Observer, xml: bytes, files: Sequence[UploadedFile] = ()
) -> Received:
    """Store a form from an OpenRosa client; raises InstanceInvalid, SubmissionError or AttachmentError, and then
    nothing is written (a file refused undoes the form sent with it: the phone sends both again)."""
    instance = instance_read(xml)
    checklist = _checklist(instance, membership)
    _check_deprecated(instance, membership)
    payload = instance_payload(instance=instance, checklist=checklist)
    if not files:  # almost every form: no transaction of ours, the REST path's own one-statement insert
        submission, created = submission_receive(user=user, payload=payload, membership=membership)
        return Received(submission=submission, created=created, files_added=0, checklist=checklist)
    stored: list[Attachment] = []
    try:
        with transaction.atomic():
            submission, created = submission_receive(user=user, payload=payload, membership=membership)
            submission.checklist = checklist
            for upload in files:
                attachment, added = attachment_add(user=user, submission=submission, upload=upload)
                if added:
                    stored.append(attachment)
    except Exception:
        for attachment in stored:  # rolled back: their files go too
            attachment.file.delete(save=False)
        raise
    return Received(submission=submission, created=created, files_added=len(stored), checklist=checklist)
