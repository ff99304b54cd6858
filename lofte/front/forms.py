from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lofte.front.throttle import LoginThrottle, wait_message


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
