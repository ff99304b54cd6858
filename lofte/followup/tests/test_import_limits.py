"""The import answers every file and every cell with a message, never with an exception."""

import datetime
import io
import math
import zipfile
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import Workbook

from lofte.followup import spreadsheet
from lofte.followup.spreadsheet.columns import COLUMNS, MAX_COLUMNS
from lofte.followup.tests.test_spreadsheet import HEADER, context, csv_bytes, parse
from lofte.promises.models import Commitment


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


# Hostile cells -----------------------------------------------------------------------------

HOSTILE = [
    math.nan,
    math.inf,
    -math.inf,
    -0.0,
    "-0",
    1e300,
    -1e300,
    10**30,
    -(10**30),
    10**4000,
    "9" * 5000,
    "1" + "0" * 25,
    "1e26",
    "1E400",
    "1e-400",
    "-1e26",
    "NaN",
    "sNaN",
    "-nan",
    "Infinity",
    "-Infinity",
    Decimal("1e26"),
    True,
    False,
    datetime.datetime(2025, 3, 31, 12, 0),
    datetime.date(2025, 3, 31),
    datetime.time(12, 0),
    datetime.timedelta(days=3),
    "x" * 100_000,
    "\x00\x01\x1b[31m\x7f",
    '=HYPERLINK("http://example.se")',
    "#DIV/0!",
    "١٢",
    "½",
    "1_000",
    "0x10",
    "1.2.3",
    "\u00a0",
    "\ufeff",
    "\u202e12",
    "",
    "   ",
]


def _read_and_check(column, value, period, commitments, updates):
    """Read and check a row with value in column and good values elsewhere; return the
    messages the import would show."""
    c = next(iter(commitments.values()))
    good = {
        "commitment_id": c.pk,
        "measure_id": c.measures.get().pk,
        "value": 3,
        "status": "pågår",
        "text": "Gjort",
        "publishable": "ja",
        "period_id": period.pk,
    }
    row = [value if col.key == column else good.get(col.key) for col in COLUMNS]
    rows, errors = spreadsheet.parse_rows([(1, [col.header for col in COLUMNS]), (2, row)])
    try:
        spreadsheet.checking.check_period(rows, period)
    except spreadsheet.FileProblem as problem:
        return [str(problem)]
    plan, check_errors, _skipped = spreadsheet.check_rows(rows, commitments, updates, submit=True)
    assert plan or errors or check_errors or rows[0].is_empty
    return [str(e) for e in errors + check_errors]


@pytest.mark.parametrize("column", [c.key for c in COLUMNS])
def test_no_cell_makes_reading_or_checking_raise(column, promise, periods):
    failures = []
    commitments, updates = context(promise, periods[0])
    for value in HOSTILE:
        try:
            messages = _read_and_check(column, value, periods[0], commitments, updates)
        except Exception as error:  # what a 500 would be
            failures.append(f"{str(value)[:30]!r}: {type(error).__name__}: {str(error)[:80]}")
            continue
        # Every message can be read: a few lines, whatever the cell held.
        failures += [f"{str(value)[:30]!r}: {m[:80]}…" for m in messages if len(m) > 300]
    assert failures == []


@pytest.mark.parametrize("value", ["1e26", "1E26", "100000000000000000000000000", "1e400"])
def test_a_value_of_1e26_or_more_is_a_row_message_like_1e25(value):
    rows, errors = parse("f.csv", csv_bytes([";".join(HEADER), f"1;2;{value};;;"]))
    assert [(e.row, e.message) for e in errors] == [(2, f"Value {value} is too large.")]
    assert rows[0].value is None


def test_a_value_of_1e26_or_more_in_a_number_cell_is_a_row_message_too():
    wb = Workbook()
    wb.active.append(HEADER)
    wb.active.append([1, 2, 1e26, None, None, None])
    wb.active.append([1, 2, 1e25, None, None, None])
    out = io.BytesIO()
    wb.save(out)
    _rows, errors = parse("f.xlsx", out.getvalue())
    assert [e.row for e in errors] == [2, 3]
    assert all(e.message.endswith("is too large.") for e in errors)


