"""Results pages for the core team of the mission: the comparison of copied protocols with the published
results (headline by region, every observed count, each count line by line with its photo), the official results
and turnout, and the imports of the published results with what each changed."""

from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from mission.models import ResultsImport
from mission.results.imports import SEATS_PREFIX, TURNOUT_HOURS
from mission.results.lines import BY_CODE
from observers.models import Attachment, Submission
from observers.permissions import core_required
from reports.results.comparison import counts_compared, headline_of, latest_import
from reports.results.forms import FLAG_LABELS, ComparisonForm
from reports.results.imports import import_differences, imports_of
from reports.results.selectors import (
    official_results,
    turnout_by_hour_compared,
    turnout_by_region,
    turnout_by_region_and_hour,
)

PAGE_SIZE = 100


def _language() -> str:
    return (get_language() or "en")[:2]


def _label(code: str, contestants: dict) -> str:
    if code.startswith(SEATS_PREFIX):
        code = code.removeprefix(SEATS_PREFIX)
        return _("Seats: %(name)s") % {"name": contestants.get(code, code)}
    line = BY_CODE.get(code)
    return line.label(_language()) if line else contestants.get(code, code)


@require_GET
@core_required
def index(request):
    mission = request.membership.mission
    form = ComparisonForm(request.GET or None, mission=mission)
    if form.is_bound and not form.is_valid():
        return render(request, "results/index.html", {"form": form}, status=400)
    data = form.cleaned_data if form.is_bound else {}
    region = data.get("region")
    counts = counts_compared(mission=mission, tolerance=data.get("tolerance") or 0)
    headline = headline_of(counts)
    regions = {r.pk: r for r in mission.regions.all()}
    shown = [c for c in counts if (not region or c.region_id == region.pk)]
    if data.get("flag"):
        shown = [c for c in shown if data["flag"] in c.flags]
    page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "headline": headline,
        "by_region": [
            {"region": regions[pk], "differing": pair[0], "compared": pair[1]}
            for pk, pair in sorted(headline.by_region.items(), key=lambda item: regions[item[0]].code)
        ],
        "page": page,
        "shown": len(shown),
        "regions": regions,
        "flag_labels": FLAG_LABELS,
        "results_import": latest_import(mission),
        "query": query.urlencode(),
    }
    return render(request, "results/index.html", context)


@require_GET
@core_required
def count(request, pk: int):
    """One observed count: protocol against published, line by line, with the form and its photos."""
    mission = request.membership.mission
    submission = get_object_or_404(
        Submission.objects.select_related("polling_station__region", "polling_station__district", "team"),
        pk=pk,
        mission=mission,
        checklist__kind="counting",
    )
    form = ComparisonForm(request.GET or None, mission=mission)
    tolerance = (form.cleaned_data.get("tolerance") or 0) if form.is_bound and form.is_valid() else 0
    (compared,) = counts_compared(mission=mission, tolerance=tolerance, submission_id=submission.pk)
    contestants = {c.code: c.label(_language()) for c in mission.contestants.all()}
    context = {
        "submission": submission,
        "compared": compared,
        "rows": [
            {"label": _label(row.code, contestants), "row": row, "beyond": _beyond(row, tolerance)}
            for row in compared.rows
        ],
        "flag_labels": FLAG_LABELS,
        "photos": submission.attachments.order_by("pk"),
        "tolerance": tolerance,
        "results_import": latest_import(mission),
    }
    return render(request, "results/count.html", context)


def _beyond(row, tolerance: int) -> bool:
    return row.difference is not None and abs(row.difference) > tolerance


@require_GET
@core_required
def photo(request, pk: int):
    """A protocol photo of a form of this mission, to show in the page."""
    attachment = get_object_or_404(Attachment, pk=pk, submission__mission=request.membership.mission)
    return FileResponse(attachment.file.open("rb"), content_type=attachment.content_type)


@require_GET
@core_required
def official(request):
    mission = request.membership.mission
    results = official_results(mission=mission)
    contestants = {c.code: c.label(_language()) for c in mission.contestants.all()}
    checks = [
        {
            "name": (check.name.get(_language()) or check.name.get("en")) if check.code else "",
            "code": check.code,
            "differences": [{"label": _label(d.code, contestants), "d": d} for d in check.differences],
        }
        for check in (results.checks if results else [])
    ]
    context = {
        "results": results,
        "checks": checks,
        "regions": turnout_by_region(mission=mission),
        "hours": turnout_by_hour_compared(mission=mission),
        "region_hours": turnout_by_region_and_hour(mission=mission),
        "turnout_hours": TURNOUT_HOURS,
        "language": _language(),
    }
    return render(request, "results/official.html", context)


@require_GET
@core_required
def imports(request):
    mission = request.membership.mission
    return render(request, "results/imports.html", {"imports": imports_of(mission=mission)})


@require_GET
@core_required
def import_detail(request, pk: int):
    mission = request.membership.mission
    results_import = get_object_or_404(ResultsImport, pk=pk, mission=mission)
    differences = import_differences(results_import=results_import)
    contestants = {c.code: c.label(_language()) for c in mission.contestants.all()}
    changes = [{"change": change, "label": _label(change.what, contestants)} for change in differences.changes]
    area_changes = [
        {"change": change, "label": _label(change.what, contestants)} for change in differences.area_changes
    ]
    context = {
        "results_import": results_import,
        "differences": differences,
        "changes": changes,
        "area_changes": area_changes,
    }
    return render(request, "results/import.html", context)
