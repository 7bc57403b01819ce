"""Walking through an import's pages as a coordinator would: upload, choose columns, preview, import."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from observers.models import Role
from tests.factories import ObserverFactory


@pytest.fixture
def media(settings, tmp_path):
    """Uploads kept between steps land in a folder of the test's own, so a test can see what was left
    (an import test module asks for it with `pytestmark`)."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def coordinator(client):
    member = ObserverFactory(role=Role.COORDINATOR, user__email="coord@example.org")
    client.force_login(member.user)
    return member


def upload(client, kind: str, name: str, content: bytes):
    return client.post(reverse("imports:upload", kwargs={"kind": kind}), {"file": SimpleUploadedFile(name, content)})


def choose_columns(client, kind: str, **columns):
    """Keeps the columns the page pre-selected, except `columns` (field -> header name, or None for none)."""
    page = client.get(reverse("imports:map", kwargs={"kind": kind}))
    form, headers = page.context["form"], page.context["table"].headers
    data = {name: form.initial.get(name, "") for name in form.fields}
    data.update({name: "" if header is None else str(headers.index(header)) for name, header in columns.items()})
    return client.post(reverse("imports:map", kwargs={"kind": kind}), data)


def preview(client, kind: str):
    return client.get(reverse("imports:preview", kwargs={"kind": kind}))


def confirm(client, kind: str, *, ticked: bool = True):
    """Imports what the preview showed, ticking the boxes it asked for (regions to create, stations outside the
    country) unless `ticked` is False."""
    names = client.session.get(f"import:{kind}", {}).get("confirm", []) if ticked else []
    return client.post(reverse("imports:preview", kwargs={"kind": kind}), dict.fromkeys(names, "1"))


def upload_and_preview(client, kind: str, name: str, content: bytes, **columns):
    assert upload(client, kind, name, content).status_code == 302
    assert choose_columns(client, kind, **columns).status_code == 302
    return preview(client, kind)


def errors_shown(response) -> list[tuple[int, str, str]]:
    return [(error.row, error.column, error.message) for error in response.context["plan"].errors]


def stored_uploads() -> list[str]:
    return default_storage.listdir("imports")[1] if default_storage.exists("imports") else []
