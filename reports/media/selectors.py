"""Coverage figures: per outlet, each subject's time (seconds) or space (cm²), its share of the outlet's coded
coverage and the split by tone. One grouped query over the items, then the outlets and subjects (three in all).

Shares are of everything coded on the outlet, officials and the incumbent included; those subjects are listed
apart from the contestants, as ODIHR reports do, with their own subtotal.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, QuerySet, Sum

from mission.models import Mission
from observers.media.models import MediaItem, MediaOutlet, MediaSubject, Tone

TONES = (Tone.POSITIVE, Tone.NEUTRAL, Tone.NEGATIVE)


@dataclass
class Period:
    starts: dt.date | None = None
    ends: dt.date | None = None

    def filter(self, items: QuerySet) -> QuerySet:
        if self.starts:
            items = items.filter(date__gte=self.starts)
        if self.ends:
            items = items.filter(date__lte=self.ends)
        return items


def _share(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


@dataclass
class SubjectCoverage:
    subject: MediaSubject
    amount: int = 0
    items: int = 0
    tones: dict = field(default_factory=lambda: dict.fromkeys(TONES, 0))  # tone -> amount
    share: float | None = None  # of the outlet's coverage, per cent

    def tone_share(self, tone: str) -> float | None:
        return _share(self.tones[tone], self.amount)

    @property
    def tone_shares(self) -> dict:
        return {tone: self.tone_share(tone) for tone in TONES}


@dataclass
class OutletCoverage:
    outlet: MediaOutlet
    contestants: list[SubjectCoverage]
    apart: list[SubjectCoverage]  # officials and the incumbent
    amount: int = 0
    items: int = 0

    @property
    def rows(self) -> list[SubjectCoverage]:
        return self.contestants + self.apart

    def subtotal(self, rows: list[SubjectCoverage]) -> dict:
        amount = sum(row.amount for row in rows)
        return {"amount": amount, "share": _share(amount, self.amount), "items": sum(row.items for row in rows)}

    @property
    def apart_subtotal(self) -> dict:
        return self.subtotal(self.apart)

    @property
    def contestants_subtotal(self) -> dict:
        return self.subtotal(self.contestants)

    @property
    def tones(self) -> dict:
        return {tone: _share(sum(row.tones[tone] for row in self.rows), self.amount) for tone in TONES}

    @property
    def leader(self) -> SubjectCoverage | None:
        return max(self.rows, key=lambda row: row.amount, default=None)


def coverage(
    *, mission: Mission, period: Period | None = None, outlet_ids: list[int] | None = None, ownership: str = ""
) -> list[OutletCoverage]:
    """Every outlet of the sample (filtered), with the subjects that got coverage in the period, largest first."""
    items = (period or Period()).filter(MediaItem.objects.filter(mission=mission))
    outlets = MediaOutlet.objects.filter(mission=mission)
    if outlet_ids:
        items, outlets = items.filter(outlet_id__in=outlet_ids), outlets.filter(pk__in=outlet_ids)
    if ownership:
        items, outlets = items.filter(outlet__ownership=ownership), outlets.filter(ownership=ownership)
    grouped = items.values_list("outlet_id", "subject_id", "tone").annotate(amount=Sum("amount"), n=Count("id"))
    subjects = {subject.pk: subject for subject in MediaSubject.objects.filter(mission=mission)}
    cells: dict[int, dict[int, SubjectCoverage]] = defaultdict(dict)
    for outlet_id, subject_id, tone, amount, n in grouped.order_by():
        row = cells[outlet_id].setdefault(subject_id, SubjectCoverage(subject=subjects[subject_id]))
        row.amount += amount
        row.items += n
        row.tones[tone] += amount
    result = []
    for outlet in outlets:
        rows = sorted(cells[outlet.pk].values(), key=lambda row: (-row.amount, row.subject.name))
        total = sum(row.amount for row in rows)
        for row in rows:
            row.share = _share(row.amount, total)
        result.append(
            OutletCoverage(
                outlet=outlet,
                contestants=[row for row in rows if not row.subject.shown_apart],
                apart=[row for row in rows if row.subject.shown_apart],
                amount=total,
                items=sum(row.items for row in rows),
            )
        )
    return result


def sample_dates(*, mission: Mission) -> tuple[dt.date | None, dt.date | None]:
    span = MediaItem.objects.filter(mission=mission).aggregate(first=Min("date"), last=Max("date"))
    return span["first"], span["last"]


def weeks(first: dt.date | None, last: dt.date | None) -> list[Period]:
    """The sample's weeks, Monday to Sunday, for the period filter."""
    if not first or not last:
        return []
    start = first - dt.timedelta(days=first.weekday())
    periods = []
    while start <= last:
        periods.append(Period(start, start + dt.timedelta(days=6)))
        start += dt.timedelta(days=7)
    return periods


def items_of(
    *, mission: Mission, period: Period, outlet_id: int | None, subject_id: int | None, tone: str, ownership: str = ""
) -> QuerySet[MediaItem]:
    """The items behind a figure: a drill-down from the results."""
    items = period.filter(MediaItem.objects.filter(mission=mission))
    if ownership:
        items = items.filter(outlet__ownership=ownership)
    if outlet_id:
        items = items.filter(outlet_id=outlet_id)
    if subject_id:
        items = items.filter(subject_id=subject_id)
    if tone:
        items = items.filter(tone=tone)
    return items.select_related("outlet", "programme", "subject", "coder").order_by("date", "outlet_id", "id")
