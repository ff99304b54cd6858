"""Which areas a promise's area is compared with, by one documented rule, and the panels the
estimators read.

The rule (`choose`):
1. Candidates are the areas of the same kind (the same area system: RegSO with RegSO, the
   city's stadsområden with stadsområden), other than the treated area.
2. A neighbour is never a comparison area: a promise may push crime next door or spill its
   good over, and either would bias the comparison. An area whose boundary lies within
   `buffer_m` metres of the treated area's (on the start date, measured on ETRS89-LAEA) is
   left out; so is one without a boundary then, since it cannot be checked. When the treated
   area's boundaries begin after the start (an area system drawn later, as SCB's RegSO of
   2025), they are compared on the first day it has one (`boundary_date`).
3. An area without a known value in each of the treated area's periods before the start
   (suppressed or missing) is left out: its level and trend cannot be compared.
4. The rest are ranked by how alike they are to the treated area before the start: the
   socio-economic type (the latest known value of the chosen indicator, when one is chosen),
   the level of the outcome (its mean; for counts on the log scale, so an area twice as large
   is as far away as one half as large) and its trend (the slope per period, on the same
   scale). Each is divided by its spread among the candidates, and the distance is the sum of
   their squares. The `n` nearest are chosen, each with these facts as its reason.
"""

import math
from dataclasses import dataclass

import shapely
from django.utils.translation import gettext as _

from lofte.areas.models import Area, AreaBoundary
from lofte.areas.overlay import measured
from lofte.evaluation import estimation as est
from lofte.indicators.models import IndicatorValue

MAX_PERIODS_COMPARED = 8  # the periods before the start that level and trend are read from
DEFAULT_COMPARISONS = 10


@dataclass
class Candidate:
    area: Area
    facts: dict
    score: float


@dataclass
class Choice:
    chosen: list  # [Candidate], nearest first
    left_out: dict  # {Area: code}: "neighbour", "no_boundary", "unknown_before"
    periods: list  # the period labels level and trend were read from


def _scale(values, kind):
    """Counts on the log scale (with ½ so a zero has one), rates as they are."""
    if kind == est.COUNT:
        return [math.log(v + 0.5) for v in values]
    return list(values)


def _slope(ys):
    n = len(ys)
    mean_x, mean_y = (n - 1) / 2, sum(ys) / n
    top = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(ys))
    bottom = sum((x - mean_x) ** 2 for x in range(n))
    return top / bottom if bottom else 0.0


def periods_before(indicator, area, start):
    """The treated area's last periods (of its most recent kind) before the start."""
    latest = (
        IndicatorValue.objects.filter(indicator=indicator, area=area, period_start__lt=start)
        .order_by("-period_start")
        .first()
    )
    if latest is None:
        return None, []
    values = IndicatorValue.objects.filter(
        indicator=indicator, area=area, period_kind=latest.period_kind, period_start__lt=start
    ).order_by("-period_start")[:MAX_PERIODS_COMPARED]
    return latest.period_kind, sorted((v.period_start, v.period_label) for v in values)


def boundary_date(area, start):
    """The day neighbours are measured on: the start, or the treated area's first boundary's
    first day when it has none then (None when it has no boundary at all)."""
    if area.boundary(start) is not None:
        return start
    return (
        AreaBoundary.objects.filter(area=area, valid_from__gt=start)
        .order_by("valid_from")
        .values_list("valid_from", flat=True)
        .first()
    )


def neighbours(area, on, buffer_m, candidates):
    """Split candidates into ({area: km away}, [neighbours], [without a boundary])."""
    boundary = area.boundary(on)
    if boundary is None:
        return {}, [], list(candidates)
    zone = measured(boundary.shape)
    near = shapely.buffer(zone, buffer_m)
    shapely.prepare(near)
    boundaries = AreaBoundary.objects.by_area(candidates, on)
    far, close, unknown = {}, [], []
    for candidate in candidates:
        b = boundaries.get(candidate.pk)
        if b is None:
            unknown.append(candidate)
            continue
        shape = measured(b.shape)
        if shapely.intersects(near, shape):
            close.append(candidate)
        else:
            far[candidate] = shapely.distance(zone, shape) / 1000
    return far, close, unknown


def _latest_known(indicator, areas, start):
    """{area id: the latest known value on or before the start} of an indicator."""
    latest = {}
    for area_id, value in (
        IndicatorValue.objects.known()
        .filter(indicator=indicator, area__in=areas, period_start__lte=start)
        .order_by("period_start")
        .values_list("area_id", "value")
    ):
        latest[area_id] = float(value)
    return latest


