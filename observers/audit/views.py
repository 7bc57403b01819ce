"""The audit page: who changed what and when in the coordinator's mission, with filters."""

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from observers.audit.selectors import AUDIT_MODELS, audit_actors, audit_entries, audit_rows
from observers.permissions import coordinator_required

PAGE_SIZE = 50


class AuditFilterForm(forms.Form):
    model = forms.ChoiceField(label=_("What"), required=False)
    actor = forms.TypedChoiceField(label=_("Who"), coerce=int, empty_value=None, required=False)
    day_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    day_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    object = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, actors: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Everything"))]
        self.fields["model"].choices = everything + [
            (label, model._meta.verbose_name_plural.capitalize()) for label, model in AUDIT_MODELS.items()
        ]
        self.fields["actor"].choices = [("", _("Everyone"))] + actors

    def clean(self):
        data = super().clean()
        if data.get("day_from") and data.get("day_to") and data["day_from"] > data["day_to"]:
            self.add_error("day_to", _("The last day must not come before the first one."))
        return data


@require_GET
@coordinator_required
def audit_log(request):
    mission = request.membership.mission
    form = AuditFilterForm(request.GET, actors=audit_actors(mission=mission))
    if not form.is_valid():
        return render(request, "audit/index.html", {"form": form, "page": None}, status=400)
    filters = form.cleaned_data
    entries = audit_entries(
        mission=mission,
        model=filters["model"],
        actor_id=filters["actor"],
        day_from=filters["day_from"],
        day_to=filters["day_to"],
        object_pk=filters["object"],
    )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "rows": audit_rows(entries=page.object_list), "query": query.urlencode()}
    return render(request, "audit/index.html", context)
