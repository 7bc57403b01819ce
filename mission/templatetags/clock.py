"""The one way a template shows a moment: `{{ moment|when }}` prints "19 September 2004, 14:05 (Astana time)" in
the active zone (the mission's) and the reader's language; `{{ moment|when:"short" }}` the short form;
`{% zone_label %}` names the zone for a column of times; `{{ day|iso_date }}` is for links and form values, never
for reading."""

from django import template
from django.utils import formats

from mission import clock

register = template.Library()


@register.filter
def when(moment, style: str = ""):
    return clock.moment_text(moment, short=style == "short")


@register.filter
def when_in(moment, zone: str):
    """`{{ moment|when_in:mission.time_zone }}`: where no zone is active (documents rendered by a worker)."""
    return clock.moment_text(moment, zone=zone)


@register.simple_tag
def zone_label(zone=None):
    return clock.zone_label(zone or None)


@register.filter
def iso_date(day):
    return day.isoformat()[:10] if day else ""


@register.filter
def weekday_date(day):
    """ "Sunday, 19 September 2004" in the reader's language."""
    if not day:
        return ""
    return f"{formats.date_format(day, 'l')}, {formats.date_format(day, 'DATE_FORMAT')}"
