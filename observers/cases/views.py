"""The register of complaints and appeals: the filtered list, a case with its appeal chain and documents, the
forms to enter a case, its appeal and a document. Import is on the imports pages (kind "cases")."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from mission.cases.forms import CaseDocumentForm, CaseFileForm, CaseFilterForm
from mission.cases.selectors import case_chain, case_files_filtered, case_files_listed
from mission.cases.services import case_document_add, case_file_save
from observers.cases.scoping import case_files_visible
from observers.models import Role
from observers.permissions import role_required
from observers.submissions.attachments import AttachmentError
from observers.submissions.attachments import _check_file as check_upload

PAGE_SIZE = 50
register_required = role_required(Role.COORDINATOR, Role.ANALYST, Role.LTO)


def _case(request, pk: int):
    return get_object_or_404(case_files_visible(membership=request.membership), pk=pk)


@require_GET
@register_required
def case_list(request):
    mission = request.membership.mission
    form = CaseFilterForm(request.GET or None, mission=mission)
    if form.is_bound and not form.is_valid():
        return render(request, "cases/list.html", {"form": form, "page": None}, status=400)
    filters = form.cleaned_data if form.is_bound else {}
    cases = case_files_filtered(
        cases=case_files_visible(membership=request.membership), filters=filters, today=timezone.localdate()
    )
    page = Paginator(case_files_listed(cases=cases), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "cases/list.html", {"form": form, "page": page, "query": query.urlencode()})


@require_GET
@register_required
def case_detail(request, pk: int):
    case = _case(request, pk)
    above, below = case_chain(case=case)
    context = {"case": case, "above": above, "below": below, "document_form": CaseDocumentForm()}
    return render(request, "cases/detail.html", context)


def _case_form(request, *, instance=None, appeal_of=None, title: str):
    form = CaseFileForm(
        request.POST if request.method == "POST" else None,
        mission=request.membership.mission,
        instance=instance,
        appeal_of=appeal_of,
    )
    if request.method == "POST" and form.is_valid():
        case, _created = case_file_save(form=form, user=request.user)
        messages.success(request, _("Case %(number)s saved.") % {"number": case.number})
        return redirect("cases:detail", pk=case.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "cases/form.html", {"form": form, "title": title, "appeal_of": appeal_of}, status=status)


@register_required
def case_create(request):
    return _case_form(request, title=_("New case"))


@register_required
def case_edit(request, pk: int):
    case = _case(request, pk)
    return _case_form(request, instance=case, title=_("Case %(number)s") % {"number": case.number})


@register_required
def case_appeal(request, pk: int):
    case = _case(request, pk)
    return _case_form(request, appeal_of=case, title=_("Appeal of case %(number)s") % {"number": case.number})


@require_POST
@register_required
def document_add(request, pk: int):
    case = _case(request, pk)
    form = CaseDocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:  # the phone's attachments' checks: content, not name, decides; images and PDFs must open
            check_upload(form.cleaned_data["file"])
        except AttachmentError as error:
            form.add_error("file", str(error))
    if not form.is_valid():
        above, below = case_chain(case=case)
        context = {"case": case, "above": above, "below": below, "document_form": form}
        return render(request, "cases/detail.html", context, status=400)
    case_document_add(case=case, title=form.cleaned_data["title"], file=form.cleaned_data["file"], user=request.user)
    messages.success(request, _("Document attached."))
    return redirect("cases:detail", pk=case.pk)


@require_GET
@register_required
def document(request, pk: int, document_pk: int):
    case = _case(request, pk)
    found = case.documents.filter(pk=document_pk).first()
    if found is None:
        raise Http404
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.file.name.rsplit("/", 1)[-1])
