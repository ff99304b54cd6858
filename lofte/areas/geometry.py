"""Area boundaries from GeoJSON: read, check, repair and project. Pure functions on shapely.

Boundaries are kept in WGS84 longitude/latitude (RFC 7946 GeoJSON's own system, what web maps
and the Police's event coordinates use), on a grid of 1e-7 degrees (about 1 cm). Areas and
overlaps are measured in m² on ETRS89-LAEA (EPSG:3035), an equal-area projection for Europe;
maps are drawn in SWEREF 99 TM (EPSG:3006). Only messages need Django (for translation).
"""

import json
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pyproj
import shapely
from django.utils.translation import gettext as _
from shapely.validation import explain_validity

WGS84 = "EPSG:4326"
SWEREF99TM = "EPSG:3006"
LAEA = "EPSG:3035"
PRECISION = 1e-7  # degrees; stored boundaries are snapped to this grid (about 1 cm in Sweden)
REPAIR_TOLERANCE = 0.001  # a repair may change a boundary's area by at most 0.1 %
SAME_TOLERANCE = 1e-6  # degrees; re-imported vertices this close count as the same boundary

# The EPSG transformations between SWEREF 99, ETRS89 and WGS84 used here are exact or
# null transformations in PROJ's bundled database: no grid file is ever fetched.
pyproj.network.set_network_enabled(False)

_NAMES = {
    "EPSG:4326": WGS84,
    "OGC:CRS84": WGS84,
    "CRS84": WGS84,
    "EPSG:3006": SWEREF99TM,
}
_EPSG = re.compile(r"^(?:urn:ogc:def:crs:)?EPSG:(?:[\d.]*:)?(\d+)$", re.IGNORECASE)
_EPSG_URL = re.compile(r"^https?://www\.opengis\.net/def/crs/EPSG/[\d.]+/(\d+)$", re.IGNORECASE)
_OGC = re.compile(r"^(?:urn:ogc:def:crs:)?OGC:(?:[\d.]*:)?CRS84$", re.IGNORECASE)
_OGC_URL = re.compile(r"^https?://www\.opengis\.net/def/crs/OGC/[\d.]+/CRS84$", re.IGNORECASE)


class GeometryError(ValueError):
    """A file or a feature that cannot become an area boundary; the message says why."""


@dataclass
class RawFeature:
    number: int  # 1-based position in the file, as a person counts
    properties: dict
    geometry: object  # the GeoJSON geometry member as read


@dataclass
class Boundary:
    geometry: shapely.Geometry  # Polygon or MultiPolygon in WGS84, valid, RFC 7946 winding
    area_m2: float
    repaired: str = ""  # what was wrong and repaired, or empty


@lru_cache
def transformer(source, target):
    return pyproj.Transformer.from_crs(source, target, always_xy=True)


def project(geometry, source, target):
    """Return the geometry (or array of geometries) reprojected from `source` to `target`."""
    if source == target:
        return geometry
    return shapely.transform(geometry, transformer(source, target).transform, interleaved=False)


def area_m2(geometry, crs=WGS84):
    """Return the area in m² on an equal-area projection."""
    return float(shapely.area(project(geometry, crs, LAEA)))


def read_collection(data):
    """Return (crs, [RawFeature]) from the bytes of a GeoJSON FeatureCollection.

    Raises GeometryError for a file that is not one (empty, not UTF-8, not JSON, another
    GeoJSON type, no features, an unknown coordinate reference system).
    """
    if not data or not data.strip():
        raise GeometryError(_("The file is empty."))
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise GeometryError(_("The file is not text in UTF-8, so it is not GeoJSON.")) from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise GeometryError(
            _("The file is not JSON (line %(line)s, column %(column)s: %(error)s).")
            % {"line": e.lineno, "column": e.colno, "error": e.msg}
        ) from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        kind = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        raise GeometryError(
            _("The file is JSON but not a GeoJSON FeatureCollection (it is %(kind)s).")
            % {"kind": kind or _("an object without a type")}
        )
    features = doc.get("features")
    if not isinstance(features, list):
        raise GeometryError(_("The FeatureCollection has no list of features."))
    if not features:
        raise GeometryError(_("The FeatureCollection has no features."))
    crs = crs_of(doc)
    raw = []
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, dict):
            feature = {}
        properties = feature.get("properties")
        raw.append(
            RawFeature(
                number,
                properties if isinstance(properties, dict) else {},
                feature.get("geometry"),
            )
        )
    return crs, raw


def crs_of(collection):
    """Return WGS84 or SWEREF99TM for a FeatureCollection's (legacy) `crs` member.

    No member means WGS84, as RFC 7946 says. Any other system is refused with a message.
    """
    member = collection.get("crs")
    if member is None:
        return WGS84
    name = None
    if isinstance(member, dict) and isinstance(member.get("properties"), dict):
        name = member["properties"].get("name")
    if not isinstance(name, str) or member.get("type") != "name":
        raise GeometryError(
            _(
                "The file's crs member does not name a coordinate reference system. "
                "Löfte reads WGS84 and SWEREF 99 TM (EPSG:3006)."
            )
        )
    name = name.strip()
    code = _EPSG.match(name) or _EPSG_URL.match(name)
    if code:
        normalised = f"EPSG:{int(code.group(1))}"
    elif _OGC.match(name) or _OGC_URL.match(name):
        normalised = "OGC:CRS84"
    else:
        normalised = name
    if normalised not in _NAMES:
        raise GeometryError(
            _(
                "The file's coordinates are in %(crs)s, which Löfte does not read. Save it in "
                "WGS84 (EPSG:4326) or SWEREF 99 TM (EPSG:3006)."
            )
            % {"crs": name}
        )
    return _NAMES[normalised]


