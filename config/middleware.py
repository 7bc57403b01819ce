"""Two of Django's and auditlog's middlewares, made to cost nothing on requests that do not use them; django-csp's,
with the browsable API's few style attributes.

Every phone's form is a request to the API: it shows no messages and has no signed-in session user. Made in
full, the message storage (a signed cookie's signer) and auditlog's actor context (a signal receiver connected
and disconnected) took about a tenth of the web process's CPU per form (bench/ingest.py, profiled with py-spy).
"""

import base64
import hashlib

from auditlog.middleware import AuditlogMiddleware
from csp.constants import UNSAFE_HASHES
from csp.middleware import CSPMiddleware
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.utils.functional import SimpleLazyObject, empty
from rest_framework.renderers import BrowsableAPIRenderer

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


def _style_hash(declarations: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(declarations.encode()).digest()).decode()}'"


# The style attributes of DRF's rest_framework/base.html (the Filters and Extra Actions buttons), as written there.
BROWSABLE_API_STYLES = ("float: right; margin-right: 10px",)


class BrowsableApiCSPMiddleware(CSPMiddleware):
    """django-csp's, admitting on DRF's browsable API pages the style attributes its template writes, by their
    hashes (CSP's 'unsafe-hashes' for attributes): no other attribute, and no inline style or script."""

    STYLE_ATTRIBUTES = {"style-src-attr": [UNSAFE_HASHES, *map(_style_hash, BROWSABLE_API_STYLES)]}

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if isinstance(getattr(response, "accepted_renderer", None), BrowsableAPIRenderer):
            parts.update = {**(parts.update or {}), **self.STYLE_ATTRIBUTES}
        return parts
