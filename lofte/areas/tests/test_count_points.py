"""Counting points per area: the fast count agrees with a plain one, borders included."""

import numpy as np
import pytest
import shapely

from lofte.areas import points
from lofte.areas.points import count_points_in_areas


def naive(xs, ys, polygons):
    return np.array(
        [
            sum(
                p is not None and p.intersects(shapely.Point(x, y))
                for x, y in zip(xs, ys, strict=True)
            )
            for p in polygons
        ]
    )


def random_polygons(rng, n):
    seeds = rng.uniform(0, 100, size=(n, 2))
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(seeds)))
    cells = shapely.intersection(cells, shapely.box(0, 0, 100, 100))
    return list(cells)


def test_it_agrees_with_a_plain_count_on_random_areas():
    rng = np.random.default_rng(7)
    polygons = random_polygons(rng, 30)
    polygons.append(shapely.box(10, 10, 60, 60).difference(shapely.box(20, 20, 40, 40)))  # a hole
    polygons.append(shapely.MultiPolygon([shapely.box(0, 0, 5, 5), shapely.box(90, 90, 99, 99)]))
    polygons.append(shapely.Point(50, 50).buffer(30, 64))  # round, so inside cells count
    xs, ys = rng.uniform(-5, 105, 3000), rng.uniform(-5, 105, 3000)
    assert count_points_in_areas(xs, ys, polygons).tolist() == naive(xs, ys, polygons).tolist()


def test_a_point_on_a_shared_border_counts_for_both_areas():
    west, east = shapely.box(0, 0, 10, 10), shapely.box(10, 0, 20, 10)
    xs = np.array([10.0, 10.0, 0.0, 5.0, 20.0, 25.0])
    ys = np.array([5.0, 10.0, 0.0, 5.0, 10.0, 5.0])
    # on the border, on a shared corner, on a corner, inside, on a far corner, outside
    assert count_points_in_areas(xs, ys, [west, east]).tolist() == [4, 3]


def test_a_point_in_a_hole_does_not_count_but_one_on_its_edge_does():
    ring = shapely.box(0, 0, 10, 10).difference(shapely.box(4, 4, 6, 6))
    counts = count_points_in_areas(np.array([5.0, 4.0, 1.0]), np.array([5.0, 5.0, 1.0]), [ring])
    assert counts.tolist() == [2]


def test_points_without_coordinates_and_missing_areas_count_nothing():
    square = shapely.box(0, 0, 1, 1)
    xs = np.array([0.5, np.nan, np.inf, 0.25])
    ys = np.array([0.5, 0.5, 0.5, np.nan])
    assert count_points_in_areas(xs, ys, [square, None, shapely.Polygon()]).tolist() == [1, 0, 0]
    assert count_points_in_areas([], [], [square]).tolist() == [0]
    assert count_points_in_areas([0.5], [0.5], []).tolist() == []
    with pytest.raises(ValueError):
        count_points_in_areas([1.0, 2.0], [1.0], [square])


def test_thin_and_degenerate_areas_are_counted_exactly():
    line_like = shapely.box(0, 0, 100, 0.001)
    tiny = shapely.box(5, 5, 5 + 1e-9, 5 + 1e-9)
    xs = np.array([50.0, 50.0, 5.0, 5 + 5e-10])
    ys = np.array([0.0005, 0.002, 5.0, 5 + 5e-10])
    assert count_points_in_areas(xs, ys, [line_like, tiny]).tolist() == [1, 2]


def test_it_counts_the_same_in_small_batches(monkeypatch):
    rng = np.random.default_rng(3)
    polygons = random_polygons(rng, 50)
    xs, ys = rng.uniform(0, 100, 5000), rng.uniform(0, 100, 5000)
    whole = count_points_in_areas(xs, ys, polygons)
    monkeypatch.setattr(points, "BATCH_PAIRS", 300)
    assert count_points_in_areas(xs, ys, polygons).tolist() == whole.tolist()
    assert whole.sum() == 5000  # the cells tile the square, and no point sits on a border


def test_lon_lat_points_fall_in_the_real_areas_they_lie_in(db):
    from lofte.areas.geometry import read_boundaries
    from lofte.areas.tests.conftest import read

    _crs, results = read_boundaries(read("regso2025_goteborg_backa_extract.geojson"))
    shapes = [b.geometry for _f, b, _m in results]
    centres = [s.representative_point() for s in shapes]
    counts = count_points_in_areas([p.x for p in centres], [p.y for p in centres], shapes)
    assert counts.tolist() == [1, 1, 1]


def test_areas_reaching_far_beyond_the_points_count_only_their_own():
    xs = np.array([0.0, 1.0, 2.0, 3.0])
    ys = np.array([0.0, 1.0, 2.0, 3.0])
    huge = shapely.box(-1e6, 1.5, 1e6, 1e6)  # the top two points
    left = shapely.box(-1e6, -1, 0.5, 0.5)  # only the first
    assert count_points_in_areas(xs, ys, [huge, left]).tolist() == [2, 1]


def test_lofte_needs_geopandas_only_for_the_benchmark():
    import sys
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).parents[3] / "pyproject.toml").read_text())["project"]
    assert not any(d.startswith("geopandas") for d in project["dependencies"])
    assert any(d.startswith("geopandas") for d in project["optional-dependencies"]["bench"])
    assert "geopandas" not in sys.modules  # nothing Löfte imports pulls it in
