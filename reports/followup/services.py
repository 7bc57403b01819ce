"""Assessing a prior recommendation: its grade and a note in three languages, with who assessed it and when."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mission.followup.models import Implementation, PriorRecommendation


@transaction.atomic
def prior_recommendation_assess(
    *,
    recommendation: PriorRecommendation,
    user,
    implementation: str,
    note: str = "",
    note_ru: str = "",
    note_kk: str = "",
) -> PriorRecommendation:
    if implementation and implementation not in Implementation.values:
        raise ValidationError(_("Choose fully, mostly, partially or not implemented (or leave it not assessed)."))
    if (note_ru or note_kk) and not note:
        raise ValidationError(_("Write the note in English too: it is printed where a language has none."))
    recommendation.implementation = implementation
    recommendation.note, recommendation.note_ru, recommendation.note_kk = note, note_ru, note_kk
    recommendation.assessed_at = timezone.now() if implementation else None
    recommendation.assessed_by = user if implementation else None
    recommendation.save(update_fields=["implementation", "note", "note_ru", "note_kk", "assessed_at", "assessed_by"])
    return recommendation
