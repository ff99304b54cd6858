"""Brå's reported crimes in both layouts; suppressed counts are unknown, never zero."""

import io

import pytest
from django.core.management import CommandError, call_command

from lofte.areas.models import Area
from lofte.indicators.actions import record_import, save_import
from lofte.indicators.importing import FileProblem, check_file, options_for
from lofte.indicators.models import Indicator, IndicatorValue
from lofte.indicators.tests.conftest import BRA_HISTORY, BRA_SHORT, DATA, read

pytestmark = pytest.mark.django_db
HEADER_SHORT = "year,area,crime_type,count,source_url,exported_at\r\n"
HEADER_LONG = "year,area_scheme,area,category,subcategory,count,source_url,exported_at\r\n"
URL = "https://statistik.bra.se/solwebb/action/start?menykatalogid=1"


def check(data, scope=None, create_areas=True):
    return check_file("bra", data, options=options_for(create_areas=create_areas), scope=scope)


def imported(data, scope=None, create_areas=True):
    plan = check(data, scope, create_areas)
    assert plan.errors == []
    return save_import(
        plan, record_import(format="bra", via="command", data=data, file_name="b.csv")
    )


def value(slug, area, year):
    return IndicatorValue.objects.get(indicator__slug=slug, area__name=area, period_label=year)


def test_the_short_layout_gives_six_crime_types_for_goteborg_and_its_stadsomraden(goteborg):
    record = imported(read(BRA_SHORT))
    assert record.new == 90
    assert value("bra-totalt", "Göteborg", "2023").value == 90659
    assert value("bra-totalt", "Göteborg", "2023").area.kind == Area.Kind.KOMMUN
    assert value("bra-biltillgrepp", "Hisingen", "2025").area.kind == Area.Kind.STADSOMRADE
    total = Indicator.objects.get(slug="bra-totalt")
    assert (total.name, total.unit, total.theme, total.direction) == (
        "Anmälda brott, totalt",
        "anmälda brott",
        "crime",
        "neutral",
    )
    assert total.description == "Brå: Totalt antal brott"


def test_the_long_layout_meets_the_short_one_in_the_same_indicators_and_areas(goteborg):
    imported(read(BRA_SHORT))
    record = imported(read(BRA_HISTORY))
    # The 2023–2025 values of the six types in the short file are the same in the history.
    assert (record.new, record.changed, record.unchanged) == (322, 0, 90)
    assert Indicator.objects.filter(slug__startswith="bra-").count() == 12
    assert Area.objects.filter(kind=Area.Kind.STADSOMRADE).count() == 4
    assert value("bra-misshandel", "Göteborg", "2010").value == 5170
    assert value("bra-valdtakt", "Sydväst", "2021").indicator.name == "Anmälda våldtäkter"


def test_a_suppressed_or_empty_count_is_stored_as_unknown_never_as_zero(goteborg):
    data = (
        HEADER_LONG
        + f"2024,kommun,Göteborg kommun,Totalt antal brott,,..,{URL},2026-10-10\r\n"
        + f"2025,kommun,Göteborg kommun,Totalt antal brott,,,{URL},2026-10-10\r\n"
        + "2025,stadsomrade_2021,Stadsområde Hisingen (Gbg),"
        + f'"Rån, inkl. grovt (5, 6 §)",ran,0,{URL},x\r\n'
    ).encode()
    imported(data)
    suppressed, missing = (
        value("bra-totalt", "Göteborg", "2024"),
        value("bra-totalt", "Göteborg", "2025"),
    )
    assert (suppressed.value, suppressed.status) == (None, "suppressed")
    assert (missing.value, missing.status) == (None, "missing")
    zero = value("bra-ran", "Stadsområde Hisingen (Gbg)", "2025")
    assert (zero.value, zero.status) == (0, "reported")
    assert IndicatorValue.objects.known().count() == 1


def test_a_suppressed_count_that_later_appears_is_a_change(goteborg):
    imported((HEADER_SHORT + f"2024,Göteborg kommun,misshandel,..,{URL},x\r\n").encode())
    record = imported((HEADER_SHORT + f"2024,Göteborg kommun,misshandel,5503,{URL},x\r\n").encode())
    assert record.changed == 1
    revision = record.revisions.get()
    assert (revision.old_value, revision.old_status) == (None, "suppressed")


def test_another_kommun_and_an_unknown_crime_type_import_too(db):
    data = (
        HEADER_SHORT
        + f"2024,Malmö kommun,narkotikabrott,4100,{URL},x\r\n"
        + f"2024,Malmö kommun,misshandel,2500,{URL},x\r\n"
    ).encode()
    imported(data)
    drugs = Indicator.objects.get(slug="bra-narkotikabrott")
    assert drugs.name == "Anmälda brott: narkotikabrott"
    assert value("bra-misshandel", "Malmö", "2024").area.code == "1280"


def test_city_areas_of_a_file_naming_several_kommuner_need_a_chosen_kommun(goteborg):
    data = (
        HEADER_SHORT
        + f"2024,Göteborg kommun,misshandel,1,{URL},x\r\n"
        + f"2024,Malmö kommun,misshandel,1,{URL},x\r\n"
        + f"2024,Hisingen,misshandel,1,{URL},x\r\n"
    ).encode()
    assert "vilken kommun" in str(check(data).errors[0])
    plan = check(data, scope=goteborg)
    assert plan.errors == [] and plan.new == 2
    assert "1 värde utanför den valda kommunen hoppades över." in plan.notes


def test_city_areas_are_row_errors_unless_areas_may_be_created(goteborg):
    plan = check(read(BRA_SHORT), create_areas=False)
    assert len(plan.errors) == 72  # four stadsområden × six types × three years
    assert str(plan.errors[0]).startswith("Rad 20: Det finns inget")


def test_broken_files_are_refused_or_name_their_rows(goteborg, tmp_path):
    with pytest.raises(FileProblem, match="crime_type"):
        check("year,area,count\r\n2024,Göteborg kommun,1\r\n".encode())
    with pytest.raises(FileProblem, match="tom"):
        check(b"")
    data = (
        HEADER_SHORT
        + f"tjugo,Göteborg kommun,misshandel,1,{URL},x\r\n"
        + f"2024,Göteborg kommun,misshandel,många,{URL},x\r\n"
        + f"2024,Göteborg kommun,misshandel,5,{URL},x\r\n"
        + f"2024,Göteborg kommun,misshandel,5,{URL},x\r\n"
        + "2024,Göteborg kommun\r\n"
    ).encode()
    assert [str(e) for e in check(data).errors] == [
        "Rad 2: ”tjugo” är inget år.",
        "Rad 3: ”många” är inget tal.",
        "Rad 5: 2024 för Göteborg finns också på rad 4.",
        "Rad 6: Raden har 2 celler, rubrikraden 6.",
    ]
    path = tmp_path / "fel.csv"
    path.write_bytes(data)
    with pytest.raises(CommandError, match="4 rader är fel. Ingenting sparades."):
        call_command("import_bra", str(path), stderr=io.StringIO())
    assert not IndicatorValue.objects.exists() and not Area.objects.exists()


def test_the_command_imports_the_history_extract(goteborg):
    out = io.StringIO()
    call_command("import_bra", str(DATA / BRA_HISTORY), "--create-areas", stdout=out)
    assert "412 nya värden, 0 ändrade, 0 oförändrade." in out.getvalue()
