"""Pages of the findings, the forms behind each figure and their review. Core team only, in their own mission."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language, gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from observers.checklists.definitions import ASSESSMENT_CODE, label
from observers.models import Checklist, Submission
from observers.permissions import core_required
from observers.submissions import review
from reports.documents import texts as report_texts
from reports.findings.forms import KIND_LABELS, STATUS_LABELS, AreaForm, ReviewForm, SubmissionFilterForm
from reports.findings.margins import margins_add
from reports.findings.present import findings_link, flag_rows, headlines_add
from reports.findings.selectors import (
    Scope,
    answer_label,
    findings_compute,
    flags_of,
    questions_of,
    submission_answers,
    submissions_behind,
    submissions_listed,
)

PAGE_SIZE = 50
FLAGS_SHOWN = 100


def _language() -> str:
    language = (get_language() or "en")[:2]
    return language if language in report_texts.LANGUAGES else "en"


def _findings_page(request, *, kind: str | None, template: str):
    mission = request.membership.mission
    form = AreaForm(request.GET or None, mission=mission)
    if form.is_bound and not form.is_valid():
        return render(request, template, {"area_form": form, "kind": kind, "kinds": KIND_LABELS}, status=400)
    area = form.cleaned_data if form.is_bound else {}
    scope = Scope(mission, kind, area.get("region"), area.get("district"))
    findings = findings_compute(
        mission=mission, language=_language(), kind=kind, region=scope.region, district=scope.district
    )
    findings_link(findings)
    headlines_add(findings)
    margins_add(findings=findings, scope=scope, answers=kind is not None)  # the index shows no answer
    flags = flags_of(scope=scope)
    context = {
        "area_form": form,
        "findings": findings,
        "kind": kind,
        "kinds": KIND_LABELS,
        "form": findings["forms"][0] if kind and findings["forms"] else None,
        "area_query": request.GET.urlencode(),
        "few": report_texts.MIN_FOR_PERCENT,
        "flags": flag_rows(flags[:FLAGS_SHOWN], findings),
        "flags_total": flags.count(),
    }
    return render(request, template, context)


@require_GET
@core_required
def index(request):
    """Every form kind's headline figures, coverage, time profile and disagreements."""
    return _findings_page(request, kind=None, template="findings/index.html")


@require_GET
@core_required
def kind_findings(request, kind: str):
    """One form kind: every question, the overall assessment by region and district."""
    if kind not in Checklist.Kind.values:
        raise Http404(f"No form kind {kind!r}.")
    return _findings_page(request, kind=kind, template="findings/kind.html")


@require_GET
@core_required
def submissions(request):
    """The forms behind a figure, with the filters the figure's link carries."""
    mission = request.membership.mission
    questions = questions_of(mission=mission)
    form = SubmissionFilterForm(request.GET, mission=mission, questions=questions)
    context = {"filter_form": form, "kinds": KIND_LABELS, "statuses": STATUS_LABELS}
    if not form.is_valid():
        return render(request, "findings/submissions.html", context, status=400)
    data = form.cleaned_data
    scope = Scope(mission, data["kind"] or None, data["region"], data["district"])
    behind = submissions_behind(
        scope=scope,
        status=data["status"],
        question=data["question"] or None,
        values=data["value"],
        time_from=data["time_from"] or None,
        time_to=data["time_to"] or None,
        answered=data["answered"],
        hour=data["hour"],
        station=data["station"],
    )
    totals = behind.aggregate(forms=Count("id"), stations=Count("polling_station", distinct=True))
    paginator = Paginator(submissions_listed(submissions=behind), PAGE_SIZE)
    paginator.count = totals["forms"]  # counted once above, with the stations
    page = paginator.get_page(request.GET.get("page"))
    question = questions.get(data["question"]) if data["question"] else None
    assessment = questions.get(ASSESSMENT_CODE, {})
    assessment_labels = {choice["value"]: label(choice, _language()) for choice in assessment.get("choices", [])}
    context.update(
        {
            "page": page,
            "totals": totals,
            "question": question,
            "question_label": label(question, _language()) if question else "",
            "value_labels": [
                answer_label(question=question, value=value, language=_language()) for value in data["value"]
            ]
            if question
            else [],
            "assessment_labels": assessment_labels,
            "here": request.get_full_path(),
            "query_without_page": _without(request.GET, "page"),
        }
    )
    return render(request, "findings/submissions.html", context)


def _without(query, *keys) -> str:
    copy = query.copy()
    for key in keys:
        copy.pop(key, None)
    return copy.urlencode()


def _submission_of_mission(request, pk: int) -> Submission:
    return get_object_or_404(
        Submission.objects.select_related(
            "checklist", "team", "observer", "polling_station__region", "polling_station__district", "reviewed_by"
        ),
        pk=pk,
        mission=request.membership.mission,
    )


def _back(request) -> str:
    """The list the reviewer came from (a path on this site), to return to."""
    back = request.GET.get("back", "")
    return back if back and url_has_allowed_host_and_scheme(back, allowed_hosts=None) else ""


def _detail_url(pk: int, back: str) -> str:
    url = reverse("findings:submission", args=[pk])
    return f"{url}?{urlencode({'back': back})}" if back else url


def _detail(request, submission: Submission, review_form: ReviewForm | None = None, status: int = 200):
    context = {
        "submission": submission,
        "answers": submission_answers(submission=submission, language=_language()),
        "kinds": KIND_LABELS,
        "statuses": STATUS_LABELS,
        "review_form": review_form or ReviewForm(),
        "back": _back(request),
    }
    return render(request, "findings/submission.html", context, status=status)


@require_GET
@core_required
def submission_detail(request, pk: int):
    return _detail(request, _submission_of_mission(request, pk))


DONE_MESSAGES = {
    "verify": gettext_lazy("The form is verified."),
    "send_back": gettext_lazy("The form is sent back to the team with your question."),
    "exclude": gettext_lazy("The form is excluded: it no longer counts in any figure."),
    "restore": gettext_lazy("The form is restored: it counts again."),
}


def _apply(action: str, *, submission: Submission, reviewer, note: str) -> None:
    if action == "verify":
        review.submission_verify(submission=submission, reviewer=reviewer, note=note)
    elif action == "send_back":
        review.submission_send_back(submission=submission, reviewer=reviewer, question=note)
    elif action == "exclude":
        review.submission_exclude(submission=submission, reviewer=reviewer, reason=note)
    else:
        review.submission_restore(submission=submission, reviewer=reviewer)


@require_POST
@core_required
def submission_review(request, pk: int):
    """Verify, send back, exclude or restore; a refused action shows the form again with the reason (400)."""
    submission = _submission_of_mission(request, pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        action = form.cleaned_data["action"]
        try:
            _apply(action, submission=submission, reviewer=request.membership, note=form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, DONE_MESSAGES[action])
            return redirect(_detail_url(submission.pk, _back(request)))
    return _detail(request, submission, review_form=form, status=400)