def crs_label(crs):
    return {WGS84: "WGS84", SWEREF99TM: "SWEREF 99 TM (EPSG:3006)"}[crs]


def fits_crs(bounds, crs):
    """Return a message when coordinates with these bounds cannot be in `crs`, else ""."""
    minx, miny, maxx, maxy = bounds
    degrees = -180 <= minx and maxx <= 180 and -90 <= miny and maxy <= 90
    sweref = -100_000 <= minx and maxx <= 1_300_000 and 5_800_000 <= miny and maxy <= 8_000_000
    example = f"{minx:.6g}, {miny:.6g}"
    if crs == WGS84 and not degrees:
        if sweref:
            return _(
                "Its coordinates (e.g. %(example)s) are metres in SWEREF 99 TM, but the file "
                "says WGS84 (or names no system, which means WGS84). Add a crs member naming "
                "EPSG:3006, or save the file in WGS84."
            ) % {"example": example}
        return _(
            "Its coordinates (e.g. %(example)s) are not longitude and latitude in degrees, "
            "as WGS84 needs."
        ) % {"example": example}
    if crs == SWEREF99TM and not sweref:
        if degrees:
            return _(
                "Its coordinates (e.g. %(example)s) look like degrees in WGS84, but the file "
                "says SWEREF 99 TM (EPSG:3006)."
            ) % {"example": example}
        return _(
            "Its coordinates (e.g. %(example)s) lie outside Sweden in SWEREF 99 TM (EPSG:3006)."
        ) % {"example": example}
    return ""


def read_geometry(geometry, crs):
    """Return a shapely Polygon/MultiPolygon in `crs` from a GeoJSON geometry member.

    Raises GeometryError for no geometry, another type, or coordinates that cannot be read.
    """
    if not geometry:
        raise GeometryError(_("It has no geometry."))
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind not in ("Polygon", "MultiPolygon"):
        raise GeometryError(
            _("Its geometry is a %(kind)s; an area needs a Polygon or MultiPolygon.")
            % {"kind": kind or _("something without a type")}
        )
    try:
        shape = shapely.geometry.shape(geometry)
    except (ValueError, TypeError, IndexError, AttributeError, KeyError) as e:
        raise GeometryError(
            _("Its coordinates cannot be read as a %(kind)s (%(error)s).")
            % {"kind": kind, "error": e}
        ) from None
    shape = shapely.force_2d(shape)
    if shape.is_empty:
        raise GeometryError(_("Its geometry is empty."))
    if not np.isfinite(shapely.get_coordinates(shape)).all():
        raise GeometryError(_("Some of its coordinates are not numbers."))
    return shape


def repair(shape):
    """Return (valid polygonal shape, what was repaired) or raise GeometryError.

    A repair is accepted when the result is still polygonal and its area differs from the
    original's by less than REPAIR_TOLERANCE; otherwise the boundary is refused.
    """
    if shape.is_valid:
        return shape, ""
    reason = explain_validity(shape)
    fixed = shapely.make_valid(shape)
    polygons = [
        part for part in shapely.get_parts(fixed) if part.geom_type in ("Polygon", "MultiPolygon")
    ]
    fixed = shapely.union_all(polygons) if polygons else shapely.Polygon()
    before = shape.area
    change = abs(fixed.area - before) / before if before else float("inf")
    if fixed.is_empty or change >= REPAIR_TOLERANCE:
        raise GeometryError(
            _(
                "Its boundary is not valid (%(reason)s) and cannot be repaired without changing "
                "its area: fix it in the source."
            )
            % {"reason": reason}
        )
    return fixed, reason


def to_boundary(shape, crs):
    """Return a checked Boundary in WGS84 from a shapely shape in `crs`."""
    problem = fits_crs(shape.bounds, crs)
    if problem:
        raise GeometryError(problem)
    shape, repaired = repair(shape)
    geometry = project(shape, crs, WGS84)
    geometry = shapely.set_precision(geometry, PRECISION)  # snap-rounds to a valid result
    if geometry.is_empty or geometry.geom_type not in ("Polygon", "MultiPolygon"):
        raise GeometryError(_("Its boundary is too small to keep (under a centimetre across)."))
    geometry = shapely.orient_polygons(geometry)  # RFC 7946: exterior rings anticlockwise
    return Boundary(geometry, area_m2(geometry), repaired)


def read_boundaries(data, progress=None):
    """Return (crs, [(RawFeature, Boundary or None, message)]) for a GeoJSON file's bytes.

    Each feature gets either a Boundary or the message saying why it cannot be one. When no
    feature's coordinates fit the file's system, that is one file-level GeometryError rather
    than the same message for every feature.
    """
    crs, features = read_collection(data)
    results = []
    readable = 0
    misfits = []
    for i, feature in enumerate(features):
        try:
            shape = read_geometry(feature.geometry, crs)
            readable += 1
            misfit = fits_crs(shape.bounds, crs)
            if misfit:
                misfits.append(misfit)
            results.append((feature, to_boundary(shape, crs), ""))
        except GeometryError as e:
            results.append((feature, None, str(e)))
        if progress:
            progress(i + 1, len(features))
    if misfits and len(misfits) == readable:
        raise GeometryError(_("No feature fits the file's coordinate system.") + " " + misfits[0])
    return crs, results


def same_boundary(a, b):
    """Return True when two stored boundaries are the same (vertex for vertex, within 10 cm)."""
    return bool(shapely.equals_exact(shapely.normalize(a), shapely.normalize(b), SAME_TOLERANCE))


def to_wkb(geometry):
    return shapely.to_wkb(geometry)


def from_wkb(data):
    return shapely.from_wkb(bytes(data))
