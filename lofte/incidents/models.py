"""Local incident reports, the EST way: partners report incidents in places against a checklist.

Reports are about places and situations, never about people: no field holds personal data,
and the short text is checked for names and personal identity numbers before it is saved
(`lofte/personal.py`). Who may see and report what is decided here, in
`IncidentReportQuerySet`, and nowhere else.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lofte.kommuner.models import Kommun, KommunMembership

# The longest text a report may carry: the form, the model and any import or API use this.
TEXT_MAX_LENGTH = 280
# How long a reporter sees and may correct their organisation's reports after filing them.
CORRECTION_PERIOD = datetime.timedelta(days=7)

# The EST checklist a kommun starts from; its coordinator renames, reorders or retires them.
DEFAULT_CHECKLIST = [
    "Skadegörelse",
    "Klotter",
    "Nedskräpning",
    "Brand",
    "Ordningsstörning",
    "Synlig narkotikaförsäljning",
    "Trasig belysning",
    "Stenkastning",
    "Övergivet fordon",
    "Hot eller våld",
    "Otrygg plats",
    "Annat",
]

# Sweden's extent in WGS84, with a margin: a point outside is a typing error (or lat/lon swapped).
SWEDEN_LATITUDE = (Decimal("55.0"), Decimal("69.2"))
SWEDEN_LONGITUDE = (Decimal("10.5"), Decimal("24.3"))


def coordinate_fields():
    """Return a WGS84 latitude and longitude, six decimals (about 10 cm), both optional."""
    return (
        models.DecimalField(_("latitude"), max_digits=8, decimal_places=6, null=True, blank=True),
        models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True),
    )


class IncidentCategoryQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class IncidentCategory(models.Model):
    """One line of a kommun's checklist: a kind of incident partners report."""

    kommun = models.ForeignKey(
        Kommun,
        models.CASCADE,
        related_name="incident_categories",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("in use"), default=True, help_text=_("Retired categories keep their old reports.")
    )

    objects = IncidentCategoryQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kommun", "name"], name="unique_category_per_kommun")
        ]
        verbose_name = _("incident category")
        verbose_name_plural = _("incident categories")

    def __str__(self):
        return self.name

    @classmethod
    def ensure_checklist(cls, kommun):
        """Give the kommun the default checklist if it has no categories; return how many were
        made."""
        return cls.ensure_checklists([kommun])

    @classmethod
    def ensure_checklists(cls, kommuner):
        """Give each of the kommuner without categories the default checklist, in two queries;
        return how many categories were made."""
        having = set(cls.objects.filter(kommun__in=kommuner).values_list("kommun_id", flat=True))
        made = cls.objects.bulk_create(
            cls(kommun=kommun, name=name, order=(i + 1) * 10)
            for kommun in kommuner
            if kommun.pk not in having
            for i, name in enumerate(DEFAULT_CHECKLIST)
        )
        return len(made)


class PlaceQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Place(models.Model):
    """A named place in a kommun where incidents happen: a square, a school yard, a stop."""

    kommun = models.ForeignKey(
        Kommun, models.CASCADE, related_name="incident_places", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=200)
    area = models.ForeignKey(
        "areas.Area",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="incident_places",
        verbose_name=_("area"),
        help_text=_("The area the place lies in: reports at the place count for it."),
    )
    latitude, longitude = coordinate_fields()
    is_active = models.BooleanField(
        _("in use"), default=True, help_text=_("Places no longer in use keep their old reports.")
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["kommun", "name"], name="unique_place_per_kommun"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="place_point_has_both_coordinates",
            ),
        ]
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self):
        return self.name

    def resolved_area(self):
        """Return the place's area, or the area its point lies in when geometry can tell."""
        if self.area_id or self.latitude is None:
            return self.area
        return area_for_point(self.kommun, self.latitude, self.longitude)


def area_for_point(kommun, latitude, longitude):
    """Return the kommun's area that holds the point, or None.

    The one place where geometry plugs in: when `lofte/areas` has boundaries
    (`AreaBoundary` and `count_points_in_areas(xs, ys, polygons)`), find the boundary of the
    kommun's areas that holds (longitude, latitude) here. Until then a point belongs to no area,
    and the summaries count it under "no area". `actions.assign_areas` fills in older reports.
    """
    return None


