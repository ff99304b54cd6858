"""The lägesbild's mapping, computed once for the page, the CSV and the PDF alike: the areas
of other systems that overlap it, local incident reports (suppressed), the indicators of the
area compared with the kommun and other vulnerable areas, area-weighted estimates, the
classification history and the sources.

A fixed number of queries whatever the number of areas, values or reports: boundaries and
values are fetched in one query each and combined in Python.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import shapely
from django.conf import settings
from django.db import connections
from django.db.models import FloatField, IntegerField, Q
from django.db.models.functions import Cast, ExtractQuarter, ExtractYear
from django.utils.translation import gettext as _

from lofte.areas.models import Area, AreaBoundary, AreaClassification
from lofte.areas.overlay import overlap_shapes, weigh
from lofte.incidents.models import IncidentCategory, IncidentReport
from lofte.incidents.summaries import CountTable, Period
from lofte.indicators.models import Indicator, IndicatorValue
from lofte.suppression import suppress_together

# The area systems drawn over the lägesbild's area and listed with their overlap.
OVERLAY_KINDS = [
    Area.Kind.REGSO,
    Area.Kind.DESO,
    Area.Kind.MELLANOMRADE,
    Area.Kind.STADSOMRADE,
]
# Statistics of these systems are moved onto the lägesbild's area by area weighting.
ESTIMATE_KINDS = [Area.Kind.REGSO, Area.Kind.DESO]
# Themes whose values are levels (a type, a rate), weighted as a mean; others are counts.
MEAN_THEMES = {
    Indicator.Theme.SOCIO_ECONOMIC,
    Indicator.Theme.SAFETY,
    Indicator.Theme.SCHOOL,
}
MIN_SHARE = 0.005  # an overlap under 0.5 % of both areas is a slip of simplified boundaries


@dataclass
class Overlay:
    area: object
    share_of_lagesbild: float  # how much of the lägesbild's area lies in this area (0–1)
    share_inside: float  # how much of this area lies inside the lägesbild's area (0–1)
    boundary: object = None

    @property
    def shape(self):
        return self.boundary.shape


@dataclass
class Series:
    name: str  # the area's name, or the indicator's where one section holds several
    values: dict  # {period label: IndicatorValue}


@dataclass
class IndicatorSection:
    indicator: object  # the first one where a section groups several (the Police's events)
    periods: list  # [(kind, start, label)] in order
    series: list  # [Series], the lägesbild's area first
    estimates: list = field(default_factory=list)  # [(area, classification, Estimate)]
    estimate_period: str = ""
    title: str = ""
    slug: str = ""
    compares_areas: bool = True  # the series are areas (drawn as an index), not kinds
    imported: set = field(default_factory=set)  # when the values shown were imported

    def rows(self):
        """[(name, [value or None per period])] for the table."""
        return [(s.name, [s.values.get(p[2]) for p in self.periods]) for s in self.series]


@dataclass
class IncidentTables:
    by_area: CountTable
    by_quarter: CountTable
    suppressed: dict  # {"by_area": Suppressed, "by_quarter": Suppressed}
    has_examples: bool
    without_position: int  # reports in the kommun and period with no position: not counted
    threshold: int


@dataclass
class Mapping:
    lagesbild: object
    boundary: object
    overlays: list
    incidents: IncidentTables
    indicators: list
    classifications: list
    sources: list


def build(lagesbild, threshold=None):
    """Return the Mapping of a lägesbild."""
    threshold = settings.SUPPRESS_BELOW if threshold is None else threshold
    area, on = lagesbild.area, lagesbild.period_end
    boundary = AreaBoundary.objects.valid_on(on).filter(area=area).first()
    overlays = _overlays(area, boundary, on)
    incidents = _incidents(lagesbild, boundary, overlays, threshold)
    indicators = _indicators(lagesbild, overlays, on)
    classifications = list(AreaClassification.objects.filter(area=area).order_by("-year"))
    sources = _sources(boundary, overlays, indicators, incidents, classifications)
    return Mapping(lagesbild, boundary, overlays, incidents, indicators, classifications, sources)


def _overlays(area, boundary, on):
    if boundary is None:
        return []
    candidates = (
        AreaBoundary.objects.valid_on(on)
        .overlapping_box(boundary.min_lon, boundary.min_lat, boundary.max_lon, boundary.max_lat)
        .filter(area__kind__in=OVERLAY_KINDS)
        .exclude(area=area)
        .select_related("area")
    )
    found = []
    for other in candidates:
        o = overlap_shapes(boundary.shape, other.shape)
        if o.share_of_a < MIN_SHARE and o.share_of_b < MIN_SHARE:
            continue
        found.append(Overlay(other.area, o.share_of_a, o.share_of_b, other))
    order = {kind: i for i, kind in enumerate(OVERLAY_KINDS)}
    found.sort(key=lambda o: (order[o.area.kind], -o.share_of_lagesbild, o.area.name))
    return found


def _quarters(start, end):
    quarters, quarter = [], Period.containing("quarter", start)
    while quarter.start <= end:
        quarters.append(quarter)
        quarter = quarter.next()
    return quarters


def _incidents(lagesbild, boundary, overlays, threshold):
    """Reports whose position lies in the area, per RegSO part and category and per quarter
    and category; both tables suppressed together (they share their grand total).

    The rows of the first table are the parts of the area in each RegSO: they never overlap,
    so no row can be taken from another to give a hidden count away."""
    # Finished quarters only, as on the residents' incident page: a count that still grows
    # would give away each new report by the difference from one day to the next.
    finished = Period.containing("quarter", datetime.date.today()).start
    end = min(lagesbild.period_end, finished - datetime.timedelta(days=1))
    # Unordered: counted, not listed, and the reports' own ordering would need the table rows.
    reports = IncidentReport.objects.filter(
        kommun=lagesbild.kommun,
        occurred_on__gte=lagesbild.period_start,
        occurred_on__lte=end,
    ).order_by()
    # A report has its own point or a named place (a constraint), and a place may lack one.
    at_places = reports.filter(latitude__isnull=True)
    without_position = at_places.filter(
        Q(place__latitude__isnull=True) | Q(place__longitude__isnull=True)
    ).count()
    # Only reports in the boundary's box can lie in the area: a kommun of hundreds of
    # thousands of reports sends the few thousand near it, not all of them. Points and
    # places apart: the few reports at places have their own index (IncidentReport.Meta).
    positioned = []
    if boundary is not None:
        lat = (boundary.min_lat, boundary.max_lat)
        lon = (boundary.min_lon, boundary.max_lon)
        # Floats and quarters from the database: building 10,000 Decimals and dates in
        # Python took longer than the query (benchmarks/national).
        columns = {
            "y": Cast("latitude", FloatField()),
            "x": Cast("longitude", FloatField()),
            "year": Cast(ExtractYear("occurred_on"), IntegerField()),
            "quarter": Cast(ExtractQuarter("occurred_on"), IntegerField()),
        }
        fields = ("y", "x", "category_id", "year", "quarter", "is_example")
        positioned = _fetched(
            reports.filter(latitude__range=lat, longitude__range=lon)
            .annotate(**columns)
            .values_list(*fields)
        )
        columns.update(
            y=Cast("place__latitude", FloatField()), x=Cast("place__longitude", FloatField())
        )
        positioned += _fetched(
            at_places.filter(place__latitude__range=lat, place__longitude__range=lon)
            .annotate(**columns)
            .values_list(*fields)
        )
    parts = [o for o in overlays if o.area.kind == Area.Kind.REGSO]
    quarters = _quarters(lagesbild.period_start, end) if end >= lagesbild.period_start else []
    cells_area, cells_quarter, used, examples = {}, {}, set(), False
    if boundary is not None and positioned:
        table = np.array(positioned, dtype=np.float64)
        lat, lon = table[:, 0], table[:, 1]
        inside = shapely.contains_xy(boundary.shape, lon, lat)
        part_of = np.full(len(positioned), -1)
        for i, part in enumerate(parts):
            free = inside & (part_of == -1)
            part_of[free & shapely.contains_xy(part.shape, lon, lat)] = i
        category = table[inside, 2].astype(np.int64)
        quarter = (table[inside, 3] * 4 + table[inside, 4] - 1).astype(np.int64)
        for (i, c), n in _counted(part_of[inside], category):
            cells_area[parts[i].area.pk if i >= 0 else None, c] = n
        for (q, c), n in _counted(quarter, category):
            cells_quarter[Period("quarter", q // 4, q % 4 + 1).code, c] = n
        used = {int(c) for c in np.unique(category)}
        examples = bool(table[inside, 5].any())
    categories = [(c.pk, c.name) for c in IncidentCategory.objects.filter(pk__in=used)]
    area_rows = [(p.area.pk, p.area.name) for p in parts]
    if any(k[0] is None for k in cells_area):
        area_rows.append((None, _("Elsewhere in the area")))
    by_area = CountTable(rows=area_rows, columns=categories, cells=dict(cells_area))
    by_quarter = CountTable(
        rows=[(q.code, q.label) for q in quarters], columns=categories, cells=dict(cells_quarter)
    )
    suppressed = suppress_together(
        {"by_area": by_area.matrix(), "by_quarter": by_quarter.matrix()}, threshold
    )
    return IncidentTables(by_area, by_quarter, suppressed, examples, without_position, threshold)


def _fetched(queryset):
    """Return the rows of a values_list() as the database driver gives them: Django's
    converters, called per value, cost more than the query for a kommun's 10,000 reports."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _counted(rows, columns):
    """Return ((row, column), count) for each pair of non-negative-column integers that
    occurs, as Python ints (one integer key each: np.unique over pairs sorts far slower)."""
    shift = np.int64(1) << 32
    keys, counts = np.unique(rows.astype(np.int64) * shift + columns, return_counts=True)
    rows, columns = np.divmod(keys, shift)
    return [((int(r), int(c)), int(n)) for r, c, n in zip(rows, columns, counts, strict=True)]


