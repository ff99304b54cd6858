"""Bulk follow-up: downloading the template and importing it filled in."""

import datetime
import io
import os
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from lofte.followup.models import MeasureValue, Update
from lofte.followup.views.bulk import XLSX_TYPE
from lofte.history.models import Change
from lofte.promises.models import Commitment, Measure

PERSONAS = ["anonymous", "dana", "charlie", "erik", "fatima", "alice", "bob"]
ALLOWED = {"alice", "bob"}


def template_url(promise, period, lang="en"):
    with translation.override(lang):
        return reverse("followup:template", args=[promise.slug, period.pk])


def import_url(promise, lang="en"):
    with translation.override(lang):
        return reverse("followup:import", args=[promise.slug])


@pytest.fixture
def login(client, request):
    def log_in(name):
        if name != "anonymous":
            client.force_login(request.getfixturevalue(name))
        return client

    return log_in


def download(client, promise, period):
    response = client.get(template_url(promise, period))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def columns(ws):
    return {cell.value: cell.column for cell in ws[1]}


def fill(ws, row, **values):
    cols = columns(ws)
    names = {
        "value": "Värde",
        "status": "Status",
        "text": "Vad har gjorts",
        "publish": "Får publiceras",
    }
    for key, value in values.items():
        ws.cell(row=row, column=cols[names.get(key, key)], value=value)


def to_upload(wb, name="ifylld.xlsx"):
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type=XLSX_TYPE)


def post(client, promise, period, upload, mode="submit"):
    return client.post(import_url(promise), {"period": period.pk, "file": upload, "mode": mode})


def commitments_of(promise):
    return list(Commitment.objects.filter(focus_area__promise=promise))


def csv_upload(text, name="ifylld.csv", bom=False, encoding="utf-8"):
    data = (("\ufeff" if bom else "") + text).encode(encoding)
    return SimpleUploadedFile(name, data, content_type="text/csv")


# Who may do what -----------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_coordinators_may_download_the_template(
    persona, login, promise, periods, other_promise
):
    response = login(persona).get(template_url(promise, periods[0]))
    if persona == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith("/en/konto/logga-in/?next=")
    elif persona in ALLOWED:
        assert response.status_code == 200
        assert response["Content-Type"] == XLSX_TYPE
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_coordinators_may_open_the_import_page(
    persona, login, promise, periods, other_promise
):
    response = login(persona).get(import_url(promise))
    if persona == "anonymous":
        assert response.status_code == 302
        assert "/konto/logga-in/" in response.url
    elif persona in ALLOWED:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("persona", ["dana", "charlie", "erik"])
def test_others_cannot_import(persona, login, promise, periods, other_promise):
    c = commitments_of(promise)[0]
    upload = csv_upload(f"Åtagande-id;Mått-id;Värde;Status;Vad har gjorts\n{c.pk};;;pågår;Text\n")
    response = post(login(persona), promise, periods[0], upload)
    assert response.status_code == 403
    assert not Update.objects.exists()


def test_anonymous_cannot_import(client, promise, periods):
    c = commitments_of(promise)[0]
    upload = csv_upload(f"Åtagande-id;Mått-id;Värde;Status;Vad har gjorts\n{c.pk};;;pågår;Text\n")
    response = post(client, promise, periods[0], upload)
    assert response.status_code == 302
    assert not Update.objects.exists()


def test_charlie_may_download_the_template_of_his_own_promise(login, other_promise, charlie):
    from lofte.followup.models import ReportingPeriod

    period = ReportingPeriod.objects.bulk_create(ReportingPeriod.quarters_for(other_promise))[0]
    response = login("charlie").get(template_url(other_promise, period))
    assert response.status_code == 200


def test_a_draft_promise_is_a_404_to_coordinators_of_other_promises(login, alice, draft):
    assert login("alice").get(import_url(draft)).status_code == 404


def test_unknown_promises_and_periods_of_other_promises_are_404(
    login, alice, promise, periods, other_promise
):
    from lofte.followup.models import ReportingPeriod

    foreign = ReportingPeriod.objects.bulk_create(ReportingPeriod.quarters_for(other_promise))[0]
    client = login("alice")
    assert client.get(import_url(promise).replace("testby", "finns-inte")).status_code == 404
    assert client.get(template_url(promise, foreign)).status_code == 404


# The template ---------------------------------------------------------------------------


