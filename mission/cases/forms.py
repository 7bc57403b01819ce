"""The one form a case file is entered through, by a page or by the phone's API: the same checks for both."""

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from mission.cases.models import Body, CaseDocument, CaseFile, Decision, Source, Subject
from mission.models import Mission

EDITABLE = (
    "complainant_kind",
    "complainant",
    "complainant_party",
    "subject",
    "respondent",
    "summary",
    "body",
    "commission",
    "body_name",
    "body_name_ru",
    "body_name_kk",
    "region",
    "district",
    "filed_on",
    "deadline",
    "decided_on",
    "decision",
    "remedy",
    "source",
    "meeting",
    "is_key",
)
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CaseFileForm(forms.ModelForm):
    """`appeal_of`: the case this one appeals (set by the page or the API, never chosen in the form)."""

    class Meta:
        model = CaseFile
        fields = EDITABLE
        widgets = {"filed_on": DATE, "deadline": DATE, "decided_on": DATE, "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, mission: Mission, appeal_of: CaseFile | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.mission = mission
        self.appeal_of = appeal_of if appeal_of is not None else self.instance.appeal_of
        self.instance.mission = mission
        self.fields["decision"].required = False  # a new case is usually pending
        for name, queryset in {
            "complainant_party": mission.parties.all(),
            "commission": mission.commissions.all(),
            "region": mission.regions.all(),
            "district": mission.districts.all(),
            "meeting": mission.meetings.all(),
        }.items():
            self.fields[name].queryset = queryset
            self.fields[name].error_messages["invalid_choice"] = _(
                "No such one in this mission: choose one from the list or leave it empty."
            )

    def clean_decision(self) -> str:
        return self.cleaned_data["decision"] or Decision.PENDING

    def clean(self):
        data = super().clean()
        district, region = data.get("district"), data.get("region")
        if district and region and district.region_id != region.pk:
            self.add_error("district", _("This district is not in the region chosen: correct one of them."))
        if district and not region:
            data["region"] = district.region
        appealed = self.appeal_of
        if appealed is not None:
            if appealed.decided_on is None:
                self.add_error(
                    None,
                    _("Case %(number)s is still pending: only a decision can be appealed.")
                    % {"number": appealed.number},
                )
            elif data.get("filed_on") and data["filed_on"] < appealed.decided_on:
                self.add_error(
                    "filed_on",
                    _("An appeal is filed after the decision it appeals (%(date)s): correct the date.")
                    % {"date": formats.date_format(appealed.decided_on)},
                )
        return data


class CaseDocumentForm(forms.ModelForm):
    class Meta:
        model = CaseDocument
        fields = ("title", "file")


DEADLINE_CHOICES = (("missed", _("Deadline missed")), ("kept", _("Deadline kept")), ("none", _("No deadline known")))
STAGE_CHOICES = (("complaint", _("First complaints")), ("appeal", _("Appeals")))


class CaseFilterForm(forms.Form):
    """The register's filters; every one optional. A value outside the lists is a 400 naming the filter."""

    q = forms.CharField(label=_("Number, complainant or summary"), required=False, max_length=100)
    body = forms.ChoiceField(label=_("Filed with"), choices=[("", _("Any body")), *Body.choices], required=False)
    subject = forms.ChoiceField(label=_("Against what"), choices=[("", _("Any")), *Subject.choices], required=False)
    decision = forms.ChoiceField(label=_("Decision"), choices=[("", _("Any")), *Decision.choices], required=False)
    source = forms.ChoiceField(label=_("Source"), choices=[("", _("Any")), *Source.choices], required=False)
    deadline = forms.ChoiceField(label=_("Deadline"), choices=[("", _("Any")), *DEADLINE_CHOICES], required=False)
    stage = forms.ChoiceField(label=_("Stage"), choices=[("", _("Any")), *STAGE_CHOICES], required=False)
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=None, required=False, to_field_name="code", empty_label=_("All regions")
    )
    filed_from = forms.DateField(label=_("Filed from"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    filed_to = forms.DateField(label=_("Filed to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    key = forms.BooleanField(label=_("Key cases only"), required=False)

    def __init__(self, *args, mission: Mission, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = mission.regions.all()
        self.fields["region"].error_messages["invalid_choice"] = _(
            "No region of this mission has this code: choose one from the list."
        )
