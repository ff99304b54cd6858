"""SCB's PxWeb CSV: the real socio-economic index, other vintages and layouts, broken files."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from lofte.areas.models import Area
from lofte.indicators.actions import record_import, save_import
from lofte.indicators.importing import (
    MAX_IMPORT_BYTES,
    FileProblem,
    IndicatorSpec,
    check_file,
    options_for,
)
from lofte.indicators.models import Indicator, IndicatorImport, IndicatorValue, ValueRevision
from lofte.indicators.national import POPULATION, SOCIO_ECONOMIC_AREA_TYPE
from lofte.indicators.tests.conftest import DATA, SOCIO_ECONOMIC, read

pytestmark = pytest.mark.django_db
REAL = read(SOCIO_ECONOMIC)


def options(slug=SOCIO_ECONOMIC_AREA_TYPE, **extra):
    return options_for(indicator=IndicatorSpec(slug=slug), **extra)


def check(data, scope=None, **extra):
    return check_file("pxweb", data, options=options(**extra), scope=scope)


def imported(data, scope=None, **extra):
    plan = check(data, scope, **extra)
    assert plan.errors == []
    record = record_import(format="pxweb", via="command", data=data, file_name="t.csv")
    return save_import(plan, record)


def value(area_name, label="2022", slug=SOCIO_ECONOMIC_AREA_TYPE):
    return IndicatorValue.objects.get(
        indicator__slug=slug, area__name=area_name, period_label=label
    )


def goteborg_rows(data=REAL):
    """The real file cut to its header, Göteborg's 147 rows and its footer."""
    lines = data.decode("utf-8-sig").split("\r\n")
    footer = lines.index(",")
    kept = [lines[0]] + [line for line in lines[1:footer] if line.startswith("Göteborg (")]
    return kept, lines[footer:]


def test_the_real_export_gives_goteborgs_147_regso_their_area_type(goteborg):
    record = imported(REAL, goteborg, create_areas=True)
    assert (record.new, record.changed, record.unchanged) == (147, 0, 0)
    values = IndicatorValue.objects.filter(indicator__slug=SOCIO_ECONOMIC_AREA_TYPE)
    counts = {t: values.filter(value=t).count() for t in range(1, 6)}
    assert counts == {1: 15, 2: 19, 3: 19, 4: 73, 5: 21}
    backa_rod = value("Backa Röd")
    assert (backa_rod.value, backa_rod.status, backa_rod.area.code) == (
        Decimal(2),
        "reported",
        "1480R006",
    )
    assert backa_rod.period_kind == "year" and str(backa_rod.period_end) == "2022-12-31"
    assert value("Kortedala  södra").area.code == "1480R066"
    assert record.notes == ["3216 värden utanför den valda kommunen hoppades över."]
    assert record.source == "SCB"


def test_the_export_attaches_to_existing_regso_rows_and_makes_no_new_ones(goteborg):
    Area.objects.create(name="Backa Röd", kind=Area.Kind.REGSO, code="1480R006", kommun=goteborg)
    before = Area.objects.count()
    plan = check(REAL, goteborg)
    assert len(plan.errors) == 146  # the other RegSO are unknown without --create-areas
    assert all("Backa Röd" not in e.message for e in plan.errors)
    assert Area.objects.count() == before


def test_reimporting_the_same_file_changes_nothing(goteborg):
    imported(REAL, goteborg, create_areas=True)
    again = imported(REAL, goteborg, create_areas=True)
    assert (again.new, again.changed, again.unchanged) == (0, 0, 147)
    assert IndicatorValue.objects.count() == 147
    assert Area.objects.filter(kind=Area.Kind.REGSO).count() == 147


def test_a_revised_value_replaces_the_old_and_the_import_keeps_what_it_was(goteborg):
    first = imported(REAL, goteborg, create_areas=True)
    revised = REAL.replace(
        b"G\xc3\xb6teborg (Backa R\xc3\xb6d),2", b"G\xc3\xb6teborg (Backa R\xc3\xb6d),3"
    )
    plan = check(revised, goteborg)
    assert (plan.new, plan.changed, plan.unchanged) == (0, 1, 146)
    assert [(v.area.name, v.old.value, v.value) for v in plan.changes] == [
        ("Backa Röd", Decimal(2), Decimal(3))
    ]
    second = save_import(
        plan, record_import(format="pxweb", via="command", data=revised, file_name="r.csv")
    )
    assert value("Backa Röd").value == 3 and value("Backa Röd").source_import == second
    (revision,) = ValueRevision.objects.all()
    assert (revision.old_value, revision.old_import, revision.changed_by) == (2, first, second)


