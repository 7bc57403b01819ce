"""The coordinator's choice of whom to print login cards for, and for how long the links stay valid."""

from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from mission.models import Mission
from observers.models import Role
from observers.onboarding.selectors import card_observers
from observers.onboarding.services import DEFAULT_LIFETIME, MAX_LIFETIME


class IdsField(forms.Field):
    """Any number of ids sent under one name (the ticks in the observers' table)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        try:
            return [int(item) for item in value or []]
        except (TypeError, ValueError):
            raise forms.ValidationError(_("Observer ids are whole numbers.")) from None


class CardsForm(forms.Form):
    SELECT_CHOICES = [
        ("role", _("Everyone with the role")),
        ("teams", _("Teams from … to …")),
        ("ticked", _("Ticked below")),
    ]

    select = forms.ChoiceField(label=_("Print cards for"), choices=SELECT_CHOICES, widget=forms.RadioSelect)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, required=False)
    team_from = forms.CharField(label=_("First team"), max_length=32, required=False)
    team_to = forms.CharField(label=_("Last team"), max_length=32, required=False)
    observer = IdsField(required=False)  # the selector keeps only this mission's observers
    hours = forms.IntegerField(
        label=_("Valid for (hours)"),
        min_value=1,
        max_value=int(MAX_LIFETIME.total_seconds() // 3600),
        initial=int(DEFAULT_LIFETIME.total_seconds() // 3600),
    )

    odk_collect = forms.BooleanField(
        label=_("Add an ODK Collect code (observers in teams: a phone token, revoked with “Sign phones out”)"),
        required=False,
    )

    def __init__(self, *args, mission: Mission, **kwargs):
        super().__init__(*args, **kwargs)
        self.mission = mission

    def clean(self):
        data = super().clean()
        select = data.get("select")
        if select == "role" and not data.get("role"):
            self.add_error("role", _("Choose the role to print cards for."))
        elif select == "teams" and not (data.get("team_from") and data.get("team_to")):
            self.add_error("team_from", _("Give the first and the last team code, e.g. STO-001 and STO-050."))
        elif select == "teams" and data["team_from"] > data["team_to"]:
            self.add_error("team_to", _("The last team must come after the first one."))
        elif select == "ticked" and not data.get("observer"):
            self.add_error("observer", _("Tick at least one observer in the table."))
        if self.errors or not select:
            return data
        filters = {
            "role": {"role": data["role"]},
            "teams": {"team_from": data["team_from"], "team_to": data["team_to"]},
            "ticked": {"ids": data["observer"]},
        }[select]
        data["observers"] = card_observers(mission=self.mission, **filters)
        if not data["observers"]:
            raise forms.ValidationError(
                _("No observer matches this choice (staff accounts and members of other missions get no cards).")
            )
        data["lifetime"] = timedelta(hours=data["hours"])
        return data


class ObserverFilterForm(forms.Form):
    """The filters of the login cards page's list of observers; bad values are dropped."""

    q = forms.CharField(label=_("Name, username or team"), required=False, max_length=100)
    role = forms.ChoiceField(label=_("Role"), choices=[("", _("any"))] + list(Role.choices), required=False)
    status = forms.ChoiceField(
        label=_("Login link"),
        required=False,
        choices=[
            ("", _("any")),
            ("issued", _("Issued, not used yet")),
            ("used", _("Used")),
            ("expired", _("Expired unused")),
            ("revoked", _("Revoked")),
            ("none", _("No link yet")),
        ],
    )