def test_the_template_is_an_attachment_named_after_promise_and_period(login, alice, periods):
    promise = periods[0].promise
    response = login("alice").get(template_url(promise, periods[0]))
    assert response["Content-Disposition"] == (
        'attachment; filename="uppfoljning-testby-kvartal-1-2024.xlsx"'
    )
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb["Uppföljning"]
    assert ws.max_row == 5  # header and one row per measure of the four commitments
    assert "Instruktioner" in wb.sheetnames


def test_the_template_holds_the_current_update(login, alice, promise, periods):
    c = commitments_of(promise)[0]
    m = c.measures.get()
    update = Update.objects.create(
        commitment=c, period=periods[0], status="delayed", text="Sent", is_publishable=False
    )
    MeasureValue.objects.create(update=update, measure=m, value=Decimal("7.5"))
    ws = download(login("alice"), promise, periods[0])["Uppföljning"]
    cols = columns(ws)
    ids = [ws.cell(row=r, column=cols["Åtagande-id"]).value for r in range(1, ws.max_row + 1)]
    row = ids.index(c.pk) + 1
    assert ws.cell(row=row, column=cols["Värde"]).value == 7.5
    assert ws.cell(row=row, column=cols["Status"]).value == "försenat"
    assert ws.cell(row=row, column=cols["Vad har gjorts"]).value == "Sent"
    assert ws.cell(row=row, column=cols["Får publiceras"]).value == "nej"


def test_the_template_lists_the_commitments_that_owe_a_report_for_the_period(
    login, alice, promise, periods
):
    c = sorted(commitments_of(promise), key=lambda c: c.order)
    q1 = periods[0]
    c[0].status = Commitment.Status.DONE  # finished: owes nothing more
    c[1].status = Commitment.Status.CANCELLED  # as good as finished, but reported on anyway
    c[2].starts_on = q1.ends_on + datetime.timedelta(days=1)  # starts after the quarter
    for commitment in c[:3]:
        commitment.save()
    Update.objects.create(commitment=c[1], period=q1, status="cancelled", text="Inställt")
    ws = download(login("alice"), promise, q1)["Uppföljning"]
    cols = columns(ws)
    ids = [ws.cell(row=r, column=cols["Åtagande-id"]).value for r in range(2, ws.max_row + 1)]
    assert ids == [c[1].pk, c[3].pk]


