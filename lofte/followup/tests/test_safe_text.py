"""Text from actors may hold control characters or look like a spreadsheet formula: every
output still works, and no spreadsheet runs what an actor typed."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from openpyxl import load_workbook

from lofte.followup.models import Update
from lofte.promises.models import Commitment
from lofte.text import clean_text, csv_text, from_csv_text

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("https://evil.example/","Klicka")'


def approved(promise, period, text):
    c = promise.commitments().order_by("order").first()
    return Update.objects.create(
        commitment=c,
        period=period,
        text=text,
        status=Commitment.Status.ONGOING,
        state=Update.State.APPROVED,
        is_publishable=True,
    )


def test_clean_text_turns_word_line_breaks_into_newlines_and_drops_other_controls():
    assert clean_text("Rad ett\x0bRad två\x00\x1f\ttab\r\n") == "Rad ett\nRad två\ttab\r\n"


def test_csv_text_keeps_formulas_from_running_and_reads_back_unchanged():
    for text in (FORMULA, "+46", "-punkt", "@sum", "vanlig text"):
        assert from_csv_text(csv_text(text)) == text
    assert csv_text(FORMULA).startswith("'=")
    assert csv_text("vanlig text") == "vanlig text"


def test_an_editors_pasted_word_text_is_saved_without_control_characters(
    client, promise, periods, erik
):
    c = promise.commitments().order_by("order").first()
    client.force_login(erik)
    response = client.post(
        f"/en/uppfoljning/testby/rapportera/{periods[0].pk}/{c.pk}/",
        {
            "status": "ongoing",
            "text": "Rad ett\x0bRad två",
            "is_publishable": "on",
            "version": "0",
            "submit": "1",
        },
    )
    assert response.status_code in (200, 302)
    update = Update.objects.get(commitment=c, period=periods[0])
    assert update.text == "Rad ett\nRad två"


def test_the_feed_and_the_report_survive_control_characters_already_stored(
    client, promise, periods
):
    approved(promise, periods[0], "Rad ett\x0bRad två\x01")
    feed = client.get("/medborgarloften/testby/uppdateringar.atom")
    assert feed.status_code == 200
    ET.fromstring(feed.content)  # well-formed XML
    report = client.get("/medborgarloften/testby/rapport.xlsx")
    assert report.status_code == 200
    load_workbook(io.BytesIO(report.content))


def test_a_formula_in_an_update_stays_text_in_the_public_report(client, promise, periods):
    approved(promise, periods[0], FORMULA)
    book = load_workbook(io.BytesIO(client.get("/medborgarloften/testby/rapport.xlsx").content))
    cells = [c for ws in book for row in ws.iter_rows() for c in row if c.value == FORMULA]
    assert cells and all(c.data_type == "s" for c in cells)


def test_a_formula_stays_text_in_the_coordinators_templates(client, promise, periods, alice):
    approved(promise, periods[0], FORMULA)
    client.force_login(alice)
    xlsx = client.get(f"/uppfoljning/testby/mall-{periods[0].pk}.xlsx")
    book = load_workbook(io.BytesIO(xlsx.content))
    cells = [c for row in book.worksheets[0].iter_rows() for c in row if c.value == FORMULA]
    assert cells and all(c.data_type == "s" for c in cells)
    text = client.get(f"/uppfoljning/testby/mall-{periods[0].pk}.xlsx?format=csv").content
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig")), delimiter=";"))
    assert any(cell == "'" + FORMULA for row in rows for cell in row)


@pytest.mark.parametrize(
    "url",
    [
        "/medborgarloften/testby/rapport/?period=%C2%B2",
        "/medborgarloften/testby/rapport.xlsx?period=%C2%B2",
    ],
)
def test_digits_that_are_not_ascii_are_a_404_not_a_crash(client, promise, url):
    assert client.get(url).status_code == 404
