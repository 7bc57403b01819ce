"""Submissions through the REST API: send a filled checklist (idempotent on its uuid), list and read them."""

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.response import Response

from observers.api.examples import SUBMISSION_EXAMPLES
from observers.api.limits import NestingBoundedJSONParser
from observers.api.serializers import (
    DetailSerializer,
    SubmissionInputSerializer,
    SubmissionInvalidSerializer,
    SubmissionSerializer,
)
from observers.models import Checklist, Submission
from observers.permissions import HasMissionRole
from observers.submissions.selectors import submissions_visible_to
from observers.submissions.services import (
    SubmissionConflict,
    SubmissionError,
    SubmissionForbidden,
    SubmissionInvalid,
    submission_receive,
)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Conflicts with what was already received."
    default_code = "conflict"


API_ERRORS = {
    SubmissionInvalid: exceptions.ValidationError,
    SubmissionForbidden: exceptions.PermissionDenied,
    SubmissionConflict: Conflict,
}


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.NumberFilter):
    """An id compared as a number: no query to check that the object exists. Ids past the database's integers
    are a 400, not an overflow in the query."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=2**63 - 1, **kwargs)


class SubmissionFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(field_name="checklist__kind", choices=Checklist.Kind.choices)
    polling_station = IdFilter(field_name="polling_station_id", help_text="Station id")
    team = IdFilter(field_name="team_id", help_text="Team id")

    class Meta:
        model = Submission
        fields = ["kind", "polling_station", "team"]


@extend_schema_view(
    list=extend_schema(summary="Submissions I may see: my team's, or the whole mission for the core team"),
    retrieve=extend_schema(summary="One submission", responses={200: SubmissionSerializer, 404: DetailSerializer}),
)
class SubmissionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [HasMissionRole]
    queryset = Submission.objects.none()  # for the schema; get_queryset scopes the real one
    serializer_class = SubmissionSerializer
    parser_classes = [NestingBoundedJSONParser]
    filterset_class = SubmissionFilter
    lookup_field = "uuid"

    def get_queryset(self):
        return submissions_visible_to(user=self.request.user)

    @extend_schema(
        summary="Send a filled checklist (idempotent on uuid)",
        description=(
            "201 when stored; 200 with the first result when the same uuid comes again with the same content "
            "from the same team (nothing is written); 409 when the uuid was used for different content."
        ),
        request=SubmissionInputSerializer,
        responses={
            201: SubmissionSerializer,
            200: SubmissionSerializer,
            400: SubmissionInvalidSerializer,
            403: DetailSerializer,
            409: DetailSerializer,
            413: OpenApiResponse(DetailSerializer, description="The body is larger than the server accepts."),
            503: OpenApiResponse(
                DetailSerializer, description="The database is unavailable for a moment: send again after Retry-After."
            ),
        },
        examples=SUBMISSION_EXAMPLES,
    )
    def create(self, request):
        serializer = SubmissionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            submission, created = submission_receive(
                user=request.user, payload=serializer.validated_data, membership=request.membership
            )
        except SubmissionError as error:
            raise API_ERRORS[type(error)](error.detail) from error
        return Response(SubmissionSerializer(submission).data, status=201 if created else 200)