def test_a_value_that_rounds_up_to_the_limit_is_too_large():
    _rows, errors = parse("f.csv", csv_bytes([";".join(HEADER), "1;2;9999999999,999;;;"]))
    assert [e.message for e in errors] == ["Value 9999999999,999 is too large."]


def test_minus_zero_is_saved_as_zero():
    rows, errors = parse("f.csv", csv_bytes([";".join(HEADER), "1;2;-0;;;", "1;2;-0,001;;;"]))
    assert errors == []
    assert [str(r.value) for r in rows] == ["0.00", "0.00"]


def test_a_long_cell_is_shortened_in_its_message():
    _rows, errors = parse("f.csv", csv_bytes([";".join(HEADER), f"1;2;;{'kanske' * 1000};;"]))
    assert errors[0].message.startswith("Unknown status 'kanskekanske")
    assert len(errors[0].message) < 200
    assert "…" in errors[0].message


def test_an_id_of_thousands_of_digits_is_a_row_message(promise, periods):
    _rows, errors = parse("f.csv", csv_bytes([";".join(HEADER), f"{'7' * 5000};2;;pågår;Text;"]))
    assert len(errors) == 1
    assert errors[0].message.startswith("Commitment id '777")
    assert len(errors[0].message) < 200


# Archives that unpack to more than a sheet holds ------------------------------------------

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def xlsx_parts(sheet_rows, strings=(), sst_attributes="", strings_xml=None, dimension="A1:F2"):
    """Return an XLSX file written part by part, as Excel does: the cells of `sheet_rows`
    are indexes into the shared strings. `strings_xml` replaces the shared strings part."""
    rows = "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{chr(65 + i)}{r}" t="s"><v>{v}</v></c>' for i, v in enumerate(cells))
        + "</row>"
        for r, cells in enumerate(sheet_rows, start=1)
    )
    if strings_xml is None:
        items = "".join(f"<si><t>{s}</t></si>" for s in strings)
        strings_xml = f'<sst xmlns="{MAIN}"{sst_attributes}>{items}</sst>'
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{OFFICE}/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="{OFFICE}"><sheets>'
            '<sheet name="Uppföljning" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{RELS}">'
            f'<Relationship Id="rId1" Type="{OFFICE}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{OFFICE}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/>'
            f"<sheetData>{rows}</sheetData></worksheet>"
        ),
        "xl/sharedStrings.xml": strings_xml,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text if isinstance(text, bytes) else text.encode())
    return out.getvalue()


def a_sheet(**kwargs):
    """A one-row sheet in the template's columns, read through the shared strings."""
    strings = [*HEADER, "7", "8", "3", "pågår", "Gjort", "ja"]
    return xlsx_parts([range(0, 6), range(6, 12)], strings, **kwargs)


