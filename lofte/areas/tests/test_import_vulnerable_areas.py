"""Importing the Police's vulnerable areas, their class per year and their municipality."""

import datetime
import json

import pytest
import shapely
from django.core.management import CommandError, call_command
from django.utils import translation

from lofte.areas.actions import import_areas, import_vulnerable_areas
from lofte.areas.importing import parse_category, parse_date
from lofte.areas.models import Area, AreaClassification
from lofte.areas.tests.conftest import collection, feature, read, square

pytestmark = pytest.mark.django_db

GOTEBORG_FILE = "uso_2025_goteborg_extract.geojson"


def police(name="Testområdet", **extra):
    properties = {
        "NAMN": name,
        "KATEGORI": "Utsatt område",
        "LOKALPOLISOMRADE": "Storgöteborg Hisingen",
        "POLISOMRADE": "Storgöteborg",
        "REGION": "Väst",
        "AKTUALITET_START": "2025-12-01",
        "AKTUALITET_SLUT": " ",
    }
    properties.update(extra)
    return properties


def test_the_polices_file_gives_areas_boundaries_and_the_years_class():
    result = import_vulnerable_areas(read(GOTEBORG_FILE), year=2025, source=GOTEBORG_FILE)
    assert result.ok and result.created == 7 and result.classified == 7
    backa = Area.objects.get(kind="vulnerable_area", name="Hisings Backa")
    assert backa.code == "78"  # the Police's SPECIALOMRADES_ID
    boundary = backa.boundary(on=datetime.date(2025, 12, 1))
    assert boundary.valid_to is None  # AKTUALITET_SLUT is a single space
    assert boundary.area_m2 == pytest.approx(1_781_845, rel=1e-4)
    assert backa.boundary(on=datetime.date(2025, 11, 30)) is None
    c = backa.classification(2025)
    assert c.klass == AreaClassification.Klass.UTSATT
    assert c.valid_from == datetime.date(2025, 12, 1)
    assert (c.local_police_area, c.police_area, c.police_region) == (
        "Storgöteborg Hisingen",
        "Storgöteborg",
        "Väst",
    )
    assert c.source == GOTEBORG_FILE
    assert set(
        AreaClassification.objects.filter(klass="sarskilt_utsatt").values_list(
            "area__name", flat=True
        )
    ) == {"Bergsjön", "Hammarkullen", "Hjällbo"}


def test_each_area_lies_in_the_kommun_whose_imported_areas_it_overlaps_most(goteborg):
    import_areas(
        read("regso2025_goteborg_backa_extract.geojson"),
        kind="regso",
        name_field="name",
        code_field="code",
        kommun=goteborg,
    )
    import_vulnerable_areas(read(GOTEBORG_FILE), year=2025)
    assert Area.objects.get(kind="vulnerable_area", name="Hisings Backa").kommun == goteborg
    # No area of Göteborg's near Bergsjön is imported yet: its municipality stays empty.
    assert Area.objects.get(kind="vulnerable_area", name="Bergsjön").kommun is None


def test_without_imported_areas_there_the_kommun_stays_empty():
    result = import_vulnerable_areas(read("uso_2025_fisksatra_extract.geojson"), year=2025)
    assert result.ok
    fisksatra = Area.objects.get(kind="vulnerable_area")
    assert fisksatra.name.startswith("Fisksätra") and fisksatra.kommun is None
    assert fisksatra.boundary().shape.geom_type == "MultiPolygon"


def test_a_neighbouring_kommun_with_more_kinds_imported_does_not_win_by_counting_twice(db):
    from lofte.kommuner.models import Kommun

    molndal, goteborg = Kommun.objects.get(code="1481"), Kommun.objects.get(code="1480")
    # The vulnerable area lies 70 % in Göteborg's one area, 30 % in Mölndal's two layers.
    import_areas(
        collection(feature(square(11.9, 57.7, 0.07), name="G")),
        kind="own",
        name_field="name",
        kommun=goteborg,
    )
    for kind in ("regso", "deso"):
        import_areas(
            collection(feature(square(11.97, 57.7, 0.07), name="M")),
            kind=kind,
            name_field="name",
            kommun=molndal,
        )
    area = {
        "type": "Polygon",
        "coordinates": [
            [[11.92, 57.71], [11.99, 57.71], [11.99, 57.72], [11.92, 57.72], [11.92, 57.71]]
        ],
    }
    import_vulnerable_areas(collection(feature(area, **police())), year=2025)
    assert Area.objects.get(kind="vulnerable_area").kommun == goteborg


def test_every_years_classification_is_kept():
    import_vulnerable_areas(read(GOTEBORG_FILE), year=2024)
    doc = json.loads(read(GOTEBORG_FILE))
    for f in doc["features"]:
        if f["properties"]["NAMN"] == "Hisings Backa":
            f["properties"]["KATEGORI"] = "Särskilt utsatt område"
    result = import_vulnerable_areas(json.dumps(doc).encode(), year=2025)
    assert result.ok and result.unchanged == 7 and result.created == 0
    backa = Area.objects.get(kind="vulnerable_area", name="Hisings Backa")
    assert [(c.year, c.klass) for c in backa.classifications.all()] == [
        (2025, "sarskilt_utsatt"),
        (2024, "utsatt"),
    ]
    # importing the same year again replaces that year's classification, not adds one
    import_vulnerable_areas(read(GOTEBORG_FILE), year=2025)
    assert backa.classifications.count() == 2
    assert backa.classification(2025).klass == "utsatt"


