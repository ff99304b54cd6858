"""Forms of local incident reporting: the report, the checklist, places, the period chooser."""

import datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lofte import personal
from lofte.areas.models import Area
from lofte.forms import LinkedErrorsMixin
from lofte.incidents.models import (
    SWEDEN_LATITUDE,
    SWEDEN_LONGITUDE,
    TEXT_MAX_LENGTH,
    IncidentCategory,
    IncidentReport,
    Place,
)
from lofte.text import clean_text

# A phone's clock may run a little ahead of the server's.
CLOCK_SLACK = datetime.timedelta(minutes=10)


class CoordinateField(forms.DecimalField):
    """A WGS84 coordinate in decimal degrees; the Swedish comma is accepted: "57,7432"."""

    def __init__(self, **kwargs):
        super().__init__(
            max_digits=9,
            decimal_places=6,
            required=False,
            widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            **kwargs,
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
            try:
                # More decimals than a phone gives are rounded, not refused.
                value = str(Decimal(value).quantize(Decimal("0.000001"))) if value else value
            except InvalidOperation:
                pass
        return super().to_python(value)


def _point_in_sweden(form, latitude, longitude):
    """Add an error unless both or neither coordinate is given and the point is in Sweden."""
    if (latitude is None) != (longitude is None):
        form.add_error(
            "longitude" if longitude is None else "latitude",
            _("Give both latitude and longitude, or neither."),
        )
        return False
    if latitude is None:
        return True
    if not (
        SWEDEN_LATITUDE[0] <= latitude <= SWEDEN_LATITUDE[1]
        and SWEDEN_LONGITUDE[0] <= longitude <= SWEDEN_LONGITUDE[1]
    ):
        form.add_error(
            "latitude",
            _(
                "The position is not in Sweden. Latitude comes first (about 55–69), then "
                "longitude (about 11–24)."
            ),
        )
        return False
    return True


class ReportForm(LinkedErrorsMixin, forms.Form):
    """An incident: what (a category of the checklist), when, where, and a short text."""

    category = forms.ModelChoiceField(
        label=_("What happened?"),
        queryset=IncidentCategory.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose what happened.")},
    )
    occurred_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    time_of_day = forms.TimeField(
        label=_("Time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Leave it empty if you do not know; then choose the part of the day."),
    )
    part_of_day = forms.ChoiceField(
        label=_("Part of the day"),
        required=False,
        choices=[("", _("– (the time says it)"))] + IncidentReport.PartOfDay.choices,
    )
    place = forms.ModelChoiceField(
        label=_("Named place"),
        queryset=Place.objects.none(),
        required=False,
        empty_label=_("– none: I give a position –"),
    )
    latitude = CoordinateField(label=_("Latitude"))
    longitude = CoordinateField(label=_("Longitude"))
    text = forms.CharField(
        label=_("Short description"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "At most %(max)s characters about the place and the situation. Never names, "
            "personal identity numbers or anything else that points out a person."
        )
        % {"max": TEXT_MAX_LENGTH},
    )
    not_personal = forms.BooleanField(
        label=_("I have checked: the text names no person"),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, kommun, places, categories, known_names=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kommun = kommun
        self.fields["category"].queryset = categories
        self.fields["place"].queryset = places
        self.known_names = list(known_names)
        self.name_warnings = []

    @classmethod
    def initial_now(cls):
        now = timezone.localtime()
        return {
            "occurred_on": now.date(),
            "time_of_day": now.time().replace(second=0, microsecond=0),
        }

    @classmethod
    def initial_from(cls, report):
        return {
            "category": report.category_id,
            "occurred_on": report.occurred_on,
            "time_of_day": report.time_of_day,
            "part_of_day": "" if report.time_of_day else report.part_of_day,
            "place": report.place_id,
            "latitude": report.latitude,
            "longitude": report.longitude,
            "text": report.text,
            "version": report.version,
        }

    def clean_text(self):
        text = clean_text(self.cleaned_data["text"]).strip()
        findings = personal.check_text(text, self.known_names)
        if findings.blocking:
            raise forms.ValidationError(
                _(
                    "Remove the personal data from the text: %(found)s. A report is about a "
                    "place and a situation, never about a person."
                ),
                params={"found": ", ".join(f"“{f}”" for f in findings.blocking)},
            )
        self.name_warnings = findings.warnings
        return text

    def clean(self):
        data = super().clean()
        place = data.get("place")
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if "latitude" in data and "longitude" in data:
            point_ok = _point_in_sweden(self, latitude, longitude)
            if point_ok and place and latitude is not None:
                self.add_error(
                    "place",
                    _("Give a named place or a position, not both: empty one of them."),
                )
            elif point_ok and not place and latitude is None and "place" in data:
                self.add_error(
                    "place", _("Where did it happen? Choose a named place or give a position.")
                )
        day, time = data.get("occurred_on"), data.get("time_of_day")
        if day and "time_of_day" in data:
            if not time and not data.get("part_of_day"):
                self.add_error("time_of_day", _("Give the time, or choose the part of the day."))
            moment = datetime.datetime.combine(day, time or datetime.time(0, 0))
            if timezone.make_aware(moment) > timezone.now() + CLOCK_SLACK:
                self.add_error("occurred_on", _("The date and time cannot be in the future."))
            elif day.year < 2000:
                self.add_error("occurred_on", _("Give a date after the year 2000."))
        if self.name_warnings and not data.get("not_personal"):
            self.add_error(
                "text",
                _(
                    "The text may name a person: %(found)s. Remove the name, or tick the box "
                    "below if it is the name of a place, a shop or something else."
                )
                % {"found": ", ".join(f"“{w}”" for w in self.name_warnings)},
            )
        return data

    def apply_to(self, report):
        """Copy the form's values onto the report (unsaved)."""
        data = self.cleaned_data
        report.category = data["category"]
        report.occurred_on = data["occurred_on"]
        report.time_of_day = data["time_of_day"]
        report.part_of_day = (
            IncidentReport.part_of_day_at(data["time_of_day"])
            if data["time_of_day"]
            else data["part_of_day"]
        )
        report.place = data["place"]
        report.latitude = data["latitude"]
        report.longitude = data["longitude"]
        report.text = data["text"]
        return report


class CategoryForm(forms.ModelForm):
    class Meta:
        model = IncidentCategory
        fields = ["name", "order", "is_active"]

    def clean_name(self):
        return clean_text(self.cleaned_data["name"]).strip()


class BaseCategoryFormSet(forms.BaseModelFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            name = form.cleaned_data.get("name") if hasattr(form, "cleaned_data") else None
            if not name:
                continue
            if name.casefold() in seen:
                form.add_error("name", _("The checklist already has this category."))
            seen.add(name.casefold())


CategoryFormSet = forms.modelformset_factory(
    IncidentCategory, form=CategoryForm, formset=BaseCategoryFormSet, extra=3, can_delete=False
)


class PlaceForm(LinkedErrorsMixin, forms.ModelForm):
    latitude = CoordinateField(label=_("Latitude"))
    longitude = CoordinateField(label=_("Longitude"))

    class Meta:
        model = Place
        fields = ["name", "area", "latitude", "longitude", "is_active"]

    def __init__(self, *args, kommun, **kwargs):
        super().__init__(*args, **kwargs)
        self.kommun = kommun
        self.fields["area"].queryset = Area.objects.filter(kommun=kommun)

    def clean_name(self):
        name = clean_text(self.cleaned_data["name"]).strip()
        others = Place.objects.filter(kommun=self.kommun, name__iexact=name)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("The municipality already has a place by this name."))
        return name

    def clean(self):
        data = super().clean()
        if "latitude" in data and "longitude" in data:
            _point_in_sweden(self, data["latitude"], data["longitude"])
        return data
