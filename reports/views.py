"""Pages: compile a report and download the PDFs. Core team only, within the mission they are working on."""
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_http_methods

from observers.permissions import core_required

from .forms import CompilationForm
from .models import Compilation
from .pdf import pdf_response
from .selectors import compilations_of_mission
from .services import compilation_start, report_get_or_create

LIST_LENGTH = 50
# The model's status labels, translated in the template.
STATUS_MESSAGES = (gettext_noop("Queued"), gettext_noop("Running"), gettext_noop("Done"), gettext_noop("Failed"))


@require_http_methods(["GET", "POST"])
@core_required
def index(request):
    mission = request.membership.mission
    form = CompilationForm(request.POST or None, initial={"language": (get_language() or "en")[:2]})
    if request.method == "POST" and form.is_valid():
        report = report_get_or_create(mission=mission, kind=form.cleaned_data["kind"])
        compilation = compilation_start(report=report, language=form.cleaned_data["language"], requested_by=request.user)
        messages.success(request, _("Compilation #%(id)s requested.") % {"id": compilation.pk})
        return redirect("reports:index")
    compilations = list(compilations_of_mission(mission=mission)[:LIST_LENGTH])
    in_progress = any(c.status in (Compilation.Status.QUEUED, Compilation.Status.RUNNING) for c in compilations)
    return render(
        request, "reports/index.html", {"form": form, "compilations": compilations, "in_progress": in_progress}
    )


@require_GET
@core_required
def compilation_pdf(request, pk: int):
    compilation = get_object_or_404(
        Compilation, pk=pk, report__mission=request.membership.mission, status=Compilation.Status.DONE
    )
    return pdf_response(compilation)
