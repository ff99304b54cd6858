"""A grid of square RegSO-like areas with boundaries and yearly values, for evaluation tests."""

import datetime
import math

from shapely.geometry import box

from lofte.areas.models import Area, AreaBoundary
from lofte.indicators.models import Indicator, IndicatorValue
from lofte.indicators.periods import year

# About 600 m east–west and 1.1 km north–south at Göteborg's latitude.
SIDE = 0.01
WEST, SOUTH = 11.9, 57.7
YEARS = range(2016, 2026)
START = datetime.date(2022, 1, 1)  # 6 years before, 4 after


def grid(kommun, columns=6, rows=4, kind=Area.Kind.REGSO):
    """Return {(column, row): Area}, each a square touching its neighbours."""
    areas = {}
    for c in range(columns):
        for r in range(rows):
            area = Area.objects.create(
                name=f"Ruta {c}-{r}", kind=kind, code=f"R{c}{r}", kommun=kommun
            )
            boundary = AreaBoundary(area=area, valid_from=datetime.date(2010, 1, 1))
            west, south = WEST + c * SIDE, SOUTH + r * SIDE
            boundary.set_shape(box(west, south, west + SIDE, south + SIDE))
            boundary.save()
            areas[c, r] = area
    return areas


def indicator(slug="brott", theme=Indicator.Theme.CRIME, **extra):
    return Indicator.objects.create(name=slug.capitalize(), slug=slug, theme=theme, **extra)


def values(ind, area, numbers, years=YEARS):
    """Store one value a year; None is stored as suppressed."""
    for y, number in zip(years, numbers, strict=True):
        p = year(y)
        IndicatorValue.objects.create(
            indicator=ind,
            area=area,
            period_kind=p.kind,
            period_start=p.start,
            period_end=p.end,
            period_label=p.label,
            value=number,
            status="reported" if number is not None else "suppressed",
        )


def series(level, growth=0.0, effect=0.0, wobble=0.0, seed=0):
    """A yearly count: level × (1+growth)^t, × (1+effect) from the start, a fixed wobble."""
    out = []
    for t, y in enumerate(YEARS):
        v = level * (1 + growth) ** t * (1 + wobble * math.sin(t * 1.7 + seed))
        if y >= START.year:
            v *= 1 + effect
        out.append(round(v))
    return out
