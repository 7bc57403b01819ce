"""Logging in and out from the phone: a token for a username and password, and revoking all of one's tokens."""

import logging

import redis
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from observers.api.serializers import DetailSerializer, TokenRequestSerializer, TokenSerializer, TokensRevokedSerializer
from observers.onboarding.selectors import api_token_latest_expiry
from observers.onboarding.services import token_issue, tokens_revoke

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
