"""Forms of follow-up: an actor's update, a coordinator's review, reminders, periods, import."""

from decimal import Decimal

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from lofte.followup import spreadsheet
from lofte.followup.models import (
    EVIDENCE_EXTENSIONS,
    ReportingPeriod,
    Update,
    validate_evidence_content,
    validate_evidence_size,
)
from lofte.forms import LinkedErrorsMixin, PersonTextField, model_limit
from lofte.promises.models import Commitment
from lofte.text import format_decimal


class DecimalCommaField(forms.DecimalField):
    """A decimal that also accepts the Swedish comma and spaces between thousands: "1 012,5"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        return super().to_python(value)


class UpdateForm(LinkedErrorsMixin, forms.Form):
    """What an actor did in a period: status, numbers, text, evidence."""

    SAVE, SUBMIT = "save", "submit"

    status = forms.ChoiceField(
        label=_("Status of the commitment"),
        choices=Commitment.Status.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    text = PersonTextField(
        label=_("What was done"),
        max_length=model_limit(Update, "text"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("A few sentences: what you did this period, for whom, and how it went."),
    )
    evidence_url = forms.URLField(
        label=_("Link to evidence (optional)"),
        max_length=model_limit(Update, "evidence_url"),
        required=False,
        assume_scheme="https",
        # A text input: a phone's browser would refuse "klubben.se" before the server adds https.
        widget=forms.TextInput(attrs={"inputmode": "url", "autocomplete": "url"}),
    )
    evidence_file = forms.FileField(
        label=_("Evidence file (optional)"),
        required=False,
        validators=[
            FileExtensionValidator(EVIDENCE_EXTENSIONS),
            validate_evidence_size,
            validate_evidence_content,
        ],
        help_text=_("PDF, picture or document, at most 5 MB."),
        widget=forms.FileInput(attrs={"accept": ",".join("." + e for e in EVIDENCE_EXTENSIONS)}),
    )
    remove_file = forms.BooleanField(label=_("Remove the saved file"), required=False)
    is_publishable = forms.BooleanField(
        label=_("May be published"),
        required=False,
        initial=True,
        help_text=_(
            "Residents see an update only when a coordinator has approved it and it may be "
            "published."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    action = forms.ChoiceField(
        choices=[(SAVE, SAVE), (SUBMIT, SUBMIT)], required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, measures=(), update=None, **kwargs):
        self.measures = list(measures)
        if update is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(update)
        super().__init__(*args, **kwargs)
        for measure in self.measures:
            label = f"{measure.name} ({measure.unit})"
            help_text = ""
            if measure.target is not None:
                help_text = _("Target: %(target)s %(unit)s") % {
                    "target": format_decimal(measure.target),
                    "unit": measure.unit,
                }
            self.fields[self.measure_key(measure)] = DecimalCommaField(
                label=label,
                required=False,
                min_value=Decimal(0),
                max_digits=12,
                decimal_places=2,
                help_text=help_text,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
        if update is None or not update.evidence_file:
            del self.fields["remove_file"]

    @staticmethod
    def measure_key(measure):
        return f"measure_{measure.pk}"

    @classmethod
    def initial_from(cls, update):
        initial = {
            "status": update.status or update.commitment.status,
            "text": update.text,
            "evidence_url": update.evidence_url,
            "is_publishable": update.is_publishable,
            "version": update.version if update.pk else 0,
        }
        if update.pk:
            for value in update.values.all():
                initial[f"measure_{value.measure_id}"] = format_decimal(value.value)
        return initial

    @property
    def submitting(self):
        return self.data.get("action") == self.SUBMIT

    def measure_fields(self):
        return [(m, self[self.measure_key(m)]) for m in self.measures]

    def clean(self):
        cleaned = super().clean()
        if self.submitting:
            if not cleaned.get("status") and "status" not in self.errors:
                self.add_error("status", _("Choose a status to submit the update."))
            if not (cleaned.get("text") or "").strip() and "text" not in self.errors:
                self.add_error("text", _("Write what was done to submit the update."))
        return cleaned

    def values(self):
        """Return {measure_id: Decimal or None} from the cleaned data."""
        return {m.pk: self.cleaned_data.get(self.measure_key(m)) for m in self.measures}

    def apply_to(self, update):
        """Copy the person's input onto the (unsaved) update."""
        data = self.cleaned_data
        update.status = data.get("status") or ""
        update.text = data.get("text") or ""
        update.evidence_url = data.get("evidence_url") or ""
        update.is_publishable = bool(data.get("is_publishable"))
        if data.get("evidence_file"):
            update.evidence_file = data["evidence_file"]
        elif data.get("remove_file"):
            update.evidence_file = ""
        return update


class ReviewForm(LinkedErrorsMixin, forms.Form):
    APPROVE, RETURN = "approve", "return"

    decision = forms.ChoiceField(choices=[(APPROVE, APPROVE), (RETURN, RETURN)])
    comment = PersonTextField(
        label=_("Comment to the actor"),
        max_length=model_limit(Update, "review_comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when you return the update: say what needs to change."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean(self):
        cleaned = super().clean()
        returning = cleaned.get("decision") == self.RETURN
        if returning and not cleaned.get("comment") and "comment" not in self.errors:
            self.add_error("comment", _("Write a comment so the actor knows what to change."))
        return cleaned


class RemindForm(forms.Form):
    period = forms.ModelChoiceField(queryset=ReportingPeriod.objects.none())
    organisation = forms.ModelChoiceField(queryset=None)

    def __init__(self, *args, promise, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = promise.periods.all()
        self.fields["organisation"].queryset = promise.actors()


class PeriodForm(forms.ModelForm):
    class Meta:
        model = ReportingPeriod
        fields = ["name", "starts_on", "ends_on", "due_on"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    duplicate_message = _("This promise already has a period that starts that day.")

    def __init__(self, *args, promise, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.promise = promise

    def clean_starts_on(self):
        starts_on = self.cleaned_data["starts_on"]
        if ReportingPeriod.objects.filter(
            promise=self.instance.promise, starts_on=starts_on
        ).exists():
            raise forms.ValidationError(self.duplicate_message)
        return starts_on


class ImportForm(LinkedErrorsMixin, forms.Form):
    SUBMIT, DRAFT = "submit", "draft"

    period = forms.ModelChoiceField(
        label=_("Period"), queryset=ReportingPeriod.objects.none(), empty_label=None
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("The filled-in template: XLSX or CSV, at most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    mode = forms.ChoiceField(
        label=_("What to do with the updates"),
        choices=[
            (SUBMIT, _("Submit them for approval")),
            (DRAFT, _("Save them as drafts")),
        ],
        initial=SUBMIT,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, promise, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = promise.periods.all()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > spreadsheet.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(max)s MB.")
                % {"max": spreadsheet.MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        if not upload.name.lower().endswith((".xlsx", ".csv", ".txt")):
            raise forms.ValidationError(_("Upload an XLSX or CSV file."))
        return upload
