"""How long erasing a closed mission's personal data takes: 3,000 observers with accounts, teams of two with
interpreters, one audited change per observer and 500 bulk entries naming people. It takes over a second, so the
page has it run in the background (an outbox job) and says so until it is done.

    createdb -h 127.0.0.1 -U postgres eom_imports
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eom_imports .venv/bin/python bench/erasure.py [observers]

Runs migrations, works in a mission of its own (slug "bench-erasure", deleted first, with its accounts) and prints
a table.
"""

import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from auditlog.models import LogEntry  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from mission.models import Mission  # noqa: E402
from observers.audit.registry import audit_bulk  # noqa: E402
from observers.models import LoginLink, Observer, Role, Team  # noqa: E402
from observers.retention.services import personal_data_erase  # noqa: E402

SLUG = "bench-erasure"
USER_PREFIX = "bench-erasure-"
JOINED = dt.datetime(1999, 1, 1, tzinfo=dt.UTC)  # marks the bench's accounts


def populated(observers: int) -> tuple[Mission, object]:
    users = get_user_model().objects
    mission = Mission.objects.create(
        slug=SLUG, name="Bench", country="Kazakhstan", election="Bench", election_date=dt.date(2024, 1, 1)
    )
    coordinator = users.create(username=f"{USER_PREFIX}coordinator", date_joined=JOINED)
    Observer.objects.create(mission=mission, user=coordinator, role=Role.COORDINATOR, full_name="Coordinator")
    teams = Team.objects.bulk_create(
        Team(mission=mission, code=f"S{n:04d}", kind=Team.Kind.STO, interpreter=f"Interpreter {n}")
        for n in range(observers // 2)
    )
    password = make_password(None)
    accounts = users.bulk_create(
        get_user_model()(
            username=f"{USER_PREFIX}{n}@x.org", email=f"{USER_PREFIX}{n}@x.org", password=password, date_joined=JOINED
        )
        for n in range(observers)
    )
    members = Observer.objects.bulk_create(
        Observer(
            mission=mission,
            user=user,
            role=Role.STO,
            team=teams[n // 2],
            full_name=f"Person Number {n}",
            email=user.email,
            phone=f"+7 700 {n:06d}",
        )
        for n, user in enumerate(accounts)
    )
    for member in members:  # one audited change each: auditlog keeps the old and the new number
        member.phone += "9"
        member.save()
    for member in members[:500]:
        detail = f"Revoked 1 login link(s) of {member.full_name}"
        audit_bulk(actor=coordinator, mission=mission, model=LoginLink, action="update", count=1, detail=detail)
    Mission.objects.filter(pk=mission.pk).update(closed_at=timezone.now())
    mission.refresh_from_db()
    return mission, coordinator


def main(observers: int) -> None:
    call_command("migrate", verbosity=0)
    discard()
    mission, coordinator = populated(observers)
    started = time.perf_counter()
    erasure = personal_data_erase(mission=mission, actor=coordinator)
    seconds = time.perf_counter() - started
    print(f"{observers:,} observers, {connection.vendor} ({connection.settings_dict['NAME']})\n")
    print(f"{'step':<44} {'seconds':>8}  result")
    detail = f"{erasure.observers} observers, {erasure.accounts} accounts, {erasure.audit_entries} audit entries"
    print(f"{'erase (one transaction)':<44} {seconds:8.2f}  {detail}")
    discard()


def discard() -> None:
    for mission in Mission.objects.filter(slug=SLUG):
        LogEntry.objects.filter(additional_data__mission=mission.pk).delete()
        mission.delete()
    get_user_model().objects.filter(date_joined=JOINED).delete()  # the one field the erasure leaves as it was


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3_000)
