"""The first authentication backend: an address over its failure limit gets no password checked at all."""

from django.core.exceptions import PermissionDenied

from observers.logins.throttle import address_wait


class AddressThrottleBackend:
    """Refuses (PermissionDenied stops `authenticate()`) and leaves the wait on the request for the login views."""

    def authenticate(self, request, **credentials):
        wait = address_wait(request) if request is not None else 0
        if wait:
            request.login_address_wait = wait
            raise PermissionDenied
        return None

    # No get_user: it signs nobody in, and the test client's force_login takes the first backend that has one.
