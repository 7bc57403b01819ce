"""Forms of the findings pages: the area (region, district) every figure can be narrowed to, the filters of the
list of forms behind a figure, and an analyst's review action."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from mission.models import Mission
from observers.checklists.definitions import choice_values
from observers.models import Checklist, Submission
from observers.submissions.review import NOTE_MAX_LENGTH

KIND_LABELS = {
    Checklist.Kind.OPENING: _("Opening"),
    Checklist.Kind.VOTING: _("Voting"),
    Checklist.Kind.COUNTING: _("Counting"),
    Checklist.Kind.TABULATION: _("Tabulation"),
    Checklist.Kind.LTO_WEEKLY: _("LTO weekly report"),
    Checklist.Kind.INCIDENT: _("Incident"),
}
STATUS_LABELS = {
    Submission.ReviewStatus.UNREVIEWED: _("Not reviewed"),
    Submission.ReviewStatus.VERIFIED: _("Verified"),
    Submission.ReviewStatus.SENT_BACK: _("Sent back to the team"),
    Submission.ReviewStatus.EXCLUDED: _("Excluded"),
}
STATUS_CHOICES = [("counted", _("Counted (all but excluded)")), ("all", _("All, excluded too")), *STATUS_LABELS.items()]
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class AreaForm(forms.Form):
    """A region or a district of the mission (by code); a district must lie in the region if both are given."""

    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=None,
        required=False,
        to_field_name="code",
        empty_label=_("All regions"),
        error_messages={"invalid_choice": _("No region of this mission has this code: choose one from the list.")},
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=None,
        required=False,
        to_field_name="code",
        empty_label=_("All districts"),
        error_messages={"invalid_choice": _("No district of this mission has this code: choose one from the list.")},
    )

    def __init__(self, *args, mission: Mission, **kwargs):
        super().__init__(*args, **kwargs)
        self.mission = mission
        self.fields["region"].queryset = mission.regions.all()
        self.fields["district"].queryset = mission.districts.all()

    def clean(self):
        data = super().clean()
        region, district = data.get("region"), data.get("district")
        if region and district and district.region_id != region.pk:
            self.add_error("district", _("This district is not in the region chosen: clear one of them."))
        return data


class SubmissionFilterForm(AreaForm):
    """The filters of the list of forms behind a figure (see reports.findings.selectors.submissions_behind).

    `questions` maps each question code of the mission's forms to its newest definition, to check the question and
    its values. Question, values, times, answered and hour come from the figure's link and are not edited by hand.
    """

    kind = forms.ChoiceField(label=_("Form"), choices=[("", _("All forms")), *KIND_LABELS.items()], required=False)
    status = forms.ChoiceField(label=_("Review"), choices=STATUS_CHOICES, required=False)
    question = forms.CharField(required=False, widget=forms.HiddenInput)
    value = forms.Field(required=False, widget=forms.MultipleHiddenInput)
    time_from = forms.CharField(required=False, widget=forms.HiddenInput)
    time_to = forms.CharField(required=False, widget=forms.HiddenInput)
    answered = forms.Field(required=False, widget=forms.MultipleHiddenInput)
    hour = forms.IntegerField(required=False, min_value=0, max_value=23, widget=forms.HiddenInput)
    station = forms.ModelChoiceField(
        queryset=None,
        required=False,
        to_field_name="code",
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("No polling station of this mission has this code.")},
    )

    def __init__(self, *args, questions: dict[str, dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.fields["station"].queryset = self.mission.polling_stations.all()

    def _known(self, code: str, field: str) -> None:
        if code not in self.questions:
            self.add_error(field, _("No form of this mission has a question coded %(code)s.") % {"code": code})

    def clean(self):
        data = super().clean()
        data["status"] = data.get("status") or "counted"
        data["value"] = tuple(data.get("value") or ())
        data["answered"] = tuple(data.get("answered") or ())
        question = data.get("question")
        for code in data["answered"]:
            self._known(code, "answered")
        for field in ("time_from", "time_to"):
            if data.get(field) and not _TIME.match(data[field]):
                self.add_error(field, _("Give the time as HH:MM (24-hour)."))
        if not question:
            if data["value"] or data.get("time_from") or data.get("time_to"):
                self.add_error("question", _("Answers or times are filtered only with the question they belong to."))
            return data
        self._known(question, "question")
        if question in self.questions and data["value"]:
            allowed = choice_values(self.questions[question])
            unknown = [value for value in data["value"] if value not in allowed]
            if unknown:
                self.add_error(
                    "value",
                    _("%(value)s is not an answer to %(code)s; the answers are: %(allowed)s.")
                    % {"value": unknown[0], "code": question, "allowed": ", ".join(allowed)},
                )
        return data


class ReviewForm(forms.Form):
    """One review action on a form; the note is the question for the team, or the reason for excluding it."""

    action = forms.ChoiceField(
        choices=[
            ("verify", _("Verify")),
            ("send_back", _("Send back")),
            ("exclude", _("Exclude")),
            ("restore", _("Restore")),
        ]
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=NOTE_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2})
    )
