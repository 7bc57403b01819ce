"""Coding sheets (CSV or XLSX) imported by a monitor, through the stations' preview-and-refuse import.

One row is one item: outlet, date, programme, item number, headline, subject, seconds or cm², tone. The rows are
the importing monitor's items; a row whose item number the monitor already sent updates that item, so a corrected
sheet can be imported again.
"""

import datetime as dt
from functools import partial

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mission.imports import cells
from mission.imports.cells import CellError
from mission.imports.rows import Changes, Field, ImportPlan, Mapping, RowChecker, RowRejected, Tally, plan_and_apply
from mission.imports.tabular import Table
from mission.models import Mission
from observers.media.forms import SubjectLookup, seconds_parse
from observers.media.models import MediaItem, MediaOutlet, MediaProgramme, MediaSubject, Tone, drawn_for_double_coding
from observers.models import Observer

TONE_SPELLINGS = {
    **dict.fromkeys(("positive", "pos", "p", "позитивный", "положительный", "оң"), Tone.POSITIVE),
    **dict.fromkeys(("neutral", "0", "neu", "n", "нейтральный", "бейтарап"), Tone.NEUTRAL),
    **dict.fromkeys(("negative", "neg", "негативный", "отрицательный", "теріс"), Tone.NEGATIVE),
}
TONE_SIGNS = {
    "+": Tone.POSITIVE,
    "-": Tone.NEGATIVE,
    "−": Tone.NEGATIVE,
}  # punctuation, which spellings are compared without
_tone_word = cells.choice(TONE_SPELLINGS, accepted="positive, neutral, negative (or +, 0, -)")


def _tone(value: str) -> str:
    return TONE_SIGNS.get(value.strip()) or _tone_word(value)


DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")


def _date(value: str) -> dt.date:
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value.strip()[:10], pattern).date()
        except ValueError:
            continue
    raise CellError(_("Not a date: write it as 2004-09-01 or 01.09.2004."))


def _amount(value: str) -> int:
    try:
        seconds = seconds_parse(value)
    except ValidationError:  # its message speaks of the coding screen's fields
        seconds = None
    if not seconds:
        raise CellError(_("Give the seconds (90 or 1:30) or the cm², more than 0."))
    return seconds


FIELDS = (
    Field(
        "outlet",
        gettext_lazy("Outlet"),
        cells.text(max_length=200, required=True),
        required=True,
        aliases=("media", "channel", "newspaper", "сми"),
    ),
    Field("date", gettext_lazy("Date"), _date, required=True, aliases=("day", "дата")),
    Field(
        "programme",
        gettext_lazy("Programme or section"),
        cells.text(max_length=200),
        aliases=("program", "section", "programme_section"),
    ),
    Field(
        "reference",
        gettext_lazy("Item number"),
        cells.text(max_length=64, required=True),
        required=True,
        aliases=("item", "item_no", "no", "number", "id", "№"),
    ),
    Field(
        "title",
        gettext_lazy("Headline or description"),
        cells.text(max_length=300),
        aliases=("headline", "description", "story"),
    ),
    Field(
        "subject",
        gettext_lazy("Subject"),
        cells.text(max_length=200, required=True),
        required=True,
        aliases=("party", "candidate", "субъект"),
    ),
    Field(
        "amount",
        gettext_lazy("Seconds or cm²"),
        _amount,
        required=True,
        aliases=("seconds", "time", "cm2", "cm²", "space", "duration"),
    ),
    Field("tone", gettext_lazy("Tone"), _tone, required=True),
)
VALUES = ("outlet", "programme", "date", "title", "subject", "amount", "tone")


def coding_sheet_import(
    *,
    member: Observer,
    mission: Mission,
    table: Table,
    mapping: Mapping,
    dry_run: bool = False,
    expected: list[int] | None = None,
) -> ImportPlan:
    build = partial(_changes, monitor=member, mission=mission, table=table, mapping=mapping)
    return plan_and_apply(build=build, dry_run=dry_run, expected=expected)


def _by_names(objects) -> dict:
    found = {}
    for obj in objects:
        for name in (obj.name, obj.name_ru, obj.name_kk):
            if name:
                found.setdefault(" ".join(name.split()).casefold(), obj)
    return found


def _changes(*, monitor: Observer, mission: Mission, table: Table, mapping: Mapping) -> tuple[ImportPlan, Changes]:
    checker = RowChecker(table=table, mapping=mapping, fields=FIELDS)
    records = checker.unique(checker.records(), key=lambda r: r.values["reference"], field_name="reference")
    outlets = _by_names(MediaOutlet.objects.filter(mission=mission))
    programmes = {}
    for programme in MediaProgramme.objects.filter(outlet__mission=mission):
        for key in _by_names([programme]):
            programmes.setdefault((programme.outlet_id, key), programme)
    subjects = SubjectLookup(list(MediaSubject.objects.filter(mission=mission)))
    periods: dict[int, list[tuple[dt.date, dt.date]]] = {}
    for assignment in monitor.media_assignments.all():
        periods.setdefault(assignment.outlet_id, []).append((assignment.starts_on, assignment.ends_on))
    existing = {item.reference: item for item in MediaItem.objects.filter(coder=monitor)}
    tally = Tally()
    for record in records:
        values = record.values
        try:
            outlet = outlets.get(" ".join(values["outlet"].split()).casefold())
            if outlet is None:
                raise checker.rejected(record.row, "outlet", _("No outlet of the sample has this name."))
            if not any(start <= values["date"] <= end for start, end in periods.get(outlet.pk, [])):
                raise checker.rejected(
                    record.row, "date", _("You are not assigned to %(outlet)s on this day.") % {"outlet": outlet.name}
                )
            programme = None
            if values.get("programme"):
                programme = programmes.get((outlet.pk, " ".join(values["programme"].split()).casefold()))
                if programme is None:
                    raise checker.rejected(record.row, "programme", _("This outlet has no programme of this name."))
            subject = subjects.find(values["subject"])
            if subject is None:
                raise checker.rejected(record.row, "subject", _("No subject has this name or abbreviation."))
        except RowRejected:
            continue
        item = existing.get(values["reference"]) or MediaItem(
            mission=mission,
            coder=monitor,
            reference=values["reference"],
            double_code=drawn_for_double_coding(values["reference"]),
        )
        wanted = {
            "outlet": outlet,
            "programme": programme,
            "date": values["date"],
            "title": values.get("title", ""),
            "subject": subject,
            "amount": values["amount"],
            "tone": values["tone"],
        }
        tally.add(item, wanted)
    plan = checker.plan(**tally.counts())
    return plan, Changes(creates=[tally.created], updates=[(tally.updated, list(VALUES))])
