from django import forms
from django.utils.translation import gettext_lazy as _

from mission.followup.models import Implementation


class AssessmentForm(forms.Form):
    implementation = forms.ChoiceField(
        label=_("Implemented"), choices=[("", _("Not assessed")), *Implementation.choices], required=False
    )
    note = forms.CharField(label=_("Note (English)"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    note_ru = forms.CharField(label=_("Note (Russian)"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    note_kk = forms.CharField(label=_("Note (Kazakh)"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
