"""Closing a mission, and erasing its observers' personal data once it is closed.

What is erased, for every long- and short-term observer of the mission: e-mail and phone; the full name, replaced
by a pseudonym ("Observer 1742", the row's id) so that team lists, exports and review notes still read as
people, each one distinct, while naming nobody (the final report prints observers' numbers by nationality,
never their names); the interpreters' and drivers' names of teams. Kept: role, team, gender, nationality,
languages, and everything the observers sent (forms, findings, reports). The core team (coordinators, analysts)
keeps its accounts: it still works on the final report.

An account whose memberships are all in this mission loses its username (when it was made from the person's
e-mail or name, as the roster import makes them), e-mail and names; it is deactivated, its phone tokens, sessions
and login records go. An account also used in another mission is left as it is: only this mission's row is erased.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import CharField, Count, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mission.models import Mission
from observers.audit.registry import audit_bulk
from observers.models import CORE_ROLES, ApiToken, LoginLink, Observer, OutboxJob, Team
from observers.outbox.services import outbox_add
from observers.retention import scrub

OBSERVER_FIELDS = frozenset({"full_name", "email", "phone"})
TEAM_FIELDS = frozenset({"interpreter", "driver"})
PSEUDONYM_PREFIX = "Observer "  # + the row's id: unique, stable, and meaningless outside the database


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


def personal_data_erase_request(*, mission: Mission, actor) -> None:
    """Have the erasure run in the background (an outbox job, so a broker outage only delays it): for 3,000
    observers it takes over a second (bench/erasure.py). Refused, saying why, when it may not run."""
    with transaction.atomic():
        mission = Mission.objects.select_for_update(no_key=True).get(pk=mission.pk)
        _erasable_or_refuse(mission)
        if erasure_running(mission=mission):
            raise RetentionRefused(_("The observers' personal data is being erased already: wait for it to finish."))
        outbox_add(
            mission_id=mission.pk,
            kind=OutboxJob.Kind.PERSONAL_DATA_ERASE,
            payload={"mission_id": mission.pk, "actor_id": actor.pk},
        )


def erasure_running(*, mission: Mission) -> bool:
    return OutboxJob.objects.filter(
        mission=mission, kind=OutboxJob.Kind.PERSONAL_DATA_ERASE, status=OutboxJob.Status.PENDING
    ).exists()


def erasure_jobs_run(payloads: list[dict]) -> None:
    """The outbox's handler of erasure jobs."""
    for payload in payloads:
        actor = get_user_model().objects.get(pk=payload["actor_id"])
        personal_data_erase(mission=Mission(pk=payload["mission_id"]), actor=actor)


def _erasable_or_refuse(mission: Mission) -> None:
    if not mission.is_closed:
        raise RetentionRefused(_("Close the mission first: personal data is erased only once its work is done."))
    if mission.personal_data_erased_at is not None:
        raise RetentionRefused(_("The observers' personal data was already erased; there is nothing left to do."))


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
        _erasable_or_refuse(mission)
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

        # Set-based UPDATEs: bulk_update's CASE per row took 50 s for 3,000 observers.
        derived = [o.user_id for o in owned if _derived_username(o.user, o)]  # judged before the names go
        user_ids = {o.user_id for o in owned}
        accounts = get_user_model().objects.filter(pk__in=user_ids)
        accounts.filter(pk__in=derived).update(username=Concat(Value("erased-"), Cast("pk", CharField())))
        accounts.update(email="", first_name="", last_name="", is_active=False, password=make_password(None))
        Observer.objects.filter(pk__in=[o.pk for o in observers]).update(
            full_name=Concat(Value(PSEUDONYM_PREFIX), Cast("pk", CharField())), email="", phone=""
        )
        Team.objects.filter(pk__in=[team.pk for team in teams]).update(interpreter="", driver="")
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
                f"Erased the personal data of {len(observers)} observers ({len(user_ids)} accounts closed, "
                f"{len(teams)} teams' interpreters and drivers, {entries} audit entries scrubbed)"
            ),
        )
    return Erasure(observers=len(observers), accounts=len(user_ids), audit_entries=entries)


def erasable_count(*, mission: Mission) -> int:
    """How many observers an erasure would reach: every member but the core team."""
    return Observer.objects.filter(mission=mission).exclude(role__in=CORE_ROLES).count()
