"""Pages: the mission's reports, their sections and recommendations written in three languages, previews,
compilations with their progress, and the PDFs. Core team only, within the mission they are working on."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_noop, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from observers.permissions import core_required
from reports.documents import texts as rt
from reports.documents.blocks import BlockContext
from reports.documents.forms import (
    CompilationForm,
    RecommendationForm,
    ReportCompileForm,
    ReportTextsForm,
    SectionAddForm,
    SectionForm,
    languages_of,
)
from reports.documents.render.pdf import pdf_response, report_context, report_title
from reports.documents.sections import document_outline, publication_problems, section_render
from reports.documents.selectors import (
    compilations_status,
    final_compilations,
    report_recommendations,
    report_sections,
    reports_of_mission,
)
from reports.documents.services import (
    compilations_start,
    recommendation_add,
    recommendation_delete,
    recommendation_move,
    recommendation_update,
    report_get_or_create,
    report_mark_final,
    report_update,
    reports_install_defaults,
    section_add,
    section_delete,
    section_move,
    section_update,
)
from reports.findings.selectors import compilations_of_mission
from reports.models import Compilation, Recommendation, Report, ReportSection

LIST_LENGTH = 50
# The model's status and stage labels, translated in the templates and the status endpoint.
STATUS_MESSAGES = (gettext_noop("Queued"), gettext_noop("Running"), gettext_noop("Done"), gettext_noop("Failed"))
STAGE_MESSAGES = (
    gettext_noop("Waiting for a worker"),
    gettext_noop("Computing the findings"),
    gettext_noop("Writing the sections"),
    gettext_noop("Laying out the PDF"),
    gettext_noop("Finished"),
)
MOVES = {"up": -1, "down": 1}


def _language(request) -> str:
    language = request.GET.get("language") or (get_language() or "en")[:2]
    return language if language in rt.LANGUAGES else "en"


def _report(request, pk: int) -> Report:
    return get_object_or_404(Report.objects.select_related("mission"), pk=pk, mission=request.membership.mission)


def _back(pk: int, part: str):
    """To the report's page, at its sections or its recommendations."""
    return redirect(f"{reverse('documents:detail', args=[pk])}#{part}")


