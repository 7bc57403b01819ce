"""Forms for the needs-assessment pages: they parse input; the services in mission/services/administration.py validate
and save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mission.models import (
    CommissionLevel,
    CommissionMember,
    ElectionCommission,
    Invitation,
    Meeting,
    Mission,
    Organisation,
    Person,
)

TRANSLATED_LABELS = {"name": _("Name (English)"), "name_ru": _("Name (Russian)"), "name_kk": _("Name (Kazakh)")}


class MissionForm(forms.ModelForm):
    """A model form of one mission: `scoped` maps a field to a function of the mission giving its choices."""

    scoped: dict = {}

    def __init__(self, *args, mission: Mission, **kwargs):
        super().__init__(*args, **kwargs)
        for field, queryset in self.scoped.items():
            self.fields[field].queryset = queryset(mission)


class CommissionForm(MissionForm):
    polling_station = forms.ModelChoiceField(
        queryset=None,
        required=False,
        to_field_name="code",
        widget=forms.TextInput,
        label=_("Polling station code"),
        help_text=_("Precinct commissions only"),
        error_messages={"invalid_choice": _("No polling station of this mission has this code.")},
    )
    scoped = {
        "region": lambda mission: mission.regions.all(),
        "district": lambda mission: mission.districts.all(),
        "polling_station": lambda mission: mission.polling_stations.all(),
        "parent": lambda mission: mission.commissions.exclude(level=CommissionLevel.PRECINCT),
    }

    class Meta:
        model = ElectionCommission
        fields = ["level", "name", "name_ru", "name_kk", "region", "district", "polling_station", "size", "parent"]
        labels = TRANSLATED_LABELS


class MemberForm(MissionForm):
    scoped = {"nominated_by": lambda mission: mission.parties.all()}

    class Meta:
        model = CommissionMember
        fields = ["full_name", "position", "nominated_by", "nominating_body", "appointed"]


class OrganisationForm(MissionForm):
    scoped = {"party": lambda mission: mission.parties.all()}

    class Meta:
        model = Organisation
        fields = ["category", "name", "name_ru", "name_kk", "party"]
        labels = TRANSLATED_LABELS


class PersonForm(MissionForm):
    class Meta:
        model = Person
        fields = ["full_name", "position"]


class MeetingForm(MissionForm):
    class Meta:
        model = Meeting
        fields = ["date", "starts_at", "ends_at", "city", "name", "name_ru", "name_kk", "notes"]
        labels = {"name": _("Title (English)"), "name_ru": _("Title (Russian)"), "name_kk": _("Title (Kazakh)")}
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "starts_at": forms.TimeInput(attrs={"type": "time"}),
            "ends_at": forms.TimeInput(attrs={"type": "time"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


class InvitationForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Invite"))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class AttendanceForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["attended", "attendees"]
