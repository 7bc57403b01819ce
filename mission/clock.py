"""One clock for the whole mission: its time zone named in the reader's language, its "now" and its day.

Times are stored in UTC and shown in the mission's zone (observers.accounts.middleware activates it for each
request of a signed-in member), labelled with the zone's name as people say it ("Astana time", not `Asia/Almaty`),
in the formats of config/formats. Every page and document that says "today" takes its bounds from here.
"""

import datetime as dt
from contextlib import nullcontext
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The zone a mission works in, as its people name it. Every Kazakh zone keeps the capital's time (UTC+5 since
# March 2024). Other zones are named by their offset ("UTC+04:00").
ASTANA = pgettext_lazy("time zone", "Astana time")
ZONE_NAMES = {
    "UTC": pgettext_lazy("time zone", "UTC"),
    "Etc/UTC": pgettext_lazy("time zone", "UTC"),
    "Asia/Almaty": ASTANA,
    "Asia/Qostanay": ASTANA,
    "Asia/Aqtobe": ASTANA,
    "Asia/Aqtau": ASTANA,
    "Asia/Atyrau": ASTANA,
    "Asia/Oral": ASTANA,
    "Asia/Qyzylorda": ASTANA,
    "Europe/Moscow": pgettext_lazy("time zone", "Moscow time"),
    "Asia/Tbilisi": pgettext_lazy("time zone", "Tbilisi time"),
    "Asia/Yerevan": pgettext_lazy("time zone", "Yerevan time"),
    "Asia/Baku": pgettext_lazy("time zone", "Baku time"),
    "Asia/Bishkek": pgettext_lazy("time zone", "Bishkek time"),
    "Asia/Tashkent": pgettext_lazy("time zone", "Tashkent time"),
    "Asia/Dushanbe": pgettext_lazy("time zone", "Dushanbe time"),
    "Asia/Ashgabat": pgettext_lazy("time zone", "Ashgabat time"),
    "Europe/Kyiv": pgettext_lazy("time zone", "Kyiv time"),
    "Europe/Kiev": pgettext_lazy("time zone", "Kyiv time"),
    "Europe/Minsk": pgettext_lazy("time zone", "Minsk time"),
    "Europe/Chisinau": pgettext_lazy("time zone", "Chisinau time"),
    "Europe/Warsaw": pgettext_lazy("time zone", "Warsaw time"),
}
OFFSET_NAME = _("UTC{offset}")


def zone_of(name: str | None) -> ZoneInfo:
    """The zone called `name`, UTC when it is empty or unknown (a mission saved with a typo still shows pages)."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _offset(zone: dt.tzinfo, moment: dt.datetime | None) -> str:
    delta = (moment or timezone.now()).astimezone(zone).utcoffset() or dt.timedelta(0)
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def zone_label(zone: str | dt.tzinfo | None = None, *, language: str | None = None, at: dt.datetime | None = None):
    """ "Astana time", "время Астаны", "Астана уақыты"; "UTC+04:00" for a zone without a name here.

    `zone` None: the active zone (the mission's, during a member's request). `at`: the moment whose offset names
    an unnamed zone (summer time)."""
    if zone is None:
        zone = timezone.get_current_timezone()
    key = zone if isinstance(zone, str) else getattr(zone, "key", None) or str(zone)
    with translation.override(language) if language else nullcontext():
        name = ZONE_NAMES.get(key)
        if name is not None:
            return str(name)
        offset = _offset(zone_of(key) if isinstance(zone, str) else zone, at)
        return str(OFFSET_NAME).format(offset="" if offset == "+00:00" else offset)


def zone_labels(zone: str) -> dict[str, str]:
    """The zone's name in every language of the site, for the phone (which switches language offline)."""
    from django.conf import settings

    return {code: zone_label(zone, language=code) for code, _name in settings.LANGUAGES}


def mission_now(mission) -> dt.datetime:
    """Now — except in a demo mission, whose election day is long past: its day is replayed as of 16:00 that day.
    Every "today" of the dashboard, the monitor and the phone counts from this."""
    if not mission.is_demo:
        return timezone.now()
    return dt.datetime.combine(mission.election_date, dt.time(16, 0), tzinfo=zone_of(mission.time_zone))


def day_start(*, mission, now: dt.datetime) -> dt.datetime:
    """Local midnight of the mission's day that `now` falls in."""
    zone = zone_of(mission.time_zone)
    return dt.datetime.combine(now.astimezone(zone).date(), dt.time.min, tzinfo=zone)


def moment_text(
    moment: dt.datetime | None,
    *,
    zone: str | dt.tzinfo | None = None,
    short: bool = False,
    label: bool = True,
    language: str | None = None,
) -> str:
    """ "19 September 2004, 14:05 (Astana time)" in `zone` (None: the active one) and the reader's language;
    "" for no moment. For text that is not a template: PDFs, cards, messages."""
    if moment is None:
        return ""
    tz = zone_of(zone) if isinstance(zone, str) else (zone or timezone.get_current_timezone())
    with translation.override(language) if language else nullcontext():
        local = timezone.localtime(moment, tz) if timezone.is_aware(moment) else moment
        text = formats.date_format(local, "SHORT_DATETIME_FORMAT" if short else "DATETIME_FORMAT")
        return f"{text} ({zone_label(tz, at=moment)})" if label else text
