"""Files sent with a submission: upload (the submitting team) and download (that team and the core team)."""

from django.http import FileResponse, Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from observers.models import Attachment
from observers.permissions import HasMissionRole
from observers.submissions.attachments import (
    ALLOWED_TYPES,
    MAX_SIZE,
    AttachmentError,
    AttachmentForbidden,
    AttachmentTooLarge,
    attachment_add,
    attachments_visible_to,
)
from observers.submissions.selectors import submissions_visible_to

# What a stored file is served as: the type detected from its content (attachments.detect_content_type).
STORED_TYPES = ("image/jpeg", "image/png", "image/webp", "application/pdf")
# Multipart framing around the file: a request longer than this cannot hold an allowed file.
_MULTIPART_OVERHEAD = 64 * 1024


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "original_name", "content_type", "size", "uploaded_at", "url"]

    def get_url(self, attachment) -> str:
        path = reverse("api-attachment", kwargs={"uuid": attachment.submission_id, "pk": attachment.pk})
        return self.context["request"].build_absolute_uri(path)


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=f"{ALLOWED_TYPES}, at most {MAX_SIZE // 1024 // 1024} MB.")


def _visible_submission(request, uuid):
    submission = submissions_visible_to(user=request.user).filter(uuid=uuid).first()
    if submission is None:
        raise Http404
    return submission


class AttachmentListApi(APIView):
    permission_classes = [HasMissionRole]
    parser_classes = [MultiPartParser]

    @extend_schema(summary="Files of a submission", responses={200: AttachmentSerializer(many=True)})
    def get(self, request, uuid):
        attachments = _visible_submission(request, uuid).attachments.all()
        return Response(AttachmentSerializer(attachments, many=True, context={"request": request}).data)

    @extend_schema(
        summary="Add a file to a submission (a photo of the results protocol)",
        description="Idempotent: the same file sent again returns the first one with 200.",
        request={"multipart/form-data": AttachmentUploadSerializer},
        responses={
            201: AttachmentSerializer,
            200: AttachmentSerializer,
            400: OpenApiResponse(description="Not an allowed file type, damaged, or too many files."),
            403: OpenApiResponse(description="Not the team that sent the form."),
            413: OpenApiResponse(description=f"Larger than {MAX_SIZE // 1024 // 1024} MB."),
        },
    )
    def post(self, request, uuid):
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_SIZE + _MULTIPART_OVERHEAD:
            raise PayloadTooLarge(f"The file is larger than {MAX_SIZE // 1024 // 1024} MB: send a smaller one.")
        submission = _visible_submission(request, uuid)
        upload = AttachmentUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        try:
            attachment, created = attachment_add(
                user=request.user, submission=submission, upload=upload.validated_data["file"]
            )
        except AttachmentTooLarge as error:
            raise PayloadTooLarge(str(error)) from error
        except AttachmentForbidden as error:
            raise exceptions.PermissionDenied(str(error)) from error
        except AttachmentError as error:
            raise exceptions.ValidationError({"file": [str(error)]}) from error
        data = AttachmentSerializer(attachment, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class AttachmentDownloadApi(APIView):
    permission_classes = [HasMissionRole]

    @extend_schema(
        summary="Download a file of a submission",
        responses={(200, content_type): OpenApiTypes.BINARY for content_type in STORED_TYPES},
    )
    def get(self, request, uuid, pk):
        attachment = attachments_visible_to(user=request.user, submission_uuid=uuid).filter(pk=pk).first()
        if attachment is None:
            raise Http404
        return FileResponse(
            attachment.file.open("rb"),
            content_type=attachment.content_type,
            filename=attachment.original_name or attachment.file.name.rsplit("/", 1)[-1],
        )
