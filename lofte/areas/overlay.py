"""Overlays: how much of one area lies in another, and statistics moved between area systems
by area weighting. Areas are measured in m² on ETRS89-LAEA (EPSG:3035), an equal-area
projection, so shares are true shares of ground whatever the latitude.
"""

import datetime
from dataclasses import dataclass, field

import shapely
from django.utils.translation import gettext as _

from lofte.areas import geometry as geo
from lofte.areas.models import AreaBoundary


class NoBoundary(LookupError):
    """An area has no boundary valid on the date asked about."""


@dataclass
class Overlap:
    m2: float  # the area both share
    a_m2: float
    b_m2: float

    @property
    def share_of_a(self):
        """How much of a lies inside b (0–1)."""
        return self.m2 / self.a_m2 if self.a_m2 else 0.0

    @property
    def share_of_b(self):
        """How much of b lies inside a (0–1)."""
        return self.m2 / self.b_m2 if self.b_m2 else 0.0


@dataclass
class Contribution:
    area: object
    value: float
    overlap_m2: float
    share_of_source: float  # how much of the source area lies in the target


@dataclass
class Estimate:
    """A value for a target area computed from other areas' values: always an estimate."""

    value: float | None  # None when no source with a value overlaps the target
    kind: str  # "count" or "mean"
    method: str  # says how it was computed, in words, for a label beside the number
    coverage: float  # the share of the target covered by sources that have a value (0–1)
    contributions: list = field(default_factory=list)
    missing: list = field(default_factory=list)  # sources without a boundary on that date
    is_estimate: bool = True


def measured(shape):
    """Return the WGS84 shape projected to the equal-area system (for repeated overlaps)."""
    return geo.project(shape, geo.WGS84, geo.LAEA)


def overlap_shapes(a, b):
    """Return the Overlap of two WGS84 shapes."""
    a, b = measured(a), measured(b)
    return Overlap(float(shapely.area(shapely.intersection(a, b))), a.area, b.area)


def overlap(a, b, on=None):
    """Return the Overlap of two Areas' boundaries valid on `on` (default today).

    Raises NoBoundary when either has none then.
    """
    return overlap_shapes(_shape(a, on), _shape(b, on))


def area_weighted(values_by_area, target, kind="count", on=None):
    """Estimate a value for `target` from values of other areas by area weighting.

    kind="count" (people, crimes): the sum of each value × the share of its area inside the
    target; this assumes the counted things are spread evenly over each source area.
    kind="mean" (a rate, an area type, an index): the mean of the values weighted by each
    source's overlap with the target. A None value (a suppressed cell) is left out, and the
    coverage says how much of the target the sources with values cover.
    """
    if kind not in ("count", "mean"):
        raise ValueError("kind must be 'count' or 'mean'")
    on = on or datetime.date.today()
    valued = {area: value for area, value in values_by_area.items() if value is not None}
    boundaries = AreaBoundary.objects.by_area(valued, on)
    sources = [(a, v, boundaries[a.pk].shape) for a, v in valued.items() if a.pk in boundaries]
    missing = [a for a in valued if a.pk not in boundaries]
    return weigh(sources, target, _shape(target, on), kind, missing)


def weigh(sources, target, target_shape, kind="count", missing=()):
    """Return the Estimate for `target` (its WGS84 shape given) from `sources`, a list of
    (area, value, WGS84 shape): the computation of `area_weighted`, for callers that hold
    the shapes already (a page estimating many areas from one query of boundaries)."""
    if kind not in ("count", "mean"):
        raise ValueError("kind must be 'count' or 'mean'")
    target_shape = measured(target_shape)
    target_m2 = target_shape.area
    shapely.prepare(target_shape)
    contributions, pieces = [], []
    for area, value, shape in sources:
        if value is None:
            continue
        source = measured(shape)
        if not shapely.intersects(target_shape, source):
            continue
        piece = shapely.intersection(target_shape, source)
        if piece.area <= 0:
            continue
        pieces.append(piece)
        contributions.append(Contribution(area, value, piece.area, piece.area / source.area))
    covered = shapely.union_all(pieces).area if pieces else 0.0
    coverage = min(1.0, covered / target_m2) if target_m2 else 0.0
    value = _combine(contributions, kind)
    return Estimate(
        value,
        kind,
        _method(kind, target, contributions, coverage),
        coverage,
        contributions,
        list(missing),
    )


def _combine(contributions, kind):
    if not contributions:
        return None
    if kind == "count":
        return sum(c.value * c.share_of_source for c in contributions)
    weight = sum(c.overlap_m2 for c in contributions)
    return sum(c.value * c.overlap_m2 for c in contributions) / weight


def _method(kind, target, contributions, coverage):
    params = {
        "target": target.name,
        "sources": len(contributions),
        "coverage": f"{coverage * 100:.0f}",
    }
    if kind == "count":
        text = _(
            "Estimate by area weighting: the sum over %(sources)s source areas of each value × "
            "the share of that area lying inside %(target)s (areas in m² on ETRS89-LAEA), "
            "as if each value were spread evenly over its area."
        )
    else:
        text = _(
            "Estimate by area weighting: the mean of %(sources)s source areas' values, each "
            "weighted by how many m² of it lie inside %(target)s (ETRS89-LAEA)."
        )
    return (text + " " + _("The sources cover %(coverage)s %% of %(target)s.")) % params


def _shape(area, on):
    boundary = area.boundary(on)
    if boundary is None:
        raise NoBoundary(
            _("%(area)s has no boundary valid on %(date)s.")
            % {"area": area, "date": on or datetime.date.today()}
        )
    return boundary.shape
