"""Overlaps between area systems and statistics moved between them by area weighting."""

import datetime

import pytest

from lofte.areas.actions import import_areas, import_vulnerable_areas
from lofte.areas.models import Area
from lofte.areas.overlay import NoBoundary, area_weighted, overlap
from lofte.areas.tests.conftest import collection, feature, read

pytestmark = pytest.mark.django_db

ON = datetime.date(2026, 1, 1)


@pytest.fixture
def backa(goteborg):
    """The Police's Hisings Backa, the city's mellanområde 71 and SCB's three Backa RegSO."""
    import_vulnerable_areas(read("uso_2025_goteborg_extract.geojson"), year=2025)
    import_areas(
        read("mellanomrade_71_backa_extract.geojson"),
        kind="mellanomrade",
        name_field="namn",
        code_field="nr",
        kommun=goteborg,
        valid_from=datetime.date(2025, 1, 1),
    )
    import_areas(
        read("regso2025_goteborg_backa_extract.geojson"),
        kind="regso",
        name_field="name",
        code_field="code",
        kommun=goteborg,
        valid_from=datetime.date(2025, 1, 1),
    )
    regso = {a.name: a for a in Area.objects.filter(kind="regso")}
    return {
        "police": Area.objects.get(kind="vulnerable_area", name="Hisings Backa"),
        "mellan": Area.objects.get(kind="mellanomrade"),
        **regso,
    }


def test_the_polices_hisings_backa_lies_wholly_inside_mellanomrade_71(backa):
    o = overlap(backa["police"], backa["mellan"], on=ON)
    assert o.a_m2 == pytest.approx(1_780_000, rel=0.01)
    assert o.b_m2 == pytest.approx(18_500_000, rel=0.01)
    assert o.share_of_a == pytest.approx(1.0, abs=0.001)
    assert o.share_of_b == pytest.approx(1.78 / 18.5, rel=0.01)


def test_hisings_backa_covers_backa_rod_a_fifth_of_backa_centrala_and_none_of_backa_ostra(backa):
    assert overlap(backa["Backa Röd"], backa["police"], on=ON).share_of_a == pytest.approx(
        1, abs=0.002
    )
    assert overlap(backa["Backa centrala"], backa["police"], on=ON).share_of_a == pytest.approx(
        0.22, abs=0.01
    )
    assert overlap(backa["Backa östra"], backa["police"], on=ON).share_of_a < 0.005


def test_regso_counts_move_onto_the_polices_area_by_their_share_inside_it(backa):
    people = {backa["Backa centrala"]: 4000, backa["Backa Röd"]: 2500, backa["Backa östra"]: 3000}
    estimate = area_weighted(people, backa["police"], kind="count", on=ON)
    assert estimate.is_estimate and estimate.kind == "count"
    shares = {c.area.name: c.share_of_source for c in estimate.contributions}
    expected = sum(v * shares.get(a.name, 0) for a, v in people.items())
    assert estimate.value == pytest.approx(expected)
    assert estimate.value == pytest.approx(4000 * 0.216 + 2500 + 3000 * 0.0013, rel=0.01)
    assert estimate.coverage == pytest.approx(0.25, abs=0.01)  # the three RegSO: 25 % of it
    assert "Hisings Backa" in estimate.method and "25" in estimate.method


def test_a_mean_is_weighted_by_overlap_area():
    # Two sources split the target 3:1; a rate of 10 and 20 gives 12.5 there.
    from lofte.kommuner.models import Kommun

    g = Kommun.objects.get(code="1480")
    west = {"type": "Polygon", "coordinates": [[[0, 0], [3, 0], [3, 1], [0, 1], [0, 0]]]}
    east = {"type": "Polygon", "coordinates": [[[3, 0], [8, 0], [8, 1], [3, 1], [3, 0]]]}
    target = {"type": "Polygon", "coordinates": [[[0, 0], [4, 0], [4, 1], [0, 1], [0, 0]]]}
    for f in (west, east, target):
        for ring in f["coordinates"]:
            for point in ring:
                point[:] = [11.9 + point[0] * 0.001, 57.7 + point[1] * 0.001]
    import_areas(
        collection(feature(west, name="Väst"), feature(east, name="Öst")),
        kind="deso",
        name_field="name",
        kommun=g,
        valid_from=datetime.date(2025, 1, 1),
    )
    import_areas(
        collection(feature(target, name="Mål")),
        kind="own",
        name_field="name",
        kommun=g,
        valid_from=datetime.date(2025, 1, 1),
    )
    w, e, t = (Area.objects.get(name=n) for n in ("Väst", "Öst", "Mål"))
    mean = area_weighted({w: 10, e: 20}, t, kind="mean", on=ON)
    assert mean.value == pytest.approx(12.5, rel=1e-3)
    assert mean.coverage == pytest.approx(1.0, abs=1e-4)
    count = area_weighted({w: 30, e: 50}, t, kind="count", on=ON)
    assert count.value == pytest.approx(30 + 50 / 5, rel=1e-3)  # all of west, a fifth of east
    # a suppressed value is left out, and the coverage says so
    part = area_weighted({w: None, e: 20}, t, kind="mean", on=ON)
    assert part.value == pytest.approx(20) and part.coverage == pytest.approx(0.25, rel=1e-3)
    assert [c.area for c in part.contributions] == [e]
    nothing = area_weighted({w: None}, t, kind="count", on=ON)
    assert nothing.value is None and nothing.coverage == 0


def test_a_source_without_a_boundary_then_is_listed_as_missing(backa):
    before = datetime.date(2024, 6, 1)  # before the RegSO boundaries hold
    with pytest.raises(NoBoundary):
        overlap(backa["Backa Röd"], backa["mellan"], on=before)
    estimate = area_weighted({backa["Backa Röd"]: 5}, backa["mellan"], on=ON)
    assert estimate.missing == []
    late = Area.objects.create(name="Utan gräns", kind="own")
    estimate = area_weighted({late: 5, backa["Backa Röd"]: 5}, backa["mellan"], on=ON)
    assert estimate.missing == [late]


def test_the_kind_of_statistic_must_be_named(backa):
    with pytest.raises(ValueError):
        area_weighted({}, backa["police"], kind="rate", on=ON)


def test_an_estimate_takes_two_queries_however_many_sources(backa, django_assert_num_queries):
    regso = {a: 1 for a in Area.objects.filter(kind="regso")}
    with django_assert_num_queries(2):  # the target's boundary, then every source's
        area_weighted(regso, backa["police"], on=ON)