def test_a_blank_start_date_takes_the_given_one_or_is_refused():
    data = collection(feature(square(11.9, 57.7), **police(AKTUALITET_START="")))
    refused = import_vulnerable_areas(data, year=2025)
    assert [p.number for p in refused.problems] == [1]
    assert "AKTUALITET_START" in refused.problems[0].message
    result = import_vulnerable_areas(data, year=2025, valid_from=datetime.date(2025, 4, 1))
    assert result.ok
    assert Area.objects.get().boundary(on=datetime.date(2025, 4, 1)).valid_from == datetime.date(
        2025, 4, 1
    )


def test_an_end_date_closes_the_boundary():
    data = collection(feature(square(11.9, 57.7), **police(AKTUALITET_SLUT="2026-06-01")))
    assert import_vulnerable_areas(data, year=2025).ok
    boundary = Area.objects.get().boundaries.get()
    assert boundary.valid_to == datetime.date(2026, 6, 1)
    assert Area.objects.get().boundary(on=datetime.date(2026, 6, 1)) is None


@pytest.mark.parametrize(
    "properties, words",
    [
        (police(KATEGORI="Lite utsatt"), "Lite utsatt"),
        (police(AKTUALITET_START="första december"), "första december"),
        (police(AKTUALITET_SLUT="2020-01-01"), "AKTUALITET_SLUT"),
        (police(NAMN=" "), "NAMN"),
    ],
)
def test_a_feature_the_police_file_cannot_mean_is_refused(properties, words):
    data = collection(
        feature(square(11.95, 57.7), **police(name="Bra")),
        feature(square(11.9, 57.7), **properties),
    )
    result = import_vulnerable_areas(data, year=2025)
    assert [p.number for p in result.problems] == [2]
    assert words in result.problems[0].message
    assert not Area.objects.exists()


def test_a_file_without_the_polices_properties_is_refused_naming_them():
    result = import_vulnerable_areas(read("regso2025_goteborg_backa_extract.geojson"), year=2025)
    [first, second] = result.problems
    assert "NAMN" in first.message and "KATEGORI" in second.message
    assert "code, name" in first.message


@pytest.mark.parametrize(
    "text, klass",
    [
        ("Utsatt område", "utsatt"),
        ("Särskilt utsatt område", "sarskilt_utsatt"),
        ("SÄRSKILT UTSATT", "sarskilt_utsatt"),
        ("Riskområde", "riskomrade"),
        ("Okänt", None),
        (None, None),
    ],
)
def test_the_polices_categories_are_understood(text, klass):
    assert parse_category(text) == klass


@pytest.mark.parametrize(
    "value, day",
    [
        ("2023-12-01", datetime.date(2023, 12, 1)),
        ("2023-12-01T00:00:00", datetime.date(2023, 12, 1)),
        (1701388800000, datetime.date(2023, 12, 1)),  # ArcGIS: milliseconds since 1970
        (" ", None),
        ("", None),
        (None, None),
        ("1 dec", False),
        (True, False),
    ],
)
def test_the_polices_dates_are_read(value, day):
    assert parse_date(value) == day


def test_the_command_imports_the_polices_file(tmp_path, capsys):
    path = tmp_path / GOTEBORG_FILE
    path.write_bytes(read(GOTEBORG_FILE))
    with translation.override("en"):
        call_command("import_vulnerable_areas", str(path), "--year", "2025")
    out = capsys.readouterr().out
    assert "7 areas: 7 new" in out and "7 classified for 2025" in out


def test_the_command_refuses_a_file_that_is_not_geojson(tmp_path):
    path = tmp_path / "uso.geojson"
    path.write_text("NAMN;KATEGORI\nHisings Backa;Utsatt område\n")
    with pytest.raises(CommandError) as e:
        call_command("import_vulnerable_areas", str(path), "--year", "2025")
    assert "JSON" in str(e.value)


def test_an_older_vintage_in_wgs84_then_this_years_file_keep_the_boundary_history():
    from lofte.areas.geometry import SWEREF99TM, WGS84, project

    doc = json.loads(read(GOTEBORG_FILE))
    [backa] = [f for f in doc["features"] if f["properties"]["NAMN"] == "Hisings Backa"]
    smaller = project(shapely.geometry.shape(backa["geometry"]).buffer(-50), SWEREF99TM, WGS84)
    older = collection(  # another vintage: WGS84, dates in ArcGIS milliseconds, fewer properties
        feature(
            shapely.geometry.mapping(smaller),
            NAMN="Hisings Backa",
            KATEGORI="Riskområde",
            LOKALPOLISOMRADE="Storgöteborg Hisingen",
            AKTUALITET_START=1559347200000,  # 2019-06-01
        )
    )
    assert import_vulnerable_areas(older, year=2023).ok
    assert Area.objects.get().code == ""
    result = import_vulnerable_areas(read(GOTEBORG_FILE), year=2025)
    assert result.ok and result.replaced == 1 and result.created == 6
    area = Area.objects.get(name="Hisings Backa")
    assert area.code == "78"
    old, new = area.boundaries.all()
    assert (old.valid_from, old.valid_to) == (datetime.date(2019, 6, 1), datetime.date(2025, 12, 1))
    assert (new.valid_from, new.valid_to) == (datetime.date(2025, 12, 1), None)
    assert old.area_m2 < new.area_m2
    assert area.boundary(on=datetime.date(2024, 1, 1)) == old
    assert [(c.year, c.klass, c.police_area) for c in area.classifications.all()] == [
        (2025, "utsatt", "Storgöteborg"),
        (2023, "riskomrade", ""),
    ]
