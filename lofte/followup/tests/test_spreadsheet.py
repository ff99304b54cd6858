"""Reading and checking follow-up spreadsheets, without the views."""

import io
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from lofte.followup import spreadsheet
from lofte.followup.models import MeasureValue, Update
from lofte.promises.models import Commitment, Measure

HEADER = ["Åtagande-id", "Mått-id", "Värde", "Status", "Vad har gjorts", "Får publiceras"]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def csv_bytes(lines, bom=False):
    text = "\r\n".join(lines) + "\r\n"
    return (("\ufeff" if bom else "") + text).encode("utf-8")


def xlsx_bytes(rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def parse(name, data):
    return spreadsheet.parse_rows(spreadsheet.read_table(name, data))


def context(promise, period):
    own = Commitment.objects.filter(focus_area__promise=promise).prefetch_related("measures")
    commitments = {c.pk: c for c in own}
    reported = Update.objects.filter(period=period).prefetch_related("values")
    updates = {u.commitment_id: u for u in reported}
    return commitments, updates


def test_it_reads_semicolon_csv_with_decimal_commas():
    rows, errors = parse("f.csv", csv_bytes([";".join(HEADER), "5;7;12,5;pågår;Vi träffades;ja"]))
    assert errors == []
    assert rows[0].commitment_id == 5
    assert rows[0].measure_id == 7
    assert rows[0].value == Decimal("12.50")
    assert rows[0].status == Commitment.Status.ONGOING
    assert rows[0].text == "Vi träffades"
    assert rows[0].publishable is True


def test_it_reads_comma_csv_with_a_bom_and_quoted_decimal_commas():
    data = csv_bytes([",".join(HEADER), '5,7,"3,5",klart,Klart,nej'], bom=True)
    rows, errors = parse("f.csv", data)
    assert errors == []
    assert rows[0].commitment_id == 5
    assert rows[0].value == Decimal("3.50")
    assert rows[0].publishable is False


def test_it_finds_headers_by_name_in_any_order_and_ignores_extra_columns():
    data = xlsx_bytes(
        [
            ["Anteckning", "  vad har gjorts ", "VÄRDE", "status", "MÅTT-ID", "åtagande-id"],
            ["hej", "Text", 4, "Försenat", 9, 3],
        ]
    )
    rows, errors = parse("f.xlsx", data)
    assert errors == []
    row = rows[0]
    assert (row.commitment_id, row.measure_id, row.value) == (3, 9, Decimal("4.00"))
    assert row.status == Commitment.Status.DELAYED
    assert row.text == "Text"
    assert row.number == 2


def test_it_accepts_the_machine_keys_as_headers():
    data = csv_bytes(["commitment_id;measure_id;value;status;text", "1;2;3;done;x"])
    rows, errors = parse("f.csv", data)
    assert errors == []
    assert rows[0].status == Commitment.Status.DONE


def test_it_names_missing_headers():
    with pytest.raises(spreadsheet.FileProblem) as problem:
        parse("f.csv", csv_bytes(["Åtagande-id;Värde", "1;2"]))
    assert "Mått-id" in str(problem.value)
    assert "Status" in str(problem.value)


def test_an_empty_file_is_a_file_problem():
    with pytest.raises(spreadsheet.FileProblem, match="empty"):
        parse("f.csv", b"")
    with pytest.raises(spreadsheet.FileProblem, match="empty"):
        parse("f.csv", csv_bytes([";;", ""]))


def test_random_bytes_named_xlsx_are_a_file_problem():
    with pytest.raises(spreadsheet.FileProblem, match="Excel"):
        spreadsheet.read_table("f.xlsx", b"\x00\x01garbage" * 100)


def test_a_damaged_zip_named_xlsx_is_a_file_problem():
    with pytest.raises(spreadsheet.FileProblem, match="Excel"):
        spreadsheet.read_table("f.xlsx", b"PK\x03\x04" + b"\x07" * 500)


def test_binary_named_csv_is_a_file_problem():
    with pytest.raises(spreadsheet.FileProblem, match="CSV"):
        spreadsheet.read_table("f.csv", b"\x00\x01\x02")


def test_other_file_kinds_are_refused():
    with pytest.raises(spreadsheet.FileProblem, match="XLSX or CSV"):
        spreadsheet.read_table("f.pdf", b"%PDF-1.4")


@pytest.mark.parametrize(
    "value, message",
    [
        ("tolv", "Value 'tolv' is not a number."),
        ("-3", "Value -3 is negative"),
        ("nan", "Value 'nan' is not a number."),
        ("99999999999", "Value 99999999999 is too large."),
    ],
)
def test_it_reports_bad_values_by_row(value, message):
    rows, errors = parse("f.csv", csv_bytes([";".join(HEADER), "1;2;5;;;", f"1;2;{value};;;"]))
    assert len(errors) == 1
    assert errors[0].row == 3
    assert message in errors[0].message
    assert str(errors[0]).startswith("Row 3: ")


def test_it_reports_unknown_statuses_bad_yes_no_and_long_texts():
    long_text = "x" * (spreadsheet.TEXT_MAX + 1)
    rows, errors = parse(
        "f.csv",
        csv_bytes([";".join(HEADER), "1;2;;kanske;;", "1;2;;;;kanske", f"1;2;;;{long_text};"]),
    )
    messages = {e.row: e.message for e in errors}
    assert "Unknown status 'kanske'" in messages[2]
    assert "planerat, pågår, klart, försenat, inställt" in messages[2]
    assert "must be ja or nej" in messages[3]
    assert "characters long" in messages[4]


def test_rows_left_empty_are_skipped(promise, periods):
    commitments, updates = context(promise, periods[0])
    c = next(iter(commitments.values()))
    m = c.measures.get()
    rows, errors = parse(
        "f.csv", csv_bytes([";".join(HEADER), f"{c.pk};{m.pk};;;;ja", f"{c.pk};{m.pk};3;;;"])
    )
    plan, errors, skipped = spreadsheet.check_rows(rows, commitments, updates, submit=False)
    assert errors == []
    assert skipped == 1
    assert len(plan) == 1
    assert plan[0].values == {m.pk: Decimal("3.00")}


def test_a_commitment_of_another_promise_is_an_error(promise, other_promise, periods):
    foreign = Commitment.objects.filter(focus_area__promise=other_promise).first()
    commitments, updates = context(promise, periods[0])
    rows, _ = parse("f.csv", csv_bytes([";".join(HEADER), f"{foreign.pk};;;pågår;Text;"]))
    plan, errors, _skipped = spreadsheet.check_rows(rows, commitments, updates, submit=False)
    assert plan == []
    assert errors[0].message == f"Commitment {foreign.pk} does not belong to this promise."


def test_a_measure_of_another_commitment_is_an_error(promise, periods):
    commitments, updates = context(promise, periods[0])
    first, second = list(commitments.values())[:2]
    other_measure = second.measures.get()
    rows, _ = parse("f.csv", csv_bytes([";".join(HEADER), f"{first.pk};{other_measure.pk};4;;;"]))
    _plan, errors, _skipped = spreadsheet.check_rows(rows, commitments, updates, submit=False)
    assert errors[0].message == (
        f"Measure {other_measure.pk} does not belong to commitment {first.pk}."
    )


def test_a_measure_twice_with_different_values_is_an_error(promise, periods):
    commitments, updates = context(promise, periods[0])
    c = next(iter(commitments.values()))
    m = c.measures.get()
    lines = [";".join(HEADER), f"{c.pk};{m.pk};4;;;", f"{c.pk};{m.pk};4;;;", f"{c.pk};{m.pk};5;;;"]
    rows, _ = parse("f.csv", csv_bytes(lines))
    _plan, errors, _skipped = spreadsheet.check_rows(rows, commitments, updates, submit=False)
    assert [e.row for e in errors] == [4]
    assert "appears again with a different value (first on row 2)" in errors[0].message


def test_rows_of_one_commitment_must_agree_on_status_and_text(promise, periods):
    commitments, updates = context(promise, periods[0])
    c = next(iter(commitments.values()))
    extra = Measure.objects.create(commitment=c, name="Deltagare", unit="st")
    m = c.measures.first()
    commitments, updates = context(promise, periods[0])
    lines = [
        ";".join(HEADER),
        f"{c.pk};{m.pk};1;pågår;Ett;",
        f"{c.pk};{extra.pk};2;klart;Två;",
    ]
    rows, _ = parse("f.csv", csv_bytes(lines))
    _plan, errors, _skipped = spreadsheet.check_rows(rows, commitments, updates, submit=False)
    messages = [e.message for e in errors]
    assert all(e.row == 3 for e in errors)
    assert any("disagree on the status" in m for m in messages)
    assert any("disagree on what was done" in m for m in messages)


def test_status_and_text_on_one_row_cover_the_commitment(promise, periods):
    commitments, updates = context(promise, periods[0])
    c = next(iter(commitments.values()))
    extra = Measure.objects.create(commitment=c, name="Deltagare", unit="st")
    m = c.measures.first()
    commitments, updates = context(promise, periods[0])
    lines = [";".join(HEADER), f"{c.pk};{m.pk};1;klart;Gjort;nej", f"{c.pk};{extra.pk};2;;;"]
    rows, _ = parse("f.csv", csv_bytes(lines))
    plan, errors, _skipped = spreadsheet.check_rows(rows, commitments, updates, submit=True)
    assert errors == []
    assert plan[0].status == Commitment.Status.DONE
    assert plan[0].text == "Gjort"
    assert plan[0].is_publishable is False
    assert plan[0].values == {m.pk: Decimal("1.00"), extra.pk: Decimal("2.00")}


def test_submitting_needs_a_text(promise, periods):
    commitments, updates = context(promise, periods[0])
    c = next(iter(commitments.values()))
    m = c.measures.get()
    rows, _ = parse("f.csv", csv_bytes([";".join(HEADER), f"{c.pk};{m.pk};3;pågår;;"]))
    _plan, errors, _skipped = spreadsheet.check_rows(rows, commitments, updates, submit=True)
    assert "describe what was done" in errors[0].message
    plan, errors, _skipped = spreadsheet.check_rows(rows, commitments, updates, submit=False)
    assert errors == []


def test_changing_an_approved_update_is_an_error_but_repeating_it_is_not(promise, periods):
    c = Commitment.objects.filter(focus_area__promise=promise).first()
    m = c.measures.get()
    update = Update.objects.create(
        commitment=c, period=periods[0], status="ongoing", text="Gjort", state=Update.State.APPROVED
    )
    MeasureValue.objects.create(update=update, measure=m, value=Decimal("3"))
    commitments, updates = context(promise, periods[0])
    same = parse("f.csv", csv_bytes([";".join(HEADER), f"{c.pk};{m.pk};3;pågår;Gjort;ja"]))[0]
    plan, errors, _skipped = spreadsheet.check_rows(same, commitments, updates, submit=True)
    assert errors == []
    assert plan[0].changed is False
    changed = parse("f.csv", csv_bytes([";".join(HEADER), f"{c.pk};{m.pk};4;pågår;Gjort;ja"]))[0]
    _plan, errors, _skipped = spreadsheet.check_rows(changed, commitments, updates, submit=True)
    assert "already approved" in errors[0].message
    assert "return it" in errors[0].message


def test_the_template_has_a_row_per_measure_and_per_commitment_without_measures(promise, periods):
    c = Commitment.objects.filter(focus_area__promise=promise).first()
    Measure.objects.create(commitment=c, name="Deltagare", unit="st")
    bare = Commitment.objects.filter(focus_area__promise=promise).last()
    bare.measures.all().delete()
    commitments = list(
        Commitment.objects.filter(focus_area__promise=promise)
        .select_related("focus_area")
        .prefetch_related("actors", "measures")
    )
    rows = spreadsheet.template_rows(commitments, {})
    assert len(rows) == 5  # 4 commitments, one with two measures, one with none
    assert [r["commitment_id"] for r in rows].count(c.pk) == 2
    bare_row = next(r for r in rows if r["commitment_id"] == bare.pk)
    assert "measure_id" not in bare_row

    wb = load_workbook(io.BytesIO(spreadsheet.build_xlsx(rows)))
    assert wb.sheetnames == ["Uppföljning", "Instruktioner"]
    ws = wb["Uppföljning"]
    assert ws.freeze_panes == "A2"
    assert ws.protection.sheet
    headers = [cell.value for cell in ws[1]]
    assert headers[:2] == ["Åtagande-id", "Fokusområde"]
    value_col = headers.index("Värde") + 1
    assert ws.cell(row=2, column=value_col).protection.locked is False
    assert ws.cell(row=2, column=1).protection.locked is True
    formulas = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert '"planerat,pågår,klart,försenat,inställt"' in formulas
    assert '"ja,nej"' in formulas


def test_too_many_rows_are_a_file_problem(monkeypatch):
    monkeypatch.setattr(spreadsheet.reading, "MAX_ROWS", 3)
    lines = [";".join(HEADER)] + [f"1;2;{i};;;" for i in range(4)]
    with pytest.raises(spreadsheet.FileProblem, match="more than 3 rows"):
        parse("f.csv", csv_bytes(lines))


def test_blank_rows_between_rows_keep_their_row_numbers():
    lines = [";".join(HEADER), ";;;;;", "1;2;tolv;;;"]
    _rows, errors = parse("f.csv", csv_bytes(lines))
    assert errors[0].row == 3


def test_a_bad_commitment_id_is_reported_once():
    rows, errors = parse("f.csv", csv_bytes([";".join(HEADER), "abc;;;pågår;Text;"]))
    plan, check_errors, _skipped = spreadsheet.check_rows(rows, {}, {}, submit=False)
    assert [e.message for e in errors] == ["Commitment id 'abc' is not a number."]
    assert check_errors == []


# The version column: no silent overwrites -------------------------------------------------

VHEADER = HEADER + ["Version (ändra inte)"]


def stored_update(promise, period, user=None, **fields):
    """Save an update the way the web form does, so history knows who changed it."""
    from lofte.followup.actions import save_update

    c = Commitment.objects.filter(focus_area__promise=promise).first()
    update = Update(
        commitment=c,
        period=period,
        status=fields.pop("status", "ongoing"),
        text=fields.pop("text", "Gjort"),
        **fields,
    )
    save_update(update, {c.measures.get().pk: Decimal("3")}, user, 0, False)
    return update


def check(promise, period, lines, submit=False):
    commitments, updates = context(promise, period)
    rows, errors = parse("f.csv", csv_bytes(lines))
    assert errors == []
    return spreadsheet.check_rows(rows, commitments, updates, submit=submit)


def test_the_template_carries_each_updates_version_on_every_row_of_its_commitment(promise, periods):
    update = stored_update(promise, periods[0])
    Update.objects.filter(pk=update.pk).update(version=4)
    c = update.commitment
    Measure.objects.create(commitment=c, name="Deltagare", unit="st")
    commitments = list(
        Commitment.objects.filter(focus_area__promise=promise)
        .select_related("focus_area")
        .prefetch_related("actors", "measures")
    )
    _commitments, updates = context(promise, periods[0])
    rows = spreadsheet.template_rows(commitments, updates)
    assert [r["version"] for r in rows if r["commitment_id"] == c.pk] == [4, 4]
    assert {r["version"] for r in rows if r["commitment_id"] != c.pk} == {None}

    ws = load_workbook(io.BytesIO(spreadsheet.build_xlsx(rows)))["Uppföljning"]
    headers = [cell.value for cell in ws[1]]
    col = headers.index("Version (ändra inte)") + 1
    assert [ws.cell(row=r, column=col).value for r in range(2, ws.max_row + 1)] == [
        4,
        4,
        None,
        None,
        None,
    ]
    assert ws.cell(row=2, column=col).protection.locked is True
    assert ws.cell(row=2, column=col).fill.fgColor.rgb.endswith("E7E7E7")

    lines = spreadsheet.build_csv(rows).decode("utf-8-sig").splitlines()
    header = lines[0].split(";")
    assert header[-1] == "Version (ändra inte)"
    assert [line.split(";")[-1] for line in lines[1:]] == ["4", "4", "", "", ""]


def test_a_row_made_from_the_current_version_passes_and_is_saved_against_it(promise, periods):
    update = stored_update(promise, periods[0])
    c, m = update.commitment, update.commitment.measures.get()
    plan, errors, _skipped = check(
        promise, periods[0], [";".join(VHEADER), f"{c.pk};{m.pk};5;;;;{update.version}"]
    )
    assert errors == []
    assert plan[0].expected_version == update.version
    spreadsheet.save_plan(plan, period=periods[0], user=None, submit=False)
    update.refresh_from_db()
    assert update.values.get().value == Decimal("5.00")
    assert update.version == 2


def test_an_update_changed_after_the_download_is_a_row_error_naming_who_and_when(
    promise, periods, alice, erik
):
    from lofte.followup.actions import save_update

    update = stored_update(promise, periods[0], user=alice)
    downloaded = update.version
    c, m = update.commitment, update.commitment.measures.get()
    update.text = "Erik skrev mer"
    save_update(update, {}, erik, downloaded, False)
    lines = [";".join(VHEADER), f"{c.pk};{m.pk};5;;;;{downloaded}"]
    plan, errors, _skipped = check(promise, periods[0], lines)
    assert plan == []
    assert len(errors) == 1
    assert errors[0].row == 2
    assert errors[0].message.startswith(
        f"The update for “{c.title}” was changed after this template was downloaded (by Erik on "
    )
    assert errors[0].message.endswith("). Download a new template.")
    assert str(errors[0]).startswith("Row 2: The update for")


def test_an_update_created_after_the_download_is_a_row_error(promise, periods):
    update = stored_update(promise, periods[0])
    c, m = update.commitment, update.commitment.measures.get()
    _plan, errors, _skipped = check(
        promise, periods[0], [";".join(VHEADER), f"{c.pk};{m.pk};5;;;;"]
    )
    assert "was changed after this template was downloaded (on " in errors[0].message


def test_an_update_deleted_after_the_download_is_a_row_error(promise, periods):
    c = Commitment.objects.filter(focus_area__promise=promise).first()
    m = c.measures.get()
    _plan, errors, _skipped = check(
        promise, periods[0], [";".join(VHEADER), f"{c.pk};{m.pk};5;;;;3"]
    )
    assert errors[0].message == (
        f"The update for “{c.title}” was deleted after this template was downloaded. "
        "Download a new template."
    )


def test_rows_of_a_commitment_are_all_checked_against_the_version(promise, periods):
    update = stored_update(promise, periods[0])
    c, m = update.commitment, update.commitment.measures.get()
    extra = Measure.objects.create(commitment=c, name="Deltagare", unit="st")
    lines = [
        ";".join(VHEADER),
        f"{c.pk};{m.pk};5;;;;{update.version}",
        f"{c.pk};{extra.pk};6;;;;{update.version + 7}",
    ]
    _plan, errors, _skipped = check(promise, periods[0], lines)
    assert [e.row for e in errors] == [3]


def test_a_stale_row_that_would_write_nothing_passes_as_unchanged(promise, periods):
    update = stored_update(promise, periods[0], text="Gjort")
    c, m = update.commitment, update.commitment.measures.get()
    lines = [";".join(VHEADER), f"{c.pk};{m.pk};3;pågår;Gjort;ja;{update.version + 5}"]
    plan, errors, _skipped = check(promise, periods[0], lines)
    assert errors == []
    assert plan[0].changed is False


def test_a_file_without_the_version_column_cannot_change_an_existing_update(promise, periods):
    update = stored_update(promise, periods[0], text="Gjort")
    c, m = update.commitment, update.commitment.measures.get()
    changed = [";".join(HEADER), f"{c.pk};{m.pk};4;pågår;Gjort;ja"]
    _plan, errors, _skipped = check(promise, periods[0], changed)
    assert errors[0].message.startswith(
        f"“{c.title}” already has an update for this period (last changed on "
    )
    assert "this file has no Version column" in errors[0].message

    same = [";".join(HEADER), f"{c.pk};{m.pk};3;pågår;Gjort;ja"]
    plan, errors, _skipped = check(promise, periods[0], same)
    assert errors == []
    assert plan[0].changed is False

    other = Commitment.objects.filter(focus_area__promise=promise).last()
    new = [";".join(HEADER), f"{other.pk};{other.measures.get().pk};4;pågår;Nytt;ja"]
    plan, errors, _skipped = check(promise, periods[0], new)
    assert errors == []
    assert plan[0].update is None


def test_a_version_that_is_not_a_number_is_a_row_error():
    rows, errors = parse("f.csv", csv_bytes([";".join(VHEADER), "1;2;3;;;;tre"]))
    assert errors[0].row == 2
    assert errors[0].message.startswith("Version 'tre' is not a number.")


def test_a_change_between_check_and_save_raises_edit_conflict_and_saves_nothing(promise, periods):
    from django.db.models import F

    from lofte.history.versioned import EditConflict

    update = stored_update(promise, periods[0])
    c, m = update.commitment, update.commitment.measures.get()
    other = Commitment.objects.filter(focus_area__promise=promise).last()
    lines = [
        ";".join(VHEADER),
        f"{other.pk};{other.measures.get().pk};1;pågår;Nytt;ja;",
        f"{c.pk};{m.pk};5;;;;{update.version}",
    ]
    plan, errors, _skipped = check(promise, periods[0], lines)
    assert errors == []
    Update.objects.filter(pk=update.pk).update(version=F("version") + 1, text="Online")
    with pytest.raises(EditConflict):
        spreadsheet.save_plan(plan, period=periods[0], user=None, submit=False)
    assert not Update.objects.filter(commitment=other).exists()
    update.refresh_from_db()
    assert update.text == "Online"
    assert update.values.get().value == Decimal("3.00")


# The period column: a template cannot be saved under another period -----------------------

PHEADER = HEADER + ["Period-id (ändra inte)"]


def template_of(promise, period):
    commitments = (
        Commitment.objects.filter(focus_area__promise=promise)
        .select_related("focus_area")
        .prefetch_related("actors", "measures")
    )
    _commitments, updates = context(promise, period)
    return spreadsheet.template_rows(commitments, updates, period)


def upload_check(promise, period, lines, name="f.csv"):
    commitments, updates = context(promise, period)
    data = csv_bytes(lines) if name.endswith(".csv") else xlsx_bytes(lines)
    return spreadsheet.check_upload(name, data, commitments, updates, submit=False, period=period)


def a_row(promise, period_id=""):
    c = Commitment.objects.filter(focus_area__promise=promise).first()
    return f"{c.pk};{c.measures.get().pk};4;pågår;Fyra;ja;{period_id}"


def test_the_template_names_its_period_on_every_row_in_a_locked_grey_column(promise, periods):
    rows = template_of(promise, periods[2])
    assert {r["period_id"] for r in rows} == {periods[2].pk}

    ws = load_workbook(io.BytesIO(spreadsheet.build_xlsx(rows)))["Uppföljning"]
    headers = [cell.value for cell in ws[1]]
    col = headers.index("Period-id (ändra inte)") + 1
    assert [ws.cell(row=r, column=col).value for r in range(2, ws.max_row + 1)] == [
        periods[2].pk
    ] * len(rows)
    assert ws.cell(row=2, column=col).protection.locked is True
    assert ws.cell(row=2, column=col).fill.fgColor.rgb.endswith("E7E7E7")

    lines = spreadsheet.build_csv(rows).decode("utf-8-sig").splitlines()
    at = lines[0].split(";").index("Period-id (ändra inte)")
    assert {line.split(";")[at] for line in lines[1:]} == {str(periods[2].pk)}


def test_a_template_without_a_period_leaves_the_column_empty(promise, periods):
    commitments, updates = context(promise, periods[0])
    rows = spreadsheet.template_rows(commitments.values(), updates)
    assert {r["period_id"] for r in rows} == {None}


def test_a_file_for_another_period_is_a_file_problem_naming_both_periods(promise, periods):
    lines = [";".join(PHEADER), a_row(promise, periods[0].pk)]
    with pytest.raises(spreadsheet.FileProblem) as problem:
        upload_check(promise, periods[1], lines)
    assert str(problem.value) == (
        f"This file is the template for {periods[0].name}, but you chose {periods[1].name}. "
        f"Choose {periods[0].name} or download the template for {periods[1].name}."
    )


def test_the_period_check_comes_before_row_errors(promise, periods):
    lines = [";".join(PHEADER), a_row(promise, periods[0].pk), f"999999;;tolv;;;;{periods[0].pk}"]
    with pytest.raises(spreadsheet.FileProblem, match="template for"):
        upload_check(promise, periods[1], lines)


def test_a_file_for_the_chosen_period_is_checked_as_before(promise, periods):
    plan, errors, skipped = upload_check(
        promise, periods[1], [";".join(PHEADER), a_row(promise, periods[1].pk)]
    )
    assert (len(plan), errors, skipped) == (1, [], 0)


def test_an_xlsx_for_another_period_is_a_file_problem_too(promise, periods):
    c = Commitment.objects.filter(focus_area__promise=promise).first()
    rows = [PHEADER, [c.pk, c.measures.get().pk, 4, "pågår", "Fyra", "ja", periods[3].pk]]
    with pytest.raises(spreadsheet.FileProblem, match=f"template for {periods[3].name}"):
        upload_check(promise, periods[0], rows, name="f.xlsx")


def test_a_file_without_the_period_column_or_with_it_empty_is_accepted(promise, periods):
    for lines in (
        [";".join(HEADER), a_row(promise).rsplit(";", 1)[0]],
        [";".join(PHEADER), a_row(promise, "")],
    ):
        plan, errors, _skipped = upload_check(promise, periods[1], lines)
        assert (len(plan), errors) == (1, [])


def test_rows_from_the_templates_of_several_periods_are_a_file_problem(promise, periods):
    lines = [
        ";".join(PHEADER),
        a_row(promise, periods[1].pk),
        a_row(promise, periods[2].pk),
    ]
    with pytest.raises(spreadsheet.FileProblem, match="templates of different periods"):
        upload_check(promise, periods[1], lines)


def test_a_period_of_another_promise_is_a_file_problem(promise, other_promise, periods):
    from lofte.followup.models import ReportingPeriod

    theirs = ReportingPeriod.objects.bulk_create(ReportingPeriod.quarters_for(other_promise))[0]
    lines = [";".join(PHEADER), a_row(promise, theirs.pk)]
    with pytest.raises(spreadsheet.FileProblem, match="a period this promise does not have"):
        upload_check(promise, periods[0], lines)


def test_a_period_id_that_is_not_a_number_is_a_row_error():
    _rows, errors = parse("f.csv", csv_bytes([";".join(PHEADER), "1;2;3;pågår;Text;ja;Q1"]))
    assert [str(e) for e in errors] == [
        "Row 2: Period id 'Q1' is not a number. Do not change the grey columns; download a new "
        "template."
    ]
