"""A database that cannot be reached answers 503 with Retry-After, as JSON, instead of a 500.

PostgreSQL restarting, a failover, a connection killed under the app: the request did nothing (its writes are
inside transaction.atomic, rolled back with the connection), so the client may simply send it again; a phone's
submission is idempotent on its uuid. Django drops the broken connection at the end of the request and the next
one opens a new connection.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import JsonResponse

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.warning("Database unavailable during %s %s: %s", request.method, request.path, exception)
        response = JsonResponse(
            {"detail": "The database is unavailable for a moment and nothing was saved: please try again."},
            status=503,
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
