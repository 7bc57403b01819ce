"""Onboarding pages: coordinators print login cards and manage links and phone tokens; observers open their link."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from observers.audit.selectors import audit_entries, audit_rows
from observers.models import Observer, Role
from observers.onboarding.cards import login_cards_pdf
from observers.onboarding.forms import CardsForm, ObserverFilterForm
from observers.onboarding.selectors import (
    account_managed_by_mission,
    link_status,
    link_status_counts,
    live_token_count,
    observer_links,
    observers_of_mission,
    observers_with_links_filtered,
)
from observers.onboarding.services import (
    AccountNotManaged,
    LinkUnusable,
    login_link_consume,
    login_link_find,
    login_links_issue,
    login_links_prepare,
    login_links_revoke,
    observer_tokens_revoke,
)
from observers.permissions import SESSION_MISSION_KEY, coordinator_required

OBSERVER_HISTORY_LENGTH = 20
ACCOUNT_NOT_MANAGED = gettext_lazy(
    "This person's account is also used outside this mission: signing its phones out here would sign them out "
    "there too, so nothing was changed. Ask an administrator to sign the phones out."
)


def _link_url(request, key: str) -> str:
    path = reverse("onboarding:login-link", args=[key])
    return settings.SITE_URL.rstrip("/") + path if settings.SITE_URL else request.build_absolute_uri(path)


OBSERVERS_PER_PAGE = 100


def _links_page(request, form: CardsForm, status: int = 200):
    """The cards form, the links' counts, and the observers, searched and filtered by role and link status, a page
    at a time (the ticks of a page choose whom to print for)."""
    now, mission = timezone.now(), request.membership.mission
    filters = ObserverFilterForm(request.GET)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    observers = observers_with_links_filtered(
        mission=mission,
        now=now,
        search=chosen.get("q", "").strip(),
        role=chosen.get("role", ""),
        status=chosen.get("status", ""),
    )
    page = Paginator(observers, OBSERVERS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [{"observer": o, "status": link_status(source=o, now=now, prefix="link_")} for o in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "filters": filters,
        "filtered": any(chosen.values()),
        "rows": rows,
        "page": page,
        "query": query.urlencode(),
        "counts": link_status_counts(mission=mission, now=now),
    }
    return render(request, "onboarding/links.html", context, status=status)


@require_GET
@coordinator_required
def links_page(request):
    form = CardsForm(mission=request.membership.mission, initial={"select": "role", "role": Role.STO})
    return _links_page(request, form)


@require_POST
@coordinator_required
def cards_pdf(request):
    mission = request.membership.mission
    form = CardsForm(request.POST, mission=mission)
    if not form.is_valid():
        return _links_page(request, form, status=400)
    links = login_links_prepare(
        observers=form.cleaned_data["observers"],
        lifetime=form.cleaned_data["lifetime"],
        collect=form.cleaned_data["odk_collect"],
    )
    site = settings.SITE_URL or request.build_absolute_uri("/")
    pdf = login_cards_pdf(mission=mission, links=links, link_url=lambda key: _link_url(request, key), site=site)
    login_links_issue(links=links, created_by=request.user)  # after printing: a failed PDF issues nothing
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"login-cards-{mission.slug}-{timezone.now():%Y%m%d-%H%M}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"  # the keys exist only in this response
    return response


@require_GET
@coordinator_required
def observer_page(request, pk: int):
    observer = _mission_observer(request, pk)
    now = timezone.now()
    links = [{"link": link, "status": link_status(source=link, now=now)} for link in observer_links(observer=observer)]
    history = audit_entries(mission=observer.mission, model="observers.observer", object_pk=str(observer.pk))
    context = {
        "observer": observer,
        "links": links,
        "live_tokens": live_token_count(user=observer.user, now=now),
        "account_managed": account_managed_by_mission(observer=observer),
        "history": audit_rows(entries=history[:OBSERVER_HISTORY_LENGTH]),
    }
    return render(request, "onboarding/observer.html", context)


def _mission_observer(request, pk: int) -> Observer:
    return get_object_or_404(observers_of_mission(mission=request.membership.mission), pk=pk)


@require_POST
@coordinator_required
def link_revoke(request, pk: int, link_pk: int):
    observer = _mission_observer(request, pk)
    if login_links_revoke(observer=observer, revoked_by=request.user, link_id=link_pk):
        messages.success(request, _("The link was revoked."))
    else:
        messages.error(request, _("That link was already used, revoked or never existed: nothing to revoke."))
    return redirect("onboarding:observer", pk=observer.pk)


@require_POST
@coordinator_required
def links_revoke(request, pk: int):
    observer = _mission_observer(request, pk)
    count = login_links_revoke(observer=observer, revoked_by=request.user)
    messages.success(request, ngettext("%(count)d link revoked.", "%(count)d links revoked.", count) % {"count": count})
    return redirect("onboarding:observer", pk=observer.pk)


@require_POST
@coordinator_required
def tokens_revoke(request, pk: int):
    observer = _mission_observer(request, pk)
    try:
        count = observer_tokens_revoke(observer=observer, revoked_by=request.user)
    except AccountNotManaged:
        messages.error(request, ACCOUNT_NOT_MANAGED)
        return redirect("onboarding:observer", pk=observer.pk)
    messages.success(
        request,
        ngettext(
            "%(count)d phone signed out: it must log in again.",
            "%(count)d phones signed out: they must log in again.",
            count,
        )
        % {"count": count},
    )
    return redirect("onboarding:observer", pk=observer.pk)


@never_cache
@require_http_methods(["GET", "POST"])
def login_link(request, key: str):
    """GET only asks (link previewers fetch it); the POST from the page's button uses the link up and logs in."""
    try:
        if request.method == "GET":
            link = login_link_find(key=key)
            response = render(request, "onboarding/confirm.html", {"link": link, "observer": link.observer})
            # The key never leaves the site; "no-referrer" would make the button's POST say Origin: null: CSRF fails.
            response["Referrer-Policy"] = "same-origin"
            response["X-Robots-Tag"] = "noindex"
            return response
        observer = login_link_consume(key=key)
    except LinkUnusable as error:
        status = 404 if error.reason == "unknown" else 410
        return render(request, "onboarding/link_unusable.html", {"reason": error.reason}, status=status)
    login(request, observer.user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[SESSION_MISSION_KEY] = observer.mission_id
    return redirect("home:index" if observer.is_core else "phone:app")
