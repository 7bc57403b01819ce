"""Pages: "draft from data" for an election-day section (filled at once where the section holds nothing of the
analyst's, otherwise shown beside the current text for a confirmed replacement), and freezing a report's data
blocks at a cut-off or lifting the freeze. Core team only, within their mission."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from observers.permissions import core_required
from reports.drafting.services import DraftConflict, report_freeze, report_unfreeze, section_draft_from_data
from reports.models import Report, ReportSection

LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}


def _section_url(section: ReportSection) -> str:
    return reverse("documents:section", args=[section.report_id, section.pk])


@require_POST
@core_required
def section_draft(request, pk: int, section_pk: int):
    section = get_object_or_404(
        ReportSection.objects.select_related("report__mission"),
        pk=section_pk,
        report_id=pk,
        report__mission=request.membership.mission,
    )
    try:
        result = section_draft_from_data(section=section, user=request.user, replace=request.POST.get("replace") == "1")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return render(request, "drafting/refused.html", {"section": section, "error": error}, status=400)
    except DraftConflict as conflict:
        current = {"en": section.body, "ru": section.body_ru, "kk": section.body_kk}
        languages = [(code, LANGUAGE_NAMES[code], current[code], conflict.drafts[code]) for code in conflict.languages]
        return render(request, "drafting/confirm.html", {"section": section, "drafts": languages}, status=409)
    if result.replaced_languages:
        messages.success(request, _("The section was drafted from data; the text it replaced is kept with the draft."))
    else:
        messages.success(request, _("The section was drafted from data. Edit it before publication."))
    return redirect(_section_url(section))


def _report(request, pk: int) -> Report:
    return get_object_or_404(Report.objects.select_related("mission"), pk=pk, mission=request.membership.mission)


@require_POST
@core_required
def freeze(request, pk: int):
    report = _report(request, pk)
    try:
        report_freeze(report=report, user=request.user)
    except ValidationError as error:
        messages.error(request, _("The blocks were not frozen: %(error)s") % {"error": " ".join(error.messages)})
        return redirect(reverse("documents:detail", args=[pk]))
    messages.success(request, _("The report's data blocks are frozen: they print the figures as of now."))
    return redirect(reverse("documents:detail", args=[pk]))


@require_POST
@core_required
def unfreeze(request, pk: int):
    report_unfreeze(report=_report(request, pk))
    messages.success(request, _("The freeze was lifted: the report's data blocks print live figures again."))
    return redirect(reverse("documents:detail", args=[pk]))
