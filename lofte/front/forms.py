from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from lofte.front.throttle import LoginThrottle, wait_message
from lofte.text import text_from_person


class ThrottledLoginMixin:
    """Make an address wait after failed logins (lofte/front/throttle.py), saying how long.

    While it waits, no password is checked, the right one included.
    """

    def clean(self):
        username = self.cleaned_data.get("username")
        if self.request is None or not username or not self.cleaned_data.get("password"):
            return super().clean()
        throttle = LoginThrottle(self.request, username)
        seconds = throttle.seconds_to_wait()
        if seconds:
            raise ValidationError(wait_message(seconds), code="throttled")
        try:
            cleaned_data = super().clean()
        except ValidationError as error:
            if error.code == "invalid_login":
                throttle.failed()
            raise
        throttle.succeeded()
        return cleaned_data


class AdminLoginForm(ThrottledLoginMixin, AdminAuthenticationForm):
    pass


class LoginForm(ThrottledLoginMixin, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        # Django's own Swedish catalogue leaves this message untranslated.
        "invalid_login": _("Wrong username or password. Note that both are case-sensitive."),
    }


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
