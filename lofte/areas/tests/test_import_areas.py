"""Importing areas with boundaries from GeoJSON: mapping, all-or-nothing, history."""

import datetime
import json

import pytest
import shapely
from django.core.management import CommandError, call_command
from django.utils import translation

from lofte.areas.actions import import_areas
from lofte.areas.models import Area, AreaBoundary
from lofte.areas.tests.conftest import collection, feature, read, square
from lofte.areas.tests.test_geometry import BOWTIE

pytestmark = pytest.mark.django_db

JAN = datetime.date(2025, 1, 1)


def import_regso(data=None, **extra):
    mapping = {"kind": "regso", "name_field": "name", "code_field": "code", "valid_from": JAN}
    mapping.update(extra)
    return import_areas(data or read("regso2025_goteborg_backa_extract.geojson"), **mapping)


def test_regso_in_wgs84_become_areas_with_boundaries_in_their_kommun(goteborg):
    result = import_regso(kommun=goteborg, source="regso.geojson")
    assert result.ok and result.created == 3 and result.added == 3
    rod = Area.objects.get(kind="regso", code="1480R006")
    assert rod.name == "Backa Röd" and rod.kommun == goteborg
    boundary = rod.boundary(on=datetime.date(2025, 6, 1))
    assert boundary.valid_from == JAN and boundary.valid_to is None
    assert boundary.source == "regso.geojson"
    assert boundary.area_m2 == pytest.approx(188_700, rel=0.01)
    assert boundary.min_lon < 11.97 < boundary.max_lon
    assert rod.boundary(on=datetime.date(2024, 12, 31)) is None


def test_sweref_files_with_the_kommun_in_a_property_import(goteborg):
    result = import_areas(
        read("regso2025_backa_sweref99tm_extract.geojson"),
        kind="regso",
        name_field="regsonamn",
        code_field="regsokod",
        kommun_field="kommunkod",
        valid_from=JAN,
    )
    assert result.ok and result.created == 3
    deso = import_areas(
        read("deso2025_backa_extract.geojson"),
        kind="deso",
        name_field="desokod",
        code_field="desokod",
        kommun_field="kommunkod",
        valid_from=JAN,
    )
    assert deso.ok and deso.created == 4
    regso_m2 = sum(b.area_m2 for b in AreaBoundary.objects.filter(area__kind="regso"))
    deso_m2 = sum(b.area_m2 for b in AreaBoundary.objects.filter(area__kind="deso"))
    assert deso_m2 == pytest.approx(regso_m2, rel=1e-6)  # DeSO nest exactly in RegSO
    assert set(Area.objects.values_list("kommun__code", flat=True)) == {"1480"}


def test_the_citys_areas_import_under_their_own_kinds(goteborg):
    result = import_areas(
        read("stadsomrade_2021.geojson"),
        kind="stadsomrade",
        name_field="wfs_namn",
        code_field="wfs_nr",
        kommun=goteborg,
    )
    assert result.ok and result.created == 4
    assert sorted(Area.objects.filter(kind="stadsomrade").values_list("name", flat=True)) == [
        "Centrum",
        "Hisingen",
        "Nordost",
        "Sydväst",
    ]
    assert Area.objects.get(name="Hisingen").boundary().valid_from == datetime.date.today()


def test_a_file_with_bad_features_saves_nothing_and_names_each_one(goteborg):
    data = collection(
        feature(square(11.9, 57.7), name="Bra", code="A1"),
        feature({"type": "Point", "coordinates": [11.9, 57.7]}, name="Punkt", code="A2"),
        feature(BOWTIE, name="Fluga", code="A3"),
        feature(square(11.95, 57.7), code="A4"),
        feature(square(11.97, 57.7), name="Igen", code="A1"),
    )
    result = import_regso(data, kommun=goteborg)
    assert not result.ok
    assert [p.number for p in result.problems] == [2, 3, 4, 5]
    text = [str(p) for p in result.problems]
    assert "'Punkt'" in text[0] and "Point" in text[0]
    assert "'Fluga'" in text[1] and "Self-intersection" in text[1]
    assert "'A4'" in text[2] and "name" in text[2]
    assert "'Igen'" in text[3] and "1" in text[3]  # the same code as feature 1
    assert not Area.objects.filter(kind="regso").exists()
    assert not AreaBoundary.objects.exists()


