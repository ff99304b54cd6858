from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from lofte.evaluation.models import InterventionKind
from lofte.forms import LinkedErrorsMixin


def _https_urls(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class InterventionKindForm(LinkedErrorsMixin, forms.ModelForm):
    # The version the person saw, so that two people editing at once get a conflict.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = InterventionKind
        formfield_callback = _https_urls
        fields = ["name", "name_en", "description", "evidence", "finding", "source", "source_url"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "finding": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].help_text = _(
            "Choose “unknown” unless a source you can cite gives the level."
        )
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version


class TagForm(LinkedErrorsMixin, forms.Form):
    kind = forms.ModelChoiceField(
        queryset=InterventionKind.objects.none(),
        required=False,
        label=_("Kind of intervention"),
        empty_label=_("(none)"),
        help_text=_("Its level of evidence is shown beside the commitment on the promise page."),
    )

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = kinds


class ComparisonChangeForm(LinkedErrorsMixin, forms.Form):
    """Add or remove one comparison area, saying why."""

    area = forms.ModelChoiceField(queryset=None, label=_("Area"))
    reason = forms.CharField(
        label=_("Why"),
        max_length=500,
        help_text=_("Kept with the change, for whoever reads the evaluation later."),
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
