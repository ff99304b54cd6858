import datetime
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from lofte.demo.load import load_demo
from lofte.followup.models import MeasureValue, ReportingPeriod, Update
from lofte.promises.models import Commitment
from lofte.testing import make_promise

pytestmark = pytest.mark.django_db


def _url(slug, suffix="", period=None):
    url = f"/en/medborgarloften/{slug}/rapport{suffix}"
    return url + (f"?period={period.pk}" if period else "")


def _update(commitment, period, text, **extra):
    fields = {"status": Commitment.Status.ONGOING, "state": Update.State.APPROVED}
    fields.update(extra)
    return Update.objects.create(commitment=commitment, period=period, text=text, **fields)


@pytest.fixture
def updates(promise, periods):
    c = list(promise.commitments().order_by("order"))
    published = _update(c[0], periods[0], "Vi ordnade tio träffar.")
    MeasureValue.objects.create(update=published, measure=c[0].measures.get(), value=4)
    _update(c[0], periods[1], "Fler träffar under våren.")
    _update(c[1], periods[0], "Hemlig intern text.", is_publishable=False)
    _update(c[2], periods[0], "Väntar på godkännande.", state=Update.State.SUBMITTED)
    _update(c[3], periods[0], "Skickades tillbaka.", state=Update.State.RETURNED)
    return c


def test_the_report_shows_only_published_updates(client, updates):
    page = client.get(_url("testby", "/")).content.decode()
    assert "Vi ordnade tio träffar." in page
    assert "Fler träffar under våren." in page
    assert "Hemlig intern text." not in page
    assert "Väntar på godkännande." not in page
    assert "Skickades tillbaka." not in page


def test_the_report_links_to_its_pdf_and_spreadsheet_and_has_a_chart(client, updates):
    page = client.get(_url("testby", "/")).content.decode()
    assert "/rapport.pdf" in page and "/rapport.xlsx" in page
    assert '<svg role="img"' in page and "<title" in page
    assert page.count("<h1") == 1


def test_the_period_filter_limits_the_texts(client, updates, periods):
    page = client.get(_url("testby", "/", periods[1])).content.decode()
    assert "Fler träffar under våren." in page
    assert "Vi ordnade tio träffar." not in page
    assert "?period=" in page


def test_an_unknown_or_foreign_period_is_a_404(client, updates, other_promise):
    assert client.get(_url("testby", "/") + "?period=abc").status_code == 404
    assert client.get(_url("testby", "/") + "?period=999999").status_code == 404
    foreign = ReportingPeriod.objects.bulk_create(ReportingPeriod.quarters_for(other_promise))
    assert client.get(_url("testby", "/", foreign[0])).status_code == 404


