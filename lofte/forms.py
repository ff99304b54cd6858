"""Form helpers every app shares: accessible field descriptions, text limits, safe text."""

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from lofte.text import text_from_person


class DescribedBoundField(BoundField):
    """A field whose aria-describedby names the help text and errors front/_field.html shows."""

    @property
    def aria_describedby(self):
        # Django names the error list "…_error"; the partial names it "…_errors".
        if self.field.widget.attrs.get("aria-describedby") or not self.auto_id or self.is_hidden:
            return None
        ids = [f"{self.auto_id}_helptext"] if self.help_text else []
        if self.errors:
            error_id = f"{self.auto_id}_errors"
            ids = [error_id, *ids] if self.form.describe_errors_first else [*ids, error_id]
        return " ".join(ids)


class LinkedErrorsMixin:
    """Link each field to its help text and error messages, for screen readers.

    Django itself marks a field with errors aria-invalid. The ids are read as each field
    renders, so an error a view adds after is_valid() is linked too.
    """

    bound_field_class = DescribedBoundField
    # The order a screen reader reads them in; by default as the page shows them.
    describe_errors_first = False


class PersonTextField(forms.CharField):
    """Text a person writes, kept as lofte.text.text_from_person makes it.

    Give it the model field's max_length: the limit is then the same here, in the import and
    in the admin, and it counts the text as stored."""

    def to_python(self, value):
        return text_from_person(super().to_python(value))


def model_limit(model, name):
    """Return the max_length of a model's field: the one place each text limit is kept."""
    return model._meta.get_field(name).max_length


# The honeypot: a field people never see (the page hides it with the `hidden` attribute, so
# screen readers skip it too) and simple robots fill in. Its name looks worth filling.
HONEYPOT = "webbplats"


class HoneypotMixin:
    """Adds the honeypot field; `caught` says whether a robot filled it in."""

    def add_honeypot(self):
        self.fields[HONEYPOT] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            max_length=200,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    @property
    def caught(self):
        return bool((self.data.get(HONEYPOT) or "").strip())
