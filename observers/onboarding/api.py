"""Turns the session a login link opened into a phone API token, so the phone app needs no password."""

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.authentication import SessionAuthentication
from rest_framework.response import Response
from rest_framework.views import APIView

from observers.api.serializers import TokenSerializer
from observers.onboarding.selectors import api_token_latest_expiry
from observers.onboarding.services import token_issue
from observers.permissions import HasMissionRole


class TokenFromSessionApi(APIView):
    # Session only (never a token), and DRF's SessionAuthentication enforces the CSRF check.
    authentication_classes = [SessionAuthentication]
    permission_classes = [HasMissionRole]

    @extend_schema(
        summary="Get a phone token for the signed-in session (after a login link)",
        description="Send the `csrftoken` cookie's value in the `X-CSRFToken` header.",
        request=None,
        responses={200: TokenSerializer, 403: OpenApiResponse(description="No session, or no CSRF token.")},
    )
    def post(self, request):
        key = token_issue(user=request.user)
        return Response(TokenSerializer({"token": key, "expires_at": api_token_latest_expiry(user=request.user)}).data)


urlpatterns = [
    path("auth/token/from-session/", TokenFromSessionApi.as_view(), name="api-token-from-session"),
]
