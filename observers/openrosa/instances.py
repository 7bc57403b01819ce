"""A filled XForm instance, as ODK Collect or Enketo sends it, read safely and turned into the payload the REST path
takes (observers/submissions/services.py `submission_receive`). Only the spelling is converted here: every rule
(the plan, the answers, the version's questions) is applied by that one function.

Read with defusedxml: no DTD (hence no entities, no billion laughs, no external files), at most MAX_BYTES, at most
MAX_DEPTH levels and MAX_ELEMENTS elements. What cannot be read is an `InstanceInvalid` naming what to fix.
"""

import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from observers.checklists.definitions import TEXT_MAX_LENGTH
from observers.checklists.xform import END, PHOTO_QUESTION, RESERVED, START, STATION_QUESTION

MAX_BYTES = 1024 * 1024  # a form of a few hundred answers is a few kilobytes
MAX_DEPTH = 8  # data / group / question, meta / instanceID: groups are not nested
MAX_ELEMENTS = 2000
XFORMS_NAMESPACE = "http://www.w3.org/2002/xforms"
_FORM_ID = re.compile(r"^eom-(\d{1,18})-([a-z_]{1,32})$")
_TIME = re.compile(r"^(\d\d:\d\d)(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$")
_VOTES_PAIR = re.compile(r"^\s*([^=:\s]+)\s*[=:]\s*(\d{1,9})\s*$")
_META = "meta"


class InstanceInvalid(Exception):
    """The XML is not a filled form of ours; the message says what is wrong."""


@dataclass
class Instance:
    mission_id: int
    kind: str
    version: int
    uuid: uuid.UUID
    deprecated_uuid: uuid.UUID | None
    station_code: str
    observed_at: datetime | None
    values: dict[str, str]  # question code -> the text the phone wrote
    photos: list[str]  # file names the instance names as its attachments


def _local(tag: str) -> tuple[str, str]:
    """(namespace, local name) of an element's tag."""
    if tag.startswith("{"):
        namespace, _brace, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def _bounded(root: Element) -> None:
    count, stack = 0, [(root, 1)]
    while stack:
        element, depth = stack.pop()
        count += 1
        if depth > MAX_DEPTH or count > MAX_ELEMENTS:
            raise InstanceInvalid(
                _("The form's XML is nested too deeply or has too many elements: send the form again.")
            )
        stack.extend((child, depth + 1) for child in element)


def parse_xml(content: bytes) -> Element:
    if len(content) > MAX_BYTES:
        raise InstanceInvalid(
            _("The form's XML has %(size)d bytes; at most %(max)d are accepted.")
            % {"size": len(content), "max": MAX_BYTES}
        )
    try:
        root = fromstring(content, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (ParseError, DefusedXmlException, ValueError, UnicodeError) as error:
        raise InstanceInvalid(
            _("The form's XML cannot be read (%(error)s): send the form again from the phone.")
            % {"error": type(error).__name__ if isinstance(error, DefusedXmlException) else str(error)[:200]}
        ) from None
    _bounded(root)
    return root


def _uuid(text: str, where: str) -> uuid.UUID:
    try:
        return uuid.UUID(text.strip().removeprefix("uuid:"))
    except ValueError:
        raise InstanceInvalid(
            _("%(where)s must be uuid: followed by a UUID, not %(value)r.") % {"where": where, "value": text[:80]}
        ) from None


def instance_read(content: bytes) -> Instance:
    """The instance's form, version, uuid and answers as text; raises InstanceInvalid."""
    root = parse_xml(content)
    namespace, _name = _local(root.tag)
    if namespace not in ("", XFORMS_NAMESPACE):
        raise InstanceInvalid(
            _("The form's root element is in namespace %(namespace)s: this is not a form from this server.")
            % {"namespace": namespace[:100]}
        )
    match = _FORM_ID.match(root.get("id", ""))
    if not match:
        raise InstanceInvalid(
            _("Form id %(id)r is not a form of this server: download the forms again and fill one of them.")
            % {"id": root.get("id", "")[:100]}
        )
    version = root.get("version", "")
    if not version.isdigit() or not 0 < int(version) < 2**31:
        raise InstanceInvalid(_("The form has no version number (version=%(version)r).") % {"version": version[:40]})
    values: dict[str, str] = {}
    meta: dict[str, str] = {}
    stack = [(child, False) for child in reversed(root)]
    while stack:
        element, in_meta = stack.pop()
        _namespace, name = _local(element.tag)
        if len(element):
            stack.extend((child, in_meta or name == _META) for child in reversed(element))
            continue
        text = (element.text or "").strip()
        if in_meta:
            meta[name] = text
        elif name in values:
            raise InstanceInvalid(_("Question %(code)s is answered twice in the XML.") % {"code": name[:64]})
        elif text or name not in RESERVED:
            values[name] = text
    if not meta.get("instanceID"):
        raise InstanceInvalid(_("The form has no meta/instanceID: send it from ODK Collect or Enketo."))
    observed_at = None
    for key in (END, START):
        stamp = values.pop(key, "")
        parsed = _datetime(stamp, key) if stamp else None
        observed_at = observed_at or parsed
    photo = values.pop(PHOTO_QUESTION, "")
    return Instance(
        mission_id=int(match[1]),
        kind=match[2],
        version=int(version),
        uuid=_uuid(meta["instanceID"], "meta/instanceID"),
        deprecated_uuid=_uuid(meta["deprecatedID"], "meta/deprecatedID") if meta.get("deprecatedID") else None,
        station_code=values.pop(STATION_QUESTION, ""),
        observed_at=observed_at,
        values={code: text for code, text in values.items() if text},
        photos=[photo] if photo else [],
    )


def _datetime(text: str, key: str) -> datetime:
    try:
        parsed = parse_datetime(text)
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise InstanceInvalid(
            _("%(question)s must be a date and time with its UTC offset, not %(value)r.")
            % {"question": key, "value": text[:40]}
        )
    return parsed


def answer_value(question: dict, text: str):
    """The phone's text in the JSON shape the checklist's answers take; text that does not convert is kept as it
    is, for validate_answers to refuse with the question's own message."""
    kind = question["type"]
    if kind == "integer":
        return int(text) if re.fullmatch(r"-?\d{1,18}", text) else text
    if kind == "multiple":
        return text.split()
    if kind == "time":
        match = _TIME.match(text)
        return match[1] if match else text
    if kind == "votes":
        pairs = [_VOTES_PAIR.match(part) for part in re.split(r"[;,\n]", text) if part.strip()]
        if pairs and all(pairs) and len({pair[1] for pair in pairs}) == len(pairs):
            return {pair[1]: int(pair[2]) for pair in pairs}
        return text
    if kind == "text":
        return text[: TEXT_MAX_LENGTH + 1]  # longer is refused anyway; no need to carry megabytes to the message
    return text
