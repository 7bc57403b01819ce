"""`/healthz`: the state of the database and the broker, for load balancers and operators.

503 when the database is unreachable (the app cannot work); a broker that is down is reported but
answers 200, because submissions are still accepted and their follow-up work waits for it.
"""
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as error:  # any driver error means "down"; say which
        return f"error: {error.__class__.__name__}"


def _broker() -> str:
    if not settings.REDIS_URL:
        return "eager (no broker configured)"
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1).ping()
        return "ok"
    except redis.RedisError as error:
        return f"error: {error.__class__.__name__}"


@never_cache
def healthz(request):
    state = {"database": _database(), "broker": _broker()}
    return JsonResponse(state, status=200 if state["database"] == "ok" else 503)
