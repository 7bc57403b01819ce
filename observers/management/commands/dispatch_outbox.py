"""`python manage.py dispatch_outbox`: send again the background jobs still pending (after the broker was down)."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from observers.models import OutboxJob
from observers.outbox.services import RESEND_AFTER, outbox_dispatch


class Command(BaseCommand):
    help = "Send the pending outbox jobs due for a while to the Celery workers (celery beat does this every 30 s)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=float,
            default=RESEND_AFTER.total_seconds(),
            metavar="SECONDS",
            help=f"only jobs due for at least this long (default {RESEND_AFTER.total_seconds():.0f})",
        )

    def handle(self, *args, older_than: float, **options):
        sent = outbox_dispatch(older_than=timedelta(seconds=older_than))
        pending = OutboxJob.objects.filter(status=OutboxJob.Status.PENDING).count()
        self.stdout.write(f"Sent {sent} job(s) to the workers; {pending} pending now.")
