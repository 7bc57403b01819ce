"""The media monitoring results (core team): coverage per outlet and subject with tone, for a period, and the
items behind every figure."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language

from observers.permissions import core_required
from reports.media import selectors
from reports.media.charts import TONE_COLOURS, coverage_chart
from reports.media.forms import FilterForm

ITEMS_PER_PAGE = 100


@core_required
def results(request):
    mission = request.membership.mission
    form = FilterForm(request.GET or None)
    valid = form.is_valid() or not form.is_bound
    data = form.cleaned_data if form.is_bound and valid else {}
    outlets = selectors.coverage(
        mission=mission,
        period=form.period,
        outlet_ids=[data["outlet"]] if data.get("outlet") else None,
        ownership=data.get("ownership", ""),
    )
    language = get_language()
    context = {
        "form": form,
        # Each outlet with its chart: stacked bars of the subjects' shares, split by tone.
        "outlets": [
            (o, coverage_chart(o, language=language, share_text=lambda share: f"{share:.1f} %") if o.rows else "")
            for o in outlets
        ],
        "tone_colours": TONE_COLOURS,
        "weeks": selectors.weeks(*selectors.sample_dates(mission=mission)),
        "query": request.GET.urlencode() if valid else "",
    }
    return render(request, "media/results.html", context, status=200 if valid else 400)


@core_required
def items(request):
    mission = request.membership.mission
    form = FilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "media/items.html", {"form": form, "page": None}, status=400)
    data = form.cleaned_data if form.is_bound else {}
    found = selectors.items_of(
        mission=mission,
        period=form.period,
        outlet_id=data.get("outlet"),
        subject_id=data.get("subject"),
        tone=data.get("tone", ""),
        ownership=data.get("ownership", ""),
    )
    page = Paginator(found, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "media/items.html", {"form": form, "page": page, "query": query.urlencode()})
