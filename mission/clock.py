"""One clock for the whole mission: its time zone named in the reader's language, its "now" and its day.

Times are stored in UTC and shown in the mission's zone (observers.accounts.middleware activates it for each
request of a signed-in member), labelled with the zone's name as people say it ("Astana time", not `Asia/Almaty`),
in the formats of config/formats. Every page and document that says "today" takes its bounds from here.
"""

import datetime as dt
from contextlib import nullcontext
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import formats, timezone, translation

# The zone a mission works in, as its people name it, in each language of the site (names of places, kept here
# as data like the models' Translated names, so documents print them without a compiled catalogue). Every Kazakh
# zone keeps the capital's time (UTC+5 since March 2024). Other zones are named by their offset ("UTC+04:00").
ASTANA = {"en": "Astana time", "ru": "время Астаны", "kk": "Астана уақыты"}
UTC_NAME = {"en": "UTC", "ru": "UTC", "kk": "UTC"}
ZONE_NAMES = {
    "UTC": UTC_NAME,
    "Etc/UTC": UTC_NAME,
    "Asia/Almaty": ASTANA,
    "Asia/Qostanay": ASTANA,
    "Asia/Aqtobe": ASTANA,
    "Asia/Aqtau": ASTANA,
    "Asia/Atyrau": ASTANA,
    "Asia/Oral": ASTANA,
    "Asia/Qyzylorda": ASTANA,
    "Europe/Moscow": {"en": "Moscow time", "ru": "московское время", "kk": "Мәскеу уақыты"},
    "Asia/Tbilisi": {"en": "Tbilisi time", "ru": "время Тбилиси", "kk": "Тбилиси уақыты"},
    "Asia/Yerevan": {"en": "Yerevan time", "ru": "время Еревана", "kk": "Ереван уақыты"},
    "Asia/Baku": {"en": "Baku time", "ru": "время Баку", "kk": "Баку уақыты"},
    "Asia/Bishkek": {"en": "Bishkek time", "ru": "время Бишкека", "kk": "Бішкек уақыты"},
    "Asia/Tashkent": {"en": "Tashkent time", "ru": "время Ташкента", "kk": "Ташкент уақыты"},
    "Asia/Dushanbe": {"en": "Dushanbe time", "ru": "время Душанбе", "kk": "Душанбе уақыты"},
    "Asia/Ashgabat": {"en": "Ashgabat time", "ru": "время Ашхабада", "kk": "Ашхабад уақыты"},
    "Europe/Kyiv": {"en": "Kyiv time", "ru": "время Киева", "kk": "Киев уақыты"},
    "Europe/Kiev": {"en": "Kyiv time", "ru": "время Киева", "kk": "Киев уақыты"},
    "Europe/Minsk": {"en": "Minsk time", "ru": "время Минска", "kk": "Минск уақыты"},
    "Europe/Chisinau": {"en": "Chisinau time", "ru": "время Кишинёва", "kk": "Кишинёв уақыты"},
    "Europe/Warsaw": {"en": "Warsaw time", "ru": "время Варшавы", "kk": "Варшава уақыты"},
}


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
    names = ZONE_NAMES.get(key)
    if names is not None:
        code = (language or translation.get_language() or "en")[:2]
        return names.get(code) or names["en"]
    offset = _offset(zone_of(key) if isinstance(zone, str) else zone, at)
    return "UTC" if offset == "+00:00" else f"UTC{offset}"


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
