"""Forms of events: a resident's registration, and the coordinators' record afterwards."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lofte.events.models import MAX_PLACES, EventRecord, Registration
from lofte.forms import HoneypotMixin, LinkedErrorsMixin, PersonTextField, model_limit


class RegistrationForm(HoneypotMixin, LinkedErrorsMixin, forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=model_limit(Registration, "email"),
        help_text=_("For the confirmation, a reminder the day before, and nothing else."),
        error_messages={
            "required": _("Write your e-mail address."),
            "invalid": _("Write an e-mail address like name@example.se."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    places = forms.TypedChoiceField(
        label=_("How many are coming, you included?"),
        choices=[(n, str(n)) for n in range(1, MAX_PLACES + 1)],
        coerce=int,
        initial=1,
        error_messages={
            "invalid_choice": _("Choose between 1 and %(most)s places.") % {"most": MAX_PLACES}
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_honeypot()


class RecordForm(LinkedErrorsMixin, forms.ModelForm):
    raised = PersonTextField(
        label=_("What residents raised"),
        max_length=model_limit(EventRecord, "raised"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Published on the event page and in the follow-up report. "
            "Write no names or other personal data."
        ),
        error_messages={"required": _("Write what residents raised.")},
    )

    class Meta:
        model = EventRecord
        fields = ["attendance", "raised"]
        error_messages = {
            "attendance": {
                "required": _("Write how many came."),
                "invalid": _("Write how many came as a whole number."),
            }
        }
