"""Reading GeoJSON boundaries: coordinate systems, checks, repairs, projections."""

import json

import pyproj
import pytest
import shapely

from lofte.areas import geometry as geo
from lofte.areas.tests.conftest import collection, feature, read, square

BOWTIE = {
    "type": "Polygon",
    "coordinates": [[[11.9, 57.7], [11.92, 57.72], [11.92, 57.7], [11.9, 57.72], [11.9, 57.7]]],
}


def boundaries(data):
    _crs, results = geo.read_boundaries(data)
    return results


def test_a_file_without_crs_is_read_as_wgs84():
    crs, results = geo.read_boundaries(read("regso2025_goteborg_backa_extract.geojson"))
    assert crs == geo.WGS84
    assert [f.properties["name"] for f, _b, _m in results] == [
        "Backa centrala",
        "Backa Röd",
        "Backa östra",
    ]
    assert all(b is not None and not m for _f, b, m in results)


@pytest.mark.parametrize(
    "name, crs",
    [
        ("EPSG:3006", geo.SWEREF99TM),
        ("urn:ogc:def:crs:EPSG::3006", geo.SWEREF99TM),
        ("http://www.opengis.net/def/crs/EPSG/0/3006", geo.SWEREF99TM),
        ("urn:ogc:def:crs:OGC:1.3:CRS84", geo.WGS84),
        ("EPSG:4326", geo.WGS84),
        ("urn:ogc:def:crs:EPSG::4326", geo.WGS84),
    ],
)
def test_the_names_of_sweref_and_wgs84_are_understood(name, crs):
    assert geo.crs_of({"crs": {"type": "name", "properties": {"name": name}}}) == crs


@pytest.mark.parametrize(
    "member",
    [
        {"type": "name", "properties": {"name": "EPSG:3007"}},
        {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}},
        {"type": "link", "properties": {"href": "http://example.se/crs"}},
        "EPSG:3006",
    ],
)
def test_other_coordinate_systems_are_refused_with_a_message(member):
    data = collection(feature(square(11.9, 57.7), name="A"))
    doc = json.loads(data)
    doc["crs"] = member
    with pytest.raises(geo.GeometryError) as e:
        geo.read_boundaries(json.dumps(doc).encode())
    assert "EPSG:3006" in str(e.value)
    if isinstance(member, dict) and member["type"] == "name":
        assert member["properties"]["name"] in str(e.value)


def test_sweref_coordinates_in_a_file_that_says_wgs84_are_refused():
    data = read("regso2025_backa_sweref99tm_extract.geojson")
    doc = json.loads(data)
    del doc["crs"]  # no crs member means WGS84
    with pytest.raises(geo.GeometryError) as e:
        geo.read_boundaries(json.dumps(doc).encode())
    message = str(e.value)
    assert "SWEREF 99 TM" in message and "EPSG:3006" in message
    assert "320" in message or "319" in message  # an example coordinate, in metres


def test_degrees_in_a_file_that_says_sweref_are_refused():
    data = collection(feature(square(11.9, 57.7), name="A"), crs="EPSG:3006")
    with pytest.raises(geo.GeometryError) as e:
        geo.read_boundaries(data)
    assert "WGS84" in str(e.value)


def test_one_misplaced_feature_is_refused_on_its_own():
    data = collection(
        feature(square(11.9, 57.7), name="A"),
        feature(square(320000, 6400000, 100), name="B"),
    )
    results = boundaries(data)
    assert results[0][1] is not None
    assert results[1][1] is None and "SWEREF 99 TM" in results[1][2]


def test_the_polices_sweref_boundaries_keep_their_area():
    crs, results = geo.read_boundaries(read("uso_2025_goteborg_extract.geojson"))
    assert crs == geo.SWEREF99TM
    for f, boundary, _message in results:
        assert boundary.area_m2 == pytest.approx(f.properties["Shape_Area"], rel=1e-4)
        lon, lat = boundary.geometry.centroid.coords[0]
        assert 11.8 < lon < 12.1 and 57.6 < lat < 57.85  # Göteborg, in degrees
    backa = next(b for f, b, _m in results if f.properties["NAMN"] == "Hisings Backa")
    assert backa.area_m2 == pytest.approx(1_781_845, rel=1e-4)