def test_the_template_comes_as_csv_too(login, alice, promise, periods):
    response = login("alice").get(template_url(promise, periods[0]) + "?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].endswith('.csv"')
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffÅtagande-id;Fokusområde;")
    assert len(text.strip().splitlines()) == 5


def test_the_import_page_links_the_template_of_every_period(login, alice, promise, periods):
    response = login("alice").get(import_url(promise))
    html = response.content.decode()
    for period in periods:
        assert template_url(promise, period) in html
    assert 'enctype="multipart/form-data"' in html


# Importing -----------------------------------------------------------------------------


def test_a_filled_template_round_trips_into_updates_and_values(login, alice, promise, periods):
    client = login("alice")
    wb = download(client, promise, periods[1])
    ws = wb["Uppföljning"]
    fill(ws, 2, value=12, status="pågår", text="Tolv träffar", publish="ja")
    fill(ws, 3, value="3,5", status="klart", text="Klart", publish="nej")
    # rows 4 and 5 are left as the template sent them: skipped
    response = post(client, promise, periods[1], to_upload(wb))
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 commitments updated" in html
    assert "2 empty rows skipped" in html
    assert f'href="/en/uppfoljning/{promise.slug}/granska/"' in html

    first, second = commitments_of(promise)[:2]
    u1 = Update.objects.get(commitment=first, period=periods[1])
    assert (u1.status, u1.text, u1.is_publishable) == ("ongoing", "Tolv träffar", True)
    assert u1.state == Update.State.SUBMITTED
    assert u1.created_by == alice
    assert u1.values.get().value == Decimal("12.00")
    u2 = Update.objects.get(commitment=second, period=periods[1])
    assert (u2.status, u2.is_publishable) == ("done", False)
    assert u2.values.get().value == Decimal("3.50")
    assert Update.objects.count() == 2
    assert Change.objects.filter(promise=promise).exists()


def test_uploading_the_same_file_again_changes_nothing(login, alice, promise, periods):
    client = login("alice")
    wb = download(client, promise, periods[0])
    fill(wb["Uppföljning"], 2, value=4, status="pågår", text="Fyra")
    post(client, promise, periods[0], to_upload(wb))
    version = Update.objects.get().version
    response = post(client, promise, periods[0], to_upload(wb))
    assert "0 commitments updated" in response.content.decode()
    assert "1 unchanged" in response.content.decode()
    assert Update.objects.get().version == version


def test_drafts_are_saved_as_drafts(login, alice, promise, periods):
    client = login("alice")
    wb = download(client, promise, periods[0])
    fill(wb["Uppföljning"], 2, value=4)
    post(client, promise, periods[0], to_upload(wb), mode="draft")
    update = Update.objects.get()
    assert update.state == Update.State.DRAFT
    assert update.status == Commitment.Status.ONGOING  # the commitment's own status
    assert update.values.get().value == Decimal("4.00")


def test_errors_on_several_rows_save_nothing_and_list_every_row(
    login, alice, promise, periods, other_promise
):
    client = login("alice")
    wb = download(client, promise, periods[0])
    ws = wb["Uppföljning"]
    foreign = commitments_of(other_promise)[0]
    fill(ws, 2, value=5, status="pågår", text="Bra")  # a good row
    fill(ws, 3, value="tolv")
    fill(ws, 4, status="kanske")
    fill(ws, 5, **{"Åtagande-id": foreign.pk, "value": 1})
    response = post(client, promise, periods[0], to_upload(wb))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was saved" in html
    assert "Value &#x27;tolv&#x27; is not a number." in html
    assert "Unknown status &#x27;kanske&#x27;" in html
    assert f"Commitment {foreign.pk} does not belong to this promise." in html
    assert response.context["row_errors"][0].row == 3
    assert [e.row for e in response.context["row_errors"]] == [3, 4, 5]
    assert not Update.objects.exists()
    assert not MeasureValue.objects.exists()


def test_a_failing_last_row_keeps_the_first_rows_unsaved(login, alice, promise, periods):
    client = login("alice")
    wb = download(client, promise, periods[0])
    ws = wb["Uppföljning"]
    for row in (2, 3, 4):
        fill(ws, row, value=row, status="klart", text="Gjort")
    fill(ws, 5, value=-1, status="klart", text="Gjort")
    response = post(client, promise, periods[0], to_upload(wb))
    assert [e.row for e in response.context["row_errors"]] == [5]
    assert "negative" in response.context["row_errors"][0].message
    assert not Update.objects.exists()


def test_an_error_while_saving_rolls_back_every_row(login, alice, promise, periods, monkeypatch):
    from lofte.followup import actions

    real = actions.save_update
    calls = []

    def failing(update, *args, **kwargs):
        calls.append(update)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real(update, *args, **kwargs)

    monkeypatch.setattr(actions, "save_update", failing)
    client = login("alice")
    client.raise_request_exception = False
    wb = download(client, promise, periods[0])
    for row in (2, 3, 4, 5):
        fill(wb["Uppföljning"], row, value=row, status="klart", text="Gjort")
    response = post(client, promise, periods[0], to_upload(wb))
    assert response.status_code == 500
    assert len(calls) == 3
    assert not Update.objects.exists()
    assert not MeasureValue.objects.exists()


def test_changing_an_approved_update_is_an_error(login, alice, promise, periods):
    c = commitments_of(promise)[0]
    Update.objects.create(
        commitment=c, period=periods[0], status="done", text="Klart", state=Update.State.APPROVED
    )
    client = login("alice")
    wb = download(client, promise, periods[0])
    fill(wb["Uppföljning"], 2, text="Nytt")
    fill(wb["Uppföljning"], 3, value=1, status="klart", text="Annat")
    response = post(client, promise, periods[0], to_upload(wb))
    html = response.content.decode()
    assert f"Commitment {c.pk} is already approved for this period" in html
    assert Update.objects.get(commitment=c).text == "Klart"
    assert Update.objects.count() == 1


def test_a_corrupt_file_is_a_form_error_not_a_crash(login, alice, promise, periods):
    upload = SimpleUploadedFile("trasig.xlsx", os.urandom(4000), content_type=XLSX_TYPE)
    response = post(login("alice"), promise, periods[0], upload)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert "could not be read as an Excel workbook" in response.content.decode()
    assert not Update.objects.exists()


def test_a_file_of_another_kind_is_refused(login, alice, promise, periods):
    upload = SimpleUploadedFile("bild.png", b"\x89PNG....", content_type="image/png")
    response = post(login("alice"), promise, periods[0], upload)
    assert response.status_code == 200
    assert "Upload an XLSX or CSV file." in response.content.decode()


def test_an_empty_file_and_missing_headers_are_form_errors(login, alice, promise, periods):
    client = login("alice")
    response = post(client, promise, periods[0], csv_upload(""))
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    response = post(client, promise, periods[0], csv_upload("Åtagande-id;Värde\n1;2\n"))
    html = response.content.decode()
    assert "The file lacks these columns: Mått-id, Status, Vad har gjorts." in html


def test_a_template_left_untouched_has_nothing_to_import(login, alice, promise, periods):
    client = login("alice")
    wb = download(client, promise, periods[0])
    response = post(client, promise, periods[0], to_upload(wb))
    assert "No row has a value, a status or a text to import." in response.content.decode()


def test_a_file_larger_than_two_megabytes_is_refused(login, alice, promise, periods):
    upload = csv_upload("x" * (2 * 1024 * 1024 + 1))
    response = post(login("alice"), promise, periods[0], upload)
    assert "The file is larger than 2 MB." in response.content.decode()


def test_csv_with_semicolons_and_decimal_commas_is_imported(login, alice, promise, periods):
    c = commitments_of(promise)[0]
    m = c.measures.get()
    text = (
        "Extra;Vad har gjorts;Värde;Status;Mått-id;Åtagande-id;Får publiceras\r\n"
        f"x;Vi höll öppet;12,5;pågår;{m.pk};{c.pk};nej\r\n"
    )
    response = post(login("alice"), promise, periods[0], csv_upload(text), mode="draft")
    assert response.status_code == 200
    update = Update.objects.get(commitment=c)
    assert update.values.get().value == Decimal("12.50")
    assert update.is_publishable is False
    assert update.state == Update.State.DRAFT


def test_csv_with_a_bom_and_commas_is_imported(login, alice, promise, periods):
    c = commitments_of(promise)[0]
    m = c.measures.get()
    text = (
        f'Åtagande-id,Mått-id,Värde,Status,Vad har gjorts\r\n{c.pk},{m.pk},"7,25",klart,Klart\r\n'
    )
    response = post(login("alice"), promise, periods[0], csv_upload(text, bom=True))
    assert response.status_code == 200
    update = Update.objects.get(commitment=c)
    assert update.values.get().value == Decimal("7.25")
    assert update.status == "done"


def test_the_downloaded_csv_template_round_trips(login, alice, promise, periods):
    client = login("alice")
    text = client.get(template_url(promise, periods[0]) + "?format=csv").content.decode("utf-8")
    lines = text.splitlines()
    header = lines[0].lstrip("\ufeff").split(";")
    cells = lines[1].split(";")
    cells[header.index("Värde")] = "2,5"
    cells[header.index("Status")] = "pågår"
    cells[header.index("Vad har gjorts")] = "Halvvägs"
    lines[1] = ";".join(cells)
    response = post(client, promise, periods[0], csv_upload("\r\n".join(lines)))
    assert "1 commitment updated" in response.content.decode()
    assert MeasureValue.objects.get().value == Decimal("2.50")


def test_a_commitment_of_another_promise_in_the_file_is_an_error(
    login, alice, promise, periods, other_promise
):
    foreign = commitments_of(other_promise)[0]
    own = commitments_of(promise)[0]
    text = (
        "Åtagande-id;Mått-id;Värde;Status;Vad har gjorts\n"
        f"{own.pk};;;pågår;Eget\n"
        f"{foreign.pk};{foreign.measures.get().pk};3;pågår;Främmande\n"
    )
    response = post(login("alice"), promise, periods[0], csv_upload(text))
    with translation.override("en"):
        assert str(response.context["row_errors"][0]).startswith("Row 3: ")
    assert f"Commitment {foreign.pk} does not belong to this promise." in response.content.decode()
    assert not Update.objects.exists()


def test_a_measure_of_another_commitment_is_an_error(login, alice, promise, periods):
    first, second = commitments_of(promise)[:2]
    text = (
        "Åtagande-id;Mått-id;Värde;Status;Vad har gjorts\n"
        f"{first.pk};{second.measures.get().pk};3;pågår;Text\n"
    )
    response = post(login("alice"), promise, periods[0], csv_upload(text))
    assert "does not belong to commitment" in response.content.decode()
    assert not Update.objects.exists()


def test_a_commitment_without_measures_gets_one_row(login, alice, promise, periods):
    c = commitments_of(promise)[0]
    Measure.objects.filter(commitment=c).delete()
    client = login("alice")
    wb = download(client, promise, periods[0])
    ws = wb["Uppföljning"]
    cols = columns(ws)
    assert ws.cell(row=2, column=cols["Mått-id"]).value is None
    fill(ws, 2, status="pågår", text="Inget att räkna")
    post(client, promise, periods[0], to_upload(wb))
    update = Update.objects.get(commitment=c)
    assert update.text == "Inget att räkna"
    assert not update.values.exists()


def test_row_messages_are_in_swedish_by_default(login, alice, promise, periods):
    c = commitments_of(promise)[0]
    text = f"Åtagande-id;Mått-id;Värde;Status;Vad har gjorts\n{c.pk};{c.measures.get().pk};tolv;;\n"
    response = login("alice").post(
        import_url(promise, lang="sv"),
        {"period": periods[0].pk, "file": csv_upload(text), "mode": "draft"},
    )
    assert response.status_code == 200
    assert response.context["row_errors"][0].row == 2


def test_someone_saving_meanwhile_rolls_back_the_import(
    login, alice, promise, periods, monkeypatch
):
    from lofte.followup import actions
    from lofte.history.versioned import EditConflict

    real = actions.save_update
    calls = []

    def conflicting(update, *args, **kwargs):
        calls.append(update)
        if len(calls) == 2:
            raise EditConflict(update)
        return real(update, *args, **kwargs)

    monkeypatch.setattr(actions, "save_update", conflicting)
    client = login("alice")
    wb = download(client, promise, periods[0])
    for row in (2, 3):
        fill(wb["Uppföljning"], row, value=row, status="klart", text="Gjort")
    response = post(client, promise, periods[0], to_upload(wb))
    assert response.status_code == 409
    assert "Nothing was saved; upload the file again." in response.content.decode()
    assert not Update.objects.exists()


def test_the_template_takes_a_fixed_number_of_queries(login, alice, promise, periods):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login("alice")
    first = commitments_of(promise)[0]
    Update.objects.create(commitment=first, period=periods[0], status="done", text="x")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(template_url(promise, periods[0])).status_code == 200
        return len(queries)

    few = count()
    focus_area = commitments_of(promise)[0].focus_area
    for i in range(6):
        c = Commitment.objects.create(focus_area=focus_area, title=f"Mer {i}", order=10 + i)
        c.actors.add(*commitments_of(promise)[0].actors.all())
        Measure.objects.create(commitment=c, name="Antal", unit="st")
        update = Update.objects.create(commitment=c, period=periods[0], status="ongoing", text="x")
        MeasureValue.objects.create(update=update, measure=c.measures.get(), value=1)
    assert count() == few


# Changes made online after the download ------------------------------------------------

VERSION = "Version (ändra inte)"


def save_online(update, user, **fields):
    """Change an update the way the web form does."""
    from lofte.followup.actions import save_update

    for name, value in fields.items():
        setattr(update, name, value)
    return save_update(update, {}, user, update.version, False)


def reported(promise, period, text="Från webben", index=0):
    c = commitments_of(promise)[index]
    update = Update.objects.create(
        commitment=c, period=period, status="ongoing", text=text, version=3
    )
    MeasureValue.objects.create(update=update, measure=c.measures.get(), value=Decimal("2"))
    return update


def test_the_template_has_a_version_column_with_each_updates_version(
    login, alice, promise, periods
):
    update = reported(promise, periods[0])
    client = login("alice")
    ws = download(client, promise, periods[0])["Uppföljning"]
    cols = columns(ws)
    versions = [ws.cell(row=r, column=cols[VERSION]).value for r in range(2, ws.max_row + 1)]
    assert versions == [3, None, None, None]
    assert ws.cell(row=2, column=cols[VERSION]).protection.locked is True
    assert ws.cell(row=2, column=1).fill.fgColor.rgb == (
        ws.cell(row=2, column=cols[VERSION]).fill.fgColor.rgb
    )

    text = client.get(template_url(promise, periods[0]) + "?format=csv").content.decode()
    lines = text.lstrip("\ufeff").splitlines()
    header = lines[0].split(";")
    assert VERSION in header
    assert [line.split(";")[header.index(VERSION)] for line in lines[1:]] == ["3", "", "", ""]
    assert update.commitment_id == int(lines[1].split(";")[0])


def test_an_update_changed_online_after_the_download_stops_the_whole_import(
    login, alice, erik, promise, periods
):
    update = reported(promise, periods[0])
    client = login("alice")
    wb = download(client, promise, periods[0])
    ws = wb["Uppföljning"]
    fill(ws, 2, value=9, status="klart", text="Från mallen")
    fill(ws, 3, value=1, status="pågår", text="Nytt")
    save_online(update, erik, text="Erik ändrade")

    response = post(client, promise, periods[0], to_upload(wb))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Nothing was saved" in html
    errors = response.context["row_errors"]
    assert [e.row for e in errors] == [2]
    assert errors[0].message.startswith(
        f"The update for “{update.commitment.title}” was changed after this template was "
        "downloaded (by Erik on "
    )
    assert "Download a new template." in html
    update.refresh_from_db()
    assert update.text == "Erik ändrade"
    assert update.values.get().value == Decimal("2.00")
    assert Update.objects.count() == 1  # row 3's new update was not saved either


def test_an_update_created_online_after_the_download_stops_the_import(
    login, alice, erik, promise, periods
):
    client = login("alice")
    wb = download(client, promise, periods[0])
    fill(wb["Uppföljning"], 2, value=9, status="klart", text="Från mallen")
    reported(promise, periods[0], text="Erik hann före")
    response = post(client, promise, periods[0], to_upload(wb))
    assert "was changed after this template was downloaded" in response.content.decode()
    assert Update.objects.get().text == "Erik hann före"


def test_an_update_deleted_after_the_download_stops_the_import(login, alice, promise, periods):
    update = reported(promise, periods[0])
    client = login("alice")
    wb = download(client, promise, periods[0])
    fill(wb["Uppföljning"], 2, value=9)
    update.delete()
    response = post(client, promise, periods[0], to_upload(wb))
    assert "was deleted after this template was downloaded" in response.content.decode()
    assert not Update.objects.exists()


def test_an_update_unchanged_since_the_download_is_imported(login, alice, promise, periods):
    update = reported(promise, periods[0])
    client = login("alice")
    wb = download(client, promise, periods[0])
    fill(wb["Uppföljning"], 2, value=9, text="Mer gjort")
    response = post(client, promise, periods[0], to_upload(wb))
    assert "1 commitment updated" in response.content.decode()
    update.refresh_from_db()
    assert update.text == "Mer gjort"
    assert update.values.get().value == Decimal("9.00")
    assert update.version == 4
    assert update.state == Update.State.SUBMITTED


def test_a_change_between_the_check_and_the_save_rolls_the_import_back(
    login, alice, promise, periods, monkeypatch
):
    from django.db.models import F

    from lofte.followup import spreadsheet

    update = reported(promise, periods[0], index=1)  # on row 3: saved after row 2
    real = spreadsheet.check_upload

    def check_then_someone_saves(*args, **kwargs):
        result = real(*args, **kwargs)
        Update.objects.filter(pk=update.pk).update(version=F("version") + 1, text="Samtidigt")
        return result

    monkeypatch.setattr(spreadsheet, "check_upload", check_then_someone_saves)
    client = login("alice")
    wb = download(client, promise, periods[0])
    fill(wb["Uppföljning"], 2, value=1, status="pågår", text="Nytt")  # saved, then undone
    fill(wb["Uppföljning"], 3, value=9, text="Från mallen")
    response = post(client, promise, periods[0], to_upload(wb))
    assert response.status_code == 409
    assert "Nothing was saved; upload the file again." in response.content.decode()
    update.refresh_from_db()
    assert update.text == "Samtidigt"
    assert Update.objects.count() == 1


def test_a_csv_without_the_version_column_cannot_change_an_existing_update(
    login, alice, promise, periods
):
    update = reported(promise, periods[0])
    c, m = update.commitment, update.commitment.measures.get()
    other = commitments_of(promise)[1]
    head = "Åtagande-id;Mått-id;Värde;Status;Vad har gjorts\n"
    client = login("alice")
    changing = head + f"{c.pk};{m.pk};5;pågår;Skrivet för hand\n"
    response = post(client, promise, periods[0], csv_upload(changing), mode="draft")
    html = response.content.decode()
    assert f"“{c.title}” already has an update for this period" in html
    assert "this file has no Version column" in html
    assert Update.objects.get().text == "Från webben"

    unchanged_and_new = (
        head
        + f"{c.pk};{m.pk};2;pågår;Från webben\n"
        + f"{other.pk};{other.measures.get().pk};1;pågår;Nytt\n"
    )
    response = post(client, promise, periods[0], csv_upload(unchanged_and_new), mode="draft")
    html = response.content.decode()
    assert "1 commitment updated" in html
    assert "1 unchanged" in html
    update.refresh_from_db()
    assert update.version == 3
    assert Update.objects.get(commitment=other).text == "Nytt"


def test_the_import_page_explains_the_version_check(login, alice, promise, periods):
    html = login("alice").get(import_url(promise)).content.decode()
    assert "remembers which version of each update it was made from" in html


# The period column -------------------------------------------------------------------------


def test_the_template_has_a_period_column_with_the_periods_id(login, alice, promise, periods):
    client = login("alice")
    ws = download(client, promise, periods[2])["Uppföljning"]
    col = columns(ws)["Period-id (ändra inte)"]
    assert {ws.cell(row=r, column=col).value for r in range(2, ws.max_row + 1)} == {periods[2].pk}
    assert ws.cell(row=2, column=col).protection.locked is True

    text = client.get(template_url(promise, periods[2]) + "?format=csv").content.decode("utf-8")
    lines = text.splitlines()
    at = lines[0].lstrip("\ufeff").split(";").index("Period-id (ändra inte)")
    assert {line.split(";")[at] for line in lines[1:]} == {str(periods[2].pk)}


def test_an_xlsx_for_another_period_is_refused_and_nothing_is_saved(login, alice, promise, periods):
    client = login("alice")
    wb = download(client, promise, periods[0])
    fill(wb["Uppföljning"], 2, value=12, status="pågår", text="Q1:s siffror")
    response = post(client, promise, periods[1], to_upload(wb))
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        f"This file is the template for {periods[0].name}, but you chose {periods[1].name}. "
        f"Choose {periods[0].name} or download the template for {periods[1].name}."
    ) in html
    assert response.context["form"].errors["file"]
    assert 'role="alert"' in html
    assert f'href="#{response.context["form"]["file"].id_for_label}"' in html
    assert not Update.objects.exists()
    assert not MeasureValue.objects.exists()


