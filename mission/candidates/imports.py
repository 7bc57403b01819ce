"""Candidates from the commission's published list, through the stations' import: matched by name within their
district (or list), so a later list with changed statuses updates them."""

from functools import partial

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mission.candidates.models import Candidate, Gender, RefusalReason, RegistrationStatus
from mission.cases.imports import by_names, choice_of, name_key
from mission.imports import cells
from mission.imports.rows import Changes, Field, ImportPlan, Mapping, RowChecker, Tally, plan_and_apply
from mission.imports.tabular import Table
from mission.models import Mission

GENDERS = {"f": Gender.FEMALE, "female": Gender.FEMALE, "ж": Gender.FEMALE, "m": Gender.MALE, "male": Gender.MALE}
GENDERS |= {"м": Gender.MALE}
FIELDS = (
    Field(
        "full_name",
        gettext_lazy("Name"),
        cells.text(max_length=200, required=True),
        required=True,
        aliases=("name", "candidate"),
    ),
    Field("gender", gettext_lazy("Gender"), cells.choice(GENDERS, accepted="F, M"), required=True, aliases=("sex",)),
    Field(
        "district",
        gettext_lazy("District"),
        cells.text(max_length=200, required=True),
        required=True,
        aliases=("constituency", "okrug"),
    ),
    Field(
        "party",
        gettext_lazy("Nominated by (empty: self-nominated)"),
        cells.text(max_length=200),
        aliases=("nominated_by",),
    ),
    Field("status", gettext_lazy("Status"), choice_of(RegistrationStatus), required=True),
    Field("status_on", gettext_lazy("Status since"), cells.date(), aliases=("date",)),
    Field("reason", gettext_lazy("Reason of a refusal"), choice_of(RefusalReason, blank=True)),
)


def candidate_changes(*, mission: Mission, table: Table, mapping: Mapping) -> tuple[ImportPlan, Changes]:
    checker = RowChecker(table=table, mapping=mapping, fields=FIELDS)
    districts = by_names(mission.districts.all(), "code", "name", "name_ru", "name_kk")
    parties = by_names(mission.parties.all(), "name", "name_ru", "name_kk", "abbreviation")
    records = checker.unique(
        checker.records(),
        key=lambda r: f"{name_key(r.values['district'])}|{name_key(r.values['full_name'])}",
        field_name="full_name",
    )
    existing = {
        (candidate.district_id, name_key(candidate.full_name)): candidate
        for candidate in Candidate.objects.filter(mission=mission, district__isnull=False)
    }
    tally = Tally()
    for record in records:
        values = record.values
        district = districts.get(name_key(values["district"]))
        if district is None:
            checker.reject(record.row, "district", _("No district of this mission has this name or code."))
            continue
        party_name = values.get("party", "")
        if party_name and name_key(party_name) not in parties:
            checker.reject(
                record.row, "party", _("No party of this mission is called so; leave it empty for self-nominated.")
            )
            continue
        reason = values.get("reason", "")
        if (values["status"] in (RegistrationStatus.REFUSED, RegistrationStatus.DEREGISTERED)) != bool(reason):
            column = "reason" if "reason" in mapping else "status"
            checker.reject(record.row, column, _("Give the reason of a refusal or deregistration, and only then."))
            continue
        wanted = {
            "gender": values["gender"],
            "nominated_by": parties.get(name_key(party_name)) if party_name else None,
            "status": values["status"],
            "status_on": values.get("status_on"),
            "reason": reason,
        }
        found = existing.get((district.pk, name_key(values["full_name"])))
        tally.add(found or Candidate(mission=mission, district=district, full_name=values["full_name"]), wanted)
    plan = checker.plan(**tally.counts())
    return plan, Changes(creates=[tally.created], updates=[(tally.updated, list(FIELDS_WRITTEN))])


FIELDS_WRITTEN = ("gender", "nominated_by", "status", "status_on", "reason")


def candidates_import(
    *, mission: Mission, table: Table, mapping: Mapping, dry_run: bool = False, expected: list[int] | None = None
) -> ImportPlan:
    """Single-mandate candidates, all or nothing as the stations' import."""
    build = partial(candidate_changes, mission=mission, table=table, mapping=mapping)
    return plan_and_apply(build=build, dry_run=dry_run, expected=expected)
