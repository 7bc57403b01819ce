"""An OpenRosa client as ODK Collect behaves: it reads the form list, downloads the XForm we serve, fills the
XForm's primary instance (the answers, the station, start and end, meta/instanceID) and sends it as multipart
`xml_submission_file`. The instance is built from the served XForm, not written by hand, so a change in what we
serve shows here."""

import io
import uuid
from copy import deepcopy
from xml.etree import ElementTree

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from observers.onboarding.services import token_issue

XFORMS = "{http://www.w3.org/2002/xforms}"
FORM_LIST = "{http://openrosa.org/xforms/xformsList}"
MANIFEST = "{http://openrosa.org/xforms/xformsManifest}"
RESPONSE = "{http://openrosa.org/http/response}"
END = "2004-09-19T09:45:00.000+06:00"


def _strip(element):
    """Collect writes the instance without the XForms namespace the XForm's model puts it in."""
    for node in element.iter():
        if node.tag.startswith(XFORMS):
            node.tag = node.tag[len(XFORMS) :]
    return element


def primary_instance(xform: bytes):
    root = ElementTree.fromstring(xform)
    model = root.find("{http://www.w3.org/1999/xhtml}head/" + XFORMS + "model")
    instance = model.find(XFORMS + "instance")
    return _strip(deepcopy(list(instance)[0]))


def _text(value) -> str:
    if isinstance(value, list):
        return " ".join(value)
    if isinstance(value, dict):
        return "; ".join(f"{code}={votes}" for code, votes in value.items())
    if isinstance(value, str) and len(value) == 5 and value[2] == ":":
        return value + ":00.000+06:00"  # a time question, as Collect writes it
    return str(value)


def fill(xform: bytes, answers: dict, *, station: str = "", instance_id=None, end: str = END, extra=None) -> bytes:
    """The filled instance of `xform`: each answer written into the leaf of its name, wherever its group."""
    data = primary_instance(xform)
    leaves = {node.tag: node for node in data.iter() if len(node) == 0}
    values = {"polling_station": station, "start": end, "end": end, **{k: _text(v) for k, v in answers.items()}}
    values.update(extra or {})
    for name, value in values.items():
        if name not in leaves:
            raise KeyError(f"the XForm has no question {name}")
        leaves[name].text = value
    leaves["instanceID"].text = f"uuid:{instance_id or uuid.uuid4()}"
    output = io.BytesIO()
    ElementTree.ElementTree(data).write(output, encoding="utf-8", xml_declaration=True)
    return output.getvalue()


class Collect:
    """A phone with ODK Collect set to `server` (the address on the login card, or one needing a password)."""

    def __init__(self, server: str, client: Client | None = None, **headers):
        self.server = server.rstrip("/")
        self.client = client or Client()
        self.headers = {"HTTP_X_OPENROSA_VERSION": "1.0", **headers}

    def get(self, url: str, **extra):
        return self.client.get(url, **self.headers, **extra)

    def form_list(self) -> dict:
        response = self.get(f"{self.server}/formList")
        assert response.status_code == 200, response.content
        root = ElementTree.fromstring(response.content)
        return {
            form.findtext(FORM_LIST + "formID"): {child.tag[len(FORM_LIST) :]: child.text for child in form}
            for form in root.iter(FORM_LIST + "xform")
        }

    def xform(self, form_id: str) -> bytes:
        entry = self.form_list()[form_id]
        response = self.get(entry["downloadUrl"])
        assert response.status_code == 200, response.content
        return response.content

    def submit(self, instance: bytes, *files: SimpleUploadedFile, **extra):
        data = {"xml_submission_file": SimpleUploadedFile("submission.xml", instance, content_type="text/xml")}
        for file in files:
            data[file.name] = file
        return self.client.post(f"{self.server}/submission", data, **self.headers, **extra)


def message(response) -> str:
    return ElementTree.fromstring(response.content).findtext(RESPONSE + "message")


def card_server(observer) -> str:
    """The server address the login card's ODK Collect code holds for `observer`."""
    return f"http://testserver/openrosa/key/{token_issue(user=observer.user)}/m/{observer.mission.slug}"
