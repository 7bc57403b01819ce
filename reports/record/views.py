"""The pre-election record for the core team: what the LTOs' reports of a period raised, by topic and region and
week, coverage by LTO area, the register's counts, each figure linking to the reports or cases behind it; an
interim report's number and period; and the form LTOs record their meetings with."""

from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from mission.cases.models import CaseFile, Decision
from mission.cases.selectors import case_outcomes
from mission.services.interlocutors import lto_meeting_record
from observers.models import Checklist, Role
from observers.permissions import core_required, role_required
from reports.findings.selectors import submissions_listed
from reports.models import Report
from reports.record import selectors as record
from reports.record.forms import BehindForm, LtoMeetingForm, PeriodForm, ReportPeriodForm
from reports.record.services import report_period_set
from reports.record.topics import BY_CODE, TOPICS

PAGE_SIZE = 50


def _default_period(mission) -> record.Period:
    """The latest interim report's period, or the mission's start to today."""
    report = (
        Report.objects.filter(mission=mission, kind=Report.Kind.INTERIM, period_from__isnull=False)
        .order_by("-period_to")
        .first()
    )
    if report:
        return record.Period(report.period_from, report.period_to, report.number)
    today = timezone.localdate()
    return record.Period(mission.starts_on or today, today)


def _url(name: str, **params) -> str:
    return f"{reverse(name)}?{urlencode({k: v for k, v in params.items() if v not in (None, '')})}"


@require_GET
@core_required
def index(request):
    mission = request.membership.mission
    form = PeriodForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "record/index.html", {"form": form}, status=400)
    span = record.Period(form.cleaned_data["start"], form.cleaned_data["end"]) if form.is_bound else None
    span = span or _default_period(mission)
    if not form.is_bound:
        form = PeriodForm(initial={"start": span.starts_on, "end": span.ends_on})
    zone = ZoneInfo(mission.time_zone)
    forms = record.period_forms(mission=mission, period=span)
    base = {"start": span.starts_on.isoformat(), "end": span.ends_on.isoformat()}
    by_region = record.topics_by_region(forms=forms)
    regions = [
        {
            "region": region,
            "reports": by_region.get(region.pk, {}).get("reports", 0),
            "url": _url("record:reports", **base, region=region.code),
            "cells": [
                {
                    "n": by_region.get(region.pk, {}).get(topic.code, 0),
                    "url": _url("record:reports", **base, region=region.code, topic=topic.code),
                }
                for topic in TOPICS
            ],
        }
        for region in record.lto_coverage(mission=mission, forms=forms)
    ]
    total = record.topics_total(forms=forms)
    incidents = record.incidents_by_week(
        incidents=record.period_forms(mission=mission, period=span, kind=Checklist.Kind.INCIDENT), zone=zone
    )
    weeks = [
        {
            "monday": monday,
            "reports": counts["reports"],
            "url": _url("record:reports", **base, week=monday.isoformat()),
            "cells": [
                {
                    "n": counts[topic.code],
                    "url": _url("record:reports", **base, week=monday.isoformat(), topic=topic.code),
                }
                for topic in TOPICS
            ],
            "incidents": incidents.get(monday, {}).get("incidents", 0),
            "incidents_url": _url("record:reports", **base, week=monday.isoformat(), kind=Checklist.Kind.INCIDENT),
        }
        for monday, counts in record.topics_by_week(forms=forms, zone=zone)
    ]
    context = {
        "form": form,
        "period": span,
        "topics": TOPICS,
        "total": total,
        "total_cells": [
            {"n": total[topic.code], "url": _url("record:reports", **base, topic=topic.code)} for topic in TOPICS
        ],
        "all_url": _url("record:reports", **base),
        "regions": regions,
        "weeks": weeks,
        "cases": _case_rows(mission, span),
        "meetings": record.lto_meetings(mission=mission, period=span).count(),
        "meetings_url": _url("record:meetings", **base),
        "interim_reports": Report.objects.filter(mission=mission, kind=Report.Kind.INTERIM),
        "decisions": Decision.choices,
    }
    return render(request, "record/index.html", context)


def _case_rows(mission, span: record.Period) -> list[dict]:
    """Cases filed in the period by body and decision, each count linking to the register filtered alike."""
    base = {"filed_from": span.starts_on.isoformat(), "filed_to": span.ends_on.isoformat()}
    filed = CaseFile.objects.filter(mission=mission, filed_on__gte=span.starts_on, filed_on__lte=span.ends_on)
    outcomes = case_outcomes(cases=filed, by="body")
    labels = dict(CaseFile._meta.get_field("body").choices)
    return [
        {
            "label": label,
            "n": outcomes[body]["n"],
            "url": _url("cases:list", **base, body=body),
            "decisions": [
                {"n": outcomes[body][code], "url": _url("cases:list", **base, body=body, decision=code)}
                for code in Decision.values
            ],
        }
        for body, label in labels.items()
        if body in outcomes
    ]


@require_GET
@core_required
def reports_behind(request):
    """The weekly reports (or incidents) a figure of the record counted, newest first."""
    mission = request.membership.mission
    form = BehindForm(request.GET, mission=mission)
    if not form.is_valid():
        return render(request, "record/reports.html", {"form": form, "page": None}, status=400)
    data = form.cleaned_data
    span = record.Period(data["start"], data["end"])
    kind = data.get("kind") or Checklist.Kind.LTO_WEEKLY
    topic = BY_CODE.get(data.get("topic") or "")
    forms = record.forms_behind(
        forms=record.period_forms(mission=mission, period=span, kind=kind),
        zone=ZoneInfo(mission.time_zone),
        topic=topic if kind == Checklist.Kind.LTO_WEEKLY else None,
        region=data.get("region"),
        week=data.get("week"),
    )
    page = Paginator(submissions_listed(submissions=forms), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "topic": topic, "kind": kind, "query": query.urlencode(), "period": span}
    return render(request, "record/reports.html", context)


@core_required
def report_period(request, pk: int):
    """An interim report's number and the reporting period its blocks cover."""
    report = get_object_or_404(Report, pk=pk, mission=request.membership.mission)
    initial = {"number": report.number, "period_from": report.period_from, "period_to": report.period_to}
    form = ReportPeriodForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report_period_set(report=report, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Reporting period saved."))
            return redirect("documents:detail", pk=report.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "record/report_period.html", {"form": form, "report": report}, status=status)


@require_GET
@core_required
def meetings(request):
    mission = request.membership.mission
    form = PeriodForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "record/meetings.html", {"form": form, "meetings": []}, status=400)
    span = record.Period(form.cleaned_data["start"], form.cleaned_data["end"]) if form.is_bound else None
    span = span or _default_period(mission)
    found = (
        record.lto_meetings(mission=mission, period=span)
        .select_related("region")
        .prefetch_related("people", "invitations__organisation")
        .order_by("date", "starts_at")
    )
    return render(request, "record/meetings.html", {"form": form, "meetings": found, "period": span})


@role_required(Role.COORDINATOR, Role.ANALYST, Role.LTO)
def meeting_create(request):
    """An LTO (or the core team) records a meeting held in the area, with the interlocutors met."""
    mission = request.membership.mission
    form = LtoMeetingForm(request.POST or None, mission=mission)
    if request.method == "POST" and form.is_valid():
        try:
            lto_meeting_record(mission=mission, held_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Meeting recorded."))
            return redirect("record:meeting-create")
    status = 400 if request.method == "POST" else 200
    return render(request, "record/meeting_form.html", {"form": form}, status=status)
