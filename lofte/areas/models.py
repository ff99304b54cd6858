import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lofte.areas import geometry as geo
from lofte.kommuner.models import KommunMembership
from lofte.registries import Registry, RegistryQuerySet


class AreaQuerySet(RegistryQuerySet):
    promise_lookups = ("promises",)
    # An area in a kommun is also its coordinators' and analysts' (who import areas).
    kommun_roles = (KommunMembership.Role.COORDINATOR, KommunMembership.Role.ANALYST)


class Area(Registry):
    """A named place in one area system: a promise covers one, the lägesbild describes many."""

    class Kind(models.TextChoices):
        KOMMUN = "kommun", _("municipality")
        STADSOMRADE = "stadsomrade", _("stadsområde (the city's district)")
        MELLANOMRADE = "mellanomrade", _("mellanområde (the city's intermediate area)")
        REGSO = "regso", _("SCB RegSO")
        DESO = "deso", _("SCB DeSO")
        VULNERABLE_AREA = "vulnerable_area", _("the Police's vulnerable area")
        OWN = "own", _("own area")
        LAN = "lan", _("county (län)")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind of area"), max_length=20, choices=Kind.choices)
    code = models.CharField(
        _("code"), max_length=40, blank=True, help_text=_("The code in its area system, if any.")
    )
    description = models.TextField(
        _("description"),
        max_length=2000,
        blank=True,
        help_text=_("Which streets or districts it covers."),
    )
    kommun = models.ForeignKey(
        "kommuner.Kommun",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="areas",
        verbose_name=_("municipality"),
        help_text=_("The municipality the area lies in; empty for areas that span several."),
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        indexes = [models.Index(fields=["kind", "code"])]

    def __str__(self):
        return self.name

    def to_dict(self):
        return {"name": self.name, "kind": self.kind, "code": self.code}

    def boundary(self, on=None):
        """Return the AreaBoundary valid on `on` (today by default), or None."""
        return self.boundaries.valid_on(on).first()

    def classification(self, year):
        """Return the Police's AreaClassification of this area for `year`, or None."""
        return self.classifications.filter(year=year).first()


class AreaBoundaryQuerySet(models.QuerySet):
    def valid_on(self, on=None):
        """Boundaries valid on a date (today by default): from valid_from, before valid_to."""
        on = on or datetime.date.today()
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on), valid_from__lte=on)

    def current(self):
        """The open boundary of each area: the one a re-import compares with and closes."""
        return self.filter(valid_to__isnull=True)

    def by_area(self, areas, on=None):
        """Return {area id: boundary valid on `on`} for the given areas, in one query."""
        return {b.area_id: b for b in self.valid_on(on).filter(area__in=list(areas))}

    def overlapping_box(self, min_lon, min_lat, max_lon, max_lat):
        """Boundaries whose bounding box meets the given one (a fast, indexed first cut)."""
        return self.filter(
            min_lon__lte=max_lon, max_lon__gte=min_lon, min_lat__lte=max_lat, max_lat__gte=min_lat
        )


class AreaBoundary(models.Model):
    """An area's boundary for a span of time: valid from `valid_from` up to, not including,
    `valid_to` (empty while it is the current one).

    The geometry is WKB in WGS84 (see geometry.py): compact, exact, read by shapely without
    parsing, no GIS extension in the database. The bounding box columns find candidates for
    a point or an overlap with plain indexed comparisons.
    """

    area = models.ForeignKey(
        Area, models.CASCADE, related_name="boundaries", verbose_name=_("area")
    )
    geometry = models.BinaryField(_("boundary (WKB, WGS84)"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(
        _("valid to"), null=True, blank=True, help_text=_("The first day it no longer holds.")
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    area_m2 = models.FloatField(_("area (m²)"))
    min_lon = models.FloatField()
    min_lat = models.FloatField()
    max_lon = models.FloatField()
    max_lat = models.FloatField()

    objects = AreaBoundaryQuerySet.as_manager()

    class Meta:
        ordering = ["area", "valid_from"]
        verbose_name = _("area boundary")
        verbose_name_plural = _("area boundaries")
        constraints = [
            models.UniqueConstraint(
                fields=["area"], condition=Q(valid_to__isnull=True), name="one_open_boundary"
            ),
            models.UniqueConstraint(fields=["area", "valid_from"], name="one_boundary_per_start"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="boundary_ends_after_it_starts",
            ),
        ]
        indexes = [models.Index(fields=["min_lon", "max_lon", "min_lat", "max_lat"])]

    def __str__(self):
        return f"{self.area} ({self.valid_from}–{self.valid_to or ''})"

    @property
    def shape(self):
        """The boundary as a shapely Polygon or MultiPolygon in WGS84."""
        if not hasattr(self, "_shape"):
            self._shape = geo.from_wkb(self.geometry)
        return self._shape

    def set_shape(self, shape, area_m2=None):
        """Store a checked WGS84 shape with its area (measured if not given) and bounding box."""
        self._shape = shape
        self.geometry = geo.to_wkb(shape)
        self.area_m2 = geo.area_m2(shape) if area_m2 is None else area_m2
        self.min_lon, self.min_lat, self.max_lon, self.max_lat = shape.bounds


class AreaClassification(models.Model):
    """The Police's classification of a vulnerable area in one year's lägesbild."""

    class Klass(models.TextChoices):
        UTSATT = "utsatt", _("vulnerable area (utsatt område)")
        SARSKILT_UTSATT = "sarskilt_utsatt", _("especially vulnerable area (särskilt utsatt)")
        RISKOMRADE = "riskomrade", _("risk area (riskområde)")

    area = models.ForeignKey(
        Area, models.CASCADE, related_name="classifications", verbose_name=_("area")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    klass = models.CharField(_("classification"), max_length=20, choices=Klass.choices)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    local_police_area = models.CharField(_("local police area"), max_length=200, blank=True)
    police_area = models.CharField(_("police area"), max_length=200, blank=True)
    police_region = models.CharField(_("police region"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        ordering = ["area", "-year"]
        verbose_name = _("classification of an area")
        verbose_name_plural = _("classifications of areas")
        constraints = [
            models.UniqueConstraint(fields=["area", "year"], name="one_classification_per_year")
        ]

    def __str__(self):
        return f"{self.area} {self.year}: {self.get_klass_display()}"
