"""Files sent with a submission, such as the photo of a results protocol.

The type is decided by the file's content (and images must open), never by its name or the type the
phone declares. Files are stored under MEDIA_ROOT; the database holds their path, type, size and hash.
"""

import hashlib

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import DependencyError, PyPdfError

from observers.models import CORE_ROLES, Attachment, Checklist, Observer, Submission
from observers.submissions.selectors import submissions_visible_to

MAX_SIZE = 10 * 1024 * 1024
MAX_PER_SUBMISSION = 5
# A protocol is a few pages; a bound on pages (with MAX_SIZE) keeps a hostile PDF from costing long to read.
MAX_PDF_PAGES = 20
ATTACHABLE_KINDS = (Checklist.Kind.COUNTING, Checklist.Kind.INCIDENT)
# (leading bytes, content type, extension); WebP is RIFF....WEBP, checked below.
_SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"%PDF-", "application/pdf", ".pdf"),
)
ALLOWED_TYPES = "JPEG, PNG, WebP or PDF"


class AttachmentError(Exception):
    """The file is refused; the message says what to send instead."""


class AttachmentTooLarge(AttachmentError):
    pass


class AttachmentForbidden(AttachmentError):
    pass


def detect_content_type(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) from a file's first bytes, or None when it is none of the allowed types."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp", ".webp"
    for signature, content_type, extension in _SIGNATURES:
        if head.startswith(signature):
            return content_type, extension
    return None


def _image_opens(upload: UploadedFile) -> bool:
    try:
        with Image.open(upload) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False
    finally:
        upload.seek(0)
    return True


# pypdf raises its own errors for most damage, plain ones (KeyError, TypeError...) for some garbage, RecursionError
# for objects nested without end, and DependencyError for an AES-encrypted file (no `cryptography` installed).
_PDF_UNREADABLE = (
    PyPdfError,
    DependencyError,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    OSError,
    RecursionError,
)


def _pdf_opens(upload: UploadedFile) -> bool:
    """The PDF parses, opens without a password and has 1 to MAX_PDF_PAGES pages."""
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return False
        return 0 < len(reader.pages) <= MAX_PDF_PAGES and reader.pages[0].mediabox is not None
    except _PDF_UNREADABLE:
        return False
    finally:
        upload.seek(0)


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _uploader(*, user, submission: Submission) -> Observer:
    observer = Observer.objects.filter(user=user, team_id=submission.team_id).exclude(role__in=CORE_ROLES).first()
    if observer is None:
        raise AttachmentForbidden(f"Only team {submission.team.code}, which sent this form, may add files to it.")
    return observer


def _check_file(upload: UploadedFile) -> tuple[str, str]:
    if upload.size > MAX_SIZE:
        raise AttachmentTooLarge(
            f"The file is {upload.size / 1024 / 1024:.1f} MB; the limit is {MAX_SIZE // 1024 // 1024} MB. "
            "Take the photo again at a lower resolution."
        )
    if upload.size == 0:
        raise AttachmentError("The file is empty: take the photo again.")
    detected = detect_content_type(upload.read(16))
    upload.seek(0)
    if detected is None:
        raise AttachmentError(f"This file is not a {ALLOWED_TYPES} file (whatever its name says): send one of those.")
    if detected[0].startswith("image/") and not _image_opens(upload):
        raise AttachmentError("The image is damaged or incomplete and cannot be opened: take the photo again.")
    if detected[0] == "application/pdf" and not _pdf_opens(upload):
        raise AttachmentError(
            _(
                "The PDF could not be read (damaged, incomplete, password-protected or over %(pages)d pages): "
                "photograph the protocol or send the PDF again."
            )
            % {"pages": MAX_PDF_PAGES}
        )
    return detected


def attachment_add(*, user, submission: Submission, upload: UploadedFile) -> tuple[Attachment, bool]:
    """Store a file sent with `submission`; the same file sent again returns the first one, created=False."""
    uploader = _uploader(user=user, submission=submission)
    if submission.checklist.kind not in ATTACHABLE_KINDS:
        raise AttachmentError(
            f"A {submission.checklist.get_kind_display().lower()} form takes no files: "
            "attach the protocol photo to the counting form."
        )
    content_type, extension = _check_file(upload)
    sha256 = _sha256(upload)
    existing = submission.attachments.filter(sha256=sha256).first()
    if existing is not None:
        return existing, False
    if submission.attachments.count() >= MAX_PER_SUBMISSION:
        raise AttachmentError(f"A form takes at most {MAX_PER_SUBMISSION} files; this one has them all.")
    attachment = Attachment(
        submission=submission,
        original_name=(upload.name or "")[-200:],
        content_type=content_type,
        size=upload.size,
        sha256=sha256,
        uploaded_by=uploader,
    )
    attachment.file.save(f"upload{extension}", upload, save=False)
    try:
        with transaction.atomic():
            attachment.save()
    except IntegrityError:
        # The same file arrived twice at once: keep the first, drop our copy.
        attachment.file.delete(save=False)
        return submission.attachments.get(sha256=sha256), False
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment, True


def attachments_visible_to(*, user, submission_uuid) -> QuerySet[Attachment]:
    """Files of a submission the user may see (their team's, or any in a mission where they are core)."""
    visible = submissions_visible_to(user=user).filter(uuid=submission_uuid).values("uuid")
    return Attachment.objects.filter(submission_id__in=visible)