def choose(area, indicator, start, value_kind=est.COUNT, socio=None, buffer_m=500, n=None):
    """Apply the rule (see the module's docstring) and return its Choice."""
    n = n or DEFAULT_COMPARISONS
    period_kind, periods = periods_before(indicator, area, start)
    starts = [s for s, _label in periods]
    labels = [label for _s, label in periods]
    candidates = list(Area.objects.filter(kind=area.kind).exclude(pk=area.pk))
    far, close, unknown = neighbours(area, boundary_date(area, start), buffer_m, candidates)
    left_out = {a: "neighbour" for a in close} | {a: "no_boundary" for a in unknown}

    series = {}
    for area_id, period_start, value in (
        IndicatorValue.objects.known()
        .filter(
            indicator=indicator,
            area__in=[area, *far],
            period_kind=period_kind,
            period_start__in=starts,
        )
        .values_list("area_id", "period_start", "value")
    ):
        series.setdefault(area_id, {})[period_start] = float(value)

    def shape_of(a):
        values = series.get(a.pk, {})
        if not starts or any(s not in values for s in starts):
            return None
        scaled = _scale([values[s] for s in starts], value_kind)
        return sum(scaled) / len(scaled), _slope(scaled), [values[s] for s in starts]

    treated = shape_of(area)
    if treated is None:
        return Choice([], left_out, labels)
    socio_values = _latest_known(socio, [area, *far], start) if socio else {}
    rows = []
    for candidate, km in far.items():
        shape = shape_of(candidate)
        if shape is None:
            left_out[candidate] = "unknown_before"
            continue
        if socio and candidate.pk not in socio_values:
            left_out[candidate] = "unknown_socio"
            continue
        rows.append((candidate, km, shape))

    def spread(xs):
        if len(xs) < 2:
            return 1.0
        mean = sum(xs) / len(xs)
        sd = math.sqrt(sum((x - mean) ** 2 for x in xs) / (len(xs) - 1))
        return sd or 1.0

    level_sd = spread([s[0] for _c, _k, s in rows])
    trend_sd = spread([s[1] for _c, _k, s in rows])
    socio_sd = spread([socio_values[c.pk] for c, _k, _s in rows]) if socio else 1.0
    chosen = []
    for candidate, km, (level, trend, values) in rows:
        score = ((level - treated[0]) / level_sd) ** 2 + ((trend - treated[1]) / trend_sd) ** 2
        facts = {
            "kind": value_kind,
            "level": [sum(values) / len(values), sum(treated[2]) / len(treated[2])],
            "trend": [trend, treated[1]],
            "km": round(km, 1),
            "periods": len(starts),
        }
        if socio:
            own, theirs = socio_values[candidate.pk], socio_values.get(area.pk)
            if theirs is not None:
                score += ((own - theirs) / socio_sd) ** 2
            facts["socio"] = [own, theirs]
        chosen.append(Candidate(candidate, facts, score))
    chosen.sort(key=lambda c: (c.score, c.area.name))
    return Choice(chosen[:n], left_out, labels)


def _n(x, decimals=1):
    from lofte.evaluation.wording import _number

    return _number(x, decimals)


def reason_text(facts):
    """The rule's facts about one comparison area, said in the active language."""
    if not facts:
        return ""
    parts = [_("same kind of area, not a neighbour (%(km)s km away)") % {"km": _n(facts["km"])}]
    if facts.get("socio"):
        own, theirs = facts["socio"]
        parts.append(
            _("socio-economic type %(own)s (the promise's area: %(theirs)s)")
            % {"own": _n(own), "theirs": "–" if theirs is None else _n(theirs)}
        )
    own, theirs = facts["level"]
    parts.append(
        _("level before the start %(own)s (the promise's area: %(theirs)s)")
        % {"own": _n(own), "theirs": _n(theirs)}
    )
    own, theirs = facts["trend"]
    if facts.get("kind") == est.COUNT:
        parts.append(
            _("trend %(own)s %% a period (the promise's area: %(theirs)s %%)")
            % {"own": _n(math.expm1(own) * 100), "theirs": _n(math.expm1(theirs) * 100)}
        )
    else:
        parts.append(
            _("trend %(own)s a period (the promise's area: %(theirs)s)")
            % {"own": _n(own, 2), "theirs": _n(theirs, 2)}
        )
    return "; ".join(parts)