def _indicators(lagesbild, overlays, on):
    """Each indicator with values for the area, the areas of other systems that hold most of
    it (its stadsområde, mellanområde) and the whole kommun; and, for statistics of RegSO and
    DeSO, an area-weighted estimate for the area and the kommun's other vulnerable areas."""
    area, kommun = lagesbild.area, lagesbild.kommun
    containing = [
        o.area
        for o in overlays
        if o.area.kind in (Area.Kind.STADSOMRADE, Area.Kind.MELLANOMRADE)
        and o.share_of_lagesbild >= 0.5
    ]
    # The whole kommun, and its län (the Police's events often name only the län).
    wider = list(
        Area.objects.filter(
            Q(kind=Area.Kind.KOMMUN, kommun=kommun) | Q(kind=Area.Kind.LAN, code=kommun.county_code)
        ).order_by("kind")
    )
    wider.sort(key=lambda a: a.kind != Area.Kind.KOMMUN)
    compared = [area, *containing, *wider]
    values = (
        IndicatorValue.objects.filter(area__in=compared)
        .select_related("indicator", "source_import")
        .order_by("period_kind", "period_start")
    )
    by_indicator = defaultdict(list)
    for value in values:
        by_indicator[value.indicator].append(value)
    sections = {}
    events = {}
    for indicator, vals in by_indicator.items():
        if indicator.theme == Indicator.Theme.POLICE_EVENTS:
            events[indicator] = vals
            continue
        periods = _periods(vals)
        series = []
        for a in compared:
            mine = {v.period_label: v for v in vals if v.area_id == a.pk}
            if mine:
                series.append(Series(a.name, mine))
        sections[indicator.pk] = IndicatorSection(
            indicator, periods, series, title=indicator.name, slug=indicator.slug
        )
    if events:
        # The Police's events, one table: a row per kind of event in the widest area named.
        first = sorted(events, key=lambda i: i.name)[0]
        every = [v for vals in events.values() for v in vals]
        place = max((v.area for v in every), key=lambda a: a.kind == Area.Kind.LAN)
        sections["police-events"] = IndicatorSection(
            first,
            _periods(sorted(every, key=lambda v: (v.period_kind, v.period_start))),
            [
                Series(
                    i.name.split(": ", 1)[-1],
                    {v.period_label: v for v in vals if v.area_id == place.pk},
                )
                for i, vals in sorted(events.items(), key=lambda kv: kv[0].name)
            ],
            title=_("The Police's events in %(area)s, per week") % {"area": place.name},
            slug="polisens-handelser",
            compares_areas=False,
        )
    _estimates(lagesbild, sections, on)
    order = {theme: i for i, theme in enumerate(Indicator.Theme.values)}
    return sorted(sections.values(), key=lambda s: (order.get(s.indicator.theme, 99), s.title))