def test_clockwise_rings_are_accepted_and_kept_anticlockwise():
    data = read("deso2025_backa_extract.geojson")
    first = json.loads(data)["features"][0]["geometry"]
    assert not shapely.geometry.shape(first).exterior.is_ccw  # SCB's own order
    for _f, boundary, message in boundaries(data):
        assert not message
        assert boundary.geometry.exterior.is_ccw


def test_a_multipolygon_keeps_its_parts():
    [(f, boundary, message)] = boundaries(read("uso_2025_fisksatra_extract.geojson"))
    assert not message
    assert boundary.geometry.geom_type == "MultiPolygon"
    assert len(boundary.geometry.geoms) == 2
    assert boundary.area_m2 == pytest.approx(f.properties["Shape_Area"], rel=1e-4)


def test_a_ring_that_touches_itself_is_repaired_without_changing_its_area():
    data = read("regso2025_gardsten_sydvastra_extract.geojson")
    original = shapely.geometry.shape(json.loads(data)["features"][0]["geometry"])
    assert not original.is_valid
    [(_f, boundary, message)] = boundaries(data)
    assert not message
    assert "Self-intersection" in boundary.repaired
    assert boundary.geometry.is_valid
    assert boundary.geometry.area == pytest.approx(original.area, rel=1e-3)


def test_a_self_intersecting_ring_that_would_change_area_is_refused():
    [(_f, boundary, message)] = boundaries(collection(feature(BOWTIE, name="Fluga")))
    assert boundary is None
    assert "Self-intersection" in message


@pytest.mark.parametrize(
    "geometry, words",
    [
        ({"type": "Point", "coordinates": [11.9, 57.7]}, "Point"),
        ({"type": "LineString", "coordinates": [[11.9, 57.7], [12, 57.8]]}, "LineString"),
        (None, ""),
        ({"type": "Polygon", "coordinates": [[[11.9, 57.7], [12, 57.8]]]}, "Polygon"),
        ({"type": "Polygon", "coordinates": "no"}, "Polygon"),
    ],
)
def test_what_is_not_an_area_is_refused_with_a_message(geometry, words):
    [(_f, boundary, message)] = boundaries(collection(feature(geometry, name="X")))
    assert boundary is None
    assert message and words in message


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n",
        b"\xff\xfe\x00not utf-8",
        b"name,code\nBacka,71\n",
        b'{"type": "Feature", "geometry": null, "properties": {}}',
        b'{"type": "FeatureCollection", "features": []}',
        b'{"type": "FeatureCollection"}',
        b"[1, 2]",
    ],
)
def test_a_file_that_is_not_a_feature_collection_is_refused_with_a_message(data):
    with pytest.raises(geo.GeometryError) as e:
        geo.read_boundaries(data)
    assert str(e.value)


def test_a_stored_boundary_reads_back_the_same():
    [(_f, boundary, _m)] = boundaries(read("mellanomrade_71_backa_extract.geojson"))
    again = geo.from_wkb(memoryview(geo.to_wkb(boundary.geometry)))
    assert geo.same_boundary(again, boundary.geometry)
    moved = shapely.affinity.translate(boundary.geometry, xoff=0.001)
    assert not geo.same_boundary(moved, boundary.geometry)


def test_reprojection_needs_no_network_and_no_grids():
    assert not pyproj.network.is_network_enabled()
    for source, target in [
        (geo.SWEREF99TM, geo.WGS84),
        (geo.WGS84, geo.SWEREF99TM),
        (geo.WGS84, geo.LAEA),
        (geo.SWEREF99TM, geo.LAEA),
    ]:
        group = pyproj.transformer.TransformerGroup(source, target, always_xy=True)
        assert group.best_available
        assert not any(op.grids for op in group.transformers[0].operations or [])
    # central Göteborg, there and back to the millimetre
    lon, lat = geo.transformer(geo.SWEREF99TM, geo.WGS84).transform(319_234.0, 6_399_530.0)
    assert lon == pytest.approx(11.97, abs=0.02) and lat == pytest.approx(57.70, abs=0.02)
    x, y = geo.transformer(geo.WGS84, geo.SWEREF99TM).transform(lon, lat)
    assert (x, y) == (pytest.approx(319_234.0, abs=0.001), pytest.approx(6_399_530.0, abs=0.001))
