"""Forms of the team and deployment pages: they parse input; the services in deployment.py write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mission.models import District, Mission, Region
from observers.deployment.services import MAX_STATIONS_PER_TEAM
from observers.models import Assignment, Observer, Role, Team


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, observer: Observer) -> str:
        return f"{observer.full_name} ({observer.team.code})" if observer.team_id else observer.full_name


class TeamForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=32)
    members = MemberChoiceField(
        label=_("Members"),
        queryset=Observer.objects.none(),
        required=False,
        help_text=_(
            "Teams are two observers. Hold Ctrl (Cmd) to choose several; the team in brackets is their current one."
        ),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    parent = forms.ModelChoiceField(label=_("Long-term team"), queryset=Team.objects.none(), required=False)
    area = forms.ModelMultipleChoiceField(
        label=_("Area of responsibility"),
        queryset=Region.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    base_city = forms.CharField(label=_("Base city"), max_length=100, required=False)
    interpreter = forms.CharField(label=_("Interpreter"), max_length=200, required=False)
    driver = forms.CharField(label=_("Driver"), max_length=200, required=False)

    def __init__(self, *args, mission: Mission, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        role = Role.LTO if kind == Team.Kind.LTO else Role.STO
        self.fields["members"].queryset = (
            Observer.objects.filter(mission=mission, role=role).select_related("team").order_by("full_name")
        )
        if kind == Team.Kind.LTO:
            del self.fields["parent"]
            self.fields["area"].queryset = Region.objects.filter(mission=mission).order_by("code")
        else:
            del self.fields["area"], self.fields["base_city"]
            self.fields["parent"].queryset = Team.objects.filter(mission=mission, kind=Team.Kind.LTO).order_by("code")


class ProposeForm(forms.Form):
    stations_per_team = forms.IntegerField(
        label=_("Stations per team"), min_value=2, max_value=MAX_STATIONS_PER_TEAM, initial=10
    )
    weight = forms.ChoiceField(
        label=_("Share teams out by"),
        choices=[("stations", _("polling stations")), ("voters", _("registered voters"))],
        initial="stations",
    )


class StationFilterForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none(), required=False)
    district = forms.ModelChoiceField(label=_("District"), queryset=District.objects.none(), required=False)
    q = forms.CharField(label=_("Code, name or address"), required=False, max_length=100)

    def __init__(self, *args, mission: Mission, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(mission=mission).order_by("code")
        self.fields["district"].queryset = District.objects.filter(mission=mission).order_by("code")

    def filters(self) -> dict:
        """Keyword arguments for stations_to_pick; bad values are dropped (the form shows why)."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "region_id": data["region"].pk if data.get("region") else None,
            "district_id": data["district"].pk if data.get("district") else None,
            "search": data.get("q", "").strip(),
        }


class MoveForm(forms.Form):
    position = forms.IntegerField(min_value=1)


class PurposeForm(forms.Form):
    purpose = forms.ChoiceField(choices=Assignment.Purpose.choices)


class TeamFilterForm(forms.Form):
    """The plan's and the teams page's filters; bad values are dropped (the form shows why)."""

    q = forms.CharField(label=_("Team code or member"), required=False, max_length=100)
    parent = forms.ModelChoiceField(label=_("Long-term team"), queryset=Team.objects.none(), required=False)
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none(), required=False)
    state = forms.ChoiceField(
        label=_("Route"),
        required=False,
        choices=[
            ("", _("any")),
            ("empty", _("no stations")),
            ("planned", _("with stations")),
            ("incomplete", _("no opening or counting station")),
        ],
    )

    def __init__(self, *args, mission: Mission, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Team.objects.filter(mission=mission, kind=Team.Kind.LTO).order_by("code")
        self.fields["region"].queryset = Region.objects.filter(mission=mission).order_by("code")

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "search": data.get("q", "").strip(),
            "parent_id": data["parent"].pk if data.get("parent") else None,
            "region_id": data["region"].pk if data.get("region") else None,
            "state": data.get("state", ""),
        }


class MapViewForm(forms.Form):
    """The map's view: its box (west,south,east,north in degrees) and zoom level, and the region filter."""

    bbox = forms.CharField(required=False)
    zoom = forms.IntegerField(min_value=0, max_value=22, required=False)
    region = forms.IntegerField(min_value=1, required=False)

    def clean_bbox(self):
        text = self.cleaned_data["bbox"].strip()
        if not text:
            return None
        try:
            west, south, east, north = (float(part) for part in text.split(","))
        except ValueError:
            raise forms.ValidationError(
                _("bbox must be four numbers separated by commas: west,south,east,north (degrees).")
            ) from None
        if not (-90 <= south <= north <= 90 and -180 <= west <= east <= 180):
            raise forms.ValidationError(
                _("bbox must have west ≤ east within −180…180 and south ≤ north within −90…90.")
            )
        return west, south, east, north