def series_for(indicator, areas, period_kind):
    """{area id: {period start: value or None}} and {period start: label}, in one query."""
    series, labels = {}, {}
    for area_id, period_start, label, value in IndicatorValue.objects.filter(
        indicator=indicator, area__in=areas, period_kind=period_kind
    ).values_list("area_id", "period_start", "period_label", "value"):
        series.setdefault(area_id, {})[period_start] = None if value is None else float(value)
        labels[period_start] = label
    return series, labels


def treated_periods(selection):
    """(period kind, [period start]) of the treated area's values, of its latest kind."""
    kind = (
        IndicatorValue.objects.filter(indicator=selection.indicator, area=selection.area)
        .order_by("-period_start")
        .values_list("period_kind", flat=True)
        .first()
    )
    starts = IndicatorValue.objects.filter(
        indicator=selection.indicator, area=selection.area, period_kind=kind
    ).values_list("period_start", flat=True)
    return kind, sorted(starts)


def panel_for(selection):
    """The estimators' Panel of a selection: the treated area's periods (of its latest kind),
    its values and its comparison areas', None where a value is suppressed or missing."""
    area = selection.area
    comparisons = [c.area for c in selection.areas.select_related("area")]
    kind, starts = treated_periods(selection)
    series, labels = series_for(selection.indicator, [area, *comparisons], kind)
    start = next((i for i, s in enumerate(starts) if s >= selection.start), len(starts))
    return est.Panel(
        [labels[s] for s in starts],
        {a.pk: [series.get(a.pk, {}).get(s) for s in starts] for a in [area, *comparisons]},
        area.pk,
        start,
        selection.value_kind,
        {a.pk: a.name for a in [area, *comparisons]},
    )


@dataclass
class Displacement:
    """The buffer ring's own comparison (its Evaluation) and the WDD, or why there is none."""

    ring: list  # the neighbouring areas that make up the ring
    evaluation: est.Evaluation | None
    wdd: est.WDD | None
    refusal: est.Refusal | None = None


def _summed(series, areas, starts):
    total = []
    for s in starts:
        values = [series.get(a.pk, {}).get(s) for a in areas]
        total.append(None if any(v is None for v in values) else sum(values))
    return total


def displacement(selection):
    """Compare the ring of neighbours around the treated area with the comparison areas, and
    give Wheeler & Ratcliffe's WDD: the treated area, the comparison areas together, the ring,
    and the comparison areas' own neighbours. The comparison areas' counts are scaled to the
    treated area's level before the start, their neighbours' to the ring's, and the variance
    with them (each scaled count's variance is its scale squared times the count)."""
    panel = panel_for(selection)
    area, buffer_m = selection.area, selection.buffer_m
    on = boundary_date(area, selection.start)
    candidates = list(Area.objects.filter(kind=area.kind).exclude(pk=area.pk))
    comparison_areas = [c.area for c in selection.areas.select_related("area")]
    _far, ring, _unknown = neighbours(area, on, buffer_m, candidates)
    ring = [a for a in ring if a not in comparison_areas]
    if not ring:
        return Displacement([], None, None, est.Refusal("no_ring"))
    outer = set()
    for c in comparison_areas:
        _f, close, _u = neighbours(c, on, buffer_m, candidates)
        outer.update(close)
    outer = sorted(outer - {area, *ring, *comparison_areas}, key=lambda a: a.pk)
    kind, starts = treated_periods(selection)
    series, _labels = series_for(selection.indicator, [*ring, *outer], kind)
    ring_series = _summed(series, ring, starts)
    ring_panel = est.Panel(
        panel.periods,
        {"ring": ring_series, **{k: panel.series[k] for k in panel.comparisons}},
        "ring",
        panel.start,
        panel.kind,
        {**panel.names, "ring": _("the ring of neighbouring areas")},
    )
    evaluation = est.evaluate(ring_panel)
    if panel.kind != est.COUNT or not outer:
        return Displacement(ring, evaluation, None, est.Refusal("no_wdd"))
    control = [
        None if None in values else sum(values)
        for values in zip(*(panel.series[k] for k in panel.comparisons), strict=True)
    ]
    parts = [panel.series[panel.treated], control, ring_series, _summed(series, outer, starts)]
    if any(None in p for p in parts):
        return Displacement(ring, evaluation, None, est.Refusal("no_wdd"))
    treated, control, ring_totals, outer_totals = (est.totals(p, panel.start) for p in parts)
    result = est.wdd(
        treated,
        control,
        ring_totals,
        outer_totals,
        control_scale=treated[0] / control[0] if control[0] else 1.0,
        control_displacement_scale=ring_totals[0] / outer_totals[0] if outer_totals[0] else 1.0,
    )
    return Displacement(ring, evaluation, result)
