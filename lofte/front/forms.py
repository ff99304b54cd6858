from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        # Django's own Swedish catalogue leaves this message untranslated.
        "invalid_login": _("Wrong username or password. Note that both are case-sensitive."),
    }
