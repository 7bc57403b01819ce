"""Reading the follow-up of prior recommendations: the list, and the count per grade (one query each), used by the
analysts' page and the report's annex alike."""

from django.db.models import Count, QuerySet

from mission.followup.models import Implementation, PriorRecommendation
from mission.models import Mission


def prior_recommendations(*, mission: Mission) -> QuerySet[PriorRecommendation]:
    return PriorRecommendation.objects.filter(mission=mission).order_by("order", "pk")


def implementation_counts(*, mission: Mission) -> dict[str, int]:
    """{grade or "" (not assessed): count}, every grade present (zero where none)."""
    rows = prior_recommendations(mission=mission).order_by().values("implementation").annotate(n=Count("id"))
    counts = dict.fromkeys(["", *Implementation.values], 0)
    counts.update({row["implementation"]: row["n"] for row in rows})
    return counts
