"""OpenRosa's XML answers: every one with `X-OpenRosa-Version: 1.0` and `Date`."""

from xml.etree.ElementTree import Element, SubElement, tostring

from django.http import HttpResponse
from django.utils.http import http_date

OPENROSA_VERSION = "1.0"
FORM_LIST_NS = "http://openrosa.org/xforms/xformsList"
MANIFEST_NS = "http://openrosa.org/xforms/xformsManifest"
RESPONSE_NS = "http://openrosa.org/http/response"
XML_TYPE = "text/xml; charset=utf-8"


def openrosa_response(content: bytes = b"", *, status: int = 200, content_type: str = XML_TYPE) -> HttpResponse:
    response = HttpResponse(content, status=status, content_type=content_type)
    response["X-OpenRosa-Version"] = OPENROSA_VERSION
    response["Date"] = http_date()
    response["Cache-Control"] = "no-store"  # a key in the address, a team's stations: nothing for shared caches
    return response


def xml_bytes(root: Element) -> bytes:
    return tostring(root, encoding="utf-8", xml_declaration=True)


def message_response(message: str, *, status: int, nature: str = "") -> HttpResponse:
    """`<OpenRosaResponse><message>`: what Collect shows the observer, success or failure."""
    root = Element("OpenRosaResponse", xmlns=RESPONSE_NS)
    element = SubElement(root, "message")
    if nature:
        element.set("nature", nature)
    element.text = message
    return openrosa_response(xml_bytes(root), status=status)


def form_list_xml(forms: list[dict]) -> bytes:
    root = Element("xforms", xmlns=FORM_LIST_NS)
    for form in forms:
        xform = SubElement(root, "xform")
        for tag in ("formID", "name", "version", "hash", "downloadUrl", "manifestUrl"):
            if form.get(tag):
                SubElement(xform, tag).text = str(form[tag])
    return xml_bytes(root)


def manifest_xml(files: list[dict]) -> bytes:
    root = Element("manifest", xmlns=MANIFEST_NS)
    for file in files:
        media = SubElement(root, "mediaFile")
        for tag in ("filename", "hash", "downloadUrl"):
            SubElement(media, tag).text = file[tag]
    return xml_bytes(root)
