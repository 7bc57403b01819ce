"""`python manage.py load_demo`: the Kazakhstan 2004 demo mission, built once; a second run only shows the logins."""

import random
import time

from auditlog.context import disable_auditlog
from django.core.management.base import BaseCommand

from observers.demo.build import demo_load
from observers.demo.followup import followup_demo_load
from observers.demo.nam import nam_demo_load
from observers.demo.people import DEMO_PASSWORD
from observers.demo.record import record_demo_load

DEMO_LOGINS = ("coordinator", "analyst", "lto001", "sto001")


class Command(BaseCommand):
    help = "Load the demo mission: Kazakhstan, Mazhilis elections of 19 September 2004 (EOM, 40 LTOs, 400 STOs)."

    def handle(self, *args, **options):
        started = time.monotonic()
        with disable_auditlog():  # synthetic data is nobody's change
            mission, created = demo_load(rng=random.Random(2004))
            # Outside demo_load, which returns early when the mission exists: older demo databases get it too.
            nam_demo_load(mission=mission)
            record_demo_load(mission=mission, rng=random.Random(2004))
            followup_demo_load(mission=mission)
        if created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Loaded the demo mission “{mission.name}” in {time.monotonic() - started:.1f} s: "
                    f"{mission.polling_stations.count()} polling stations, {mission.teams.count()} teams, "
                    f"{mission.observers.count()} members, {mission.submissions.count()} submissions."
                )
            )
        else:
            self.stdout.write(f"The demo mission “{mission.name}” is already loaded; nothing was changed.")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username in DEMO_LOGINS:
            self.stdout.write(f"  {username} / {DEMO_PASSWORD}")
