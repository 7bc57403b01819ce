"""The phone's REST API: tokens, checklists, the day's plan, submissions. Thin: services and selectors do the work."""
import logging

import django_filters
import redis
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from observers.api.examples import SUBMISSION_EXAMPLES
from observers.api.limits import NestingBoundedJSONParser
from observers.api.authentication import token_issue, tokens_revoke
from observers.models import Checklist, Role, Submission
from observers.permissions import HasMissionRole
from observers.deployment.selectors import published_team_plan
from observers.submissions.selectors import api_token_latest_expiry, checklists_visible_to, submissions_visible_to
from observers.api.serializers import (
    ChecklistSerializer,
    DetailSerializer,
    PlanSerializer,
    SubmissionInputSerializer,
    SubmissionInvalidSerializer,
    SubmissionSerializer,
    TokenRequestSerializer,
    TokenSerializer,
    TokensRevokedSerializer,
)
from observers.submissions.services import (
    NO_TEAM_MESSAGE,
    SubmissionConflict,
    SubmissionError,
    SubmissionForbidden,
    SubmissionInvalid,
    submission_receive,
)


logger = logging.getLogger(__name__)


class LoginRateThrottle(ScopedRateThrottle):
    """Counts in the cache, which is Redis in production: with Redis down, logins go on unthrottled (django-axes
    still locks a username out after repeated failures, in the database) rather than fail with a 500."""

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except redis.RedisError:
            logger.warning("Login throttle skipped: the cache is unreachable.", exc_info=True)
            return True


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Conflicts with what was already received."
    default_code = "conflict"


API_ERRORS = {
    SubmissionInvalid: exceptions.ValidationError,
    SubmissionForbidden: exceptions.PermissionDenied,
    SubmissionConflict: Conflict,
}


class TokenObtainApi(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [LoginRateThrottle]
    throttle_scope = "login"

    @extend_schema(
        summary="Log in: get a phone token",
        request=TokenRequestSerializer,
        responses={
            200: TokenSerializer,
            400: OpenApiResponse(description="Wrong username or password."),
            429: OpenApiResponse(DetailSerializer, description="Too many attempts: wait, then try again."),
        },
        auth=[],
    )
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        key = token_issue(user=user)
        return Response(TokenSerializer({"token": key, "expires_at": api_token_latest_expiry(user=user)}).data)


class TokenRevokeApi(APIView):
    @extend_schema(summary="Log out: revoke all of my tokens", request=None, responses={200: TokensRevokedSerializer})
    def post(self, request):
        return Response(TokensRevokedSerializer({"revoked": tokens_revoke(user=request.user)}).data)


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


@extend_schema_view(
    list=extend_schema(
        summary="Form definitions of my missions: the latest version of each kind",
        parameters=[OpenApiParameter("all", bool, description="Every version, not only the latest.")],
    ),
    retrieve=extend_schema(summary="One form definition with its questions"),
)
class ChecklistViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [HasMissionRole]
    queryset = Checklist.objects.none()  # for the schema; get_queryset scopes the real one
    serializer_class = ChecklistSerializer

    def get_queryset(self):
        every_version = self.action != "list" or self.request.query_params.get("all") in ("1", "true")
        return checklists_visible_to(user=self.request.user, latest_only=not every_version)


class PlanApi(APIView):
    permission_classes = [HasMissionRole]
    allowed_roles = (Role.LTO, Role.STO)

    @extend_schema(
        summary="My team and the stations it plans to visit, in order",
        responses={200: PlanSerializer, 403: DetailSerializer},
    )
    def get(self, request):
        team = request.membership.team
        if team is None:
            raise exceptions.PermissionDenied(NO_TEAM_MESSAGE)
        plan = {"mission_id": request.membership.mission_id, "team": team, "assignments": published_team_plan(team=team)}
        return Response(PlanSerializer(plan).data)
