"""Bodies the API refuses as a client's mistake, not a crash: above DATA_UPLOAD_MAX_MEMORY_SIZE (413, JSON, before
the body is read), or JSON nested deeper than the decoder can follow (400, where it would be a RecursionError)."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser
from rest_framework.views import exception_handler


class BodyTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


class NestingBoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError("JSON parse error - nested too deeply.") from None


def api_exception_handler(exc, context):
    """DRF's handler, with Django's RequestDataTooBig (raised when request.data reads the body) as a 413."""
    if isinstance(exc, RequestDataTooBig):
        length = context["request"].META.get("CONTENT_LENGTH")
        exc = BodyTooLarge(
            f"The body has {length} bytes; at most {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} are accepted: send less."
        )
    return exception_handler(exc, context)
