"""Closing a mission, and erasing its observers' personal data once it is closed.

What is erased, for every long- and short-term observer of the mission: e-mail and phone; the full name, replaced
by a pseudonym ("Observer 17", numbered in the order people joined the mission) so that team lists, exports and
review notes still read as people while naming nobody (the final report prints observers' numbers by nationality,
never their names); the interpreters' and drivers' names of teams. Kept: role, team, gender, nationality,
languages, and everything the observers sent (forms, findings, reports). The core team (coordinators, analysts)
keeps its accounts: it still works on the final report.

An account whose memberships are all in this mission loses its username (when it was made from the person's
e-mail or name, as the roster import makes them), e-mail and names; it is deactivated, its phone tokens, sessions
and login records go. An account also used in another mission is left as it is: only this mission's row is erased.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mission.models import Mission
from observers.audit.registry import audit_bulk
from observers.models import CORE_ROLES, ApiToken, LoginLink, Observer, Team
from observers.retention import scrub

OBSERVER_FIELDS = frozenset({"full_name", "email", "phone"})
TEAM_FIELDS = frozenset({"interpreter", "driver"})
USER_FIELDS = ("username", "email", "first_name", "last_name", "is_active", "password")


class RetentionRefused(Exception):
    """Not now: the message says why and what to do."""


@dataclass(frozen=True)
class Erasure:
    observers: int
    accounts: int
    audit_entries: int


def mission_close(*, mission: Mission, actor) -> None:
    """Mark the mission closed (its work done): the step before its personal data may be erased."""
    with transaction.atomic():
        updated = Mission.objects.filter(pk=mission.pk, closed_at__isnull=True).update(closed_at=timezone.now())
        if not updated:
            raise RetentionRefused(_("The mission is already closed."))
        audit_bulk(actor=actor, mission=mission, model=Mission, action="update", count=1, detail="Closed the mission")


def pseudonym(number: int) -> str:
    return f"Observer {number}"


def _derived_username(user, observer: Observer) -> bool:
    """Whether the username was made from the person's e-mail or name (roster.py's _username_base, + counter)."""
    sources = {user.email.lower(), observer.email.lower(), slugify(observer.full_name, allow_unicode=True)}
    username = user.username.lower().replace(".", "-")
    return any(source and username.startswith(source.replace(".", "-")) for source in sources)


def personal_data_erase(*, mission: Mission, actor) -> Erasure:
    """Erase the closed mission's observers' personal data, and its copies, in one transaction; recorded in the
    audit trail (who, when, how many rows)."""
    with transaction.atomic():
        mission = Mission.objects.select_for_update(no_key=True).get(pk=mission.pk)
        if not mission.is_closed:
            raise RetentionRefused(_("Close the mission first: personal data is erased only once its work is done."))
        if mission.personal_data_erased_at is not None:
            raise RetentionRefused(_("The observers' personal data was already erased; there is nothing left to do."))
        observers = list(
            Observer.objects.filter(mission=mission)
            .exclude(role__in=CORE_ROLES)
            .select_related("user")
            .annotate(missions=Count("user__memberships"))
            .order_by("pk")
        )
        owned = [o for o in observers if o.missions == 1 and not (o.user.is_staff or o.user.is_superuser)]
        values = {v for o in observers for v in (o.full_name, o.email, o.phone)} | {
            v for o in owned for v in (o.user.username, o.user.email, o.user.first_name, o.user.last_name)
        }
        usernames = [o.user.username for o in owned]
        teams = list(Team.objects.filter(mission=mission).exclude(interpreter="", driver=""))
        values |= {v for team in teams for v in (team.interpreter, team.driver)}

        users = []  # before the names go: whether a username was made from one is judged by it
        for observer in owned:
            user = observer.user
            if _derived_username(user, observer):
                user.username = f"erased-{user.pk}"
            user.email = user.first_name = user.last_name = ""
            user.is_active = False
            user.set_unusable_password()
            users.append(user)
        get_user_model().objects.bulk_update(users, USER_FIELDS, batch_size=scrub.BATCH)
        for number, observer in enumerate(observers, start=1):
            observer.full_name, observer.email, observer.phone = pseudonym(number), "", ""
        Observer.objects.bulk_update(observers, list(OBSERVER_FIELDS), batch_size=scrub.BATCH)
        for team in teams:
            team.interpreter = team.driver = ""
        Team.objects.bulk_update(teams, list(TEAM_FIELDS), batch_size=scrub.BATCH)
        user_ids = {user.pk for user in users}
        ApiToken.objects.filter(user_id__in=user_ids).delete()
        LoginLink.objects.filter(observer__in=observers).delete()

        values.discard("")
        entries = scrub.audit_trail_scrub(
            mission=mission,
            erased={
                Observer: ([o.pk for o in observers], OBSERVER_FIELDS),
                Team: ([team.pk for team in teams], TEAM_FIELDS),
            },
            values=values,
            actors=list(user_ids),
        )
        scrub.admin_history_scrub(erased={Observer: [o.pk for o in observers], get_user_model(): list(user_ids)})
        scrub.login_records_delete(usernames=usernames)
        scrub.sessions_scrub(mission=mission, user_ids=user_ids)

        Mission.objects.filter(pk=mission.pk).update(personal_data_erased_at=timezone.now())
        audit_bulk(
            actor=actor,
            mission=mission,
            model=Observer,
            action="update",
            count=len(observers),
            detail=(
                f"Erased the personal data of {len(observers)} observers ({len(users)} accounts closed, "
                f"{len(teams)} teams' interpreters and drivers, {entries} audit entries scrubbed)"
            ),
        )
    return Erasure(observers=len(observers), accounts=len(users), audit_entries=entries)


def erasable_count(*, mission: Mission) -> int:
    """How many observers an erasure would reach: every member but the core team."""
    return Observer.objects.filter(mission=mission).exclude(role__in=CORE_ROLES).count()
