"""Answers for URLs nothing routes: JSON under /api/ (what API clients parse), the usual page elsewhere."""

from django.http import JsonResponse
from django.views.defaults import page_not_found


def not_found(request, exception):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found: no such address in the API; see /api/docs/."}, status=404)
    return page_not_found(request, exception)
