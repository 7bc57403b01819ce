from django import forms
from django.utils.translation import gettext_lazy as _

from observers.media.models import MediaOutlet, Tone
from reports.media.selectors import Period


class FilterForm(forms.Form):
    """The period and outlets of the results, and of the items behind one figure."""

    starts = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    ends = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    ownership = forms.ChoiceField(
        label=_("Ownership"), required=False, choices=[("", _("State and private")), *MediaOutlet.Ownership.choices]
    )
    outlet = forms.IntegerField(required=False, widget=forms.HiddenInput)
    subject = forms.IntegerField(required=False, widget=forms.HiddenInput)
    tone = forms.ChoiceField(required=False, choices=[("", ""), *Tone.choices], widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("starts") and data.get("ends") and data["ends"] < data["starts"]:
            self.add_error("ends", _("The end of the period must not come before its start."))
        return data

    @property
    def period(self) -> Period:
        data = self.cleaned_data if self.is_valid() else {}
        return Period(data.get("starts"), data.get("ends"))
