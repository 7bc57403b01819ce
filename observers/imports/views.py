"""Pages for importing spreadsheets: polling stations and the observer roster (coordinators), media coding sheets
(media monitors).

Four steps, one page each: upload (the file is read and kept under a random name), map the columns, preview
every row's problems and the counts (a dry run), import (all or nothing). The pages live here rather than in
`mission` because they need the permission helpers, and `mission` imports nothing from `observers`.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial, wraps

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from mission.candidates import imports as candidate_imports
from mission.candidates.imports import candidates_import
from mission.candidates.models import Candidate
from mission.cases import imports as case_imports
from mission.cases.imports import case_files_import
from mission.cases.models import CaseFile
from mission.followup import imports as followup_imports
from mission.followup.models import PriorRecommendation
from mission.imports import stations
from mission.imports.forms import MappingForm, UploadForm
from mission.imports.rows import Field, ImportOutdated, Mapping, mapping_guess, problem_groups
from mission.imports.storage import problems_load, problems_store, table_discard, table_load, table_store
from mission.imports.tabular import Table
from mission.models import PollingStation, ResultsImport
from mission.results import imports as official_results
from mission.results.forms import ResultsUploadForm
from mission.results.services import official_results_import
from mission.services.stations import latest_station_import, polling_stations_import
from observers.imports import roster
from observers.imports.services import UndoRefused, station_import_undo, table_import
from observers.media import coding_sheet
from observers.models import MediaItem, Observer, Role
from observers.permissions import coordinator_required, role_required


@dataclass(frozen=True)
class ImportKind:
    title: str
    fields: tuple[Field, ...]
    run: Callable  # (*, mission, table, mapping, dry_run) -> ImportPlan
    model: type  # what the import writes, for the audit trail
    mapping_rules: Callable[[Mapping], list[str]] = field(default=lambda mapping: [])
    roles: tuple[str, ...] = (Role.COORDINATOR,)  # who imports it
    as_member: bool = False  # `run` also takes the importing member (`member=`): the rows are theirs
    upload_form: type[UploadForm] = UploadForm  # a form of its own asks for the import's options too
    done: str = "imports:index"  # where an import that went through leads
    keeps_source: bool = False  # `run` also takes who imports (`actor=`) and the file's name (`filename=`)


KINDS = {
    "stations": ImportKind(
        gettext_lazy("Polling stations"),
        stations.FIELDS,
        polling_stations_import,
        PollingStation,
        stations.mapping_problems,
        done="imports:stations-done",
        keeps_source=True,
    ),
    "roster": ImportKind(gettext_lazy("Observer roster"), roster.FIELDS, roster.roster_import, Observer),
    "media": ImportKind(
        gettext_lazy("Media coding sheet"),
        coding_sheet.FIELDS,
        coding_sheet.coding_sheet_import,
        MediaItem,
        roles=(Role.MEDIA_MONITOR,),
        as_member=True,
        done="media:code",
    ),
    "results": ImportKind(
        gettext_lazy("Official results"),
        official_results.FIELDS,
        official_results_import,
        ResultsImport,
        official_results.mapping_problems,
        upload_form=ResultsUploadForm,
        done="results:imports",
    ),
    "candidates": ImportKind(gettext_lazy("Candidates"), candidate_imports.FIELDS, candidates_import, Candidate),
    "cases": ImportKind(gettext_lazy("Complaints and appeals"), case_imports.FIELDS, case_files_import, CaseFile),
    "prior_recommendations": ImportKind(
        gettext_lazy("Prior recommendations"),
        followup_imports.FIELDS,
        followup_imports.prior_recommendations_import,
        PriorRecommendation,
        roles=(Role.COORDINATOR, Role.ANALYST),
        done="followup:index",
    ),
}


def _run_options(spec: ImportKind, *, request, state: dict) -> dict:
    """What the kind's `run` takes besides the table: the options its upload form asked for, the importing member,
    who imports which file."""
    return {
        **state.get("options", {}),
        **({"member": request.membership} if spec.as_member else {}),
        **({"actor": request.user, "filename": state.get("filename", "")} if spec.keeps_source else {}),
    }


def _kind(slug: str) -> ImportKind:
    try:
        return KINDS[slug]
    except KeyError:
        raise Http404 from None


def _session_key(slug: str) -> str:
    return f"import:{slug}"


def _kind_role_required(view):
    """The import's own roles (coordinators for stations and the roster); an unknown kind is a 404 once signed in."""

    @wraps(view)
    def wrapped(request, kind: str, **kwargs):
        roles = KINDS[kind].roles if kind in KINDS else (Role.COORDINATOR,)
        return role_required(*roles)(view)(request, kind=kind, **kwargs)

    return wrapped


