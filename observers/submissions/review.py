"""The core team's review of submissions: verify, send back to the team with a question, exclude with a reason,
restore. Each records who and when; an excluded form leaves every figure (see Submission.objects.counted()), and
the tallies (observers/submissions/tallies.py) in the same transaction; a restored one comes back to them.

Only coordinators and analysts of the submission's own mission review it. Each change locks the row, checks
the status it starts from and writes in one transaction, so two analysts acting at once cannot both succeed
from a status that no longer holds.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from observers.models import Observer, Submission
from observers.submissions.tallies import submission_tally_change

Status = Submission.ReviewStatus
NOT_EXCLUDED = {Status.UNREVIEWED, Status.SENT_BACK, Status.VERIFIED}
NOTE_MAX_LENGTH = 2000


def _review(
    *, submission: Submission, reviewer: Observer, status: str, note: str, allowed_from: set[str], note_needed: str = ""
) -> Submission:
    """Lock, check, write. `note_needed`: the message when the note is required and blank."""
    if not reviewer.is_core or reviewer.mission_id != submission.mission_id:
        raise PermissionDenied("Only the mission's coordinators and analysts review its forms.")
    note = note.strip()
    if note_needed and not note:
        raise ValidationError({"note": note_needed})
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError({"note": f"Keep the note under {NOTE_MAX_LENGTH} characters (it has {len(note)})."})
    with transaction.atomic():
        locked = (
            Submission.objects.select_for_update(of=("self",)).select_related("polling_station").get(pk=submission.pk)
        )
        if locked.review_status not in allowed_from:
            raise ValidationError(
                f"This form is {locked.get_review_status_display().lower()}: "
                + (
                    "restore it first."
                    if locked.review_status == Status.EXCLUDED
                    else "only an excluded form is restored."
                )
            )
        if (locked.review_status == Status.EXCLUDED) != (status == Status.EXCLUDED):  # in or out of the figures
            submission_tally_change(submission=locked, sign=-1 if status == Status.EXCLUDED else 1)
        locked.review_status, locked.review_note = status, note
        locked.reviewed_by, locked.reviewed_at = reviewer, timezone.now()
        locked.save(update_fields=["review_status", "review_note", "reviewed_by", "reviewed_at"])
    return locked


def submission_verify(*, submission: Submission, reviewer: Observer, note: str = "") -> Submission:
    """The form was checked and stands; an optional note says how."""
    return _review(
        submission=submission, reviewer=reviewer, status=Status.VERIFIED, note=note, allowed_from=NOT_EXCLUDED
    )


def submission_send_back(*, submission: Submission, reviewer: Observer, question: str) -> Submission:
    """Ask the team a question about its form; the team sees it. The form still counts meanwhile."""
    return _review(
        submission=submission,
        reviewer=reviewer,
        status=Status.SENT_BACK,
        note=question,
        allowed_from=NOT_EXCLUDED,
        note_needed="Write the question the team should answer.",
    )


def submission_exclude(*, submission: Submission, reviewer: Observer, reason: str) -> Submission:
    """Take the form out of every figure; the reason is required and shown with it."""
    return _review(
        submission=submission,
        reviewer=reviewer,
        status=Status.EXCLUDED,
        note=reason,
        allowed_from=NOT_EXCLUDED,
        note_needed="Give the reason for excluding this form.",
    )


def submission_restore(*, submission: Submission, reviewer: Observer) -> Submission:
    """Bring an excluded form back into the figures, as not reviewed."""
    return _review(
        submission=submission, reviewer=reviewer, status=Status.UNREVIEWED, note="", allowed_from={Status.EXCLUDED}
    )
