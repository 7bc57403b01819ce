"""The OpenRosa 1.0 endpoints (Form List API, Form Submission API): thin, around the REST path's services.

Each route exists twice: under `/openrosa/key/<key>/m/<mission>/` (the address on the login card's ODK Collect
code) and `/openrosa/m/<mission>/` (a username and password, or a browser session); see auth.py.
"""

import io
from functools import wraps

from django.core.exceptions import RequestDataTooBig, TooManyFilesSent
from django.core.handlers.wsgi import LimitedStream
from django.http.multipartparser import MultiPartParserError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from observers.checklists.xform import STATIONS_FILE, form_id, xform_of
from observers.openrosa.auth import OpenRosaRefused, openrosa_caller, realm
from observers.openrosa.instances import InstanceInvalid
from observers.openrosa.responses import (
    form_list_xml,
    manifest_xml,
    message_response,
    openrosa_response,
)
from observers.openrosa.selectors import openrosa_form, openrosa_forms, stations_csv
from observers.openrosa.services import openrosa_submission_receive
from observers.submissions.attachments import (
    MAX_PER_SUBMISSION,
    MAX_SIZE,
    AttachmentError,
    AttachmentForbidden,
    AttachmentTooLarge,
)
from observers.submissions.services import (
    SubmissionConflict,
    SubmissionError,
    SubmissionForbidden,
    SubmissionInvalid,
)

XML_FIELD = "xml_submission_file"
# What one POST may carry: the form and its files (Collect splits a larger form over several POSTs).
ACCEPT_CONTENT_LENGTH = MAX_SIZE
_FRAMING = 1024 * 1024  # the instance and the multipart framing around the files
MAX_BODY = MAX_PER_SUBMISSION * MAX_SIZE + _FRAMING
STATUS = {SubmissionInvalid: 400, SubmissionForbidden: 403, SubmissionConflict: 409}
# Field names of submission_receive's payload that are called otherwise in the XForm.
QUESTION_NAMES = {"polling_station_code": "polling_station", "observed_at": "end"}


def _refused(error: OpenRosaRefused):
    response = message_response(error.message, status=error.status)
    if error.challenge:
        response["WWW-Authenticate"] = f'Basic realm="{realm()}", charset="UTF-8"'
    if error.retry_after:
        response["Retry-After"] = str(error.retry_after)
    return response


def openrosa_view(*methods: str):
    """Authenticate (auth.py), allow `methods`, and answer every refusal as an OpenRosaResponse."""

    def decorator(view):
        @csrf_exempt  # a phone has no CSRF token; a browser session's POST is checked in auth.py
        @wraps(view)
        def wrapped(request, slug: str, key: str | None = None, **kwargs):
            try:  # first: a browser session's POST is refused for its missing CSRF token, whatever the address
                request.membership = openrosa_caller(request, key=key, mission_slug=slug)
            except OpenRosaRefused as error:
                return _refused(error)
            if request.method not in methods:
                response = message_response(
                    _("This address answers %(methods)s only.") % {"methods": ", ".join(methods)}, status=405
                )
                response["Allow"] = ", ".join(methods)
                return response
            request.openrosa_route = {"slug": slug, **({"key": key} if key else {})}
            return view(request, **kwargs)

        return wrapped

    return decorator


def _absolute(request, name: str, **kwargs) -> str:
    route = request.openrosa_route
    name = f"openrosa:{'key-' if 'key' in route else ''}{name}"
    return request.build_absolute_uri(reverse(name, kwargs={**route, **kwargs}))


@openrosa_view("GET", "HEAD")
def form_list(request):
    """`<xforms>`: the latest version of each form the caller's team fills; `?formID=` narrows it to one."""
    wanted = request.GET.get("formID")
    forms = []
    for checklist in openrosa_forms(membership=request.membership):
        if wanted and wanted != form_id(checklist):
            continue
        _xform, md5 = xform_of(checklist=checklist)
        forms.append(
            {
                "formID": form_id(checklist),
                "name": checklist.title.get("en") or checklist.get_kind_display(),
                "version": checklist.version,
                "hash": md5,
                "downloadUrl": _absolute(request, "form", pk=checklist.pk),
                "manifestUrl": _absolute(request, "manifest", pk=checklist.pk),
            }
        )
    return openrosa_response(form_list_xml(forms))


