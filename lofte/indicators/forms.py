"""The analyst's upload of a statistics file."""

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from lofte.areas.models import Area
from lofte.forms import LinkedErrorsMixin
from lofte.indicators.importing import (
    COUNT_COUNTIES,
    MAX_IMPORT_BYTES,
    MAX_IMPORT_MEGABYTES,
    SKIP_COUNTIES,
    IndicatorSpec,
    options_for,
)
from lofte.indicators.models import Indicator, IndicatorImport

Format = IndicatorImport.Format
# The formats whose files name no indicator of their own: the analyst picks or names one.
NEEDS_INDICATOR = {Format.PXWEB}
MAY_NAME_INDICATOR = {Format.PXWEB, Format.JSONSTAT}
EXTENSIONS = {
    Format.PXWEB: (".csv", ".txt"),
    Format.BRA: (".csv", ".txt"),
    Format.JSONSTAT: (".json",),
    Format.POLICE_EVENTS: (".json",),
}


class UploadForm(LinkedErrorsMixin, forms.Form):
    kommun = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=None,
        help_text=_("Only the rows about this municipality (and its county) are imported."),
    )
    format = forms.ChoiceField(label=_("Format"), choices=Format.choices, widget=forms.RadioSelect)
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV or JSON, at most %(max)s MB.") % {"max": MAX_IMPORT_MEGABYTES},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.json"}),
    )
    indicator = forms.ModelChoiceField(
        label=_("Indicator"),
        queryset=None,
        required=False,
        help_text=_(
            "For a PxWeb export: what the numbers are. A JSON-stat dataset names its own "
            "measures; choose one only to import a dataset with a single measure under it."
        ),
    )
    new_name = forms.CharField(label=_("Or a new indicator's name"), max_length=200, required=False)
    new_unit = forms.CharField(label=_("Its unit"), max_length=60, required=False)
    new_theme = forms.ChoiceField(
        label=_("Its theme"), choices=Indicator.Theme.choices, initial=Indicator.Theme.OTHER
    )
    new_direction = forms.ChoiceField(
        label=_("Which way is better"),
        choices=Indicator.Direction.choices,
        initial=Indicator.Direction.NEUTRAL,
    )
    area_kind = forms.ChoiceField(
        label=_("Areas named “Municipality (Area)” are"),
        choices=[
            (Area.Kind.REGSO, Area.Kind.REGSO.label),
            (Area.Kind.DESO, Area.Kind.DESO.label),
            (Area.Kind.STADSOMRADE, Area.Kind.STADSOMRADE.label),
            (Area.Kind.MELLANOMRADE, Area.Kind.MELLANOMRADE.label),
            (Area.Kind.OWN, Area.Kind.OWN.label),
        ],
        initial=Area.Kind.REGSO,
        help_text=_(
            "For PxWeb and JSON-stat files: SCB's RegSO tables write “Göteborg (Backa Röd)”."
        ),
    )
    create_areas = forms.BooleanField(
        label=_("Create areas the file names but Löfte lacks (without a boundary)"),
        required=False,
        help_text=_(
            "RegSO, DeSO and the city's own areas. Without this, an unknown area is an error. "
            "The Police's vulnerable areas are never created from a file."
        ),
    )
    counties = forms.ChoiceField(
        label=_("Police events placed only in a county"),
        choices=[
            (COUNT_COUNTIES, _("Count them for the county")),
            (SKIP_COUNTIES, _("Skip them")),
        ],
        initial=COUNT_COUNTIES,
        widget=forms.RadioSelect,
        help_text=_("They are never placed in a municipality or a neighbourhood."),
    )

    def __init__(self, *args, kommuner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kommun"].queryset = kommuner
        self.fields["indicator"].queryset = Indicator.objects.filter(
            kommun__isnull=True
        ) | Indicator.objects.filter(kommun__in=kommuner)
        if kommuner.count() == 1:
            self.fields["kommun"].initial = kommuner.first()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(max)s MB. Split it, or import fewer years or areas.")
                % {"max": MAX_IMPORT_MEGABYTES}
            )
        return upload

    def clean(self):
        data = super().clean()
        fmt, upload = data.get("format"), data.get("file")
        if fmt and upload and not upload.name.lower().endswith(EXTENSIONS[fmt]):
            self.add_error(
                "file",
                _("A %(format)s file ends in %(ext)s.")
                % {"format": Format(fmt).label, "ext": " or ".join(EXTENSIONS[fmt])},
            )
        indicator, name = data.get("indicator"), data.get("new_name", "").strip()
        if indicator and name:
            self.add_error("new_name", _("Choose an indicator or name a new one, not both."))
        elif fmt in NEEDS_INDICATOR and not indicator and not name:
            self.add_error("indicator", _("Choose the indicator, or name a new one below."))
        elif fmt and fmt not in MAY_NAME_INDICATOR and (indicator or name):
            self.add_error(
                "indicator",
                _("A %(format)s file names its own indicators: leave this empty.")
                % {"format": Format(fmt).label},
            )
        kommun = data.get("kommun")
        if indicator and kommun and indicator.kommun_id not in (None, kommun.pk):
            self.add_error("indicator", _("This indicator belongs to another municipality."))
        return data

    def import_options(self):
        """Return the import's options; a new indicator belongs to the chosen kommun."""
        data = self.cleaned_data
        spec = None
        if data.get("indicator"):
            spec = IndicatorSpec(slug=data["indicator"].slug)
        elif data.get("new_name", "").strip():
            spec = IndicatorSpec(
                slug=_new_slug(data["new_name"], data["kommun"]),
                name=data["new_name"].strip(),
                unit=data["new_unit"].strip(),
                theme=data["new_theme"],
                direction=data["new_direction"],
                kommun_id=data["kommun"].pk,
            )
        return options_for(
            indicator=spec,
            area_kind=data["area_kind"],
            counties=data["counties"],
            create_areas=data["create_areas"],
        )


def _new_slug(name, kommun):
    """A kommun's own indicator is named apart from the national ones and other kommuner's."""
    return f"{kommun.slug}-{slugify(name)}"[:100]


class ConfirmForm(forms.Form):
    CONFIRM, CANCEL = "confirm", "cancel"
    action = forms.ChoiceField(choices=[(CONFIRM, CONFIRM), (CANCEL, CANCEL)])
