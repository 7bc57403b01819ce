"""Reads for onboarding: whom a card may be printed for, and each observer's latest login link."""

from datetime import datetime

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from mission.models import Mission
from observers.models import ApiToken, LoginLink, Observer


def _eligible(mission: Mission | int) -> Q:
    # A link logs in as the account, in every mission it belongs to: a coordinator may print one only for accounts
    # that belong to their mission alone and carry no staff rights.
    elsewhere = Observer.objects.filter(user=OuterRef("user")).exclude(mission=mission)
    return Q(user__is_staff=False, user__is_superuser=False) & ~Exists(elsewhere)


def account_managed_by_mission(*, observer: Observer) -> bool:
    """Whether the observer's account belongs to their mission alone (no other mission, no staff rights): only
    then may this mission's coordinators log it in by a link or sign its phones out."""
    return Observer.objects.filter(_eligible(observer.mission_id), pk=observer.pk).exists()


def card_observers(
    *,
    mission: Mission,
    role: str = "",
    team_from: str = "",
    team_to: str = "",
    ids: list[int] | None = None,
) -> list[Observer]:
    """The mission's observers matching every filter given, who may get a login link; ordered as the cards print."""
    observers = Observer.objects.filter(_eligible(mission), mission=mission).select_related("user", "team", "mission")
    if role:
        observers = observers.filter(role=role)
    if team_from:
        observers = observers.filter(team__code__gte=team_from)
    if team_to:
        observers = observers.filter(team__code__lte=team_to)
    if ids is not None:
        observers = observers.filter(pk__in=ids)
    return list(observers.order_by("team__code", "full_name", "pk"))


def observers_with_links(*, mission: Mission) -> QuerySet[Observer]:
    """Every observer of the mission with their latest link's times, live tokens and whether a card may be printed."""
    live_tokens = (
        ApiToken.objects.filter(user=OuterRef("user"), revoked_at__isnull=True, expires_at__gt=timezone.now())
        .order_by()
        .values("user")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        _latest_link_times(Observer.objects.filter(mission=mission))
        .select_related("user", "team")
        .annotate(
            live_tokens=Coalesce(Subquery(live_tokens), 0),
            eligible=ExpressionWrapper(_eligible(mission), output_field=BooleanField()),
        )
        .order_by("team__code", "full_name", "pk")
    )


LINK_STATUSES = ("issued", "used", "expired", "revoked", "none")


def _latest_link_times(observers: QuerySet[Observer]) -> QuerySet[Observer]:
    latest = LoginLink.objects.filter(observer=OuterRef("pk")).order_by("-created_at", "-id")
    return observers.annotate(
        **{
            f"link_{name}": Subquery(latest.values(name)[:1])
            for name in ("created_at", "expires_at", "used_at", "revoked_at")
        }
    )


def _link_status_sql(now: datetime) -> Case:
    """link_status in SQL, over the link_* annotations."""
    return Case(
        When(link_created_at__isnull=True, then=Value("none")),
        When(link_used_at__isnull=False, then=Value("used")),
        When(link_revoked_at__isnull=False, then=Value("revoked")),
        When(link_expires_at__lte=now, then=Value("expired")),
        default=Value("issued"),
        output_field=CharField(),
    )


def observers_with_links_filtered(
    *, mission: Mission, now: datetime, search: str = "", role: str = "", status: str = ""
) -> QuerySet[Observer]:
    """observers_with_links narrowed: a name, username or team code containing `search`, a role, a link status."""
    observers = observers_with_links(mission=mission)
    if search:
        observers = observers.filter(
            Q(full_name__icontains=search) | Q(user__username__icontains=search) | Q(team__code__icontains=search)
        )
    if role:
        observers = observers.filter(role=role)
    if status in LINK_STATUSES:
        observers = observers.alias(link_status=_link_status_sql(now)).filter(link_status=status)
    return observers


def link_status_counts(*, mission: Mission, now: datetime) -> dict[str, int]:
    """How many of the mission's observers have each status of their latest link (none: no link yet)."""
    observers = _latest_link_times(Observer.objects.filter(mission=mission))
    rows = observers.annotate(link_status=_link_status_sql(now)).values("link_status").annotate(n=Count("pk"))
    return {row["link_status"]: row["n"] for row in rows.order_by()}


def link_status(*, source, now: datetime, prefix: str = "") -> str:
    """none, used, revoked, expired or issued (usable): of a LoginLink, or with prefix "link_" of an observer from
    observers_with_links (their latest link)."""
    created_at, expires_at, used_at, revoked_at = (
        getattr(source, prefix + name) for name in ("created_at", "expires_at", "used_at", "revoked_at")
    )
    if created_at is None:
        return "none"
    if used_at is not None:
        return "used"
    if revoked_at is not None:
        return "revoked"
    return "expired" if expires_at <= now else "issued"


def observer_links(*, observer: Observer) -> list[LoginLink]:
    return list(observer.login_links.select_related("created_by"))


def api_token_latest_expiry(*, user) -> datetime | None:
    return (
        ApiToken.objects.filter(user=user).order_by("-created_at", "-id").values_list("expires_at", flat=True).first()
    )


def live_token_count(*, user, now: datetime) -> int:
    return user.api_tokens.filter(revoked_at__isnull=True, expires_at__gt=now).count()


def observers_of_mission(*, mission: Mission) -> QuerySet[Observer]:
    """The mission's observers with their account, team and mission loaded: look one up by pk in it."""
    return Observer.objects.select_related("user", "team", "mission").filter(mission=mission)
