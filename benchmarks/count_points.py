"""Points per polygon: Löfte's count_points_in_areas against GeoPandas' sjoin, same arrays.

Run it as benchmarks/count_points (which installs GeoPandas). The last line is
`RESULT points=… polygons=… lofte_s=… geopandas_s=… ratio=… lofte_peak_mb=…`.
Exits 1 if the two disagree on any polygon's count. See benchmarks/README.md.
"""

import argparse
import gc
import os
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lofte.areas.points import count_points_in_areas  # noqa: E402

WIDTH, HEIGHT = 250_000.0, 400_000.0  # metres: a region the size of a few Swedish län
TOWNS = 60


def towns(rng):
    """Town centres, their sizes (as weights) and their spreads, shared by areas and points."""
    centres = rng.uniform([0, 0], [WIDTH, HEIGHT], size=(TOWNS, 2))
    weights = rng.pareto(1.2, TOWNS) + 1
    return centres, weights / weights.sum(), rng.uniform(1_500, 8_000, TOWNS)


def scatter(rng, n, town_data, urban_share=0.8):
    """n points: most around towns (normal spread), the rest anywhere."""
    centres, weights, spreads = town_data
    n_urban = int(n * urban_share)
    which = rng.choice(TOWNS, size=n_urban, p=weights)
    urban = centres[which] + rng.normal(size=(n_urban, 2)) * spreads[which, None]
    rural = rng.uniform([0, 0], [WIDTH, HEIGHT], size=(n - n_urban, 2))
    return np.vstack([urban, rural])


def deso_like(rng, n, town_data):
    """n polygons that tile the region like DeSO: small where people live, large elsewhere,
    with irregular edges of about 125 vertices each, neighbours sharing their edges."""
    seeds = np.clip(scatter(rng, n, town_data), 1, [WIDTH - 1, HEIGHT - 1])
    extent = shapely.box(0, 0, WIDTH, HEIGHT)
    cells = shapely.get_parts(
        shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=extent)
    )
    cells = shapely.intersection(cells, extent)
    sizes = np.sqrt(shapely.area(cells))
    cells = shapely.segmentize(cells, np.maximum(sizes / 30, 20))

    def warp(xy):  # one smooth field for every vertex: borders stay shared, no folds
        x, y = xy[:, 0], xy[:, 1]
        dx = 150 * np.sin(y / 900) + 40 * np.sin(y / 170 + x / 400)
        dy = 150 * np.sin(x / 1100) + 40 * np.sin(x / 210 - y / 300)
        return np.column_stack([x + dx, y + dy])

    cells = shapely.transform(cells, warp)
    assert shapely.is_valid(cells).all() and len(cells) == n
    return cells


def fresh(polygons):
    """A new copy of the polygons, so no run reuses another's prepared geometries."""
    return shapely.from_wkb(shapely.to_wkb(polygons))


def run_lofte(xs, ys, polygons):
    return count_points_in_areas(xs, ys, polygons)


def run_geopandas(xs, ys, polygons):
    import geopandas as gpd

    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(xs, ys))
    areas = gpd.GeoDataFrame({"area": np.arange(len(polygons))}, geometry=polygons)
    joined = gpd.sjoin(points, areas, how="inner", predicate="intersects")
    return np.bincount(joined["area"].to_numpy(), minlength=len(polygons))


def timed(function, xs, ys, polygons):
    polygons = fresh(polygons)
    gc.collect()
    start = time.perf_counter()
    counts = function(xs, ys, polygons)
    return time.perf_counter() - start, counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--polygons", type=int, default=6_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best counts")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    import geopandas

    load = os.getloadavg()[0]
    print(f"nproc={os.cpu_count()}, load average before starting: {load:.2f}")
    rng = np.random.default_rng(args.seed)
    town_data = towns(rng)
    polygons = deso_like(rng, args.polygons, town_data)
    xy = scatter(rng, args.points, town_data)
    xs, ys = np.ascontiguousarray(xy[:, 0]), np.ascontiguousarray(xy[:, 1])
    vertices = shapely.get_num_coordinates(polygons)
    print(
        f"{len(polygons)} polygons (median {np.median(shapely.area(polygons)) / 1e6:.2f} km², "
        f"{vertices.mean():.0f} vertices on average), {len(xs)} points; "
        f"shapely {shapely.__version__} (GEOS {'.'.join(map(str, shapely.geos_version))}), "
        f"geopandas {geopandas.__version__}"
    )

    lofte_times, geopandas_times = [], []
    for _ in range(args.repeat):  # alternate, so both see the same load on a shared machine
        seconds, lofte_counts = timed(run_lofte, xs, ys, polygons)
        lofte_times.append(seconds)
        seconds, geopandas_counts = timed(run_geopandas, xs, ys, polygons)
        geopandas_times.append(seconds)
    print("lofte_s:", " ".join(f"{t:.3f}" for t in lofte_times))
    print("geopandas_s:", " ".join(f"{t:.3f}" for t in geopandas_times))

    differ = np.flatnonzero(lofte_counts != geopandas_counts)
    if len(differ):
        print(
            f"MISMATCH in {len(differ)} polygons, e.g. polygon {differ[0]}: "
            f"lofte {lofte_counts[differ[0]]}, geopandas {geopandas_counts[differ[0]]}"
        )
        return 1
    print(f"counts agree: {lofte_counts.sum()} points in polygons, all {len(polygons)} equal")

    # Memory in a run of its own: tracemalloc slows allocation-heavy code down.
    polygons_copy = fresh(polygons)
    gc.collect()
    tracemalloc.start()
    run_lofte(xs, ys, polygons_copy)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()

    lofte_s, geopandas_s = min(lofte_times), min(geopandas_times)
    print(
        f"RESULT points={len(xs)} polygons={len(polygons)} lofte_s={lofte_s:.3f} "
        f"geopandas_s={geopandas_s:.3f} ratio={lofte_s / geopandas_s:.3f} "
        f"lofte_peak_mb={peak:.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
