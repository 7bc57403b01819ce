"""/operations/jobs/: background work that failed, or has not run yet, with its reason. Coordinators only."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_POST

from observers.outbox.services import outbox_jobs_retry
from observers.permissions import coordinator_required
from reports.operations.selectors import LIST_LENGTH, compilations_failed, outbox_job_counts, outbox_jobs_open

# The model's labels, translated in the template.
LABELS = (
    gettext_noop("Pending"),
    gettext_noop("Failed"),
    gettext_noop("Compare a submission with other teams' at the same station"),
)


@require_GET
@coordinator_required
def jobs(request):
    mission = request.membership.mission
    context = {
        "counts": outbox_job_counts(mission=mission),
        "outbox_jobs": outbox_jobs_open(mission=mission)[:LIST_LENGTH],
        "compilations": compilations_failed(mission=mission)[:LIST_LENGTH],
        "list_length": LIST_LENGTH,
    }
    return render(request, "operations/jobs.html", context)


@require_POST
@coordinator_required
def jobs_retry(request):
    retried = outbox_jobs_retry(mission_id=request.membership.mission_id)
    messages.success(request, _("%(count)s failed job(s) will be tried again.") % {"count": retried})
    return redirect("operations:jobs")