@pytest.fixture
def openpyxl_calls(monkeypatch):
    """Record every call of openpyxl.load_workbook: the work a refusal must spare."""
    import openpyxl

    calls = []
    real = openpyxl.load_workbook

    def recorded(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", recorded)
    return calls


def test_a_workbook_written_part_by_part_is_read(openpyxl_calls):
    rows, errors = parse("f.xlsx", a_sheet())
    assert errors == []
    assert (rows[0].commitment_id, rows[0].measure_id, rows[0].value) == (7, 8, Decimal("3.00"))
    assert len(openpyxl_calls) == 1


def three_million_strings():
    body = b"<si><t>a</t></si>" * 3_000_000
    head = f'<sst xmlns="{MAIN}" count="3000000" uniqueCount="3000000">'.encode()
    return head + body + b"</sst>"


def test_three_million_shared_strings_in_a_small_file_are_refused_before_parsing(
    openpyxl_calls,
):
    data = a_sheet(strings_xml=three_million_strings())
    assert len(data) < 300_000
    with pytest.raises(spreadsheet.FileProblem) as problem:
        parse("f.xlsx", data)
    assert str(problem.value) == (
        "The file unpacks to far more than a sheet of 5000 rows holds, so it was not read. "
        "Save the sheet again as .xlsx or CSV, or split it into smaller files."
    )
    assert openpyxl_calls == []


def test_shared_strings_that_declare_too_many_are_refused_at_their_first_tag(
    monkeypatch, openpyxl_calls
):
    from lofte.followup.spreadsheet import archive

    seen = []
    real_start = archive._ElementCounter.start

    def start(counter, name, attributes):
        seen.append(name)
        return real_start(counter, name, attributes)

    monkeypatch.setattr(archive._ElementCounter, "start", start)
    data = a_sheet(sst_attributes=' count="3000000" uniqueCount="3000000"')
    with pytest.raises(spreadsheet.FileProblem) as problem:
        parse("f.xlsx", data)
    assert str(problem.value) == (
        "The file holds more cells and texts than a sheet of 5000 rows, so it was not read. "
        "Split it into smaller files, or start from the template for the period."
    )
    assert seen[-1] == "sst"  # not one string was read
    assert openpyxl_calls == []


def test_strings_that_do_not_say_how_many_they_are_are_counted(monkeypatch, openpyxl_calls):
    from lofte.followup.spreadsheet import archive

    monkeypatch.setattr(archive, "MAX_ELEMENTS", 500)
    strings = "".join(f"<si><t>{i}</t></si>" for i in range(300))
    with pytest.raises(spreadsheet.FileProblem, match="more cells and texts"):
        parse("f.xlsx", a_sheet(strings_xml=f'<sst xmlns="{MAIN}">{strings}</sst>'))
    assert openpyxl_calls == []
    assert parse("f.xlsx", a_sheet())[1] == []  # the same sheet with a few strings passes


def test_cells_are_counted_in_every_part(monkeypatch, openpyxl_calls):
    from lofte.followup.spreadsheet import archive

    monkeypatch.setattr(archive, "MAX_ELEMENTS", 500)
    rows = [range(0, 6), *([range(6, 12)] * 100)]
    data = xlsx_parts(rows, [*HEADER, "7", "8", "3", "pågår", "Gjort", "ja"])
    with pytest.raises(spreadsheet.FileProblem, match="more cells and texts"):
        parse("f.xlsx", data)
    assert openpyxl_calls == []


def test_a_full_template_is_within_the_limits(promise, periods):
    from lofte.followup.spreadsheet import archive

    rows = spreadsheet.template_rows(context(promise, periods[0])[0].values(), {}, periods[0])
    rows = [rows[0] | {"text": "Vi träffades.", "value": 3, "status": "pågår"}] * 500
    data = spreadsheet.build_xlsx(rows)
    counter = archive._ElementCounter()
    with zipfile.ZipFile(io.BytesIO(data)) as parts:
        for entry in parts.infolist():
            counter.read(parts, entry)
    # Ten times as many rows, every cell filled, is still within the limit.
    assert counter.count * 10 < archive.MAX_ELEMENTS
    # So is each row's text at its longest, in two bytes a character.
    assert spreadsheet.reading.MAX_ROWS * spreadsheet.TEXT_MAX * 2 < archive.MAX_UNPACKED_BYTES


def test_a_zip_bomb_is_refused_from_its_directory(openpyxl_calls):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 60_000_000)
    with pytest.raises(spreadsheet.FileProblem, match="unpacks to far more"):
        parse("f.xlsx", out.getvalue())
    assert openpyxl_calls == []


def test_a_tightly_packed_part_is_refused(openpyxl_calls):
    data = a_sheet(strings_xml=b"<sst>" + b" " * 3_000_000 + b"</sst>")
    with pytest.raises(spreadsheet.FileProblem, match="unpacks to far more"):
        parse("f.xlsx", data)
    assert openpyxl_calls == []


def test_a_zip_of_thousands_of_parts_is_refused(openpyxl_calls):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for i in range(600):
            archive.writestr(f"part{i}.xml", b"<a/>")
    with pytest.raises(spreadsheet.FileProblem, match="unpacks to far more"):
        parse("f.xlsx", out.getvalue())
    assert openpyxl_calls == []


def test_a_part_with_a_dtd_is_refused(openpyxl_calls):
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><sst><si><t>&b;</t></si></sst>'
    )
    with pytest.raises(spreadsheet.FileProblem, match="could not be read as an Excel workbook"):
        parse("f.xlsx", a_sheet(strings_xml=laughs))
    assert openpyxl_calls == []


