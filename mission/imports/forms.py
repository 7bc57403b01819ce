"""The two forms of an import: upload a file, then say which column holds what."""

from collections.abc import Callable, Iterable

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mission.imports.rows import Field, Mapping
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


class MappingForm(forms.Form):
    """One drop-down per field, listing the file's columns with a sample value from the first row."""

    def __init__(self, *args, table: Table, fields: Iterable[Field], rules: Callable[[Mapping], list[str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.rules = rules
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
                required=f.required,
                error_messages={
                    "required": _("Choose the column that holds the %(field)s.") % {"field": str(f.label).lower()}
                },
            )

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            problems = self.rules(self.mapping())
            if problems:
                raise forms.ValidationError(problems)
        return cleaned

    def mapping(self) -> Mapping:
        return {name: index for name, index in self.cleaned_data.items() if index is not None}
