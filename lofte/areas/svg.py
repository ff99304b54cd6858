"""Server-rendered SVG maps of areas, to sit beside a table of the same numbers.

Shapes (WGS84) are drawn in SWEREF 99 TM, fitted to the viewBox, simplified to half a pixel
and rounded to a tenth of one. Colours are presentation attributes (fill="…") and classes,
never style="…", so the page works under a strict Content-Security-Policy. The SVG has
role="img" with a <title> and <desc>; each area has its own <title> (shown on hover), and
the table beside the map carries every number for those who cannot see it.
"""

import re
from dataclasses import dataclass

import numpy as np
import shapely
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lofte.areas import geometry as geo

WIDTH = 600
MAX_HEIGHT = 800
PAD = 4
# A sequential palette (light to dark blue), readable against the white borders drawn
# between areas; the table beside the map gives the values.
SEQUENTIAL = ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
NO_VALUE = "#f0f0f0"
_COLOUR = re.compile(r"^#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?$")
_CLASS = re.compile(r"^[A-Za-z0-9_ -]*$")


@dataclass
class MapArea:
    name: str
    shape: object  # shapely Polygon/MultiPolygon in WGS84
    label: str = ""  # the area's <title>; its name when empty
    fill: str = ""  # a colour like #3182bd; empty leaves it to the class and the CSS
    css_class: str = ""


def map_areas(areas, on=None, fills=None, labels=None):
    """Return [MapArea] for Areas with a boundary valid on `on`; `fills`/`labels` by Area."""
    from lofte.areas.models import AreaBoundary  # maps of bare shapes need no database

    areas = list(areas)
    boundaries = AreaBoundary.objects.by_area(areas, on)
    drawn = []
    for area in areas:
        boundary = boundaries.get(area.pk)
        if boundary is not None:
            drawn.append(
                MapArea(
                    area.name,
                    boundary.shape,
                    label=(labels or {}).get(area, ""),
                    fill=(fills or {}).get(area, ""),
                )
            )
    return drawn


def shade(value, low, high, palette=SEQUENTIAL):
    """Return the palette colour for `value` between `low` and `high` (NO_VALUE for None)."""
    if value is None:
        return NO_VALUE
    if high <= low:
        return palette[-1]
    step = int((value - low) / (high - low) * len(palette))
    return palette[min(max(step, 0), len(palette) - 1)]


def area_map(areas, map_id, title, description="", points=None, width=WIDTH):
    """Return an SVG map of `areas` ([MapArea]) as a string safe to put in HTML.

    `points` is an optional (longitudes, latitudes) pair of arrays drawn as small dots.
    """
    for area in areas:
        if area.fill and not _COLOUR.match(area.fill):
            raise ValueError(f"fill must be a colour like #3182bd, not {area.fill!r}")
        if not _CLASS.match(area.css_class):
            raise ValueError(f"not a class name: {area.css_class!r}")
    shapes = geo.project(
        np.array([a.shape for a in areas], dtype=object), geo.WGS84, geo.SWEREF99TM
    )
    if len(areas):
        minx, miny, maxx, maxy = shapely.total_bounds(shapes)
    else:
        minx, miny, maxx, maxy = 0.0, 0.0, 1.0, 1.0
    span_x, span_y = max(maxx - minx, 1.0), max(maxy - miny, 1.0)
    scale = min((width - 2 * PAD) / span_x, (MAX_HEIGHT - 2 * PAD) / span_y)
    height = round(span_y * scale + 2 * PAD)

    def path(shape):
        shape = shapely.simplify(shape, 0.5 / scale, preserve_topology=True)
        rings = []
        for polygon in shapely.get_parts(shape):
            for ring in [polygon.exterior, *polygon.interiors]:
                xy = np.asarray(ring.coords)[:-1]
                px = np.round(PAD + (xy[:, 0] - minx) * scale, 1)
                py = np.round(PAD + (maxy - xy[:, 1]) * scale, 1)
                rings.append(
                    "M" + " ".join(f"{x:g},{y:g}" for x, y in zip(px, py, strict=True)) + "Z"
                )
        return "".join(rings)

    parts = [
        format_html(
            '<svg class="area-map" id="{id}" role="img" aria-labelledby="{id}-title {id}-desc" '
            'viewBox="0 0 {w} {h}" width="{w}" height="{h}" xmlns="http://www.w3.org/2000/svg">'
            '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>',
            id=map_id,
            w=width,
            h=height,
            title=title,
            desc=description
            or _("A map of %(count)s areas; the table beside it gives the values.")
            % {"count": len(areas)},
        ),
        mark_safe('<g class="areas" stroke="#ffffff" stroke-width="1" fill-rule="evenodd">'),
        format_html_join(
            "",
            '<path class="{}" d="{}"{}><title>{}</title></path>',
            (
                (
                    ("area " + a.css_class).strip(),
                    path(shape),
                    format_html(' fill="{}"', a.fill) if a.fill else "",
                    a.label or a.name,
                )
                for a, shape in zip(areas, shapes, strict=True)
            ),
        ),
        mark_safe("</g>"),
    ]
    if points is not None and len(points[0]):
        x, y = geo.transformer(geo.WGS84, geo.SWEREF99TM).transform(
            np.asarray(points[0], dtype=float), np.asarray(points[1], dtype=float)
        )
        px = np.round(PAD + (np.asarray(x) - minx) * scale, 1)
        py = np.round(PAD + (maxy - np.asarray(y)) * scale, 1)
        parts += [
            mark_safe('<g class="points" fill="#b30000">'),
            format_html_join(
                "",
                '<circle cx="{}" cy="{}" r="2"/>',
                ((f"{a:g}", f"{b:g}") for a, b in zip(px, py, strict=True)),
            ),
            mark_safe("</g>"),
        ]
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))
