"""Downloads for the core team: the mission's submissions, polling stations and deployment, filtered as on screen."""

from django.http import FileResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from observers.models import Checklist
from observers.permissions import core_required
from reports.exports import selectors as exports
from reports.exports.forms import ExportFilterForm
from reports.exports.xlsx import xlsx_write

CSV_TYPE = "text/csv; charset=utf-8"
GEOJSON_TYPE = "application/geo+json"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TABLES = {
    "submissions": exports.submissions_table,
    "polling-stations": exports.stations_table,
    "deployment": exports.deployment_table,
}


def _filter_form(request, *, kind_required: bool = False) -> ExportFilterForm:
    return ExportFilterForm(request.GET, mission=request.membership.mission, kind_required=kind_required)


def _language(form: ExportFilterForm) -> str:
    return form.cleaned_data.get("lang") or (get_language() or "en")[:2]


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@core_required
def index(request):
    """The filters; with a form kind chosen, how many submissions they match."""
    mission = request.membership.mission
    form = _filter_form(request) if request.GET else ExportFilterForm(mission=mission)
    matching = None
    if form.is_bound and form.is_valid() and form.cleaned_data["kind"]:
        matching = exports.submissions_filtered(mission=mission, filters=form.filters()).count()
    return render(request, "exports/index.html", {"form": form, "matching": matching, "query": request.GET.urlencode()})


def _csv(table: exports.Table, title: str):
    return StreamingHttpResponse(exports.csv_stream(table=table), content_type=CSV_TYPE)


def _xlsx(table: exports.Table, title: str):
    return FileResponse(xlsx_write(header=table.header, rows=table.rows, sheet_name=str(title)), content_type=XLSX_TYPE)


def _geojson(table: exports.Table, title: str):
    return StreamingHttpResponse(exports.geojson_stream(table=table), content_type=GEOJSON_TYPE)


FORMATS = {"csv": _csv, "xlsx": _xlsx, "geojson": _geojson}


@require_GET
@core_required
def download(request, table: str, fmt: str):
    """Submissions of one form kind (CSV, XLSX), polling stations or the deployment (CSV, GeoJSON)."""
    form = _filter_form(request, kind_required=table == "submissions")
    if not form.is_valid():
        return HttpResponseBadRequest(form.error_text())
    mission = request.membership.mission
    filters = form.filters()
    rows = TABLES[table](mission=mission, filters=filters, language=_language(form))
    if table == "submissions":
        name, title = f"{mission.slug}-{filters.kind}", Checklist.Kind(filters.kind).label
    else:
        name, title = f"{mission.slug}-{table}", table
    return _attachment(FORMATS[fmt](rows, title), f"{name}.{fmt}")