def _periods(values):
    periods = []
    for v in values:
        if (v.period_kind, v.period_start, v.period_label) not in periods:
            periods.append((v.period_kind, v.period_start, v.period_label))
    return periods


def _estimates(lagesbild, sections, on):
    area, kommun = lagesbild.area, lagesbild.kommun
    source_values = (
        IndicatorValue.objects.known()
        .filter(area__kind__in=ESTIMATE_KINDS, area__kommun=kommun)
        .select_related("indicator", "area", "source_import")
        .order_by("period_kind", "-period_start")
    )
    latest = {}  # indicator -> (period label, {area: value}) of its latest period
    imported = defaultdict(set)
    for v in source_values:
        label, found = latest.setdefault(v.indicator, (v.period_label, {}))
        if v.period_label == label:
            found[v.area] = v.value
            if v.source_import and v.source_import.saved_at:
                imported[v.indicator].add(v.source_import.saved_at.date())
    if not latest:
        return
    targets = AreaBoundary.objects.valid_on(on).filter(
        Q(area__kind=Area.Kind.VULNERABLE_AREA, area__kommun=kommun) | Q(area=area)
    )
    targets = {b.area: b for b in targets.select_related("area")}
    classes = {
        c.area_id: c
        for c in AreaClassification.objects.filter(area__in=list(targets)).order_by("year")
    }
    sources = {
        b.area_id: b
        for b in AreaBoundary.objects.valid_on(on).filter(
            area__kind__in=ESTIMATE_KINDS, area__kommun=kommun
        )
    }
    ordered = sorted(targets, key=lambda a: (a.pk != area.pk, a.name))
    for indicator, (label, found) in latest.items():
        kind = "mean" if indicator.theme in MEAN_THEMES else "count"
        section = sections.setdefault(
            indicator.pk,
            IndicatorSection(indicator, [], [], title=indicator.name, slug=indicator.slug),
        )
        section.estimate_period = label
        section.imported |= imported[indicator]
        for target in ordered:
            box = targets[target]
            near = [
                (a, float(v), sources[a.pk].shape)
                for a, v in found.items()
                if a.pk in sources
                and sources[a.pk].min_lon <= box.max_lon
                and sources[a.pk].max_lon >= box.min_lon
                and sources[a.pk].min_lat <= box.max_lat
                and sources[a.pk].max_lat >= box.min_lat
            ]
            estimate = weigh(near, target, box.shape, kind)
            if estimate.value is not None:
                section.estimates.append((target, classes.get(target.pk), estimate))


