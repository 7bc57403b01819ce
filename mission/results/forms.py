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
    source_ru = forms.CharField(
        label=gettext_lazy("The same in Russian"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("Reports in Russian cite this; left empty, they cite the source as given above."),
    )
    source_kk = forms.CharField(
        label=gettext_lazy("The same in Kazakh"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("Reports in Kazakh cite this; left empty, they cite the source as given above."),
    )

    def options(self) -> dict:
        sources = {name: self.cleaned_data[name] for name in ("source", "source_ru", "source_kk")}
        return {**sources, "filename": self.cleaned_data["file"].name}