def test_a_csv_for_another_period_is_refused_and_nothing_is_saved(login, alice, promise, periods):
    client = login("alice")
    text = client.get(template_url(promise, periods[0]) + "?format=csv").content.decode("utf-8")
    lines = text.splitlines()
    header = lines[0].lstrip("\ufeff").split(";")
    cells = lines[1].split(";")
    cells[header.index("Värde")] = "7"
    cells[header.index("Status")] = "pågår"
    cells[header.index("Vad har gjorts")] = "Sju"
    lines[1] = ";".join(cells)
    response = post(client, promise, periods[3], csv_upload("\r\n".join(lines)))
    html = response.content.decode()
    assert f"This file is the template for {periods[0].name}, but you chose" in html
    assert not Update.objects.exists()

    response = post(client, promise, periods[0], csv_upload("\r\n".join(lines)))
    assert "1 commitment updated" in response.content.decode()
    assert Update.objects.get().period == periods[0]


def test_an_xlsx_for_the_chosen_period_is_imported(login, alice, promise, periods):
    client = login("alice")
    wb = download(client, promise, periods[1])
    fill(wb["Uppföljning"], 2, value=5, status="pågår", text="Fem")
    response = post(client, promise, periods[1], to_upload(wb))
    assert "1 commitment updated" in response.content.decode()
    assert Update.objects.get().period == periods[1]


def test_a_file_without_the_period_column_is_imported_as_before(login, alice, promise, periods):
    c = commitments_of(promise)[0]
    m = c.measures.get()
    head = "Åtagande-id;Mått-id;Värde;Status;Vad har gjorts\n"
    upload = csv_upload(head + f"{c.pk};{m.pk};3;pågår;Tre\n")
    response = post(login("alice"), promise, periods[5], upload)
    assert "1 commitment updated" in response.content.decode()
    assert Update.objects.get().period == periods[5]


def test_the_import_page_explains_the_period_check(login, alice, promise, periods):
    html = login("alice").get(import_url(promise)).content.decode()
    assert "The template also records the period it was made for." in html
