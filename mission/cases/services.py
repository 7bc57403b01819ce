"""Entering case files: a new complaint, an appeal of a decided case, a change, a document."""

import uuid as uuid_module

from django.db import transaction

from mission.cases.forms import CaseFileForm
from mission.cases.models import CaseDocument, CaseFile
from mission.models import Mission


class CaseConflict(Exception):
    """The uuid was already used by another mission's case."""


def _next_number(mission: Mission) -> str:
    """The register's next free number (C-0001, C-0002 …); the caller holds the mission's row locked."""
    taken = set(mission.case_files.values_list("number", flat=True))
    number = len(taken) + 1
    while f"C-{number:04d}" in taken:
        number += 1
    return f"C-{number:04d}"


def case_file_save(*, form: CaseFileForm, user, uuid: uuid_module.UUID | None = None) -> tuple[CaseFile, bool]:
    """Stores a valid form's case: a new one gets the next number and `user` as who entered it. With a `uuid`
    already received (a phone sending again) nothing is written and the first case is returned: (case, created)."""
    case = form.instance
    with transaction.atomic():
        if case.pk is None:
            Mission.objects.select_for_update(no_key=True).only("pk").get(pk=form.mission.pk)
            if uuid is not None:
                existing = CaseFile.objects.filter(uuid=uuid).first()
                if existing is not None and existing.mission_id != form.mission.pk:
                    raise CaseConflict
                if existing is not None:
                    return existing, False
                case.uuid = uuid
            case.number = _next_number(form.mission)
            case.entered_by = user
            case.appeal_of = form.appeal_of
        form.save()
    return case, True


def case_document_add(*, case: CaseFile, title: str, file, user) -> CaseDocument:
    return CaseDocument.objects.create(case=case, title=title, file=file, uploaded_by=user)