def _with_upload(view):
    """For the steps after the upload: passes the file this user uploaded for this mission and has not
    imported yet, or sends them back to upload it (again)."""

    @_kind_role_required
    @wraps(view)
    def wrapped(request, kind: str):
        spec = _kind(kind)
        state = request.session.get(_session_key(kind))
        table = table_load(state["token"]) if state and state["mission"] == request.membership.mission_id else None
        if table is None:
            messages.error(request, _("The uploaded file is no longer here; upload it again."))
            return redirect("imports:upload", kind=kind)
        return view(request, kind=kind, spec=spec, state=state, table=table)

    return wrapped


OUTDATED = gettext_lazy(
    "Another import into this mission finished while yours was running, or the data changed since your preview: "
    "nothing of yours was saved. Look at the new preview and confirm again."
)


def _form_status(request) -> int:
    """A form shown again after a POST was refused."""
    return 400 if request.method == "POST" else 200


@coordinator_required
def index(request):
    kinds = {slug: spec for slug, spec in KINDS.items() if request.membership.role in spec.roles}
    return render(request, "imports/index.html", {"kinds": kinds})


@_kind_role_required
def upload(request, kind: str):
    spec = _kind(kind)
    form = spec.upload_form(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        previous = request.session.get(_session_key(kind))
        if previous:
            table_discard(previous["token"])
        request.session[_session_key(kind)] = {
            "token": table_store(form.table),
            "mission": request.membership.mission_id,
            "filename": form.cleaned_data["file"].name,  # shown to the coordinator, never used as a path
            "rows": len(form.table.rows),
            "options": form.options(),
        }
        return redirect("imports:map", kind=kind)
    return render(
        request, "imports/upload.html", {"kind": kind, "spec": spec, "form": form}, status=_form_status(request)
    )


@_with_upload
def map_columns(request, *, kind: str, spec: ImportKind, state: dict, table: Table):
    mapping = state.get("mapping") or mapping_guess(table.headers, spec.fields)
    form = MappingForm(
        request.POST or None,
        table=table,
        fields=spec.fields,
        rules=spec.mapping_rules,
        initial={name: str(index) for name, index in mapping.items()},
    )
    if request.method == "POST" and form.is_valid():
        request.session[_session_key(kind)] = {**state, "mapping": form.mapping()}
        return redirect("imports:preview", kind=kind)
    context = {"kind": kind, "spec": spec, "form": form, "state": state, "table": table, "sample": table.rows[:3]}
    return render(request, "imports/map.html", context, status=_form_status(request))


@_with_upload
def preview(request, *, kind: str, spec: ImportKind, state: dict, table: Table):
    """GET: the dry run. POST: the import itself, refused (and shown again) if any row has an error, and refused
    with a message when it would not do what the preview the coordinator saw said."""
    if "mapping" not in state:
        return redirect("imports:map", kind=kind)
    dry_run = request.method != "POST"
    if not dry_run and "preview" not in state:
        return redirect("imports:preview", kind=kind)
    unconfirmed = [] if dry_run else [name for name in state.get("confirm", []) if not request.POST.get(name)]
    if unconfirmed:
        messages.error(request, _("Tick each box below to confirm what the import will do, then import."))
        dry_run = True
    try:
        plan = table_import(
            run=partial(spec.run, **_run_options(spec, request=request, state=state)),
            model=spec.model,
            mission=request.membership.mission,
            table=table,
            mapping=state["mapping"],
            dry_run=dry_run,
            actor=request.user,
            filename=state.get("filename", "a file"),
            expected=None if dry_run else state["preview"],
        )
    except ImportOutdated:
        messages.error(request, OUTDATED)
        return redirect("imports:preview", kind=kind)
    if dry_run:
        state = {**state, "preview": plan.counts, "confirm": [confirmation.name for confirmation in plan.confirmations]}
        request.session[_session_key(kind)] = state
        problems_store(state["token"], plan.problems)
    if plan.applied:
        table_discard(state["token"])
        del request.session[_session_key(kind)]
        messages.success(
            request,
            _("%(what)s imported: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
            % {
                "what": spec.title,
                "created": plan.to_create,
                "updated": plan.to_update,
                "unchanged": plan.unchanged,
            },
        )
        return redirect(spec.done)
    status = 400 if (plan.errors and request.method == "POST") or unconfirmed else 200
    groups = problem_groups(plan.problems)
    context = {
        "kind": kind,
        "spec": spec,
        "state": state,
        "plan": plan,
        "groups": groups[:GROUPS_SHOWN],
        "more_groups": max(len(groups) - GROUPS_SHOWN, 0),
        "unconfirmed": unconfirmed,
    }
    return render(request, "imports/preview.html", context, status=status)


GROUPS_SHOWN = 20  # kinds of problems on the preview; the problems page lists them all, page by page
PROBLEMS_PER_PAGE = 100


@_with_upload
def problems(request, *, kind: str, spec: ImportKind, state: dict, table: Table):
    """The preview's problems by kind, page by page; with ?group=N every row of one kind, page by page."""
    found = problems_load(state["token"])
    if found is None:
        return redirect("imports:preview", kind=kind)
    groups = problem_groups(found)
    group = None
    if request.GET.get("group"):
        group = next((g for g in groups if str(g.number) == request.GET["group"]), None)
        if group is None:
            raise Http404
        rows = [p for p in found if (p.warning, p.column, p.group) == (group.warning, group.column, group.problem)]
        page = Paginator(rows, PROBLEMS_PER_PAGE).get_page(request.GET.get("page"))
    else:
        page = Paginator(groups, GROUPS_SHOWN).get_page(request.GET.get("page"))
    context = {"kind": kind, "spec": spec, "state": state, "group": group, "page": page, "total": len(found)}
    return render(request, "imports/problems.html", context)


@_with_upload
def problems_csv(request, *, kind: str, spec: ImportKind, state: dict, table: Table):
    found = problems_load(state["token"])
    if found is None:
        return redirect("imports:preview", kind=kind)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("Row"), _("Column"), _("Value"), _("Problem"), _("Kind of problem"), _("Stops the import")])
    for problem in found:
        writer.writerow(
            [
                problem.row,
                problem.column,
                _csv_safe(problem.value),
                problem.message,
                problem.group,
                _("no") if problem.warning else _("yes"),
            ]
        )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kind}-problems.csv"'
    return response


def _csv_safe(value: str) -> str:
    """A cell a spreadsheet would run as a formula is written as text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


@coordinator_required
def stations_done(request):
    """After a station import: what it did, the mission's stations without a location or voters, where to look at
    them, and the undo while it is possible."""
    mission = request.membership.mission
    record = latest_station_import(mission=mission)
    totals = mission.polling_stations.aggregate(
        total=Count("pk"),
        without_location=Count("pk", filter=Q(latitude__isnull=True)),
        without_voters=Count("pk", filter=Q(registered_voters=0)),
    )
    return render(request, "imports/stations_done.html", {"record": record, "totals": totals})


@coordinator_required
@require_POST
def stations_undo(request):
    try:
        done = station_import_undo(mission=request.membership.mission, actor=request.user)
    except UndoRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("imports:stations-done")
    except IntegrityError:
        messages.error(
            request,
            _(
                "Something came to refer to these stations meanwhile, so the import was not undone. "
                "Reload and try again."
            ),
        )
        return redirect("imports:stations-done")
    messages.success(
        request,
        _(
            "Import undone: %(deleted)s stations deleted, %(restored)s restored as they were, "
            "%(regions)s regions and %(districts)s districts deleted."
        )
        % done,
    )
    return redirect("imports:stations-done")
