"""Pages where the core team manages forms: list, one version, the editor, XLSForm download and upload.

Every change publishes a new version (form_services.checklist_publish); versions are never edited here.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from observers.checklists.definitions import YES_NO_VALUES, label
from observers.checklists.forms import (
    LANGUAGE_LABELS,
    TYPE_LABELS,
    QuestionForm,
    QuestionFormSet,
    TitleForm,
    XLSFormPublishForm,
    XLSFormUploadForm,
)
from observers.checklists.selectors import (
    checklist_latest,
    checklist_latest_version,
    checklist_versions,
    forms_overview,
)
from observers.checklists.services import FORM_LANGUAGES, ChecklistError, checklist_publish, problems_by_question
from observers.checklists.xlsform import (
    CONTENT_TYPE,
    YES_NO_LABELS,
    ImportedForm,
    XLSFormInvalid,
    xlsform_export,
    xlsform_filename,
    xlsform_import,
)
from observers.models import Checklist
from observers.permissions import core_required


def _checklist(request: HttpRequest, pk: int) -> Checklist:
    return get_object_or_404(Checklist, pk=pk, mission=request.membership.mission)


def _language(request: HttpRequest) -> str:
    chosen = request.GET.get("lang") or (get_language() or "en")[:2]
    return chosen if chosen in FORM_LANGUAGES else "en"


def question_rows(questions: list[dict], language: str) -> list[dict]:
    """What the question table shows of each question, in `language` (English where a label is missing)."""
    by_code = {question["code"]: question for question in questions}

    def answer_label(question: dict, value: str) -> str:
        if question["type"] == "yes_no":
            return YES_NO_LABELS[value].get(language, value) if value in YES_NO_LABELS else value
        choice = next((choice for choice in question.get("choices", []) if choice["value"] == value), {"value": value})
        return label(choice, language)

    rows = []
    for number, question in enumerate(questions, start=1):
        relevant = question.get("relevant")
        asked_after = by_code.get(relevant["question"]) if relevant else None
        values = YES_NO_VALUES if question["type"] == "yes_no" else [c["value"] for c in question.get("choices", [])]
        rows.append(
            {
                "number": number,
                "code": question["code"],
                "type": TYPE_LABELS.get(question["type"], question["type"]),
                "required": question.get("required", False),
                "label": label(question, language),
                "section": label({"labels": question["section"]}, language) if question.get("section") else "",
                "answers": [answer_label(question=question, value=value) for value in values],
                "limits": (question.get("min"), question.get("max")) if question["type"] == "integer" else None,
                "condition": (relevant["question"], answer_label(question=asked_after, value=relevant["equals"]))
                if asked_after
                else None,
            }
        )
    return rows


def _changes(old: list[dict], new: list[dict]) -> dict:
    """Question codes added, removed and changed from one version to the next."""
    before, after = {q["code"]: q for q in old}, {q["code"]: q for q in new}
    return {
        "added": [code for code in after if code not in before],
        "removed": [code for code in before if code not in after],
        "changed": [code for code in after if code in before and after[code] != before[code]],
    }


@core_required
def form_list(request):
    return render(request, "checklists/list.html", {"forms": forms_overview(mission=request.membership.mission)})


@core_required
def form_detail(request, pk: int):
    checklist = _checklist(request, pk)
    language = _language(request)
    context = {
        "checklist": checklist,
        "title": checklist.title.get(language) or checklist.title.get("en", ""),
        "language": language,
        "form_languages": LANGUAGE_LABELS,
        "rows": question_rows(checklist.questions, language),
        "versions": checklist_versions(mission=checklist.mission, kind=checklist.kind),
    }
    return render(request, "checklists/detail.html", context)


def _publish_edited(*, mission, kind: str, title_form: TitleForm, formset) -> Checklist | None:
    """Publish the edited questions; on refusal put each problem on its question's form and return None."""
    used = [form for form in formset.ordered_forms if not form.is_blank]
    try:
        return checklist_publish(
            mission=mission,
            kind=kind,
            title=title_form.title(),
            questions=[form.question() for form in used],
            expected_latest=title_form.cleaned_data["expected_latest"],
        )
    except ChecklistError as error:
        for number, problems in problems_by_question(error.problems).items():
            for problem in problems:
                (title_form if number is None else used[number - 1]).add_error(None, problem)
        return None


