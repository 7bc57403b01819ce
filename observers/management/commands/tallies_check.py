"""`python manage.py tallies_check [--mission SLUG] [--rebuild]`: recount the answers from the forms and compare them
with the tallies (observers/submissions/tallies.py); exit status 1 when they differ.

--rebuild marks every form tallied and replaces the tallies by the recount (after a bulk load, or to mend them).
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from mission.models import Mission
from observers.models import AnswerTally, Checklist, Submission
from observers.submissions.tallies import KEY, tallies_recount, tallies_replace, tallies_stored

SHOWN = 20  # differing rows printed at most


class Command(BaseCommand):
    help = "Recount the answers from the forms and compare them with the tallies (exit 1 when they differ)."

    def add_arguments(self, parser):
        parser.add_argument("--mission", metavar="SLUG", help="one mission (default: every mission)")
        parser.add_argument("--rebuild", action="store_true", help="replace the tallies by a recount from the forms")

    def handle(self, *args, mission: str | None, rebuild: bool, **options):
        missions = Mission.objects.order_by("slug")
        if mission:
            missions = missions.filter(slug=mission)
            if not missions.exists():
                raise CommandError(f"No mission with slug {mission!r}: see the slugs on /missions/.")
        differing = 0
        outermost = not connection.in_atomic_block
        for each in missions:
            with transaction.atomic():
                if rebuild:  # the versions locked: the workers adding forms wait (see tallies.py on locks)
                    checklists = list(Checklist.objects.filter(mission=each).select_for_update().order_by("pk"))
                    rows = tallies_replace(checklists=checklists)
                    self.stdout.write(f"{each.slug}: tallies rebuilt from the forms, {rows:,} rows.")
                    continue
                if outermost and connection.vendor == "postgresql":  # forms and tallies of one moment, no locks
                    with connection.cursor() as cursor:
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                differing += self._compare(each, list(Checklist.objects.filter(mission=each).order_by("pk")))
        if rebuild and connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # every form's row changed: the planner's statistics are stale
                cursor.execute(f"ANALYZE {Submission._meta.db_table}, {AnswerTally._meta.db_table}")
        if differing:
            raise CommandError(f"{differing:,} tally row(s) differ from the forms: run with --rebuild to replace them.")

    def _compare(self, mission: Mission, checklists: list[Checklist]) -> int:
        recounted, stored = tallies_recount(checklists=checklists), tallies_stored(checklists=checklists)
        keys = sorted(set(recounted) | set(stored), key=lambda key: tuple(str(part) for part in key))
        differing = [key for key in keys if recounted.get(key, 0) != stored.get(key, 0)]
        pending = Submission.objects.filter(mission=mission, tallied=False).count()
        forms = sum(count for key, count in recounted.items() if key[5:] == ("", ""))
        self.stdout.write(
            f"{mission.slug}: {forms:,} counted forms tallied, {pending:,} not tallied yet (counted from their"
            f" answers), {len(recounted):,} rows recounted: "
            + ("the tallies agree." if not differing else f"{len(differing):,} rows differ.")
        )
        for key in differing[:SHOWN]:
            fields = ", ".join(f"{name}={value!r}" for name, value in zip(KEY, key[1:], strict=True))
            self.stdout.write(f"  {fields}: forms say {recounted.get(key, 0)}, tallies {stored.get(key, 0)}")
        return len(differing)