def test_a_property_no_feature_has_is_named_with_the_ones_there_are():
    result = import_regso(name_field="regsonamn")
    [problem] = result.problems
    assert problem.number is None
    assert "regsonamn" in problem.message and "code, name" in problem.message


def test_an_unknown_kommun_code_in_a_property_is_refused():
    data = collection(
        feature(square(11.9, 57.7), name="A", code="A", kommun="1480"),
        feature(square(11.95, 57.7), name="B", code="B", kommun="9999"),
        feature(square(11.99, 57.7), name="C", code="C", kommun=114),  # Upplands Väsby, 0114
    )
    result = import_regso(data, kommun_field="kommun")
    assert [p.number for p in result.problems] == [2]
    assert "9999" in result.problems[0].message
    assert import_regso(
        collection(feature(square(11.9, 57.7), name="C", code="C", kommun=114)),
        kommun_field="kommun",
    ).ok
    assert Area.objects.get(code="C").kommun.code == "0114"


def test_the_same_file_twice_changes_nothing(goteborg):
    import_regso(kommun=goteborg)
    again = import_regso(kommun=goteborg, valid_from=datetime.date(2026, 1, 1))
    assert again.ok and again.unchanged == 3 and again.created == again.replaced == 0
    assert AreaBoundary.objects.count() == 3
    assert Area.objects.count() == 3


def test_a_changed_boundary_closes_the_old_one_and_keeps_it_as_history(goteborg):
    import_regso(kommun=goteborg)
    doc = json.loads(read("regso2025_goteborg_backa_extract.geojson"))
    ring = doc["features"][1]["geometry"]["coordinates"][0]
    ring[1] = [ring[1][0] + 0.0005, ring[1][1]]  # Backa Röd grows by some 30 m at one corner
    changed = import_regso(
        json.dumps(doc).encode(), kommun=goteborg, valid_from=datetime.date(2026, 1, 1)
    )
    assert changed.ok and changed.replaced == 1 and changed.unchanged == 2
    rod = Area.objects.get(code="1480R006")
    old, new = rod.boundaries.order_by("valid_from")
    assert (old.valid_from, old.valid_to) == (JAN, datetime.date(2026, 1, 1))
    assert (new.valid_from, new.valid_to) == (datetime.date(2026, 1, 1), None)
    assert rod.boundary(on=datetime.date(2025, 12, 31)) == old
    assert rod.boundary(on=datetime.date(2026, 1, 1)) == new
    assert not shapely.equals(old.shape, new.shape)


def test_a_changed_boundary_that_would_start_before_the_current_one_is_refused(goteborg):
    import_regso(kommun=goteborg)
    doc = json.loads(read("regso2025_goteborg_backa_extract.geojson"))
    ring = doc["features"][1]["geometry"]["coordinates"][0]
    ring[1] = [ring[1][0] + 0.0005, ring[1][1]]
    result = import_regso(json.dumps(doc).encode(), kommun=goteborg)  # same date
    assert [p.number for p in result.problems] == [2]
    assert "2025-01-01" in result.problems[0].message
    assert AreaBoundary.objects.count() == 3


def test_an_existing_area_is_found_by_kind_code_and_kommun_and_keeps_its_name(goteborg):
    backa = Area.objects.create(
        name="Hisings Backa", kind="mellanomrade", code="71", kommun=goteborg
    )
    result = import_areas(
        read("mellanomrade_71_backa_extract.geojson"),
        kind="mellanomrade",
        name_field="namn",
        code_field="nr",
        kommun=goteborg,
    )
    assert result.ok and result.created == 0 and result.added == 1
    backa.refresh_from_db()
    assert backa.name == "Hisings Backa"
    assert backa.boundary().area_m2 == pytest.approx(18_470_000, rel=0.01)