def _kommun_ids(user, roles):
    return KommunMembership.objects.filter(user=user, role__in=roles).values("kommun_id")


class IncidentReportQuerySet(models.QuerySet):
    """Who may see, report and change what: every view asks here."""

    # Roles that see all of a kommun's reports and its summaries.
    READS_ALL = (KommunMembership.Role.COORDINATOR, KommunMembership.Role.ANALYST)

    # Which roles give which right in a kommun. Every rule below reads these.
    RIGHTS = {
        "report": tuple(KommunMembership.Role),
        "read_all": READS_ALL,
        "configure": (KommunMembership.Role.COORDINATOR,),
    }

    def visible_to(self, user, now=None):
        """Return the reports the user may see.

        Superusers: all. Coordinators and analysts: all of their kommun's. Local reporters:
        their organisation's reports in their kommun, filed within CORRECTION_PERIOD. Everyone
        else (residents, other kommuner, promise coordinators): none; they see aggregates.
        """
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        since = (now or timezone.now()) - CORRECTION_PERIOD
        reporters = KommunMembership.objects.reporters().filter(user=user)
        own = Q(pk__in=[])
        for kommun_id, organisation_id in reporters.values_list("kommun_id", "organisation_id"):
            own |= Q(kommun_id=kommun_id, organisation_id=organisation_id, created_at__gte=since)
        return self.filter(Q(kommun__in=_kommun_ids(user, self.RIGHTS["read_all"])) | own)

    def editable_by(self, user, now=None):
        """Return the reports the user may correct or remove.

        Superusers: all. Coordinators: all of their kommun's. Reporters: their organisation's
        within CORRECTION_PERIOD; analysts: their own within it.
        """
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        since = (now or timezone.now()) - CORRECTION_PERIOD
        coordinated = _kommun_ids(user, self.RIGHTS["configure"])
        own = Q(
            kommun__in=_kommun_ids(user, [KommunMembership.Role.ANALYST]),
            reporter=user,
            created_at__gte=since,
        )
        reporters = KommunMembership.objects.reporters().filter(user=user)
        for kommun_id, organisation_id in reporters.values_list("kommun_id", "organisation_id"):
            own |= Q(kommun_id=kommun_id, organisation_id=organisation_id, created_at__gte=since)
        return self.filter(Q(kommun__in=coordinated) | own)

    def _kommuner_where(self, user, right):
        if not user.is_authenticated:
            return Kommun.objects.none()
        if user.is_superuser:
            return Kommun.objects.all()
        return Kommun.objects.filter(pk__in=_kommun_ids(user, self.RIGHTS[right]))

    def reportable_kommuner(self, user):
        """Return the kommuner the user may report incidents in: where they are a local
        reporter, a coordinator or an analyst (superusers: all)."""
        return self._kommuner_where(user, "report")

    def analysable_kommuner(self, user):
        """Return the kommuner whose reports and summaries the user sees in full: where they
        are a coordinator or an analyst."""
        return self._kommuner_where(user, "read_all")

    def configurable_kommuner(self, user):
        """Return the kommuner whose checklist and places the user keeps: their coordinators'."""
        return self._kommuner_where(user, "configure")

    def rights_in(self, user, kommun):
        """Return the set of the user's rights in the kommun ("report", "read_all",
        "configure"), from one query."""
        if not user.is_authenticated:
            return set()
        if user.is_superuser:
            return set(self.RIGHTS)
        roles = set(
            KommunMembership.objects.filter(user=user, kommun=kommun).values_list("role", flat=True)
        )
        return {right for right, allowed in self.RIGHTS.items() if roles & set(allowed)}

    def reporting_organisation(self, user, kommun):
        """Return the organisation the user reports for in the kommun: a local reporter's
        partner, or None for the kommun's own coordinators and analysts."""
        membership = (
            KommunMembership.objects.reporters()
            .filter(user=user, kommun=kommun)
            .select_related("organisation")
            .first()
        )
        return membership.organisation if membership else None

    def in_period(self, start, end):
        """Return the reports of incidents on start ≤ date < end."""
        return self.filter(occurred_on__gte=start, occurred_on__lt=end)