def _position(form) -> float:
    try:
        return int(form["ORDER"].value())
    except (TypeError, ValueError):
        return float("inf")


@core_required
def form_edit(request, pk: int):
    """The questions of a version in an editable table; saving publishes them as a new version."""
    base = _checklist(request, pk)
    mission = request.membership.mission
    status = 200
    if request.method == "POST":
        title_form = TitleForm(request.POST)
        formset = QuestionFormSet(request.POST, prefix="q")
        if title_form.is_valid() and formset.is_valid():
            published = _publish_edited(mission=mission, kind=base.kind, title_form=title_form, formset=formset)
            if published:
                messages.success(request, _("Published %(form)s.") % {"form": published})
                return redirect("checklists:detail", pk=published.pk)
        status = 400
    else:
        latest = checklist_latest_version(mission=mission, kind=base.kind)
        title_form = TitleForm(initial=TitleForm.initial_for(title=base.title, expected_latest=latest))
        formset = QuestionFormSet(initial=[QuestionForm.initial_for(q) for q in base.questions], prefix="q")
    context = {
        "base": base,
        "title_form": title_form,
        "formset": formset,
        "codes": [q["code"] for q in base.questions],
        "question_forms": sorted(formset.forms, key=_position),  # after a refused save, as the editor had them
    }
    return render(request, "checklists/edit.html", context, status=status)


@core_required
def form_xlsform(request, pk: int):
    checklist = _checklist(request, pk)
    response = HttpResponse(xlsform_export(checklist=checklist), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{xlsform_filename(checklist=checklist)}"'
    return response


def _preview(request, *, kind: str, imported: ImportedForm) -> HttpResponse:
    """Step one of an import, once the file was read: show what would be published, and over which version."""
    mission = request.membership.mission
    latest = checklist_latest(mission=mission, kind=kind)
    title = {**(latest.title if latest else {"en": str(Checklist.Kind(kind).label)}), **imported.title}
    publish_form = XLSFormPublishForm(
        initial={
            **TitleForm.initial_for(title=title, expected_latest=latest.version if latest else 0),
            "kind": kind,
            "questions": imported.questions,
        }
    )
    context = {
        "publish_form": publish_form,
        "kind_label": Checklist.Kind(kind).label,
        "latest": latest,
        "changes": _changes(latest.questions, imported.questions) if latest else None,
        "other_form_id": imported.form_id if imported.form_id and imported.form_id != kind else "",
        "rows": question_rows(imported.questions, _language(request)),
    }
    return render(request, "checklists/import_preview.html", context)


@core_required
def form_import(request):
    """Upload an XLSForm, preview it (errors first, nothing written), then publish it as a new version."""
    errors: list[str] = []
    upload_form = XLSFormUploadForm(initial={"kind": request.GET.get("kind")})
    if request.method == "POST" and "questions" in request.POST:
        publish_form = XLSFormPublishForm(request.POST)
        if publish_form.is_valid():
            data = publish_form.cleaned_data
            try:
                published = checklist_publish(
                    mission=request.membership.mission,
                    kind=data["kind"],
                    title=publish_form.title(),
                    questions=data["questions"],
                    expected_latest=data["expected_latest"],
                )
            except ChecklistError as error:
                errors = error.problems
            else:
                messages.success(request, _("Published %(form)s from the XLSForm.") % {"form": published})
                return redirect("checklists:detail", pk=published.pk)
        else:
            errors = [f"{field}: {' '.join(problems)}" for field, problems in publish_form.errors.items()]
        upload_form = XLSFormUploadForm(initial={"kind": request.POST.get("kind")})
    elif request.method == "POST":
        upload_form = XLSFormUploadForm(request.POST, request.FILES)
        if upload_form.is_valid():
            try:
                imported = xlsform_import(upload=upload_form.cleaned_data["file"])
            except XLSFormInvalid as error:
                errors = error.errors
            else:
                return _preview(request, kind=upload_form.cleaned_data["kind"], imported=imported)
    status = 400 if request.method == "POST" else 200
    return render(request, "checklists/import.html", {"upload_form": upload_form, "errors": errors}, status=status)