def test_a_sheet_that_declares_every_column_is_read_no_wider_than_the_reader_looks(
    openpyxl_calls,
):
    rows, errors = parse("f.xlsx", a_sheet(dimension="A1:XFD1048576"))
    table = spreadsheet.read_table("f.xlsx", a_sheet(dimension="A1:XFD1048576"))
    assert errors == [] and rows[0].commitment_id == 7
    assert [len(cells) for _number, cells in table] == [MAX_COLUMNS, MAX_COLUMNS]


def test_a_zip_that_is_no_workbook_is_a_file_problem():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "Hej")
    with pytest.raises(spreadsheet.FileProblem, match="could not be read as an Excel workbook"):
        parse("f.xlsx", out.getvalue())


def test_a_file_that_is_not_a_zip_is_a_file_problem():
    with pytest.raises(spreadsheet.FileProblem, match="could not be read as an Excel workbook"):
        parse("f.xlsx", b"<html><body>Not a workbook</body></html>")


# CSV files ---------------------------------------------------------------------------------


def test_a_csv_of_one_100_megabyte_line_is_refused_by_its_size():
    with pytest.raises(spreadsheet.FileProblem, match="larger than 2 MB"):
        parse("f.csv", b"x" * 100 * 1024 * 1024)


def test_a_csv_cell_longer_than_any_column_takes_is_a_file_problem():
    data = csv_bytes([";".join(HEADER), "1;2;3;pågår;" + "x" * 1_500_000 + ";ja"])
    with pytest.raises(spreadsheet.FileProblem, match="A cell of the file holds more than"):
        parse("f.csv", data)


def test_a_csv_in_invalid_utf8_is_read_as_windows_1252():
    data = ";".join(HEADER).encode("cp1252") + b"\r\n1;2;3;p\xe5g\xe5r;Tr\xe4ff \x81\xff;ja\r\n"
    rows, errors = parse("f.csv", data)
    assert errors == []
    assert rows[0].status == Commitment.Status.ONGOING
    assert rows[0].text == "Träff \ufffdÿ"


@pytest.mark.parametrize("seed", range(20))
def test_random_bytes_are_read_or_refused_but_never_raise(seed):
    import random

    noise = random.Random(seed).randbytes(2000)
    for name, data in [
        ("f.csv", ";".join(HEADER).encode() + b"\n" + noise),
        ("f.xlsx", noise),
        ("f.xlsx", b"PK\x03\x04" + noise),
        ("f.xlsx", a_sheet()[:1000] + noise),
    ]:
        try:
            parse(name, data)
        except spreadsheet.FileProblem:
            pass


# Through the import page -------------------------------------------------------------------


def import_post(client, promise, period, name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    upload = SimpleUploadedFile(name, data)
    url = reverse("followup:import", args=[promise.slug])
    return client.post(url, {"period": period.pk, "file": upload, "mode": "draft"})


def test_the_import_page_refuses_a_bomb_in_swedish(client, alice, promise, periods, openpyxl_calls):
    client.force_login(alice)
    with translation.override("sv"):
        response = import_post(
            client, promise, periods[0], "f.xlsx", a_sheet(strings_xml=three_million_strings())
        )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "Filen packas upp till långt mer än ett ark med 5000 rader rymmer, så den lästes inte. "
        "Spara arket igen som .xlsx eller CSV, eller dela upp det i mindre filer."
    ]
    assert openpyxl_calls == []


def test_the_import_page_answers_hostile_cells_with_row_messages(client, alice, promise, periods):
    c = Commitment.objects.filter(focus_area__promise=promise).first()
    m = c.measures.get()
    wb = Workbook()
    wb.active.append(HEADER)
    for value in (1e26, "-1e26", 10**30, True, datetime.datetime(2025, 1, 1), "1e26", "x" * 999):
        wb.active.append([c.pk, m.pk, value, "pågår", "Gjort", "ja"])
    out = io.BytesIO()
    wb.save(out)
    client.force_login(alice)
    response = import_post(client, promise, periods[0], "f.xlsx", out.getvalue())
    assert response.status_code == 200
    assert [e.row for e in response.context["row_errors"]] == [2, 3, 4, 5, 6, 7, 8]
    assert not c.updates.exists()
