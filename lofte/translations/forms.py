from django import forms
from django.utils.translation import gettext_lazy as _

from lofte.forms import PersonTextField
from lofte.languages import direction


class TextsForm(forms.Form):
    """One box per text: the translation of a Swedish text, or an easy-Swedish summary."""

    def __init__(self, *args, items, language, versions=None, **kwargs):
        """items: [(name, label, max_length, initial)]; versions: {name: the version of the
        stored text the person sees (0 for none)}, sent back in a hidden field "<name>_v"."""
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
        for name, version in (versions or {}).items():
            self.fields[f"{name}_v"] = forms.IntegerField(
                required=False, min_value=0, initial=version, widget=forms.HiddenInput
            )

    def seen_version(self, name):
        """The version of the text `name` the person saw (0 for none), or None if not sent."""
        return self.cleaned_data.get(f"{name}_v")


class UploadForm(forms.Form):
    file = forms.FileField(label=_("The translated file (XLSX)"))
