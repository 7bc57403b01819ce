"""Django forms for the form pages: the question editor (a formset, one form per question) and uploads."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from observers.checklists.definitions import TYPES
from observers.checklists.services import FORM_LANGUAGES
from observers.models import Checklist

TYPE_LABELS = {
    "yes_no": _("Yes / no / not applicable"),
    "single": _("One choice"),
    "multiple": _("Several choices"),
    "integer": _("Whole number"),
    "time": _("Time (HH:MM)"),
    "text": _("Text"),
    "votes": _("Votes per list or candidate (the station's ballot)"),
}
LANGUAGE_LABELS = {"en": _("English"), "ru": _("Russian"), "kk": _("Kazakh")}
CHOICE_SEPARATOR = "|"


def _by_language(data: dict, prefix: str) -> dict:
    return {
        code: data[f"{prefix}_{code}"].strip() for code in FORM_LANGUAGES if data.get(f"{prefix}_{code}", "").strip()
    }


def _in(language: str, label, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=format_lazy("{} ({})", label, LANGUAGE_LABELS[language]), max_length=500, required=required
    )


class TitleForm(forms.Form):
    """The title of the version to publish, and the latest version the editor started from."""

    expected_latest = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    title_en = _in("en", _("Title"), required=True)
    title_ru = _in("ru", _("Title"))
    title_kk = _in("kk", _("Title"))

    @staticmethod
    def initial_for(*, title: dict, expected_latest: int) -> dict:
        return {"expected_latest": expected_latest, **{f"title_{code}": title.get(code, "") for code in FORM_LANGUAGES}}

    def title(self) -> dict:
        return _by_language(self.cleaned_data, "title")


class QuestionForm(forms.Form):
    """One question. A row left entirely blank is skipped (`is_blank`)."""

    code = forms.CharField(
        label=_("Code"), max_length=64, required=False, help_text=_("a-z, 0-9 and _; the name in the data")
    )
    type = forms.ChoiceField(label=_("Type"), choices=[(kind, TYPE_LABELS[kind]) for kind in TYPES], initial="yes_no")
    required = forms.BooleanField(label=_("Required"), required=False)
    label_en = _in("en", _("Question"))
    label_ru = _in("ru", _("Question"))
    label_kk = _in("kk", _("Question"))
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One a line: value | English | Russian | Kazakh"),
    )
    min = forms.IntegerField(label=_("Minimum"), required=False)
    max = forms.IntegerField(label=_("Maximum"), required=False)
    relevant_question = forms.CharField(
        label=_("Ask only when question"),
        max_length=64,
        required=False,
        widget=forms.TextInput(attrs={"list": "question-codes"}),
    )
    relevant_equals = forms.CharField(label=_("has the answer"), max_length=64, required=False)
    section_en = _in("en", _("Heading"))
    section_ru = _in("ru", _("Heading"))
    section_kk = _in("kk", _("Heading"))

    @staticmethod
    def initial_for(question: dict) -> dict:
        relevant = question.get("relevant") or {}
        initial = {
            "code": question["code"],
            "type": question["type"],
            "required": bool(question.get("required")),
            "min": question.get("min"),
            "max": question.get("max"),
            "relevant_question": relevant.get("question", ""),
            "relevant_equals": relevant.get("equals", ""),
            "choices": "\n".join(
                f" {CHOICE_SEPARATOR} ".join(
                    [choice["value"], *(choice.get("labels", {}).get(c, "") for c in FORM_LANGUAGES)]
                ).rstrip(f" {CHOICE_SEPARATOR}")
                for choice in question.get("choices", [])
            ),
        }
        for prefix, labels in (("label", question.get("labels", {})), ("section", question.get("section") or {})):
            initial.update({f"{prefix}_{code}": labels.get(code, "") for code in FORM_LANGUAGES})
        return initial

    @property
    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not any(data.get(name) for name in ("code", "label_en", "label_ru", "label_kk", "choices"))

    def clean_choices(self) -> list[dict]:
        choices = []
        for number, line in enumerate(self.cleaned_data["choices"].splitlines(), start=1):
            if not line.strip():
                continue
            value, *labels = [part.strip() for part in line.split(CHOICE_SEPARATOR)]
            if not value or len(labels) > len(FORM_LANGUAGES):
                raise forms.ValidationError(
                    _("Choice line %(number)d: write value | English | Russian | Kazakh") % {"number": number}
                )
            choice = {"value": value}
            named = {code: label for code, label in zip(FORM_LANGUAGES, labels) if label}
            if named:
                choice["labels"] = named
            choices.append(choice)
        return choices

    def clean(self):
        data = super().clean()
        if self.is_blank:
            return data
        for name in ("code", "label_en"):
            if not data.get(name):
                self.add_error(name, _("This field is required."))
        if bool(data.get("relevant_question")) != bool(data.get("relevant_equals")):
            self.add_error("relevant_equals", _("Give both the question and the answer, or neither."))
        return data

    def question(self) -> dict:
        """The question as stored in a checklist's `questions` (only the keys that apply)."""
        data = self.cleaned_data
        question = {
            "code": data["code"],
            "type": data["type"],
            "required": data["required"],
            "labels": _by_language(data, "label"),
        }
        # Choices and limits of another type are hidden on the page once the type changes: they are dropped.
        if data["type"] in ("single", "multiple") and data["choices"]:
            question["choices"] = data["choices"]
        if data["type"] == "integer":
            question.update({key: data[key] for key in ("min", "max") if data.get(key) is not None})
        if data.get("relevant_question"):
            question["relevant"] = {"question": data["relevant_question"], "equals": data["relevant_equals"]}
        section = _by_language(data, "section")
        if section:
            question["section"] = section
        return question


QuestionFormSet = forms.formset_factory(QuestionForm, extra=1, can_order=True, can_delete=True, max_num=500)


class XLSFormUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Publish as a new version of"), choices=Checklist.Kind.choices)
    file = forms.FileField(label=_("XLSForm (.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))


class XLSFormPublishForm(TitleForm):
    """The second step of an import: the questions read from the file (shown as a preview) and the title."""

    kind = forms.ChoiceField(choices=Checklist.Kind.choices, widget=forms.HiddenInput)
    questions = forms.JSONField(widget=forms.HiddenInput)