def _start(request, report: Report, language_choice: str):
    """Queue the compilations; refused with the reasons (a block that cannot be placed) as messages."""
    try:
        compilations = compilations_start(
            report=report, languages=languages_of(language_choice), requested_by=request.user
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("documents:detail", report.pk)
    numbers = ", ".join(f"#{compilation.pk}" for compilation in compilations)
    messages.success(
        request,
        ngettext("Compilation %(ids)s requested.", "Compilations %(ids)s requested.", len(compilations))
        % {"ids": numbers},
    )
    return redirect("documents:index")


@require_http_methods(["GET", "POST"])
@core_required
def index(request):
    mission = request.membership.mission
    form = CompilationForm(request.POST or None, initial={"language": _language(request)})
    if request.method == "POST" and form.is_valid():
        report = report_get_or_create(mission=mission, kind=form.cleaned_data["kind"])
        return _start(request, report, form.cleaned_data["language"])
    if not reports_of_mission(mission=mission).exists():
        reports_install_defaults(mission=mission)
    compilations = list(compilations_of_mission(mission=mission)[:LIST_LENGTH])
    return render(
        request,
        "documents/index.html",
        {
            "form": form,
            "reports": list(reports_of_mission(mission=mission)),
            "compilations": compilations,
            "report_languages": rt.LANGUAGES,
        },
    )


@require_GET
@core_required
def compilation_status(request):
    """Status, stage and progress of the compilations asked for (`?ids=1,2`), for the reports page to poll."""
    ids = [int(part) for part in request.GET.get("ids", "").split(",") if part.isdigit()][:LIST_LENGTH]
    compilations = compilations_status(mission=request.membership.mission, ids=ids)
    return JsonResponse(
        {
            "compilations": [
                {
                    "id": compilation.pk,
                    "status": compilation.status,
                    "status_label": _(compilation.get_status_display()),
                    "stage": compilation.stage,
                    "stage_label": _(compilation.get_stage_display()),
                    "progress": compilation.progress,
                    "error": compilation.error,
                    "pdf_url": reverse("documents:compilation-pdf", args=[compilation.pk])
                    if compilation.status == Compilation.Status.DONE
                    else None,
                    "pdf_label": _("Download PDF"),
                }
                for compilation in compilations
            ]
        }
    )


@require_GET
@core_required
def compilation_pdf(request, pk: int):
    compilation = get_object_or_404(
        Compilation, pk=pk, report__mission=request.membership.mission, status=Compilation.Status.DONE
    )
    return pdf_response(compilation)


@require_http_methods(["GET", "POST"])
@core_required
def report_detail(request, pk: int):
    report = _report(request, pk)
    texts = ReportTextsForm(
        request.POST or None, initial={name: getattr(report, name) for name in ReportTextsForm.base_fields}
    )
    if request.method == "POST" and texts.is_valid():
        report_update(report=report, **texts.cleaned_data)
        messages.success(request, _("The title page was saved."))
        return redirect("documents:detail", report.pk)
    sections = list(report_sections(report=report).select_related("updated_by"))
    recommendations = list(report_recommendations(report=report))
    return render(
        request,
        "documents/detail.html",
        {
            "report": report,
            "title": report_title(report, _language(request)),
            "sections": sections,
            "publication_problems": publication_problems(report, sections, recommendations),
            "published": list(final_compilations(report=report).select_related("requested_by").order_by("language")),
            "recommendations": recommendations,
            "texts_form": texts,
            "add_form": SectionAddForm(report=report, initial={"after": sections[-1] if sections else None}),
            "recommendation_form": RecommendationForm(),
            "compile_form": ReportCompileForm(initial={"language": _language(request)}),
            "report_languages": rt.LANGUAGES,
        },
    )


@require_POST
@core_required
def report_mark(request, pk: int):
    """Mark the report final (ready for publication) or back to a draft."""
    report = _report(request, pk)
    final = request.POST.get("final") == "1"
    report_mark_final(report=report, final=final)
    if final:
        messages.success(
            request,
            _(
                "The report is marked final: it compiles once nothing in it is left to fix, and each language's "
                "final PDF is kept as published."
            ),
        )
    else:
        messages.success(request, _("The report is a draft again: it compiles with DRAFT on every page."))
    return redirect("documents:detail", report.pk)


@require_POST
@core_required
def report_compile(request, pk: int):
    report = _report(request, pk)
    form = ReportCompileForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a language to compile the report in."))
        return redirect("documents:detail", report.pk)
    return _start(request, report, form.cleaned_data["language"])


@require_GET
@core_required
def report_preview(request, pk: int, language: str):
    """The document as it will print, with the message of any block that cannot be placed shown in its place."""
    report = _report(request, pk)
    if language not in rt.LANGUAGES:
        return redirect("documents:preview", report.pk, "en")
    context = report_context(report=report, language=language, findings=None, findings_at=timezone.now(), strict=False)
    return render(request, "documents/preview.html", {**context, "report": report, "report_languages": rt.LANGUAGES})


def _section(request, pk: int, section_pk: int) -> ReportSection:
    return get_object_or_404(
        ReportSection.objects.select_related("report__mission"),
        pk=section_pk,
        report_id=pk,
        report__mission=request.membership.mission,
    )


@require_http_methods(["GET", "POST"])
@core_required
def section_edit(request, pk: int, section_pk: int):
    section = _section(request, pk, section_pk)
    form = SectionForm(request.POST or None, initial={name: getattr(section, name) for name in SectionForm.base_fields})
    if request.method == "POST" and form.is_valid():
        try:
            section_update(section=section, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The section was saved."))
            url = reverse("documents:section", args=[pk, section.pk])
            return redirect(f"{url}?language={request.POST.get('tab') or _language(request)}")
    language = _language(request)
    outline = document_outline(section.report, list(report_sections(report=section.report)), language)
    ctx = BlockContext(
        report=section.report, language=language, findings_at=timezone.now(), document=outline.document(section)
    )
    return render(
        request,
        "documents/section.html",
        {
            "section": section,
            "report": section.report,
            "form": form,
            "tabs": [
                (code, label, form[f"heading{suffix}"], form[f"body{suffix}"])
                for code, label, suffix in (
                    ("en", _("English"), ""),
                    ("ru", _("Russian"), "_ru"),
                    ("kk", _("Kazakh"), "_kk"),
                )
            ],
            "language": language,
            "report_languages": rt.LANGUAGES,
            "preview": section_render(section, ctx, strict=False),
        },
    )


@require_POST
@core_required
def section_create(request, pk: int):
    report = _report(request, pk)
    form = SectionAddForm(request.POST, report=report)
    if not form.is_valid():
        messages.error(request, _("The section was not added: give it a heading and a level."))
        return redirect("documents:detail", report.pk)
    section = section_add(report=report, user=request.user, **form.cleaned_data)
    return redirect("documents:section", report.pk, section.pk)


@require_POST
@core_required
def section_reorder(request, pk: int, section_pk: int):
    section = _section(request, pk, section_pk)
    if request.POST.get("direction") in MOVES:
        section_move(section=section, offset=MOVES[request.POST["direction"]])
    return _back(pk, "sections")


@require_POST
@core_required
def section_remove(request, pk: int, section_pk: int):
    section = _section(request, pk, section_pk)
    heading = str(section)
    section_delete(section=section)
    messages.success(request, _("The section “%(heading)s” was removed.") % {"heading": heading})
    return _back(pk, "sections")


def _recommendation(request, pk: int, recommendation_pk: int) -> Recommendation:
    return get_object_or_404(
        Recommendation.objects.select_related("report"),
        pk=recommendation_pk,
        report_id=pk,
        report__mission=request.membership.mission,
    )


@require_POST
@core_required
def recommendation_create(request, pk: int):
    report = _report(request, pk)
    form = RecommendationForm(request.POST)
    if form.is_valid():
        recommendation_add(report=report, **form.cleaned_data)
        messages.success(request, _("The recommendation was added."))
    else:
        messages.error(request, _("The recommendation was not added: write it in English at least."))
    return _back(pk, "recommendations")


@require_http_methods(["GET", "POST"])
@core_required
def recommendation_edit(request, pk: int, recommendation_pk: int):
    recommendation = _recommendation(request, pk, recommendation_pk)
    fields = RecommendationForm.base_fields
    form = RecommendationForm(request.POST or None, initial={name: getattr(recommendation, name) for name in fields})
    if request.method == "POST" and form.is_valid():
        recommendation_update(recommendation=recommendation, **form.cleaned_data)
        messages.success(request, _("The recommendation was saved."))
        return _back(pk, "recommendations")
    return render(
        request,
        "documents/recommendation.html",
        {
            "recommendation": recommendation,
            "report": recommendation.report,
            "form": form,
        },
    )


@require_POST
@core_required
def recommendation_reorder(request, pk: int, recommendation_pk: int):
    recommendation = _recommendation(request, pk, recommendation_pk)
    if request.POST.get("direction") in MOVES:
        recommendation_move(recommendation=recommendation, offset=MOVES[request.POST["direction"]])
    return _back(pk, "recommendations")


@require_POST
@core_required
def recommendation_remove(request, pk: int, recommendation_pk: int):
    recommendation_delete(recommendation=_recommendation(request, pk, recommendation_pk))
    messages.success(request, _("The recommendation was removed."))
    return _back(pk, "recommendations")
