"""The analysts' page for the follow-up of the previous mission's recommendations: the list with each one's grade
and note, the counts per grade, and a form per recommendation. Core team only, within their mission."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from mission.followup.models import Implementation, PriorRecommendation
from observers.permissions import core_required
from reports.followup.forms import AssessmentForm
from reports.followup.selectors import implementation_counts, prior_recommendations
from reports.followup.services import prior_recommendation_assess


@require_GET
@core_required
def index(request):
    mission = request.membership.mission
    counts = implementation_counts(mission=mission)
    grades = [(value, label, counts[value]) for value, label in Implementation.choices]
    context = {
        "recommendations": prior_recommendations(mission=mission).select_related("assessed_by"),
        "grades": grades,
        "not_assessed": counts[""],
        "total": sum(counts.values()),
    }
    return render(request, "followup/index.html", context)


@require_http_methods(["GET", "POST"])
@core_required
def assess(request, pk: int):
    recommendation = get_object_or_404(PriorRecommendation, pk=pk, mission=request.membership.mission)
    initial = {name: getattr(recommendation, name) for name in AssessmentForm.base_fields}
    form = AssessmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            prior_recommendation_assess(recommendation=recommendation, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The assessment of recommendation %(number)s was saved.") % {"number": recommendation.number}
            )
            return redirect("followup:index")
    status = 400 if request.method == "POST" else 200
    return render(request, "followup/assess.html", {"recommendation": recommendation, "form": form}, status=status)
