"""Candidate registration for the core team: the figures reports quote (each linking to its candidates), the
lists, and the candidates filtered by status, district, party, gender and reason."""

from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from mission.candidates.models import Gender, RefusalReason, RegistrationStatus
from mission.candidates.selectors import (
    candidate_lists,
    district_candidates,
    refusals_by_reason,
    registration_by,
    registration_total,
)
from observers.permissions import core_required

PAGE_SIZE = 100
SELF_NOMINATED = "self"


def candidates_url(**params) -> str:
    return f"{reverse('candidates:list')}?{urlencode({k: v for k, v in params.items() if v is not None})}"


class CandidateFilterForm(forms.Form):
    status = forms.ChoiceField(choices=[("", _("Any status")), *RegistrationStatus.choices], required=False)
    gender = forms.ChoiceField(choices=[("", _("Any gender")), *Gender.choices], required=False)
    reason = forms.ChoiceField(choices=[("", _("Any reason")), *RefusalReason.choices], required=False)
    district = forms.ModelChoiceField(
        queryset=None, required=False, to_field_name="code", empty_label=_("All districts")
    )
    party = forms.CharField(required=False, help_text=_("A party's id, or “self” for self-nominated"))

    def __init__(self, *args, mission, **kwargs):
        super().__init__(*args, **kwargs)
        self.mission = mission
        self.fields["district"].queryset = mission.districts.all()

    def clean_party(self):
        value = self.cleaned_data["party"]
        if (
            value
            and value != SELF_NOMINATED
            and not (value.isdigit() and self.mission.parties.filter(pk=value).exists())
        ):
            raise forms.ValidationError(_("No party of this mission has this id."))
        return value


@require_GET
@core_required
def index(request):
    mission = request.membership.mission
    candidates = district_candidates(mission=mission)
    parties = {party.pk: party for party in mission.parties.all()}
    by_party = [
        {"party": parties.get(party_id), "figures": figures, "url": candidates_url(party=party_id or SELF_NOMINATED)}
        for party_id, figures in registration_by(candidates=candidates, by="nominated_by")
    ]
    reasons = [
        {"label": RefusalReason(reason).label, **counts, "url": candidates_url(reason=reason)}
        for reason, counts in sorted(refusals_by_reason(candidates=candidates).items())
    ]
    context = {
        "total": registration_total(candidates=candidates),
        "by_party": by_party,
        "reasons": reasons,
        "lists": candidate_lists(mission=mission),
        "urls": {status: candidates_url(status=status) for status in RegistrationStatus.values}
        | {"all": candidates_url(), "women": candidates_url(status="registered", gender="female")},
    }
    return render(request, "candidates/index.html", context)


@require_GET
@core_required
def candidate_list(request):
    mission = request.membership.mission
    form = CandidateFilterForm(request.GET or None, mission=mission)
    if form.is_bound and not form.is_valid():
        return render(request, "candidates/list.html", {"form": form, "page": None}, status=400)
    filters = form.cleaned_data if form.is_bound else {}
    candidates = district_candidates(mission=mission).select_related("district__region", "nominated_by")
    for name in ("status", "gender", "reason", "district"):
        if filters.get(name):
            candidates = candidates.filter(**{name: filters[name]})
    party = filters.get("party")
    if party:
        candidates = (
            candidates.filter(nominated_by__isnull=True)
            if party == SELF_NOMINATED
            else candidates.filter(nominated_by_id=int(party))
        )
    page = Paginator(candidates.order_by("district__code", "full_name"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "candidates/list.html", {"form": form, "page": page, "query": query.urlencode()})
