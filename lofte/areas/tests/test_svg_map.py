"""The server-side SVG map of areas: accessible, fitted, CSP-safe."""

import xml.etree.ElementTree as ET

import pytest

from lofte.areas.geometry import read_boundaries
from lofte.areas.svg import NO_VALUE, SEQUENTIAL, MapArea, area_map, map_areas, shade
from lofte.areas.tests.conftest import read

SVG = "{http://www.w3.org/2000/svg}"


def backa_regso():
    _crs, results = read_boundaries(read("regso2025_goteborg_backa_extract.geojson"))
    return [MapArea(f.properties["name"], b.geometry) for f, b, _m in results]


def test_the_map_is_an_accessible_svg_with_a_title_per_area():
    areas = backa_regso()
    areas[1].label = "Backa Röd: 12 anmälningar"
    areas[1].fill = "#3182bd"
    svg = area_map(areas, "karta", "Anmälda brott per RegSO", "Tabellen bredvid visar talen.")
    root = ET.fromstring(str(svg))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "karta-title karta-desc"
    assert root.find(f"{SVG}title").text == "Anmälda brott per RegSO"
    assert root.find(f"{SVG}desc").text == "Tabellen bredvid visar talen."
    paths = root.findall(f".//{SVG}path")
    assert [p.find(f"{SVG}title").text for p in paths] == [
        "Backa centrala",
        "Backa Röd: 12 anmälningar",
        "Backa östra",
    ]
    assert paths[1].get("fill") == "#3182bd" and paths[0].get("fill") is None
    assert "style=" not in str(svg)


def test_the_map_fits_its_view_box_and_keeps_few_coordinates():
    svg = str(area_map(backa_regso(), "karta", "Backa", width=300))
    root = ET.fromstring(svg)
    _x, _y, w, h = (float(v) for v in root.get("viewBox").split())
    assert w == 300 and 100 < h < 800
    numbers = [
        float(n)
        for p in root.findall(f".//{SVG}path")
        for pair in p.get("d").replace("M", " ").replace("Z", " ").split()
        for n in pair.split(",")
    ]
    assert min(numbers) >= 0 and max(numbers) <= max(w, h)
    assert all(round(n, 1) == n for n in numbers)


def test_names_are_escaped_and_bad_colours_refused():
    areas = backa_regso()[:1]
    areas[0].name = '<script>alert("x")</script>'
    svg = str(area_map(areas, "k", "Karta & tabell"))
    assert "<script>" not in svg and "&amp;" in svg
    areas[0].fill = 'red" onload="alert(1)'
    with pytest.raises(ValueError):
        area_map(areas, "k", "Karta")


def test_points_are_drawn_as_dots_inside_the_map():
    svg = str(area_map(backa_regso(), "k", "Karta", points=([11.97, 11.98], [57.75, 57.755])))
    circles = ET.fromstring(svg).findall(f".//{SVG}circle")
    assert len(circles) == 2


def test_map_areas_draws_areas_with_a_boundary(db, goteborg):
    from lofte.areas.actions import import_areas
    from lofte.areas.models import Area

    import_areas(
        read("regso2025_goteborg_backa_extract.geojson"),
        kind="regso",
        name_field="name",
        code_field="code",
        kommun=goteborg,
    )
    areas = list(Area.objects.all()) + [Area.objects.create(name="Ingen gräns", kind="own")]
    rod = Area.objects.get(name="Backa Röd")
    drawn = map_areas(areas, fills={rod: "#08519c"}, labels={rod: "Backa Röd: 5"})
    assert sorted(a.name for a in drawn) == ["Backa Röd", "Backa centrala", "Backa östra"]
    [drawn_rod] = [a for a in drawn if a.name == "Backa Röd"]
    assert drawn_rod.fill == "#08519c" and drawn_rod.label == "Backa Röd: 5"


def test_shade_picks_a_step_of_the_palette():
    assert shade(None, 0, 10) == NO_VALUE
    assert shade(0, 0, 10) == SEQUENTIAL[0]
    assert shade(10, 0, 10) == SEQUENTIAL[-1]
    assert shade(5, 0, 10) == SEQUENTIAL[3]
    assert shade(3, 3, 3) == SEQUENTIAL[-1]
