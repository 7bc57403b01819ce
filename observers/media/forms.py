"""Forms of the media pages: the coding screen, the second coding, the sample's outlets, programmes, subjects and
assignments, and settling a disagreement."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from observers.media.models import (
    MediaAssignment,
    MediaOutlet,
    MediaProgramme,
    MediaSubject,
    Tone,
)
from observers.models import Observer, Role

MAX_SECONDS = 24 * 3600


def seconds_parse(value: str) -> int | None:
    """ "90", "1:30" or "0:01:30" as seconds; None for blank."""
    value = value.strip()
    if not value:
        return None
    if not re.fullmatch(r"\d{1,5}(:\d{1,2}){0,2}", value):
        raise forms.ValidationError(_("Write a time as h:mm:ss, m:ss or seconds, e.g. 19:02:30 or 1:30."))
    seconds = 0
    for part in value.split(":"):
        seconds = seconds * 60 + int(part)
    return seconds


class SubjectLookup:
    """A subject by any of its names or its abbreviation, as the type-ahead offers them ("Otan", "Отан")."""

    def __init__(self, subjects: list[MediaSubject]):
        self.subjects = subjects
        self.by_key: dict[str, MediaSubject] = {}
        for subject in subjects:
            for name in (subject.label(), subject.name, subject.name_ru, subject.name_kk, subject.abbreviation):
                if name:
                    self.by_key.setdefault(name.casefold(), subject)

    def find(self, text: str) -> MediaSubject | None:
        return self.by_key.get(" ".join(text.split()).casefold())


class CodingFields(forms.Form):
    """What a monitor codes about an item: subject, time (from start and stop, or typed) or space, tone."""

    subject = forms.CharField(label=_("Subject"), max_length=200)
    starts = forms.CharField(label=_("Start"), required=False, max_length=10)
    stops = forms.CharField(label=_("Stop"), required=False, max_length=10)
    amount = forms.IntegerField(label=_("Seconds or cm²"), required=False, min_value=1, max_value=MAX_SECONDS)
    tone = forms.ChoiceField(label=_("Tone"), choices=Tone.choices, widget=forms.RadioSelect)

    def __init__(self, *args, subjects: SubjectLookup, **kwargs):
        super().__init__(*args, **kwargs)
        self.lookup = subjects

    def clean_subject(self) -> MediaSubject:
        subject = self.lookup.find(self.cleaned_data["subject"])
        if subject is None:
            raise forms.ValidationError(
                _(
                    "No subject is called “%(text)s”: pick one from the list as you type (party, bloc, candidate, "
                    "official or other)."
                )
                % {"text": self.cleaned_data["subject"]}
            )
        return subject

    def clean_starts(self):
        return seconds_parse(self.cleaned_data["starts"])

    def clean_stops(self):
        return seconds_parse(self.cleaned_data["stops"])

    def clean(self):
        data = super().clean()
        starts, stops = data.get("starts"), data.get("stops")
        if data.get("amount") is None and starts is not None and stops is not None:
            if stops <= starts:
                self.add_error("stops", _("The stop time must come after the start time."))
            else:
                data["amount"] = stops - starts
        if data.get("amount") is None and not self.has_error("stops") and not self.has_error("amount"):
            self.add_error("amount", _("Give the seconds (or start and stop times) for broadcasts, the cm² for print."))
        return data


class CodingForm(CodingFields):
    reference = forms.CharField(widget=forms.HiddenInput, max_length=64)
    outlet = forms.ModelChoiceField(label=_("Outlet"), queryset=MediaOutlet.objects.none())
    programme = forms.ModelChoiceField(
        label=_("Programme or section"), queryset=MediaProgramme.objects.none(), required=False
    )
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(label=_("Headline or description"), required=False, max_length=300)

    def __init__(self, *args, outlets, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outlet"].queryset = outlets
        self.fields["programme"].queryset = programmes

    def clean(self):
        data = super().clean()
        programme, outlet = data.get("programme"), data.get("outlet")
        if programme and outlet and programme.outlet_id != outlet.pk:
            self.add_error("programme", _("This programme is not one of %(outlet)s's.") % {"outlet": outlet.label()})
        return data


class MissionModelForm(forms.ModelForm):
    """A model form for one of the mission's objects: the mission is set, and its unique names checked with it."""

    def __init__(self, *args, mission, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.mission = mission

    def _get_validation_exclusions(self):
        return super()._get_validation_exclusions() - {"mission"}


class OutletForm(MissionModelForm):
    class Meta:
        model = MediaOutlet
        fields = ["name", "name_ru", "name_kk", "kind", "ownership", "language", "language_ru", "language_kk", "reach"]


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = MediaProgramme
        fields = ["outlet", "name", "name_ru", "name_kk"]

    def __init__(self, *args, mission, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outlet"].queryset = MediaOutlet.objects.filter(mission=mission)


class SubjectForm(MissionModelForm):
    class Meta:
        model = MediaSubject
        fields = ["name", "name_ru", "name_kk", "kind", "abbreviation", "party", "incumbent"]

    def __init__(self, *args, mission, **kwargs):
        super().__init__(*args, mission=mission, **kwargs)
        self.fields["party"].queryset = mission.parties.all()

    def clean(self):
        data = super().clean()
        if data.get("kind") == MediaSubject.Kind.PARTY and not data.get("party"):
            self.add_error("party", _("A party subject names its party: choose it."))
        return data


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = MediaAssignment
        fields = ["monitor", "outlet", "starts_on", "ends_on"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, mission, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["monitor"].queryset = Observer.objects.filter(mission=mission, role=Role.MEDIA_MONITOR)
        self.fields["outlet"].queryset = MediaOutlet.objects.filter(mission=mission)

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The last day must not come before the first."))
        return data


class ReconcileForm(forms.Form):
    take_second = forms.MultipleChoiceField(
        label=_("Take the second coding's"),
        choices=[("subject", _("subject")), ("amount", _("seconds or cm²")), ("tone", _("tone"))],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
