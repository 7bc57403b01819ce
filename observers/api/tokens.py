"""Logging in and out from the phone: a token for a username and password, and revoking all of one's tokens."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from observers.api.serializers import DetailSerializer, TokenRequestSerializer, TokenSerializer, TokensRevokedSerializer
from observers.onboarding.selectors import api_token_latest_expiry
from observers.onboarding.services import token_issue, tokens_revoke


class TokenObtainApi(APIView):
    """Only failed logins are limited (observers/logins): successes never are, so a whole hotel of observers
    behind one address logs in on election day."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Log in: get a phone token",
        request=TokenRequestSerializer,
        responses={
            200: TokenSerializer,
            400: OpenApiResponse(description="Wrong username or password."),
            429: OpenApiResponse(
                DetailSerializer,
                description="Too many failed logins for this username, or from this address: wait the "
                "Retry-After seconds, then try again.",
            ),
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
