from django import forms
from django.utils.translation import gettext_lazy as _

from lofte.api.models import ApiToken
from lofte.forms import LinkedErrorsMixin, PersonTextField, model_limit


class TokenForm(LinkedErrorsMixin, forms.Form):
    name = PersonTextField(
        label=_("Name of the new token"),
        max_length=model_limit(ApiToken, "name"),
        help_text=_("What the token is for, e.g. the system that reports with it."),
    )
