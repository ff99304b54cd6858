from django import forms
from django.utils.translation import gettext_lazy as _

from lofte.forms import PersonTextField
from lofte.languages import direction


class TextsForm(forms.Form):
    """One box per text: the translation of a Swedish text, or an easy-Swedish summary."""

    def __init__(self, *args, items, language, **kwargs):
        """items: [(name, label, max_length, initial)]."""
        super().__init__(*args, **kwargs)
        attrs = {"lang": language, "dir": direction(language), "rows": 3}
        for name, label, max_length, initial in items:
            self.fields[name] = PersonTextField(
                label=label,
                required=False,
                max_length=max_length,
                initial=initial,
                widget=forms.Textarea(attrs=attrs),
            )


class UploadForm(forms.Form):
    file = forms.FileField(label=_("The translated file (XLSX)"))
