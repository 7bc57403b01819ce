"""The upload of a results file also says where the commission published it."""

from django import forms
from django.utils.translation import gettext_lazy

from mission.imports.forms import UploadForm


class ResultsUploadForm(UploadForm):
    source = forms.CharField(
        label=gettext_lazy("Where the commission published them"),
        max_length=500,
        help_text=gettext_lazy("The address of the page, or the name of the document, with its date"),
    )

    def options(self) -> dict:
        return {"source": self.cleaned_data["source"], "filename": self.cleaned_data["file"].name}
