"""The comparison's filters: tolerance, region and flag."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mission.models import Mission
from reports.results.comparison import Flag

FLAG_LABELS = {
    Flag.DIFFERS: _("Published figures differ"),
    Flag.NOT_PUBLISHED: _("No published figures"),
    Flag.NOT_POSTED: _("Protocol not posted"),
    Flag.COPY_NOT_GIVEN: _("Copy not given to observers"),
    Flag.CHECKS_FAILED: _("Figures do not reconcile"),
    Flag.PUBLISHED_INCONSISTENT: _("Published figures do not add up"),
}
MAX_TOLERANCE = 100_000


class ComparisonForm(forms.Form):
    tolerance = forms.IntegerField(
        label=_("Tolerance (votes)"),
        min_value=0,
        max_value=MAX_TOLERANCE,
        required=False,
        help_text=_("A difference up to this many is not flagged; 0 flags any difference."),
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=None,
        required=False,
        to_field_name="code",
        empty_label=_("All regions"),
        error_messages={"invalid_choice": _("No region of this mission has this code: choose one from the list.")},
    )
    flag = forms.ChoiceField(
        label=_("Show"), choices=[("", _("Every observed count")), *FLAG_LABELS.items()], required=False
    )

    def __init__(self, *args, mission: Mission, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = mission.regions.all()
