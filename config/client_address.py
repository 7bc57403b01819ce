"""The address a request came from, trusting `X-Forwarded-For` only as far as the proxies we run.

Anyone can send `X-Forwarded-For`. With TRUSTED_PROXY_COUNT = 0 (the default) the header is ignored and the
address is the connection's; behind N proxies of ours, each appending the address it saw, the client is the N-th
entry from the right: whatever a client wrote further left is not believed.
"""

from django.conf import settings


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    return hops[-proxies] if len(hops) >= proxies else remote
