"""What the URL walk and the CSRF tests share: every routed URL, and the URL a rule asks for."""

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access.rules import Rule

SKIPPED_PREFIXES = ("admin/", settings.STATIC_URL.lstrip("/"), settings.MEDIA_URL.lstrip("/"))


def routed_urls(patterns=None, prefix: str = "", namespace: str | None = None):
    """(URL name with its namespace, or None; route) of every pattern, includes followed."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}:{pattern.namespace}"
                if namespace and pattern.namespace
                else (pattern.namespace or namespace)
            )
            yield from routed_urls(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            yield (f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name), route


def rule_url(name: str, rule: Rule, mission) -> str:
    kwargs = {**rule.kwargs, **(rule.objects(mission) if rule.objects else {})}
    return reverse(name, kwargs=kwargs or None) + rule.query
