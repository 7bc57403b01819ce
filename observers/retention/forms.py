"""The confirmation a coordinator types before closing a mission or erasing its personal data: its name."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mission.models import Mission


class ConfirmByNameForm(forms.Form):
    confirmation = forms.CharField(label=_("Type the mission's name to confirm"), max_length=200)

    def __init__(self, *args, mission: Mission, **kwargs):
        super().__init__(*args, **kwargs)
        self.mission = mission

    def clean_confirmation(self) -> str:
        typed = self.cleaned_data["confirmation"]
        if " ".join(typed.split()).casefold() != " ".join(self.mission.name.split()).casefold():
            raise forms.ValidationError(
                _("That is not the mission's name. Type “%(name)s” exactly to confirm.") % {"name": self.mission.name}
            )
        return typed
