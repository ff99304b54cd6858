from django import forms
from django.utils.translation import gettext_lazy as _

from lofte.areas.models import Area
from lofte.forms import LinkedErrorsMixin, PersonTextField, model_limit
from lofte.lagesbild.models import Lagesbild, Problem
from lofte.promises.models import Commitment, Promise


class LagesbildForm(LinkedErrorsMixin, forms.ModelForm):
    """A lägesbild's own fields; `version` is the one the person opened."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    other_information = PersonTextField(
        label=_("Other information"),
        required=False,
        max_length=model_limit(Lagesbild, "other_information"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    analysis = PersonTextField(
        label=_("Analysis"),
        required=False,
        max_length=model_limit(Lagesbild, "analysis"),
        widget=forms.Textarea(attrs={"rows": 12}),
    )

    class Meta:
        model = Lagesbild
        fields = [
            "title",
            "area",
            "period_start",
            "period_end",
            "status",
            "other_information",
            "analysis",
        ]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, kommun, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(kommun=kommun).order_by("kind", "name")
        self.fields["area"].error_messages["invalid_choice"] = _(
            "Choose an area in this municipality."
        )
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The mapping cannot end before it starts."))
        return data


class ProblemForm(LinkedErrorsMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    description = PersonTextField(
        label=_("Description"),
        required=False,
        max_length=model_limit(Problem, "description"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    commitments = forms.ModelMultipleChoiceField(
        Commitment.objects.none(),
        required=False,
        label=_("Commitments that address it"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Commitments of the municipality's promises: together they are the action plan."
        ),
    )

    class Meta:
        model = Problem
        fields = ["order", "title", "description"]

    def __init__(self, *args, kommun, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commitments"].queryset = (
            Commitment.objects.filter(focus_area__promise__in=Promise.objects.filter(kommun=kommun))
            .select_related("focus_area__promise")
            .order_by("-focus_area__promise__period_start", "focus_area__order", "order", "pk")
        )
        self.fields["commitments"].label_from_instance = lambda c: (
            f"{c.title} ({c.focus_area.promise.title})"
        )
        self.fields["commitments"].error_messages["invalid_choice"] = _(
            "Choose commitments of this municipality's promises."
        )
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["commitments"].initial = list(
                self.instance.commitments.values_list("pk", flat=True)
            )