def test_an_area_of_the_same_code_in_another_kommun_is_another_area(goteborg):
    other = Area.objects.create(name="Backa", kind="mellanomrade", code="71", kommun_id=None)
    elsewhere = Area.objects.create(
        name="Sjuttioett",
        kind="mellanomrade",
        code="71",
        kommun=goteborg.__class__.objects.get(code="1280"),
    )
    result = import_areas(
        read("mellanomrade_71_backa_extract.geojson"),
        kind="mellanomrade",
        name_field="namn",
        code_field="nr",
        kommun=goteborg,
    )
    assert result.ok and result.created == 0
    other.refresh_from_db()
    assert other.kommun == goteborg  # the area without a municipality was this one
    assert not elsewhere.boundaries.exists()


def test_the_command_imports_and_says_what_it_did(goteborg, tmp_path, capsys):
    path = tmp_path / "regso.geojson"
    path.write_bytes(read("regso2025_goteborg_backa_extract.geojson"))
    with translation.override("en"):
        call_command(
            "import_areas",
            str(path),
            "--kind",
            "regso",
            "--name-field",
            "name",
            "--code-field",
            "code",
            "--kommun",
            "1480",
            "--valid-from",
            "2025-01-01",
        )
    out = capsys.readouterr().out
    assert "3 areas: 3 new" in out
    assert AreaBoundary.objects.get(area__code="1480R005").source == "regso.geojson"


def test_the_command_lists_every_problem_and_saves_nothing(tmp_path):
    path = tmp_path / "bad.geojson"
    path.write_bytes(
        collection(
            feature(square(11.9, 57.7), name="A"),
            feature({"type": "Point", "coordinates": [11.9, 57.7]}, name="B"),
        )
    )
    with pytest.raises(CommandError) as e:
        call_command("import_areas", str(path), "--kind", "own", "--name-field", "name")
    assert "2" in str(e.value) and "'B'" in str(e.value)
    assert not Area.objects.exists()


@pytest.mark.parametrize(
    "args, words",
    [
        (["--kommun", "9999"], "9999"),
        (["--valid-from", "1 januari"], "--valid-from"),
    ],
)
def test_the_command_refuses_bad_options_with_a_message(tmp_path, args, words):
    path = tmp_path / "a.geojson"
    path.write_bytes(collection(feature(square(11.9, 57.7), name="A")))
    with pytest.raises(CommandError) as e:
        call_command("import_areas", str(path), "--kind", "own", "--name-field", "name", *args)
    assert words in str(e.value)


def test_the_command_says_when_it_cannot_read_the_file(tmp_path):
    with pytest.raises(CommandError) as e:
        call_command(
            "import_areas",
            str(tmp_path / "saknas.geojson"),
            "--kind",
            "own",
            "--name-field",
            "name",
        )
    assert "saknas.geojson" in str(e.value)


def test_a_repaired_boundary_is_imported_and_reported(goteborg, capsys):
    result = import_regso(read("regso2025_gardsten_sydvastra_extract.geojson"), kommun=goteborg)
    assert result.ok and result.repaired and result.repaired[0][0] == 1
    assert Area.objects.get(code="1480R041").boundary().shape.is_valid


def test_problems_are_told_in_swedish_by_default():
    result = import_regso(b"name;code\nBacka;71\n")
    assert result.problems[0].message.startswith("Filen är inte JSON")
    with translation.override("en"):
        result = import_regso(b"name;code\nBacka;71\n")
    assert result.problems[0].message.startswith("The file is not JSON")


def test_the_progress_bar_shows_on_a_terminal_for_long_files_only():
    import io

    from lofte.areas.management.commands._importing import ProgressBar

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        bar = ProgressBar(stream)
        for done in range(1, 201):
            bar(done, 200)
    assert terminal.getvalue().endswith("[#########################] 200/200\n")
    assert terminal.getvalue().count("\r") == 101  # once per percent (0–100), not per feature
    assert pipe.getvalue() == ""
    short = Terminal()
    ProgressBar(short)(3, 3)
    assert short.getvalue() == ""
