"""Two of Django's and auditlog's middlewares, made to cost nothing on requests that do not use them.

Every phone's form is a request to the API: it shows no messages and has no signed-in session user. Made in
full, the message storage (a signed cookie's signer) and auditlog's actor context (a signal receiver connected
and disconnected) took about a tenth of the web process's CPU per form (bench/ingest.py, profiled with py-spy).
"""

from auditlog.middleware import AuditlogMiddleware
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.utils.functional import SimpleLazyObject, empty

from config.client_address import client_address


class LazyMessageMiddleware(MessageMiddleware):
    """Django's, with the storage made when a message is first added or read, and saved only then."""

    def process_request(self, request):
        request._messages = SimpleLazyObject(lambda: default_storage(request))

    def process_response(self, request, response):
        messages = getattr(request, "_messages", None)
        if isinstance(messages, SimpleLazyObject) and messages._wrapped is empty:
            return response
        return super().process_response(request, response)


class SignedInAuditlogMiddleware(AuditlogMiddleware):
    """auditlog's, for requests with a signed-in user only: they are the actors it records. Anonymous requests
    (log in, the API with a phone token, which middleware cannot see) change no audited model."""

    def __call__(self, request):
        if not request.user.is_authenticated:
            return self.get_response(request)
        return super().__call__(request)

    @staticmethod
    def _get_remote_addr(request):
        """auditlog's believes any X-Forwarded-For; the audit trail records the address as the login limits see it."""
        return client_address(request)
