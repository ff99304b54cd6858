"""Indicators of the lägesbild: what is measured, and its values per area and period.

Values are aggregates only: counts, rates and classes for areas, never rows about people.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lofte.areas.models import Area
from lofte.indicators.periods import PeriodKind

# A value has at most 14 digits before the decimal point and 4 after.
VALUE_MAX_DIGITS = 18
VALUE_DECIMALS = 4


class IndicatorQuerySet(models.QuerySet):
    def for_kommun(self, kommun):
        """National definitions and the kommun's own."""
        return self.filter(Q(kommun__isnull=True) | Q(kommun=kommun))


class Indicator(models.Model):
    """What is measured: a definition with its unit, source, licence and which way is better."""

    class Theme(models.TextChoices):
        SOCIO_ECONOMIC = "socio_economic", _("socio-economic")
        CRIME = "crime", _("crime")
        SAFETY = "safety", _("safety")
        SCHOOL = "school", _("school")
        POPULATION = "population", _("population")
        POLICE_EVENTS = "police_events", _("police events")
        OTHER = "other", _("other")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("higher is better")
        LOWER = "lower", _("lower is better")
        NEUTRAL = "neutral", _("neither higher nor lower is better")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    direction = models.CharField(
        _("which way is better"), max_length=10, choices=Direction.choices, default="neutral"
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    licence = models.CharField(_("licence"), max_length=100, blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    method = models.TextField(
        _("method"),
        max_length=2000,
        blank=True,
        help_text=_("How the source measures or counts it."),
    )
    kommun = models.ForeignKey(
        "kommuner.Kommun",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("municipality"),
        help_text=_("The municipality that defined it; empty for national definitions."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["theme", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name

    def values_for(self, area):
        """Return the area's values in period order: the series a chart draws."""
        return self.values.filter(area=area).in_period_order()

    def latest_for(self, area, known=False):
        """Return the area's value for its latest period (with known=True: the latest known
        number), or None."""
        values = self.values.filter(area=area)
        if known:
            values = values.known()
        return values.order_by("-period_start", "period_kind").first()

    def compared_with_kommun(self, area):
        """Return the area's values in period order, each with `kommun_value` and
        `kommun_status`: the same indicator and period for the whole kommun the area lies in
        (None where the kommun has no value)."""
        return self.values_for(area).with_kommun_value()


class IndicatorValueQuerySet(models.QuerySet):
    def known(self):
        return self.filter(status=IndicatorValue.Status.REPORTED, value__isnull=False)

    def in_period_order(self):
        return self.order_by("period_kind", "period_start")

    def of_kind(self, kind):
        return self.filter(period_kind=kind)

    def with_kommun_value(self):
        """Annotate each value with the kommun-wide value for the same indicator and period."""
        kommun_values = IndicatorValue.objects.filter(
            indicator=OuterRef("indicator"),
            period_kind=OuterRef("period_kind"),
            period_start=OuterRef("period_start"),
            area__kind=Area.Kind.KOMMUN,
            area__kommun=OuterRef("area__kommun"),
        )
        return self.annotate(
            kommun_value=Subquery(kommun_values.values("value")[:1]),
            kommun_status=Subquery(kommun_values.values("status")[:1]),
        )


class IndicatorImport(models.Model):
    """One import of a file (or one fetch): who, when, what, and what it changed.

    An upload is checked first and kept here, with its bytes, until the analyst confirms it;
    then it is saved and the bytes are dropped. Its SHA-256 says which file it was."""

    class Format(models.TextChoices):
        PXWEB = "pxweb", _("SCB PxWeb CSV")
        JSONSTAT = "jsonstat", _("JSON-stat 2.0")
        BRA = "bra", _("Brå CSV")
        POLICE_EVENTS = "police_events", _("Police events (JSON)")

    class Via(models.TextChoices):
        UPLOAD = "upload", _("upload")
        COMMAND = "command", _("command line")
        FETCH = "fetch", _("fetched from the Police API")

    class State(models.TextChoices):
        CHECKED = "checked", _("checked, waiting for confirmation")
        SAVED = "saved", _("saved")

    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    via = models.CharField(_("via"), max_length=10, choices=Via.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    # The background job that saves a big import after it was confirmed (lofte/background).
    job = models.ForeignKey(
        "background.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kommun = models.ForeignKey(
        "kommuner.Kommun",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
        help_text=_("Only this municipality's rows were imported; empty for all."),
    )
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    rows = models.PositiveIntegerField(_("rows read"), default=0)
    source = models.CharField(_("source"), max_length=500, blank=True)
    options = models.JSONField(_("options"), default=dict, blank=True)
    # The upload itself, only while it waits for confirmation.
    content = models.BinaryField(_("content"), null=True, blank=True)
    created_at = models.DateTimeField(_("checked"), auto_now_add=True)
    saved_at = models.DateTimeField(_("saved"), null=True, blank=True)
    new = models.PositiveIntegerField(_("new values"), default=0)
    changed = models.PositiveIntegerField(_("changed values"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged values"), default=0)
    notes = models.JSONField(_("notes"), default=list, blank=True)
    # The Police events the import covers (first and last published), for complete weeks.
    covers_from = models.DateTimeField(null=True, blank=True)
    covers_to = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("indicator import")
        verbose_name_plural = _("indicator imports")

    def __str__(self):
        return f"{self.file_name} ({self.get_format_display()})"

    @classmethod
    def purge_unconfirmed(cls, older_than=datetime.timedelta(days=1)):
        """Delete uploads nobody confirmed: they hold a file and nothing else."""
        cls.objects.filter(
            state=cls.State.CHECKED, created_at__lt=timezone.now() - older_than
        ).delete()


class IndicatorValue(models.Model):
    """An indicator's value for one area and period; NULL when the source does not give it."""

    class Status(models.TextChoices):
        REPORTED = "reported", _("reported")
        SUPPRESSED = "suppressed", _("suppressed by the source")
        MISSING = "missing", _("missing")

    indicator = models.ForeignKey(
        Indicator, models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    area = models.ForeignKey(
        Area, models.PROTECT, related_name="indicator_values", verbose_name=_("area")
    )
    period_kind = models.CharField(_("kind of period"), max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField(_("first day"))
    period_end = models.DateField(_("last day"))
    period_label = models.CharField(_("period"), max_length=20)
    value = models.DecimalField(
        _("value"),
        max_digits=VALUE_MAX_DIGITS,
        decimal_places=VALUE_DECIMALS,
        null=True,
        blank=True,
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    is_estimate = models.BooleanField(
        _("estimate"),
        default=False,
        help_text=_("Derived, e.g. moved from other areas by the share of their surface."),
    )
    method = models.TextField(_("how it was estimated"), max_length=2000, blank=True)
    source_import = models.ForeignKey(
        IndicatorImport,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="values",
        verbose_name=_("import"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "area", "period_kind", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period_kind", "period_start"],
                name="one_value_per_indicator_area_period",
            ),
            models.CheckConstraint(
                condition=Q(status="reported") | Q(value__isnull=True),
                name="only_reported_values_have_a_number",
            ),
        ]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")

    def __str__(self):
        return f"{self.indicator} – {self.area} – {self.period_label}"


class ValueRevision(models.Model):
    """What a value was before an import changed it: re-imports keep the history."""

    value = models.ForeignKey(
        IndicatorValue, models.CASCADE, related_name="revisions", verbose_name=_("value")
    )
    changed_by = models.ForeignKey(
        IndicatorImport,
        models.CASCADE,
        related_name="revisions",
        verbose_name=_("changed by import"),
    )
    old_value = models.DecimalField(
        _("old value"),
        max_digits=VALUE_MAX_DIGITS,
        decimal_places=VALUE_DECIMALS,
        null=True,
        blank=True,
    )
    old_status = models.CharField(
        _("old status"), max_length=12, choices=IndicatorValue.Status.choices
    )
    old_note = models.CharField(_("old note"), max_length=300, blank=True)
    old_import = models.ForeignKey(
        IndicatorImport,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("import of the old value"),
    )

    class Meta:
        ordering = ["-changed_by__saved_at", "-pk"]
        verbose_name = _("value revision")
        verbose_name_plural = _("value revisions")

    def __str__(self):
        return f"{self.value}: {self.old_value}"


class PoliceEvent(models.Model):
    """An event the Police published, reduced to what the weekly counts need.

    Kept so that repeated fetches count each event once. The name and summary are not kept:
    the counts are the point, and the Police's own page holds the rest."""

    event_id = models.PositiveBigIntegerField(_("the Police's id"), unique=True)
    published_at = models.DateTimeField(_("published"))
    week_start = models.DateField(_("week"))
    type = models.CharField(_("type"), max_length=100)
    location_name = models.CharField(_("place"), max_length=100)
    url = models.URLField(_("the Police's page"), max_length=500, blank=True)
    area = models.ForeignKey(
        Area, models.PROTECT, related_name="police_events", verbose_name=_("counted in")
    )
    source_import = models.ForeignKey(
        IndicatorImport, models.SET_NULL, null=True, blank=True, related_name="police_events"
    )

    class Meta:
        ordering = ["-published_at"]
        indexes = [models.Index(fields=["type", "area", "week_start"])]
        verbose_name = _("Police event")
        verbose_name_plural = _("Police events")

    def __str__(self):
        return f"{self.event_id} {self.type}"


class ApiCall(models.Model):
    """One call to an outside API, so that its rate limits hold across runs and processes."""

    api = models.CharField(max_length=40)
    at = models.DateTimeField(db_index=True)
    url = models.CharField(max_length=500)
    status = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.api} {self.at:%Y-%m-%d %H:%M:%S} {self.status}"


class ApiThrottle(models.Model):
    """One row per outside API, locked while a process decides whether it may call it."""

    api = models.CharField(max_length=40, unique=True)

    def __str__(self):
        return self.api
