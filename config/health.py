"""`/healthz`: the state of the database and the broker, for load balancers and operators; `/livez`: the process
answers at all (no database, no broker), for a liveness probe and as the bare rate of the server in bench/ingest.py.

503 when the database is unreachable (the app cannot work); a broker that is down is reported but
answers 200, because submissions are still accepted and their follow-up work waits for it.
"""

import functools

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as error:  # any driver error means "down"; say which
        return f"error: {error.__class__.__name__}"


@functools.lru_cache
def _redis(url: str):
    """One client (and its pool of connections) per URL, not a new connection for every probe."""
    import redis

    return redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)


def _broker() -> str:
    if not settings.REDIS_URL:
        return "eager (no broker configured)"
    import redis

    try:
        _redis(settings.REDIS_URL).ping()
        return "ok"
    except redis.RedisError as error:
        return f"error: {error.__class__.__name__}"


@never_cache
def healthz(request):
    state = {"database": _database(), "broker": _broker()}
    return JsonResponse(state, status=200 if state["database"] == "ok" else 503)


@never_cache
def livez(request):
    return HttpResponse("ok", content_type="text/plain")