def _sources(boundary, overlays, indicators, incidents, classifications):
    """Every source on the page: what, from whom, of when, and its limits."""
    sources = []
    if boundary is not None:
        sources.append(
            {
                "name": _("Boundary of %(area)s") % {"area": boundary.area.name},
                "source": boundary.source,
                "date": boundary.valid_from,
                "limits": _("Valid from %(date)s; imported %(imported)s.")
                % {"date": boundary.valid_from, "imported": boundary.imported_at.date()},
            }
        )
    kinds = {}
    for o in overlays:
        kinds.setdefault(o.area.kind, o)
    for o in kinds.values():
        sources.append(
            {
                "name": _("Boundaries: %(kind)s") % {"kind": o.area.get_kind_display()},
                "source": o.boundary.source,
                "date": o.boundary.valid_from,
                "limits": _(
                    "Another area system than the lägesbild's area: overlaps are measured in "
                    "m² on ETRS89-LAEA, and shares under 0.5 % left out as slips of "
                    "simplified boundaries."
                ),
            }
        )
    if classifications:
        latest = classifications[0]
        sources.append(
            {
                "name": _("The Police's classification of vulnerable areas"),
                "source": latest.source or _("The Police"),
                "date": latest.valid_from,
                "limits": _(
                    "The Police publish no scoring formula; the class rests on the local "
                    "problem picture."
                ),
            }
        )
    for section in indicators:
        ind = section.indicator
        dates = section.imported | {
            v.source_import.saved_at.date()
            for s in section.series
            for v in s.values.values()
            if v.source_import and v.source_import.saved_at
        }
        periods = [p[2] for p in section.periods] or [section.estimate_period]
        when = periods[0] if len(periods) == 1 else f"{periods[0]}–{periods[-1]}"
        if dates:
            when = _("%(periods)s, imported %(date)s") % {"periods": when, "date": max(dates)}
        sources.append(
            {
                "name": section.title,
                "source": ind.source,
                "url": ind.source_url,
                "licence": ind.licence,
                "date": when,
                "limits": " ".join(t for t in (ind.description, ind.method) if t),
            }
        )
    sources.append(
        {
            "name": _("Local incident reports"),
            "source": _("The municipality's partners, the EST way"),
            "date": datetime.date.today(),
            "limits": _(
                "Only reports with a position inside the area, in finished quarters, are "
                "counted; %(without)s reports without a position are not. Counts below "
                "%(threshold)s are hidden, with others, so that no total gives them away."
            )
            % {"without": incidents.without_position, "threshold": incidents.threshold},
        }
    )
    return sources
