"""The sample planner's page: the size a target margin needs, the allocation over strata, the draw. Coordinators."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from observers.deployment import sample as sampling
from observers.models import SampledStation, StationSample
from observers.permissions import coordinator_required

STATIONS_PER_PAGE = 100


class SampleForm(forms.Form):
    """What the preview shows and the draw uses; every field has a default, so the page opens with a preview."""

    margin = forms.FloatField(
        label=gettext_lazy("Target margin (± percentage points)"), min_value=0.5, max_value=25, initial=3
    )
    share = forms.FloatField(
        label=gettext_lazy("Share expected (per cent)"),
        min_value=1,
        max_value=99,
        initial=50,
        help_text=gettext_lazy("50 per cent needs the most stations: use it when you do not know."),
    )
    design_effect = forms.FloatField(
        label=gettext_lazy("Design effect"),
        min_value=1,
        max_value=10,
        initial=1.5,
        help_text=gettext_lazy("How much teams visiting several stations widen the interval (1.5 to 2 is usual)."),
    )
    size = forms.IntegerField(
        label=gettext_lazy("Sample size (stations)"),
        min_value=1,
        required=False,
        help_text=gettext_lazy("Blank: the size the target margin needs."),
    )
    strata = forms.ChoiceField(
        label=gettext_lazy("Strata"), choices=StationSample.Strata.choices, initial=StationSample.Strata.REGION
    )
    allocation = forms.ChoiceField(
        label=gettext_lazy("Allocation"),
        choices=StationSample.Allocation.choices,
        initial=StationSample.Allocation.STATIONS,
    )
    reserve_percent = forms.IntegerField(
        label=gettext_lazy("Reserves (per cent of the sample)"), min_value=0, max_value=100, initial=20
    )
    guesses = forms.CharField(
        label=gettext_lazy("Neyman: guessed share per stratum"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy('One line per stratum, "key = per cent"; strata not listed take the share expected.'),
    )
    seed = forms.IntegerField(
        label=gettext_lazy("Seed"),
        min_value=0,
        max_value=2**63 - 1,
        required=False,
        help_text=gettext_lazy("Blank: a new random seed. The same seed and stations draw the same sample."),
    )

    def values(self) -> dict:
        """The cleaned values, defaults filled in for fields left out of the query."""
        data = {name: field.initial for name, field in self.fields.items()}
        data.update({key: value for key, value in self.cleaned_data.items() if value not in (None, "")})
        return data


def _bound(data) -> SampleForm:
    defaults = {name: field.initial for name, field in SampleForm.base_fields.items() if field.initial is not None}
    return SampleForm({**defaults, **data.dict()})


def _planned(mission, data: dict) -> tuple[dict, int, int]:
    """(the draw's arguments, the size the target margin needs, the stations in the frame) from the form's values;
    ValidationError names a bad guesses line."""
    strata = sampling.strata_of(mission=mission, by=data["strata"])
    population = sum(row.population for row in strata)
    needed = sampling.sample_size_needed(
        margin=data["margin"] / 100,
        share=data["share"] / 100,
        design_effect=data["design_effect"],
        population=population or None,
    )
    args = {
        "strata": data["strata"],
        "allocation": data["allocation"],
        "reserve_percent": data["reserve_percent"],
        "guessed_share": data["share"] / 100,
        "guesses": sampling.parse_guesses(data.get("guesses") or "", {row.key for row in strata}),
    }
    return args, needed, population


def _page(request, form: SampleForm, status: int = 200):
    mission = request.membership.mission
    context = {"form": form, "sample": sampling.sample_of(mission=mission)}
    if form.is_valid():
        data = form.values()
        try:
            args, needed, population = _planned(mission, data)
            preview = sampling.sample_plan(mission=mission, size=data.get("size") or needed, **args)
        except ValidationError as error:
            form.add_error(None, error)
            status = 400
        else:
            context.update(
                {
                    "needed": needed,
                    "population": population,
                    "preview": preview,
                    "totals": sampling.strata_counts(preview),
                }
            )
    else:
        status = 400
    if context["sample"]:
        sample = context["sample"]
        context["strata"] = sampling.sample_strata(sample=sample)
        context["stations"] = Paginator(sampling.sample_stations(sample=sample), STATIONS_PER_PAGE).get_page(
            request.GET.get("page")
        )
    return render(request, "deployment/sample.html", context, status=status)


@require_GET
@coordinator_required
def sample_page(request):
    """The preview (from the query's values, defaults without one) and the sample drawn, if any."""
    return _page(request, _bound(request.GET))


@require_POST
@coordinator_required
def sample_draw(request):
    form = _bound(request.POST)
    if not form.is_valid():
        return _page(request, form)
    mission = request.membership.mission
    data = form.values()
    try:
        args, needed, _population = _planned(mission, data)
        sample = sampling.sample_draw(
            mission=mission, size=data.get("size") or needed, seed=data.get("seed"), user=request.user, **args
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _page(request, form, status=400)
    messages.success(
        request,
        _(
            "Sample drawn: %(size)d stations and their reserves, seed %(seed)d. "
            "Let the planner propose a plan: it routes teams over the sampled stations only."
        )
        % {"size": sample.size, "seed": sample.seed},
    )
    return redirect("deployment:sample")


@require_POST
@coordinator_required
def sample_remove(request):
    try:
        sampling.sample_remove(mission=request.membership.mission, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _page(request, _bound(request.GET), status=400)
    messages.success(request, _("The sample is removed: the planner routes over all stations again."))
    return redirect("deployment:sample")


@require_POST
@coordinator_required
def sample_replace(request):
    """POST station=<code>: the sampled station gives its place to its stratum's next reserve."""
    mission = request.membership.mission
    code = request.POST.get("station", "").strip()
    entry = (
        SampledStation.objects.filter(sample__plan__mission=mission, polling_station__code=code)
        .select_related("sample")
        .first()
    )
    try:
        if entry is None:
            raise ValidationError(_("Polling station %(code)s is not in the sample.") % {"code": code or "—"})
        reserve = sampling.sample_replace(entry=entry, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _page(request, _bound(request.GET), status=400)
    messages.success(
        request,
        _("Polling station %(old)s is replaced by reserve %(new)s: change the team's route on the plan page.")
        % {"old": code, "new": reserve.polling_station.code},
    )
    return redirect("deployment:sample")
