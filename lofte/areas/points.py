"""Count points per area: numpy arrays of coordinates in, one count per polygon out.

No Django here: the benchmark (benchmarks/count_points) calls it as it is. Points and
polygons must be in the same coordinate system (lon/lat for stored boundaries).

How it is fast without a spatial database:
1. The points are sorted once into horizontal bands, by x within each band, so the points in
   a polygon's bounding box are a few contiguous runs of the sorted array (one per band the
   box spans), found by binary search, for all polygons at once.
2. Each polygon's bounding box is cut into square cells, GRID along its longer side. The
   cells its boundary passes through are found from its vertices (densified so no edge
   skips a cell); every other cell lies wholly inside or wholly outside, which one test of
   one cell per run along a row decides. Points in inside cells are counted without a
   test, points in outside cells dropped, and only points in boundary cells get an exact
   point-in-polygon test (`shapely.intersects_xy`, on prepared polygons).
A point on a polygon's boundary counts for that polygon (so a point on the border of two
areas counts for both), as GeoPandas' `sjoin` with its default predicate "intersects" does.
"""

import numpy as np
import shapely

GRID = 16  # cells along the longer side of each polygon's bounding box
BATCH_PAIRS = 500_000  # about this many (point, polygon) candidates in memory at once


def count_points_in_areas(xs, ys, polygons):
    """Return an int64 array: how many of the points (xs[i], ys[i]) lie in each polygon.

    Points on a boundary count; points with a NaN or infinite coordinate count nowhere;
    a missing (None) or empty polygon gets 0.
    """
    xs = np.asarray(xs, dtype=np.float64).ravel()
    ys = np.asarray(ys, dtype=np.float64).ravel()
    if xs.shape != ys.shape:
        raise ValueError("xs and ys must have the same length")
    polygons = np.asarray(polygons, dtype=object).ravel()
    counts = np.zeros(len(polygons), dtype=np.int64)
    finite = np.isfinite(xs) & np.isfinite(ys)
    if not finite.all():
        xs, ys = xs[finite], ys[finite]
    usable = np.flatnonzero(~shapely.is_missing(polygons) & ~shapely.is_empty(polygons))
    if not len(xs) or not len(usable):
        return counts
    shapely.prepare(polygons[usable])
    bounds = shapely.bounds(polygons[usable])
    index = _BandIndex(xs, ys)
    polygon, lo, hi = index.ranges(bounds)
    # batches of polygons with about BATCH_PAIRS candidate points each, to bound memory
    candidates = np.cumsum(np.bincount(polygon, weights=hi - lo, minlength=len(usable)))
    batch_of = (candidates // BATCH_PAIRS).astype(np.int64)
    edges = np.flatnonzero(np.diff(batch_of)) + 1
    for start, stop in zip(np.r_[0, edges], np.r_[edges, len(usable)], strict=True):
        runs = slice(*np.searchsorted(polygon, [start, stop]))
        counts[usable[start:stop]] = _count_batch(
            polygons[usable[start:stop]],
            bounds[start:stop],
            polygon[runs] - start,
            lo[runs],
            hi[runs],
            index,
        )
    return counts


class _BandIndex:
    """The points sorted into horizontal bands and by x within each band."""

    def __init__(self, xs, ys):
        self.ymin = ys.min()
        self.bands = max(1, int(np.sqrt(len(ys))))
        self.height = (ys.max() - self.ymin) / self.bands or 1.0
        self.x0 = xs.min()
        # band * span + x sorts by band, then x; float rounding keeps the key monotonic in x
        # within a band, so a binary search never misses a point (it may take a neighbour
        # the exact box test then drops).
        self.width = xs.max() - self.x0
        self.span = 2 * self.width + 1.0
        key = self._band(ys) * self.span + (xs - self.x0)
        order = np.argsort(key)
        self.key = key[order]
        # sorted copies: each box's points are then contiguous runs, read in order
        self.xs, self.ys = xs[order], ys[order]

    def _band(self, y):
        return np.clip(np.floor((y - self.ymin) / self.height), 0, self.bands - 1)

    def ranges(self, bounds):
        """Return (polygon number, first, end) of each sorted run in each bounding box."""
        first_band = self._band(bounds[:, 1]).astype(np.int64)
        spans = self._band(bounds[:, 3]).astype(np.int64) - first_band + 1
        polygon = np.repeat(np.arange(len(bounds)), spans)
        band = np.repeat(first_band, spans) + _ramps(spans)
        # boxes reaching past the points are cut to them, so a search stays in its band
        left = np.clip(bounds[polygon, 0] - self.x0, 0, self.width)
        right = np.clip(bounds[polygon, 2] - self.x0, 0, self.width)
        lo = np.searchsorted(self.key, band * self.span + left, "left")
        hi = np.searchsorted(self.key, band * self.span + right, "right")
        return polygon, lo, hi


def _ramps(lengths):
    """Return 0..n-1 for each n in lengths, concatenated."""
    total = int(lengths.sum())
    return np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)


