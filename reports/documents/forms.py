from django import forms
from django.utils.translation import gettext_lazy as _

from reports.models import Compilation, Report, ReportSection

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
ALL_LANGUAGES = "all"
LEVEL_LABELS = {
    ReportSection.Level.CHAPTER: _("Chapter (I, II, III)"),
    ReportSection.Level.SUBSECTION: _("Subsection (A, B, C)"),
    ReportSection.Level.ANNEX: _("Annex (1, 2, 3)"),
    ReportSection.Level.UNNUMBERED: _("Unnumbered"),
}
LANGUAGE_CHOICES = [*LANGUAGE_LABELS.items(), (ALL_LANGUAGES, _("All three languages (three PDFs)"))]


def languages_of(choice: str) -> list[str]:
    return list(Compilation.Language.values) if choice == ALL_LANGUAGES else [choice]


class CompilationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=REPORT_KIND_LABELS.items(), initial=Report.Kind.PRELIMINARY)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)


class ReportCompileForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)


def _text(label, *, required=False, textarea=False):
    widget = forms.Textarea(attrs={"rows": 18, "spellcheck": "true"}) if textarea else None
    return forms.CharField(label=label, required=required, widget=widget, strip=True)


class ReportTextsForm(forms.Form):
    title = _text(_("Title in English (empty: the standard title)"))
    title_ru = _text(_("Title in Russian"))
    title_kk = _text(_("Title in Kazakh"))
    election = _text(_("Election on the title page, in English (empty: the mission's)"))
    election_ru = _text(_("Election on the title page, in Russian"))
    election_kk = _text(_("Election on the title page, in Kazakh"))
    issued_on = forms.DateField(
        label=_("Date of the report on its cover (empty: none printed)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    margins = forms.BooleanField(
        label=_(
            "Print each share with its 95 per cent interval (“11 per cent (95 per cent interval 9–13) of 1,445 …”), "
            "and once what the intervals describe"
        ),
        required=False,
    )


class SectionForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=LEVEL_LABELS.items())
    heading = _text(_("Heading"), required=True)
    heading_ru = _text(_("Heading"))
    heading_kk = _text(_("Heading"))
    body = _text(_("Text (Markdown)"), textarea=True)
    body_ru = _text(_("Text (Markdown)"), textarea=True)
    body_kk = _text(_("Text (Markdown)"), textarea=True)


class SectionAddForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=LEVEL_LABELS.items())
    heading = _text(_("Heading in English"), required=True)
    after = forms.ModelChoiceField(
        label=_("After"), queryset=ReportSection.objects.none(), required=False, empty_label=_("At the start")
    )

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["after"].queryset = ReportSection.objects.filter(report=report).order_by("order")
        self.fields["after"].label_from_instance = str


class RecommendationForm(forms.Form):
    priority = forms.BooleanField(label=_("Priority recommendation"), required=False)
    text = _text(_("In English"), required=True, textarea=True)
    text_ru = _text(_("In Russian"), textarea=True)
    text_kk = _text(_("In Kazakh"), textarea=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("text", "text_ru", "text_kk"):
            self.fields[name].widget.attrs["rows"] = 4
