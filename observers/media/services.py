"""Changes to media monitoring: coding an item, coding it a second time, settling a disagreement, subjects."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from mission.models import Mission
from observers.media.models import (
    MediaCheck,
    MediaItem,
    MediaOutlet,
    MediaProgramme,
    MediaSubject,
    drawn_for_double_coding,
)
from observers.media.selectors import assignment_covers
from observers.models import Observer

CODING_FIELDS = ("subject", "amount", "tone")


def media_item_code(
    *,
    coder: Observer,
    reference: str,
    outlet: MediaOutlet,
    programme: MediaProgramme | None,
    date: dt.date,
    subject: MediaSubject,
    amount: int,
    tone: str,
    title: str = "",
) -> tuple[MediaItem, bool]:
    """Stores a monitor's item; the same reference sent again returns the first item, unchanged (False)."""
    existing = MediaItem.objects.filter(coder=coder, reference=reference).first()
    if existing:
        return existing, False
    if not assignment_covers(monitor=coder, outlet=outlet, day=date):
        raise ValidationError(
            _(
                "You are not assigned to %(outlet)s on %(date)s: choose one of your outlets and days, or ask the media "
                "analyst to assign you."
            )
            % {"outlet": outlet.label(), "date": formats.date_format(date)}
        )
    item = MediaItem(
        mission_id=coder.mission_id,
        coder=coder,
        reference=reference,
        outlet=outlet,
        programme=programme,
        date=date,
        subject=subject,
        amount=amount,
        tone=tone,
        title=title,
        double_code=drawn_for_double_coding(reference),
    )
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:  # the same reference sent twice at once: the other request stored it
        return MediaItem.objects.get(coder=coder, reference=reference), False
    return item, True


def media_check_code(*, item: MediaItem, coder: Observer, subject: MediaSubject, amount: int, tone: str) -> MediaCheck:
    """The second, blind coding of a drawn item by another monitor of its outlet."""
    if item.coder_id == coder.pk or not item.double_code:
        raise ValidationError(_("This item is not waiting for your second coding."))
    if not coder.media_assignments.filter(outlet_id=item.outlet_id).exists():
        raise ValidationError(_("You are not assigned to this item's outlet."))
    try:
        with transaction.atomic():
            return MediaCheck.objects.create(
                item=item,
                coder=coder,
                subject=subject,
                amount=amount,
                tone=tone,
                first_subject_id=item.subject_id,
                first_amount=item.amount,
                first_tone=item.tone,
            )
    except IntegrityError:
        raise ValidationError(_("Another monitor coded this item a second time already.")) from None


@transaction.atomic
def media_check_reconcile(*, check: MediaCheck, take_second: set[str], user) -> MediaItem:
    """Settles a double-coded item: the variables in `take_second` take the second coding's value, the others keep
    the first; the check then counts as reconciled (agreement keeps being measured on the codings it holds)."""
    unknown = take_second - set(CODING_FIELDS)
    if unknown:
        raise ValidationError(_("Choose among subject, amount and tone."))
    item = MediaItem.objects.select_for_update().get(pk=check.item_id)
    for name in take_second:
        setattr(item, name, getattr(check, name))
    item.save(update_fields=[*CODING_FIELDS] if take_second else None)
    check.reconciled_at = timezone.now()
    check.reconciled_by = user
    check.save(update_fields=["reconciled_at", "reconciled_by"])
    return item


def media_subjects_from_parties(*, mission: Mission) -> int:
    """A subject for each of the mission's parties that has none yet; returns how many were made."""
    have = set(MediaSubject.objects.filter(mission=mission, party__isnull=False).values_list("party_id", flat=True))
    taken = set(MediaSubject.objects.filter(mission=mission).values_list("name", flat=True))
    subjects = [
        MediaSubject(
            mission=mission,
            kind=MediaSubject.Kind.PARTY,
            party=party,
            name=party.name,
            name_ru=party.name_ru,
            name_kk=party.name_kk,
            abbreviation=party.abbreviation,
        )
        for party in mission.parties.all()
        if party.pk not in have and party.name not in taken
    ]
    MediaSubject.objects.bulk_create(subjects)
    return len(subjects)