def _count_batch(polygons, bounds, polygon, lo, hi, index):
    lengths = hi - lo
    pair_polygon = np.repeat(polygon, lengths)
    position = np.repeat(lo, lengths) + _ramps(lengths)
    px, py = index.xs[position], index.ys[position]
    del position
    inside_box = px >= bounds[pair_polygon, 0]
    inside_box &= px <= bounds[pair_polygon, 2]
    inside_box &= py >= bounds[pair_polygon, 1]
    inside_box &= py <= bounds[pair_polygon, 3]
    pair_polygon, px, py = pair_polygon[inside_box], px[inside_box], py[inside_box]

    status, cell_w, cell_h = _cell_status(polygons, bounds)
    cx = _cell(px, bounds[pair_polygon, 0], cell_w[pair_polygon])
    cy = _cell(py, bounds[pair_polygon, 1], cell_h[pair_polygon])
    pair_status = status[(pair_polygon * GRID + cy) * GRID + cx]
    counts = np.bincount(pair_polygon[pair_status == _INSIDE], minlength=len(polygons))
    edge = pair_status == _BOUNDARY
    hit = shapely.intersects_xy(polygons[pair_polygon[edge]], px[edge], py[edge])
    counts += np.bincount(pair_polygon[edge][hit], minlength=len(polygons))
    return counts


_OUTSIDE, _INSIDE, _BOUNDARY = 0, 1, 2


def _cell(value, origin, size):
    # The same function places vertices and points, so a point lies in a cell the boundary
    # touches whenever it is on or near the boundary.
    return np.clip(np.floor((value - origin) / size), 0, GRID - 1).astype(np.int64)


def _cell_status(polygons, bounds):
    """Return (status of each polygon's GRID × GRID cells, flat; cell widths; cell heights)."""
    n = len(polygons)
    # square cells (a long thin box gets fewer rows), so densifying stays cheap
    size = np.maximum(np.maximum(bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1]), 1e-12)
    cell_w = cell_h = size / GRID
    parts, part_of = shapely.get_parts(polygons, return_index=True)
    rings, ring_of = shapely.get_rings(parts, return_index=True)
    ring_polygon = part_of[ring_of]
    # no edge longer than a cell, so consecutive vertices lie in the same or adjacent cells
    step = cell_w[ring_polygon] * 0.999
    rings = shapely.segmentize(rings, step)
    coords, coord_ring = shapely.get_coordinates(rings, return_index=True)
    p = ring_polygon[coord_ring]
    cx = _cell(coords[:, 0], bounds[p, 0], cell_w[p])
    cy = _cell(coords[:, 1], bounds[p, 1], cell_h[p])
    status = np.zeros(n * GRID * GRID, dtype=np.int8)
    status[(p * GRID + cy) * GRID + cx] = _BOUNDARY
    # an edge between diagonal neighbours may cross either of the two other cells
    diagonal = (coord_ring[1:] == coord_ring[:-1]) & (cx[1:] != cx[:-1]) & (cy[1:] != cy[:-1])
    dp = p[1:][diagonal]
    status[(dp * GRID + cy[1:][diagonal]) * GRID + cx[:-1][diagonal]] = _BOUNDARY
    status[(dp * GRID + cy[:-1][diagonal]) * GRID + cx[1:][diagonal]] = _BOUNDARY
    # a run of cells along a row without boundary is all inside or all outside: test one
    rows = status.reshape(n * GRID, GRID)
    free = rows == _OUTSIDE
    run_start = free.copy()
    run_start[:, 1:] &= ~free[:, :-1]
    row, col = np.nonzero(run_start)
    q = row // GRID
    inside = shapely.intersects_xy(
        polygons[q],
        bounds[q, 0] + (col + 0.5) * cell_w[q],
        bounds[q, 1] + (row % GRID + 0.5) * cell_h[q],
    )
    run = np.cumsum(run_start.ravel()) - 1
    free = free.ravel()
    status[free] = np.where(inside, _INSIDE, _OUTSIDE).astype(np.int8)[run[free]]
    return status, cell_w, cell_h
