"""Media monitoring pages. Monitors code (the coding screen, second codings, coding sheets through /imports/media/);
the core team keeps the sample (outlets, programmes, subjects, who codes what) and reads the agreement, where the
media analyst settles the items two monitors coded differently. Everything is scoped to the current mission."""

import uuid
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from observers.media import selectors, services
from observers.media.agreement import agreement_compute, disagreements
from observers.media.forms import (
    AssignmentForm,
    CodingFields,
    CodingForm,
    OutletForm,
    ProgrammeForm,
    ReconcileForm,
    SubjectForm,
    SubjectLookup,
)
from observers.media.models import MediaAssignment, MediaCheck, MediaOutlet, MediaProgramme, MediaSubject
from observers.models import Observer, Role
from observers.permissions import core_required, media_monitor_required

LAST_CODED_KEY = "media:last"  # the outlet, programme and date the monitor coded last: preselected next time
DISAGREEMENTS_SHOWN = 200


def _today(mission):
    return timezone.now().astimezone(ZoneInfo(mission.time_zone)).date()


def _coding_context(monitor: Observer, lookup: SubjectLookup) -> dict:
    queue = selectors.recheck_queue(monitor=monitor)
    return {
        "subjects": lookup.subjects,
        "recent": selectors.recent_items(monitor=monitor),
        "queue": list(queue[:10]),
        "queue_count": queue.count(),
    }


def _initial(request, monitor: Observer) -> dict:
    last = request.session.get(LAST_CODED_KEY)
    if last and last.get("mission") == monitor.mission_id:
        return {"outlet": last["outlet"], "programme": last["programme"], "date": last["date"]}
    today = _today(monitor.mission)
    assignment = selectors.assignment_for_day(monitor=monitor, day=today)
    if assignment is None:
        return {"date": today}
    day = min(max(today, assignment.starts_on), assignment.ends_on)
    return {"outlet": assignment.outlet_id, "date": day}