class IncidentReport(models.Model):
    """One incident in a place, reported by a partner's staff: what, when, where, a short text.

    Where is a named place or a point (WGS84 latitude and longitude), never both. The area
    is the place's, or the point's when geometry can tell (`area_for_point`).
    """

    class PartOfDay(models.TextChoices):
        NIGHT = "night", _("night (00–06)")
        MORNING = "morning", _("morning (06–12)")
        AFTERNOON = "afternoon", _("afternoon (12–18)")
        EVENING = "evening", _("evening (18–24)")

    kommun = models.ForeignKey(
        Kommun, models.PROTECT, related_name="incident_reports", verbose_name=_("municipality")
    )
    category = models.ForeignKey(
        IncidentCategory, models.PROTECT, related_name="reports", verbose_name=_("category")
    )
    occurred_on = models.DateField(_("date"), db_index=True)
    time_of_day = models.TimeField(_("time"), null=True, blank=True)
    part_of_day = models.CharField(_("part of day"), max_length=10, choices=PartOfDay.choices)
    place = models.ForeignKey(
        Place,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("place"),
    )
    latitude, longitude = coordinate_fields()
    area = models.ForeignKey(
        "areas.Area",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="incident_reports",
        verbose_name=_("area"),
    )
    text = models.CharField(_("what happened"), max_length=TEXT_MAX_LENGTH, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="incident_reports",
        verbose_name=_("reported by"),
    )
    organisation = models.ForeignKey(
        "actors.Organisation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="incident_reports",
        verbose_name=_("organisation"),
        help_text=_("The partner that reported it; empty when the kommun's own staff did."),
    )
    created_at = models.DateTimeField(_("reported"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    version = models.PositiveIntegerField(default=1)
    is_example = models.BooleanField(
        _("example"), default=False, help_text=_("Made-up demo data; pages say so.")
    )

    objects = IncidentReportQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_on", "-time_of_day", "-pk"]
        indexes = [
            models.Index(fields=["kommun", "occurred_on"]),
            # The lägesbild's mapping (lagesbild.mapping): a kommun's points in a period, read
            # from the index alone (PostgreSQL: an index-only scan, no table rows: 29 ms
            # instead of 100+ for a kommun of 450,000 reports); the reports at named places,
            # few among many, counted and read apart.
            models.Index(
                fields=["kommun", "occurred_on"],
                include=["latitude", "longitude", "category", "is_example"],
                condition=Q(latitude__isnull=False),
                name="incident_point_by_date",
            ),
            models.Index(
                fields=["kommun", "occurred_on"],
                condition=Q(latitude__isnull=True),
                name="incident_place_by_date",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(place__isnull=False, latitude__isnull=True, longitude__isnull=True)
                | Q(place__isnull=True, latitude__isnull=False, longitude__isnull=False),
                name="report_has_a_place_or_a_point",
            )
        ]
        verbose_name = _("incident report")
        verbose_name_plural = _("incident reports")

    def __str__(self):
        return f"{self.category} {self.occurred_on} ({self.kommun})"

    @staticmethod
    def part_of_day_at(time):
        """Return the part of day a time of day falls in."""
        parts = IncidentReport.PartOfDay
        return [parts.NIGHT, parts.MORNING, parts.AFTERNOON, parts.EVENING][time.hour // 6]

    @property
    def where(self):
        """Return the place's name, or the point as text."""
        if self.place_id:
            return self.place.name
        return f"{self.latitude}, {self.longitude}"

    def resolve_area(self):
        """Set the area from the place, or from the point when geometry can tell."""
        if self.place_id:
            self.area = self.place.resolved_area()
        else:
            self.area = area_for_point(self.kommun, self.latitude, self.longitude)

    def is_correctable_by(self, user, now=None):
        return IncidentReport.objects.editable_by(user, now).filter(pk=self.pk).exists()