def _form_or_404(request, pk: int):
    checklist = openrosa_form(membership=request.membership, pk=pk)
    if checklist is None:
        return None, message_response(_("No such form for your team: download the form list again."), status=404)
    return checklist, None


@openrosa_view("GET", "HEAD")
def form_xml(request, pk: int):
    checklist, refusal = _form_or_404(request, pk)
    if refusal:
        return refusal
    xform, _md5 = xform_of(checklist=checklist)
    response = openrosa_response(xform)
    response["Content-Disposition"] = f'inline; filename="{form_id(checklist)}-v{checklist.version}.xml"'
    return response


@openrosa_view("GET", "HEAD")
def manifest(request, pk: int):
    """The form's media: the team's stations, which the station question chooses from."""
    checklist, refusal = _form_or_404(request, pk)
    if refusal:
        return refusal
    _content, md5 = stations_csv(membership=request.membership)
    files = [{"filename": STATIONS_FILE, "hash": md5, "downloadUrl": _absolute(request, "stations", pk=pk)}]
    return openrosa_response(manifest_xml(files))


@openrosa_view("GET", "HEAD")
def stations(request, pk: int):
    checklist, refusal = _form_or_404(request, pk)
    if refusal:
        return refusal
    content, _md5 = stations_csv(membership=request.membership)
    response = openrosa_response(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{STATIONS_FILE}"'
    return response


def _dechunked(request) -> None:
    """A chunked upload (no Content-Length; the server has decoded the chunks, wsgi.input_terminated) is read to
    its end, up to MAX_BODY, and parsed as if its length had been given."""
    if request.META.get("CONTENT_LENGTH") or "chunked" not in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
        return
    body = request.META["wsgi.input"].read(MAX_BODY + 1)
    if len(body) > MAX_BODY:
        raise RequestDataTooBig
    request.META["CONTENT_LENGTH"] = str(len(body))
    request._stream = LimitedStream(io.BytesIO(body), len(body))


def _problems(detail) -> str:
    """A service's refusal as one line naming each question: "overall_assessment: is required; ..."."""
    if isinstance(detail, str):
        return detail
    if isinstance(detail, list):
        return "; ".join(map(str, detail))
    parts = []
    for field, problems in detail.items():
        if field == "answers" and isinstance(problems, dict):
            parts.extend(f"{code}: {'; '.join(map(str, messages))}" for code, messages in problems.items())
        else:
            parts.append(f"{QUESTION_NAMES.get(field, field)}: {_problems(problems)}")
    return "; ".join(parts)


@openrosa_view("HEAD", "POST")
def submission(request):
    if request.method == "HEAD":
        response = openrosa_response(status=204)
        response["X-OpenRosa-Accept-Content-Length"] = str(ACCEPT_CONTENT_LENGTH)
        return response
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY:
        return _too_large()
    try:
        _dechunked(request)
        upload = request.FILES.get(XML_FIELD)
        files = [file for name, file in request.FILES.items() if name != XML_FIELD]
    except (RequestDataTooBig, TooManyFilesSent):
        return _too_large()
    except MultiPartParserError:
        return message_response(_("The request is not a readable multipart form: send the form again."), status=400)
    if upload is None:
        return message_response(
            _("Send the filled form as the multipart field %(field)s.") % {"field": XML_FIELD}, status=400
        )
    try:
        received = openrosa_submission_receive(
            user=request.user, membership=request.membership, xml=upload.read(), files=files
        )
    except InstanceInvalid as error:
        return message_response(str(error), status=400)
    except SubmissionError as error:
        return message_response(_problems(error.detail), status=STATUS[type(error)])
    except AttachmentTooLarge as error:
        return message_response(str(error), status=413)
    except AttachmentForbidden as error:
        return message_response(str(error), status=403)
    except AttachmentError as error:
        return message_response(str(error), status=400)
    return message_response(_received_message(received), status=201, nature="submit_success")


def _received_message(received) -> str:
    station = received.submission.polling_station
    kind = received.checklist.get_kind_display()
    if station is not None:
        message = _("%(form)s form for station %(station)s received.") % {"form": kind, "station": station.code}
    else:
        message = _("%(form)s form received.") % {"form": kind}
    if not received.created:
        message += " " + _("It had arrived before: it is stored once.")
    return message


def _too_large():
    return message_response(
        _("The form and its files are larger than the server accepts: send the photos at a lower resolution."),
        status=413,
    )