def test_another_year_adds_values_beside_the_first(goteborg):
    imported(REAL, goteborg, create_areas=True)
    kept, footer = goteborg_rows()
    kept[0] = ",2023"
    record = imported("\r\n".join(kept + footer).encode("utf-8-sig"), goteborg)
    assert (record.new, record.changed) == (147, 0)
    assert value("Backa Röd", "2023").value == value("Backa Röd", "2022").value


def test_another_kommun_imports_with_scbs_codes(malmo):
    record = imported(REAL, malmo, create_areas=True)
    assert record.new == Area.objects.filter(kind=Area.Kind.REGSO, kommun=malmo).count() > 0
    area = Area.objects.get(kommun=malmo, name="RegSO-Almvik norr-Lindängen norr")
    assert area.code == "1280R001"


def test_the_whole_country_imports_without_a_chosen_kommun(db):
    record = imported(REAL, create_areas=True)
    assert record.new == 3363
    assert Area.objects.filter(kind=Area.Kind.REGSO).values("kommun").distinct().count() == 290


def test_a_long_layout_with_several_years_imports_as_the_wide_one(goteborg):
    kept, _footer = goteborg_rows()
    rows = ["region,år,Socioekonomisk områdestyp"]
    for line in kept[1:]:
        label, _sep, area_type = line.rpartition(",")
        rows += [f'"{label}",2021,{area_type}', f'"{label}",2022,{area_type}']
    record = imported("\n".join(rows).encode(), goteborg, create_areas=True)
    assert record.new == 294
    assert value("Backa Röd", "2021").value == 2


def test_a_semicolon_export_in_windows_1252_with_a_title_and_two_year_columns(goteborg):
    text = (
        '"Socioekonomisk områdestyp efter region och år"\r\n\r\n'
        '"region";"2021";"2022"\r\n'
        '"Göteborg (Backa Röd)";"2";"2"\r\n'
        '"Göteborg (Backa östra)";"..";"4"\r\n'
        "\r\n"
        '"Källa: SCB"\r\n'
    )
    record = imported(text.encode("cp1252"), goteborg, create_areas=True)
    assert record.new == 4
    suppressed = value("Backa östra", "2021")
    assert (suppressed.value, suppressed.status) == (None, "suppressed")


def test_a_kommun_table_with_codes_and_a_national_row(goteborg, malmo):
    text = 'region,Folkmängd 2023\n00 Riket,10551707\n1480 Göteborg,"604 616"\n1280 Malmö,362133\n'
    record = imported(text.encode(), slug=POPULATION)
    assert record.new == 2
    assert value("Göteborg", "2023", POPULATION).value == 604616
    assert value("Göteborg", "2023", POPULATION).area.kind == Area.Kind.KOMMUN
    assert any("hela landet" in note for note in record.notes)


def test_a_new_indicator_is_made_from_the_command_line(goteborg, tmp_path):
    path = tmp_path / "andel.csv"
    path.write_text('region,2022\n1480 Göteborg,"12,5"\n', encoding="utf-8")
    out = io.StringIO()
    call_command(
        "import_pxweb",
        str(path),
        "--indicator",
        "andel-test",
        "--name",
        "Andel i test",
        "--unit",
        "procent",
        "--theme",
        "school",
        "--direction",
        "higher",
        stdout=out,
    )
    indicator = Indicator.objects.get(slug="andel-test")
    assert (indicator.name, indicator.unit, indicator.theme, indicator.direction) == (
        "Andel i test",
        "procent",
        "school",
        "higher",
    )
    assert indicator.kommun is None
    assert value("Göteborg", slug="andel-test").value == Decimal("12.5")
    assert "1 nya värden" in out.getvalue()