@media_monitor_required
def code(request):
    monitor = request.membership
    lookup = SubjectLookup(selectors.mission_subjects(mission=monitor.mission))
    form = CodingForm(
        request.POST or None,
        subjects=lookup,
        outlets=selectors.monitor_outlets(monitor=monitor),
        programmes=selectors.monitor_programmes(monitor=monitor),
        initial={**_initial(request, monitor), "reference": uuid.uuid4().hex},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _item, created = services.media_item_code(
                coder=monitor,
                reference=data["reference"],
                outlet=data["outlet"],
                programme=data["programme"],
                date=data["date"],
                subject=data["subject"],
                amount=data["amount"],
                tone=data["tone"],
                title=data["title"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[LAST_CODED_KEY] = {
                "mission": monitor.mission_id,
                "outlet": data["outlet"].pk,
                "programme": data["programme"].pk if data["programme"] else None,
                "date": data["date"].isoformat(),
            }
            messages.success(request, _("Item saved.") if created else _("This item was saved already."))
            return redirect("media:code")
    context = {"form": form, **_coding_context(monitor, lookup)}
    return render(request, "media/code.html", context, status=400 if form.errors else 200)


@media_monitor_required
def recheck(request, pk: int):
    """The second coding of an item drawn for it: the item's outlet, date and headline shown, its coding not."""
    monitor = request.membership
    item = get_object_or_404(selectors.recheck_queue(monitor=monitor), pk=pk)
    lookup = SubjectLookup(selectors.mission_subjects(mission=monitor.mission))
    form = CodingFields(request.POST or None, subjects=lookup)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.media_check_code(
                item=item, coder=monitor, subject=data["subject"], amount=data["amount"], tone=data["tone"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Second coding saved."))
            return redirect("media:code")
    context = {"form": form, "item": item, "subjects": lookup.subjects}
    return render(request, "media/recheck.html", context, status=400 if form.errors else 200)


SAMPLE_FORMS = {
    "outlet": OutletForm,
    "programme": ProgrammeForm,
    "subject": SubjectForm,
    "assignment": AssignmentForm,
}


def _sample_page(request, bound: dict | None = None, status: int = 200):
    mission = request.membership.mission
    forms = {name: form_class(mission=mission) for name, form_class in SAMPLE_FORMS.items()} | (bound or {})
    context = {
        "forms": forms,
        "outlets": MediaOutlet.objects.filter(mission=mission).prefetch_related("programmes"),
        "subjects": MediaSubject.objects.filter(mission=mission).select_related("party"),
        "assignments": MediaAssignment.objects.filter(outlet__mission=mission).select_related("monitor", "outlet"),
        "monitors": Observer.objects.filter(mission=mission, role=Role.MEDIA_MONITOR).count(),
    }
    return render(request, "media/sample.html", context, status=status)


@core_required
def sample(request):
    return _sample_page(request)


@core_required
@require_POST
def sample_add(request, what: str):
    form_class = SAMPLE_FORMS.get(what)
    if form_class is None:
        raise Http404
    form = form_class(request.POST, mission=request.membership.mission)
    if not form.is_valid():
        return _sample_page(request, {what: form}, status=400)
    form.save()
    messages.success(request, _("Saved."))
    return redirect("media:sample")


# What the sample's edit page edits, each found within the coordinator's mission.
EDITABLE = {
    "outlet": lambda mission: MediaOutlet.objects.filter(mission=mission),
    "programme": lambda mission: MediaProgramme.objects.filter(outlet__mission=mission),
    "subject": lambda mission: MediaSubject.objects.filter(mission=mission),
}


@core_required
@require_http_methods(["GET", "POST"])
def sample_edit(request, what: str, pk: int):
    """Corrects an outlet, programme or subject; the items coded with it follow (they refer to it)."""
    mission = request.membership.mission
    if what not in EDITABLE:
        raise Http404
    edited = get_object_or_404(EDITABLE[what](mission), pk=pk)
    form = SAMPLE_FORMS[what](request.POST or None, instance=edited, mission=mission)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("media:sample")
    status = 400 if form.errors else 200
    return render(request, "media/sample_edit.html", {"form": form, "what": what, "edited": edited}, status=status)


@core_required
@require_POST
def assignment_delete(request, pk: int):
    """Takes a monitor off an outlet; the items they coded stay."""
    assignment = get_object_or_404(MediaAssignment, pk=pk, outlet__mission=request.membership.mission)
    assignment.delete()
    messages.success(request, _("Assignment removed."))
    return redirect("media:sample")


@core_required
@require_POST
def subjects_from_parties(request):
    made = services.media_subjects_from_parties(mission=request.membership.mission)
    messages.success(request, _("%(count)s party subjects added.") % {"count": made})
    return redirect("media:sample")


@core_required
def agreement(request):
    """Agreement per variable over every double-coded item (or one outlet's), and the items coded differently."""
    mission = request.membership.mission
    outlets = list(MediaOutlet.objects.filter(mission=mission))
    outlet_id = request.GET.get("outlet")
    outlet_id = int(outlet_id) if outlet_id and outlet_id.isdigit() else None
    pairs = selectors.double_coded_pairs(mission=mission, outlet_id=outlet_id)
    differing = {pair.item_id: variables for pair in pairs if (variables := disagreements(pair))}
    checks = list(selectors.checks_of_items(mission=mission, item_ids=list(differing)[:DISAGREEMENTS_SHOWN]))
    rows = [
        {"check": check, "variables": differing[check.item_id], "form": ReconcileForm(auto_id=False)}
        for check in checks
    ]
    context = {
        "figures": agreement_compute(pairs),
        "pairs": len(pairs),
        "rows": rows,
        "differing": len(differing),
        "outlets": outlets,
        "outlet_id": outlet_id,
        "shown": DISAGREEMENTS_SHOWN,
    }
    return render(request, "media/agreement.html", context)


@core_required
@require_POST
def reconcile(request, pk: int):
    check = get_object_or_404(MediaCheck, pk=pk, item__mission=request.membership.mission)
    form = ReconcileForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose which of the second coding's values to take, or none to keep the first."))
        return redirect("media:agreement")
    services.media_check_reconcile(check=check, take_second=set(form.cleaned_data["take_second"]), user=request.user)
    messages.success(request, _("Item settled."))
    return redirect("media:agreement")
