"""Everything one lägesbild shows, gathered once: the page, the CSV and the PDF read the same
tables, so they hide the same cells and say the same numbers."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from lofte.areas import svg
from lofte.indicators.models import IndicatorValue
from lofte.lagesbild import charts, exports, mapping
from lofte.lagesbild.models import OutcomeMeasure
from lofte.promises.models import Commitment, Promise
from lofte.suppression import TOTAL


@dataclass
class ActionPlanRow:
    problem: object
    commitments: list  # the commitments the person may see, with their measures


@dataclass
class Content:
    lagesbild: object
    mapping: object
    plan: list
    promises: list
    outcomes: list  # [(measure, baseline, later values)]
    map_svg: str
    charts: dict  # {section slug: svg}
    tables: dict = None  # {key: exports.Table}: what the CSV and the PDF say
    indicator_parts: list = None  # per indicator: its section, chart and tables


def gather(lagesbild, user, threshold=None):
    """Return the Content of a lägesbild as `user` may see it."""
    threshold = settings.SUPPRESS_BELOW if threshold is None else threshold
    found = mapping.build(lagesbild, threshold)
    # The promises the user may see, asked inside the commitments' query: as a list they were
    # every published promise in the country, 1,500 of them.
    problems = lagesbild.problems.prefetch_related(
        Prefetch(
            "commitments",
            Commitment.objects.filter(focus_area__promise__in=Promise.objects.visible_to(user))
            .select_related("focus_area__promise")
            .prefetch_related("measures", "actors")
            .order_by("focus_area__order", "order", "pk"),
        )
    )
    plan = [ActionPlanRow(p, list(p.commitments.all())) for p in problems]
    promises = sorted(
        {c.focus_area.promise for row in plan for c in row.commitments},
        key=lambda p: (-p.period_start.toordinal(), p.title),
    )
    measures = list(
        OutcomeMeasure.objects.filter(goal__promise__in=[p.pk for p in promises]).select_related(
            "goal__promise", "indicator", "area"
        )
    )
    values = list(
        IndicatorValue.objects.filter(
            indicator__in={m.indicator_id for m in measures}, area__in={m.area_id for m in measures}
        )
    )
    outcomes = [(m, *m.series(values)) for m in measures]
    gathered = Content(
        lagesbild,
        found,
        plan,
        promises,
        outcomes,
        incident_map(found),
        {s.slug: trend_chart(s) for s in found.indicators},
    )
    gathered.tables = {t.key: t for t in exports.tables(gathered)}
    gathered.indicator_parts = [
        {
            "section": s,
            "chart": gathered.charts[s.slug],
            "table": gathered.tables.get(f"indicator-{s.slug}"),
            "estimates": gathered.tables.get(f"estimate-{s.slug}"),
        }
        for s in found.indicators
    ]
    return gathered


def shown_incidents_by_area(found):
    """{area pk: shown total or None when hidden} of the incident table's rows."""
    table, suppressed = found.incidents.by_area, found.incidents.suppressed["by_area"]
    return {key: suppressed.shown(i, TOTAL) for i, (key, _label) in enumerate(table.rows)}


def incident_map(found):
    """The RegSO and other areas over the lägesbild's area, shaded by the density of incident
    reports in each part (the same suppressed counts as the table), the area drawn on top."""
    if found.boundary is None:
        return ""
    totals = shown_incidents_by_area(found)
    parts = [o for o in found.overlays if o.area.kind == "regso"]
    densities = {}
    for o in parts:
        count = totals.get(o.area.pk)
        km2 = found.boundary.area_m2 * o.share_of_lagesbild / 1e6
        densities[o.area.pk] = None if count is None or not km2 else count / km2
    known = [d for d in densities.values() if d is not None]
    high = max(known) if known else 0
    areas = []
    for o in parts:
        count = totals.get(o.area.pk)
        label = _(
            "%(name)s: %(inside)s %% of it inside the area, %(share)s %% of the area; "
            "reports: %(count)s"
        ) % {
            "name": o.area.name,
            "inside": f"{o.share_inside * 100:.0f}",
            "share": f"{o.share_of_lagesbild * 100:.0f}",
            "count": ".." if count is None else count,
        }
        areas.append(
            svg.MapArea(
                o.area.name,
                o.shape,
                label=label,
                fill=svg.shade(densities[o.area.pk], 0, high),
                css_class="overlay",
            )
        )
    areas.append(svg.MapArea(found.boundary.area.name, found.boundary.shape, css_class="focus"))
    return svg.area_map(
        areas,
        "lagesbild-map",
        _("Map of %(area)s with the RegSO areas it overlaps") % {"area": found.boundary.area},
        _(
            "The area's boundary is drawn thick; each RegSO is shaded by reported incidents "
            "per km² in its part of the area. The tables below give every number."
        ),
    )


def trend_chart(section):
    if len(section.periods) < 2:
        return ""
    series = [
        (
            s.name,
            [
                float(v.value)
                if (v := s.values.get(p[2])) is not None and v.value is not None
                else None
                for p in section.periods
            ],
        )
        for s in section.series
    ]
    return charts.line_chart(
        f"chart-{section.slug}",
        section.title,
        [p[2] for p in section.periods],
        series,
        index=section.compares_areas and len(series) > 1,
    )