def test_the_command_refuses_an_unknown_indicator_without_a_name(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("region,2022\n1480 Göteborg,1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="--name"):
        call_command("import_pxweb", str(path), "--indicator", "finns-inte")


def test_the_command_imports_the_real_file_with_a_progress_bar_and_a_swedish_report(goteborg):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_pxweb",
        str(DATA / SOCIO_ECONOMIC),
        "--indicator",
        SOCIO_ECONOMIC_AREA_TYPE,
        "--kommun",
        "Göteborg",
        "--create-areas",
        stdout=out,
        stderr=err,
    )
    assert "147 nya värden, 0 ändrade, 0 oförändrade." in out.getvalue()
    assert "100 %" in err.getvalue() and "#" * 30 in err.getvalue()
    record = IndicatorImport.objects.get()
    assert (record.via, record.state, record.kommun, record.content) == (
        "command",
        "saved",
        goteborg,
        None,
    )
    assert len(record.sha256) == 64 and record.size == len(REAL)


def test_a_dry_run_saves_nothing(goteborg):
    out = io.StringIO()
    call_command(
        "import_pxweb",
        str(DATA / SOCIO_ECONOMIC),
        "--indicator",
        SOCIO_ECONOMIC_AREA_TYPE,
        "--kommun",
        "1480",
        "--create-areas",
        "--dry-run",
        stdout=out,
    )
    assert "147 nya värden" in out.getvalue()
    assert not IndicatorValue.objects.exists() and not IndicatorImport.objects.exists()
    assert not Area.objects.filter(kind=Area.Kind.REGSO).exists()


# Broken files: each is refused as a whole, with what is wrong, and nothing is saved.


def refused(data, **extra):
    with pytest.raises(FileProblem) as problem:
        check(data, **extra)
    return str(problem.value)


def test_an_empty_file_is_refused(db):
    assert refused(b"") == "Filen är tom."


def test_a_binary_file_is_refused(db):
    assert refused(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") == "Det här är ingen textfil."


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(db, tmp_path):
    assert "större än 20 MB" in refused(b"x" * (MAX_IMPORT_BYTES + 1))
    path = tmp_path / "huge.csv"
    with open(path, "wb") as f:
        f.truncate(MAX_IMPORT_BYTES + 1)
    with pytest.raises(CommandError, match="20 MB"):
        call_command("import_pxweb", str(path), "--indicator", SOCIO_ECONOMIC_AREA_TYPE)


def test_a_table_with_another_dimension_is_refused_with_its_name(db):
    assert "”kön”" in refused("region,kön,2022\n1480 Göteborg,män,1\n".encode())


def test_a_file_without_periods_is_refused(db):
    assert "inga perioder" in refused(b"namn,antal\nAnna,3\n")


def test_a_header_without_rows_is_refused(db):
    assert "inga datarader" in refused(b",2022\r\n")


def test_row_errors_name_their_lines_and_nothing_is_saved(goteborg, tmp_path):
    imported(REAL, goteborg, create_areas=True)
    kept, footer = goteborg_rows()
    kept.insert(3, "Göteborg (Påhittat område),3")
    kept.insert(5, "Göteborg (Backa Röd),tre")
    kept.append("Göteborg (Backa Röd),2")
    data = "\r\n".join(kept + footer).encode("utf-8-sig")
    assert [str(e) for e in check(data, goteborg).errors] == [
        "Rad 4: Det finns inget område ”Påhittat område” (SCB RegSO) i Göteborg. Lägg till "
        "området först, eller låt importen skapa områden som saknas.",
        "Rad 6: 2022: ”tre” är inget tal.",
        "Rad 151: 2022 för Backa Röd finns också på rad 9.",
    ]
    IndicatorValue.objects.all().delete()
    IndicatorImport.objects.all().delete()
    Area.objects.all().delete()

    path = tmp_path / "fel.csv"
    path.write_bytes(data)
    err = io.StringIO()
    with pytest.raises(CommandError, match="Ingenting sparades"):
        call_command(
            "import_pxweb",
            str(path),
            "--indicator",
            SOCIO_ECONOMIC_AREA_TYPE,
            "--kommun",
            "1480",
            "--create-areas",
            stderr=err,
        )
    assert "Rad 6: 2022: ”tre” är inget tal." in err.getvalue()
    assert not IndicatorValue.objects.exists() and not IndicatorImport.objects.exists()
    assert not Area.objects.filter(kind=Area.Kind.REGSO).exists()


def test_a_row_with_more_cells_than_the_header_is_an_error(goteborg):
    plan = check("region,2022\n1480 Göteborg,1,2\n".encode())
    assert [str(e) for e in plan.errors] == ["Rad 2: Raden har 3 celler, rubrikraden 2."]


def test_a_national_row_in_an_upload_for_one_kommun_is_counted_once(goteborg, malmo):
    text = "region,Folkmängd 2023\n00 Riket,10551707\n1480 Göteborg,604616\n1280 Malmö,362133\n"
    plan = check(text.encode(), goteborg, slug=POPULATION)
    assert plan.notes == [
        "1 värde utanför den valda kommunen hoppades över.",
        "1 värde för hela landet hoppades över: Löfte har områden i kommuner och län.",
    ]
