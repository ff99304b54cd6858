from django import forms
from django.utils.translation import gettext_lazy as _

from lofte.forms import HoneypotMixin, LinkedErrorsMixin, PersonTextField, model_limit
from lofte.legal.models import ProblemReport


class ProblemReportForm(HoneypotMixin, LinkedErrorsMixin, forms.Form):
    page = PersonTextField(
        label=_("Which page?"),
        required=False,
        max_length=model_limit(ProblemReport, "page"),
        help_text=_("Its address, or what it is called."),
    )
    description = PersonTextField(
        label=_("What is the problem?"),
        max_length=model_limit(ProblemReport, "description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "What did you try to do, and what stopped you? Tell us what you use, if it helps, "
            "such as a screen reader."
        ),
        error_messages={"required": _("Describe the problem.")},
    )
    email = forms.EmailField(
        label=_("Your e-mail address, if you want an answer"),
        required=False,
        max_length=model_limit(ProblemReport, "email"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Write an e-mail address like name@example.se.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_honeypot()
