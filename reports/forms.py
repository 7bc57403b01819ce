from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Compilation, Report

REPORT_KIND_LABELS = {
    Report.Kind.NEEDS_ASSESSMENT: _("Needs Assessment report"),
    Report.Kind.INTERIM: _("Interim report"),
    Report.Kind.PRELIMINARY: _("Statement of Preliminary Findings and Conclusions"),
    Report.Kind.FINAL: _("Final report"),
}
LANGUAGE_LABELS = {
    Compilation.Language.EN: _("English"),
    Compilation.Language.RU: _("Russian"),
    Compilation.Language.KK: _("Kazakh"),
}


class CompilationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=REPORT_KIND_LABELS.items(), initial=Report.Kind.PRELIMINARY)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_LABELS.items())
