"""Turning one cell's text into a value, or a CellError whose message says what is wrong with it."""

import datetime as dt
import math
import re
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

Parser = Callable[[str], object]


class CellError(ValueError):
    pass


def text(*, max_length: int, required: bool = False) -> Parser:
    def parse(value: str) -> str:
        value = " ".join(value.split())
        if required and not value:
            raise CellError(_("This cell is empty; a value is needed."))
        if len(value) > max_length:
            raise CellError(_("Longer than %(limit)s characters.") % {"limit": max_length})
        return value

    return parse


def decimal(*, low: float, high: float) -> Parser:
    """A number such as "41.69", " 44.8" or "41,69" (decimal comma); blank means unknown (None)."""

    def parse(value: str) -> float | None:
        value = value.strip().replace("\u00a0", "")
        if not value:
            return None
        if "," in value and "." not in value:
            value = value.replace(",", ".")
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not low <= number <= high:  # also false for NaN
            raise CellError(_("Not a number between %(low)s and %(high)s.") % {"low": low, "high": high})
        return number

    return parse


MAX_COUNT = 2_147_483_647  # the largest a PositiveIntegerField holds on every database


def whole_number(value: str) -> int:
    """A count such as "2511", "2 511" or "2511.0"; blank counts as 0."""
    value = re.sub(r"\s", "", value)
    if not value:
        return 0
    match = re.fullmatch(r"(\d{1,10})(?:[.,]0+)?", value)
    if match and int(match[1]) <= MAX_COUNT:
        return int(match[1])
    raise CellError(_("Not a whole number between 0 and %(limit)s.") % {"limit": MAX_COUNT})


def email(value: str) -> str:
    value = value.strip().lower()
    if value:
        try:
            validate_email(value)
        except ValidationError:
            raise CellError(_("Not a valid e-mail address.")) from None
    return value


def choice(synonyms: dict[str, str], *, accepted: str) -> Parser:
    """One of a fixed set of values, written any of the ways in `synonyms` (compared without case or punctuation)."""
    lookup = {_spelling(spelling): value for spelling, value in synonyms.items()}

    def parse(value: str) -> str:
        try:
            return lookup[_spelling(value)]
        except KeyError:
            raise CellError(_("Not one of: %(accepted)s.") % {"accepted": accepted}) from None

    return parse


def _spelling(value: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", value.casefold()).split())


def date(*, required: bool = False) -> Parser:
    """A day as 2004-08-21, 21.08.2004 or 21/08/2004 (day first, as in the region); blank means unknown (None)."""

    def parse(value: str):
        value = value.strip()
        if not value:
            if required:
                raise CellError(_("This cell is empty; a date is needed."))
            return None
        value = value.split(" ")[0].split("T")[0]  # a spreadsheet's date cell may come with a time of 00:00
        for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"):
            try:
                return dt.datetime.strptime(value, pattern).date()
            except ValueError:
                continue
        raise CellError(_("Not a date: write it as 2004-08-21 or 21.08.2004."))

    return parse