def test_the_pdf_has_the_title_focus_areas_and_an_update(client, updates):
    response = client.get(_url("testby", ".pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert response["Content-Disposition"].endswith('-testby.pdf"')
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    assert "Medborgarlöfte testby" in text
    assert "Skola" in text and "Fritid" in text
    assert "Vi ordnade tio träffar." in text
    assert "Hemlig intern text." not in text


def test_the_spreadsheet_has_the_sheets_and_numbers(client, updates):
    response = client.get(_url("testby", ".xlsx"))
    assert response["Content-Disposition"].endswith('-testby.xlsx"')
    book = load_workbook(BytesIO(response.content))
    # Then the sheets of what the apps above add to the report (events, the logic check).
    assert book.sheetnames[:4] == ["Summary", "Commitments", "Measures", "Updates"]
    assert set(book.sheetnames[4:]) == {"Meetings", "Logic check"}
    swedish = load_workbook(BytesIO(client.get("/medborgarloften/testby/rapport.xlsx").content))
    assert swedish.sheetnames[:4] == ["Sammanfattning", "Åtaganden", "Mått", "Uppdateringar"]
    measures = book["Measures"]
    assert measures.freeze_panes == "A2"
    values = [row for row in measures.iter_rows(min_row=2, values_only=True)]
    assert 4.0 in [row[5] for row in values]
    assert all(isinstance(row[7], (int, float)) for row in values)
    texts = [row[5] for row in book["Updates"].iter_rows(min_row=2, values_only=True)]
    assert "Vi ordnade tio träffar." in texts and "Hemlig intern text." not in texts


def test_a_draft_promises_report_is_a_404_for_outsiders(client, draft, dana):
    for suffix in ["/", ".pdf", ".xlsx"]:
        assert client.get(_url("utkast", suffix)).status_code == 404
    client.force_login(dana)
    assert client.get(_url("utkast", "/")).status_code == 404


def test_a_member_sees_the_draft_report_without_updates(client, draft, dana):
    from lofte.promises.models import Membership

    Membership.objects.create(user=dana, promise=draft, role=Membership.Role.READER)
    client.force_login(dana)
    assert client.get(_url("utkast", "/")).status_code == 200


@pytest.mark.parametrize("persona", ["alice", "erik", "fatima", "charlie", "dana"])
def test_everyone_reads_a_published_report(client, updates, persona, request):
    client.force_login(request.getfixturevalue(persona))
    page = client.get(_url("testby", "/")).content.decode()
    assert "Vi ordnade tio träffar." in page and "Hemlig intern text." not in page


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_the_query_count_does_not_grow_with_the_promise(client, db):
    small = make_promise("liten", actors=2, commitments=2)
    big = make_promise("stor", actors=8, commitments=20, focus_areas=("A", "B", "C"))
    for promise in (small, big):
        periods = ReportingPeriod.objects.bulk_create(ReportingPeriod.quarters_for(promise))
        for c in promise.commitments():
            for period in periods[:3]:
                u = _update(c, period, "Text.")
                MeasureValue.objects.create(update=u, measure=c.measures.get(), value=3)
    for suffix in ["/", ".pdf", ".xlsx"]:
        assert _queries(client, _url("liten", suffix)) == _queries(client, _url("stor", suffix))


def test_the_demo_has_eight_periods_each_with_a_published_update(db):
    promise = load_demo()
    periods = list(promise.periods.all())
    assert len(periods) == 8
    assert periods[0].starts_on.isoformat() == "2024-02-27"
    for period in periods:
        assert Update.objects.published().filter(period=period).exists(), period
    assert Update.objects.filter(state=Update.State.SUBMITTED).exists()
    assert Update.objects.filter(state=Update.State.RETURNED).exists()
    assert Update.objects.filter(is_publishable=False).exists()
    assert all("(Exempel)" in text for text in Update.objects.values_list("text", flat=True))


def test_the_demos_final_report_renders_as_page_pdf_and_spreadsheet(client, db):
    load_demo()
    assert client.get(_url("hisings-backa", "/")).status_code == 200
    pdf = client.get(_url("hisings-backa", ".pdf"))
    assert len(PdfReader(BytesIO(pdf.content)).pages) > 5
    book = load_workbook(BytesIO(client.get(_url("hisings-backa", ".xlsx")).content))
    assert book["Updates"].max_row > 100


def test_the_promise_page_links_the_report_as_page_pdf_and_xlsx(client, promise):
    html = client.get("/medborgarloften/testby/").content.decode()
    for url in (
        "/medborgarloften/testby/rapport/",
        "/medborgarloften/testby/rapport.pdf",
        "/medborgarloften/testby/rapport.xlsx",
    ):
        assert f'href="{url}"' in html


def test_the_chart_draws_a_bar_per_focus_area_on_one_scale_from_the_shared_charts(
    client, updates, periods
):
    import xml.etree.ElementTree as ET

    page = client.get(_url("testby", "/", periods[0])).content.decode()
    start = page.index('<svg role="img"')
    svg = ET.fromstring(page[start : page.index("</svg>", start) + 6])
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.get("aria-labelledby") == "report-chart-svg-title report-chart-svg-desc"
    assert "Skola: " in svg.find(f"{ns}desc").text
    classes = {g.get("class") for g in svg.iter(f"{ns}g") if g.get("class")}
    assert {"status-ongoing", "status-none"} <= classes


def test_the_reported_share_counts_only_the_commitments_that_owe_a_report(client, promise, periods):
    c = list(promise.commitments().order_by("order"))
    q1 = periods[0]
    _update(c[0], q1, "Klart i tid.")
    c[1].status = Commitment.Status.DONE  # finished before: owes nothing more
    c[2].starts_on = q1.ends_on + datetime.timedelta(days=1)  # starts after the quarter
    for commitment in c[1:3]:
        commitment.save()
    page = client.get(_url("testby", "/", q1)).content.decode()
    assert "50 % of the commitments that owe a report (1 of 2) have an approved update" in page
    book = load_workbook(BytesIO(client.get(_url("testby", ".xlsx", q1)).content))
    summary = {r[0]: r[1] for r in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Commitments that owe a report"] == 2
    assert summary["Share with an approved update (%)"] == 50


def test_a_running_promise_is_judged_as_of_today_not_as_of_its_end(client, promise):
    today = timezone.localdate()
    promise.period_start = today - datetime.timedelta(days=100)
    promise.period_end = today + datetime.timedelta(days=100)
    promise.save()
    period = ReportingPeriod.objects.create(
        promise=promise,
        name="Hittills",
        starts_on=promise.period_start,
        ends_on=today,
        due_on=today,
    )
    c = promise.commitments().get(order=0)
    update = _update(c, period, "Sex träffar.")
    MeasureValue.objects.create(update=update, measure=c.measures.get(), value=6)
    page = client.get(_url("testby", "/")).content.decode()
    # Six of ten with half of the time gone: ahead of the line, not behind it.
    assert "60% of the way to the target, on track" in page
