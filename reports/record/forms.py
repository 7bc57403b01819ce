"""Forms of the record pages: the reporting period looked at, the filters of the reports behind a figure, an
interim report's number and period, and an LTO's meeting."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mission.models import MeetingTopic, Mission, Person
from observers.models import Checklist
from reports.record.topics import BY_CODE

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("To"), widget=DATE)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The period ends before it starts: correct one of the dates."))
        return data


class BehindForm(PeriodForm):
    """Which reports a figure counted: a topic, a region (by code), a week (its Monday), weekly reports or incidents."""

    kind = forms.ChoiceField(
        choices=[(Checklist.Kind.LTO_WEEKLY, _("Weekly reports")), (Checklist.Kind.INCIDENT, _("Incidents"))],
        required=False,
    )
    topic = forms.ChoiceField(
        choices=[("", _("Any")), *((code, t.label) for code, t in BY_CODE.items())], required=False
    )
    region = forms.ModelChoiceField(queryset=None, required=False, to_field_name="code")
    week = forms.DateField(required=False, widget=DATE)

    def __init__(self, *args, mission: Mission, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = mission.regions.all()
        self.fields["region"].error_messages["invalid_choice"] = _(
            "No region of this mission has this code: choose one from the list."
        )


class ReportPeriodForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=99, required=False)
    period_from = forms.DateField(label=_("Reporting period from"), widget=DATE, required=False)
    period_to = forms.DateField(label=_("Reporting period to"), widget=DATE, required=False)


class LtoMeetingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    starts_at = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}))
    city = forms.CharField(label=_("Place"), max_length=100)
    region = forms.ModelChoiceField(label=_("Region"), queryset=None)
    name = forms.CharField(label=_("Title"), max_length=200)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    people = forms.ModelMultipleChoiceField(label=_("Interlocutors"), queryset=None, required=False)
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=MeetingTopic.choices, widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, mission: Mission, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = mission.regions.all()
        self.fields["organisation"].queryset = mission.organisations.all()
        self.fields["people"].queryset = Person.objects.filter(organisation__mission=mission).select_related(
            "organisation"
        )

    def clean(self):
        data = super().clean()
        organisation = data.get("organisation")
        strangers = [
            person for person in data.get("people", []) if person.organisation_id != getattr(organisation, "pk", None)
        ]
        if organisation and strangers:
            self.add_error(
                "people",
                _("%(names)s do not work at %(organisation)s: choose people of the organisation met.")
                % {"names": ", ".join(map(str, strangers)), "organisation": organisation},
            )
        return data
