"""The filters of the exports page, checked against the mission of the person asking."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mission.models import Mission
from observers.models import Checklist, Team
from reports.exports.selectors import SubmissionFilters


def _by_code(label, empty_label, unknown) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label,
        queryset=None,
        required=False,
        to_field_name="code",
        empty_label=empty_label,
        error_messages={"invalid_choice": unknown},
    )


class ExportFilterForm(forms.Form):
    """GET parameters shared by the page and every download: kind, region, district, team, date range, lang.

    Regions, districts and teams are given by code, as on the findings pages that link here.
    """

    kind = forms.ChoiceField(label=_("Form"), choices=[("", "—"), *Checklist.Kind.choices], required=False)
    region = _by_code(
        _("Region"), _("All regions"), _("No region of this mission has this code: choose one from the list.")
    )
    district = _by_code(
        _("District"), _("All districts"), _("No district of this mission has this code: choose one from the list.")
    )
    team = _by_code(_("Team"), _("All teams"), _("No team of this mission has this code: choose one from the list."))
    date_from = forms.DateField(
        label=_("Observed from (date)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Observed until (date)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    lang = forms.ChoiceField(
        label=_("Language of headings and place names"), choices=settings.LANGUAGES, required=False
    )

    def __init__(self, data=None, *, mission: Mission, kind_required: bool = False):
        super().__init__(data)
        self.fields["kind"].required = kind_required
        self.fields["region"].queryset = mission.regions.all()
        self.fields["district"].queryset = mission.districts.all()
        self.fields["team"].queryset = Team.objects.filter(mission=mission)

    def clean(self):
        cleaned = super().clean()
        region, district = cleaned.get("region"), cleaned.get("district")
        if region and district and district.region_id != region.pk:
            self.add_error("district", _("This district is not in the region chosen: clear one of them."))
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("must be on or after the start date (date_from)."))
        return cleaned

    def filters(self) -> SubmissionFilters:
        data = self.cleaned_data
        return SubmissionFilters(
            kind=data.get("kind") or None,
            region_id=data["region"].pk if data.get("region") else None,
            district_id=data["district"].pk if data.get("district") else None,
            team_id=data["team"].pk if data.get("team") else None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )

    def error_text(self) -> str:
        """One line naming each parameter to fix, for a 400 answer."""
        return "; ".join(
            f"{field}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
            for field, messages in self.errors.items()
        )
