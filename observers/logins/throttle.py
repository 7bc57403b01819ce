"""Failed logins counted per client address, in the cache (Redis in production), in fixed windows of time.

django-axes counts per username and cannot give an address a limit of its own. This is a counter per address and
window (an add or an increment per failure, a read per attempt): not worth a library.
"""

import logging
import time

import redis
from django.conf import settings
from django.core.cache import caches

from config.client_address import client_address

logger = logging.getLogger(__name__)


def address_wait(request) -> int:
    """Seconds before this address may try a password again; 0 while it is under its limit, or when the cache is
    unreachable (the username lock-out, kept in the database, still holds)."""
    key, seconds_left = _window(request)
    try:
        failures = caches["logins"].get(key, 0)
    except redis.RedisError:
        logger.warning("Login address throttle skipped: the cache is unreachable.", exc_info=True)
        return 0
    return seconds_left if failures >= settings.LOGIN_ADDRESS_FAILURE_LIMIT else 0


def failure_record(sender, credentials=None, request=None, **kwargs) -> None:
    """Receives `user_login_failed`, which `authenticate()` sends for every failed password, web or phone."""
    if request is None:
        return
    key, seconds_left = _window(request)
    cache = caches["logins"]
    try:
        if not cache.add(key, 1, timeout=seconds_left + 1):
            cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.add(key, 1, timeout=seconds_left + 1)
    except redis.RedisError:
        logger.warning("Login failure not counted: the cache is unreachable.", exc_info=True)


def _window(request) -> tuple[str, int]:
    length = settings.LOGIN_ADDRESS_WINDOW_MINUTES * 60
    now = time.time()
    number = int(now // length)
    return f"login-failures:{client_address(request)}:{number}", max(1, int((number + 1) * length - now))
