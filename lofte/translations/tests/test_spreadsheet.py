"""The spreadsheet for a translation agency: exported, filled in, imported back all or nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from lofte.translations.models import Translation
from lofte.translations.spreadsheet import build_xlsx

IMPORT = "/oversattningar/testby/ar/import/"


@pytest.fixture
def exported(client, alice, promise):
    client.force_login(alice)
    response = client.get("/oversattningar/testby/ar/export.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="testby-ar.xlsx"'
    return load_workbook(io.BytesIO(response.content))


def _rows(wb):
    return {row[0].value: row for row in wb.active.iter_rows(min_row=3)}


def _upload(client, wb, url=IMPORT, name="testby-ar.xlsx"):
    out = io.BytesIO()
    wb.save(out)
    return client.post(url, {"file": SimpleUploadedFile(name, out.getvalue())})


def test_the_export_lists_every_text_with_its_swedish_source_and_digest(exported, promise):
    ws = exported.active
    assert [c.value for c in ws[1]][:3] == ["lofte-translations/1", "testby", "ar"]
    rows = _rows(exported)
    title = rows[f"promises.promise:{promise.pk}:title"]
    assert title[3].value == "Medborgarlöfte testby"
    assert len(title[4].value) == 64 and title[5].value is None
    assert f"actors.contactperson:{promise.contacts.get().pk}:role" in rows
    # The promise 3, goals 2 (no descriptions), focus areas 2*2, commitments 4*2, measures
    # 4*2, the contact's role 1: only texts with a Swedish source.
    assert len(rows) == 26


def test_a_filled_in_file_comes_back_as_translations(client, exported, promise):
    rows = _rows(exported)
    rows[f"promises.promise:{promise.pk}:title"][5].value = "وعد تيستبي"
    rows[f"promises.promise:{promise.pk}:summary"][5].value = "تيستبي أكثر أماناً"
    response = _upload(client, exported)
    assert response.status_code == 302 and response.url == "/oversattningar/testby/ar/"
    assert dict(Translation.objects.values_list("field", "text")) == {
        "title": "وعد تيستبي",
        "summary": "تيستبي أكثر أماناً",
    }
    assert "وعد تيستبي" in client.get("/ar/medborgarloften/testby/").content.decode()
    # Exported again, the file carries what was imported.
    again = load_workbook(io.BytesIO(client.get("/oversattningar/testby/ar/export.xlsx").content))
    assert _rows(again)[f"promises.promise:{promise.pk}:title"][5].value == "وعد تيستبي"


def test_a_row_whose_swedish_text_changed_since_the_export_refuses_the_whole_file(
    client, exported, promise
):
    rows = _rows(exported)
    rows[f"promises.promise:{promise.pk}:title"][5].value = "وعد تيستبي"
    rows[f"promises.promise:{promise.pk}:summary"][5].value = "ملخص"
    promise.summary = "Ändrad sammanfattning."
    promise.save()
    response = _upload(client, exported)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Rad 4: den svenska texten har ändrats sedan filen exporterades" in html
    assert not Translation.objects.exists()


def test_bad_rows_are_each_named_and_nothing_is_saved(client, exported, promise):
    ws = exported.active
    rows = _rows(exported)
    rows[f"promises.promise:{promise.pk}:title"][5].value = "x" * 401
    rows[f"promises.promise:{promise.pk}:summary"][5].value = "ملخص"
    ws.append(["promises.promise:999999:title", "", "", "", "", "نص"])
    ws.append([f"promises.promise:{promise.pk}:summary", "", "", "", "", "نص"])
    response = _upload(client, exported)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Rad 3: översättningen är längre än 400 tecken." in html
    assert "Rad 29: den texten finns inte i det här löftet." in html
    assert "Rad 30: texten finns två gånger." in html
    assert not Translation.objects.exists()


def test_a_file_for_another_promise_or_language_is_refused(client, alice, promise, other_promise):
    client.force_login(alice)
    other = load_workbook(io.BytesIO(build_xlsx(other_promise, "ar", {})))
    response = _upload(client, other)
    assert response.status_code == 400
    assert "Filen gäller ett annat löfte (annanstad)." in response.content.decode()
    english = load_workbook(io.BytesIO(build_xlsx(promise, "en", {})))
    response = _upload(client, english)
    assert "Filen gäller ett annat språk (en)." in response.content.decode()
    assert not Translation.objects.exists()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("trasig.xlsx", b"PK\x03\x04 not really a zip"),
        ("bild.png", b"\x89PNG\r\n"),
        ("tom.xlsx", b""),
        ("text.csv", b"key;where\nx;y\n"),
    ],
)
def test_a_file_that_is_not_ours_is_refused_with_a_reason(client, alice, promise, name, data):
    client.force_login(alice)
    response = client.post(IMPORT, {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 400
    assert 'class="errors"' in response.content.decode()
    assert not Translation.objects.exists()


def test_an_import_without_a_file_is_refused(client, alice, promise):
    client.force_login(alice)
    assert client.post(IMPORT, {}).status_code == 400


@pytest.mark.parametrize("who", ["charlie", "erik", "rosa", "dana"])
def test_only_the_promise_s_coordinators_import(client, request, exported, who):
    client.force_login(request.getfixturevalue(who))
    assert _upload(client, exported).status_code == 403
    assert not Translation.objects.exists()


def test_a_row_translated_in_loefte_since_the_export_refuses_the_whole_file(
    client, exported, promise, alice
):
    from lofte.translations.actions import save_translations
    from lofte.translations.content import texts_of

    title = next(t for t in texts_of(promise) if t.obj == promise and t.field == "title")
    rows = _rows(exported)
    rows[f"promises.promise:{promise.pk}:title"][5].value = "من الوكالة"
    rows[f"promises.promise:{promise.pk}:summary"][5].value = "ملخص"
    save_translations(promise, "ar", [(title, "من المنسق")], alice)  # after the export
    response = _upload(client, exported)
    assert response.status_code == 400
    assert "Rad 3: någon har ändrat översättningen i Löfte sedan filen exporterades" in (
        response.content.decode()
    )
    assert dict(Translation.objects.values_list("field", "text")) == {"title": "من المنسق"}
