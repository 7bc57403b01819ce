"""The two forms of an import: upload a file, then say which column holds what."""

from collections.abc import Callable, Iterable

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mission.imports.rows import Field, Mapping, TemplateError, template_parts
from mission.imports.tabular import Table, TableError, table_read

SAMPLE_LENGTH = 40


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV or XLSX file"), widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"})
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.table = table_read(upload)
        except TableError as error:
            raise forms.ValidationError(str(error)) from error
        return upload

    def options(self) -> dict:
        """What else the import's service is given, besides the table (see mission/results/forms.py)."""
        return {}


TEMPLATE_SUFFIX = "__template"
TEMPLATE_LENGTH = 200


class MappingForm(forms.Form):
    """One drop-down per field, listing the file's columns with a sample value from the first row. A field whose
    value may be built from several columns (a code) also has a template box: `{municipality}-{number}`."""

    def __init__(self, *args, table: Table, fields: Iterable[Field], rules: Callable[[Mapping], list[str]], **kwargs):
        initial = dict(kwargs.pop("initial", None) or {})
        fields = list(fields)
        for f in fields:  # a template chosen before shows in its box, not in the drop-down
            if f.template and not str(initial.get(f.name, "")).isdigit() and initial.get(f.name):
                initial[f.name + TEMPLATE_SUFFIX] = initial.pop(f.name)
        super().__init__(*args, initial=initial, **kwargs)
        self.rules = rules
        self.table = table
        self.field_specs = fields
        first_row = table.rows[0][1]
        columns = [("", _("— not in the file —"))]
        for index in range(len(table.headers)):
            sample = first_row[index][:SAMPLE_LENGTH] if index < len(first_row) else ""
            label = table.column_label(index)
            columns.append((str(index), f"{label} · {sample}" if sample else label))
        for f in fields:
            self.fields[f.name] = forms.TypedChoiceField(
                label=f.label,
                choices=columns,
                coerce=int,
                empty_value=None,
                required=f.required and not f.template,
                error_messages={
                    "required": _("Choose the column that holds the %(field)s.") % {"field": str(f.label).lower()}
                },
            )
            if f.template:
                self.fields[f.name + TEMPLATE_SUFFIX] = forms.CharField(
                    label=_("…or built from several columns"),
                    required=False,
                    max_length=TEMPLATE_LENGTH,
                    help_text=_("Column names in braces, e.g. %(example)s") % {"example": _template_example(table)},
                )

    def clean(self):
        cleaned = super().clean()
        for f in self.field_specs:
            if not f.template:
                continue
            template = (cleaned.get(f.name + TEMPLATE_SUFFIX) or "").strip()
            if template:
                try:
                    template_parts(template, self.table.headers)
                except TemplateError as error:
                    self.add_error(f.name + TEMPLATE_SUFFIX, str(error))
                    continue
                if cleaned.get(f.name) is not None:
                    self.add_error(
                        f.name + TEMPLATE_SUFFIX,
                        _("Choose a column or write a template for the %(field)s, not both.")
                        % {"field": str(f.label).lower()},
                    )
            elif f.required and cleaned.get(f.name) is None and f.name not in self.errors:
                self.add_error(
                    f.name,
                    _("Choose the column that holds the %(field)s, or build it from several columns.")
                    % {"field": str(f.label).lower()},
                )
        if not self.errors:
            problems = self.rules(self.mapping())
            if problems:
                raise forms.ValidationError(problems)
        return cleaned

    def mapping(self) -> Mapping:
        mapping: Mapping = {}
        for f in self.field_specs:
            template = (self.cleaned_data.get(f.name + TEMPLATE_SUFFIX) or "").strip() if f.template else ""
            if template:
                mapping[f.name] = template
            elif self.cleaned_data.get(f.name) is not None:
                mapping[f.name] = self.cleaned_data[f.name]
        return mapping


def _template_example(table: Table) -> str:
    named = [header for header in table.headers if header][:2]
    return "-".join(f"{{{header}}}" for header in named) if named else "{1}-{2}"
