"""What every format refuses alike, and the promise that a failed save leaves nothing."""

import pytest

from lofte.areas.models import Area
from lofte.indicators import actions
from lofte.indicators.actions import record_import, save_import
from lofte.indicators.importing import MAX_IMPORT_BYTES, FileProblem, check_file, options_for
from lofte.indicators.models import Indicator, IndicatorImport, IndicatorValue, PoliceEvent
from lofte.indicators.tests.conftest import BRA_SHORT, EVENTS, read

pytestmark = pytest.mark.django_db
FORMATS = ["pxweb", "jsonstat", "bra", "police_events"]


def check(fmt, data):
    from lofte.indicators.importing import IndicatorSpec

    spec = IndicatorSpec(slug="scb-folkmangd") if fmt == "pxweb" else None
    return check_file(fmt, data, options=options_for(indicator=spec, create_areas=True))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "Filen är tom."),
        (b"x" * (MAX_IMPORT_BYTES + 1), "större än 20 MB"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "ingen textfil"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", "ingen textfil"),
    ],
)
def test_every_format_refuses_empty_huge_and_binary_files(fmt, data, message):
    with pytest.raises(FileProblem, match=message):
        check(fmt, data)


@pytest.mark.parametrize("fmt", ["jsonstat", "police_events"])
def test_json_nested_too_deeply_is_refused_not_a_crash(fmt):
    with pytest.raises(FileProblem, match="för djupt"):
        check(fmt, b"[" * 100_000 + b"]" * 100_000)


def test_a_utf_16_export_is_read(goteborg):
    data = "year,area,crime_type,count\r\n2024,Göteborg kommun,misshandel,5\r\n".encode("utf-16")
    assert check("bra", data).new == 1


def test_csv_that_is_not_text_in_either_encoding_is_refused(db):
    with pytest.raises(FileProblem, match="varken UTF-8"):
        check("bra", b"year,area" + b"\x81\x8d\x8f\x90\x9d")


def test_an_area_name_too_long_to_store_is_a_row_error(goteborg):
    data = ("region,2022\nGöteborg (" + "x" * 300 + "),1\n").encode()
    (error,) = check("pxweb", data).errors
    assert "högst 200 tecken" in str(error)


def test_a_save_that_fails_half_way_leaves_nothing_behind(goteborg, monkeypatch):
    data = read(BRA_SHORT)
    plan = check("bra", data)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(actions.ValueRevision.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        save_import(plan, record_import(format="bra", via="command", data=data, file_name="b"))
    assert not IndicatorValue.objects.exists()
    assert not Area.objects.exists()
    assert not Indicator.objects.filter(slug__startswith="bra-").exists()
    assert not IndicatorImport.objects.exists()


def test_a_plan_with_errors_is_never_saved(goteborg):
    data = read(EVENTS).replace(b'"type": "Brand"', b'"type": ""', 1)
    plan = check("police_events", data)
    assert plan.errors
    with pytest.raises(ValueError):
        save_import(
            plan, record_import(format="police_events", via="command", data=data, file_name="e")
        )
    assert not PoliceEvent.objects.exists()
