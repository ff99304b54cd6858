"""The promise page, the commitment page, the dashboard and the report say the same about how
far a measure has come, because they all ask Measure.progress().

The case from the trust issue: fewer is better, target 30, no baseline, the latest value 40.
Before, the promise page drew a full bar, the dashboard said nothing was at risk and the
report said "behind".
"""

import datetime
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from lofte.followup.models import ReportingPeriod
from lofte.followup.tests.conftest import make_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue_case(promise):
    """The promise runs from 400 days ago to 400 days ahead; commitment 0 counts incidents."""
    today = timezone.localdate()
    promise.period_start = today - datetime.timedelta(days=400)
    promise.period_end = today + datetime.timedelta(days=400)
    promise.save()
    c = promise.commitments().get(order=0)
    m = c.measures.get()
    m.higher_is_better, m.baseline, m.target = False, None, 30
    m.save()
    period = ReportingPeriod.objects.create(
        promise=promise,
        name="Förra perioden",
        starts_on=today - datetime.timedelta(days=100),
        ends_on=today - datetime.timedelta(days=10),
        due_on=today + datetime.timedelta(days=5),
    )
    make_update(c, period, value=40)
    return c, m


def promise_page(client, c, m):
    html = client.get("/en/medborgarloften/testby/").content.decode()
    card = html.split(f'id="commitment-{c.pk}"', 1)[1].split("</li>", 1)[0]
    row = card.split(f'<th scope="row">{m.name}</th>', 1)[1].split("</tr>", 1)[0]
    cells = [cell.split("</td>")[0].strip() for cell in row.split("<td>")[1:]]
    return {"bar": f'id="measure-{m.pk}"' in card, "says": cells[-1]}


def commitment_chart(client, c):
    html = client.get(f"/en/medborgarloften/testby/ataganden/{c.pk}/").content.decode()
    return html.split("<desc", 1)[1].split("</desc>", 1)[0]


def at_risk(client, alice, c):
    client.force_login(alice)
    html = client.get("/en/uppfoljning/testby/").content.decode()
    client.logout()
    section = html.split('id="at-risk"', 1)[1].split("</section>", 1)[0]
    if c.title not in section:
        return None
    return section.split(c.title, 1)[1].split("</li>", 1)[0]


def report(client, m):
    html = client.get("/en/medborgarloften/testby/rapport/").content.decode()
    sv = 'lang="sv" dir="ltr"'
    head = f'<th scope="row"><span {sv}>{m.name}</span> (<span {sv}>{m.unit}</span>)</th>'
    row = html.split(head, 1)[1].split("</tr>", 1)[0]
    page = row.rsplit("<td>", 1)[1].split("</td>", 1)[0]
    book = load_workbook(BytesIO(client.get("/en/medborgarloften/testby/rapport.xlsx").content))
    sheet = [r for r in book["Measures"].iter_rows(min_row=2, values_only=True) if r[5] == 40]
    pdf = client.get("/en/medborgarloften/testby/rapport.pdf").content
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)
    return {"page": page, "xlsx": sheet[0][9], "pdf": " ".join(text.split())}


def test_while_there_is_time_every_page_says_not_reached_and_none_says_behind(
    client, alice, issue_case
):
    c, m = issue_case
    assert promise_page(client, c, m) == {"bar": False, "says": "Target not reached yet"}
    assert "Target not reached yet." in commitment_chart(client, c)
    assert at_risk(client, alice, c) is None
    said = report(client, m)
    assert said["page"] == "Target not reached yet"
    assert said["xlsx"] == "target not reached yet"
    assert "target 30: target not reached yet" in said["pdf"]


def test_once_its_time_is_up_every_page_says_behind(client, alice, issue_case):
    c, m = issue_case
    c.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    c.save()
    assert promise_page(client, c, m) == {"bar": False, "says": "Behind"}
    assert "Behind." in commitment_chart(client, c)
    assert "has not reached its target, and its time is up." in at_risk(client, alice, c)
    said = report(client, m)
    assert said["page"] == "Behind"
    assert said["xlsx"] == "behind"
    assert "target 30: behind" in said["pdf"]


def test_with_a_baseline_they_agree_on_the_share_and_on_being_behind(client, alice, issue_case):
    c, m = issue_case
    m.baseline = 50  # from 50 down to 30: 40 is half of the way
    m.save()
    c.starts_on = timezone.localdate() - datetime.timedelta(days=70)
    c.ends_on = timezone.localdate() + datetime.timedelta(days=30)  # 70 % of the time gone
    c.save()
    words = "50% of the way to the target, behind"
    assert promise_page(client, c, m) == {"bar": True, "says": words}
    assert words.capitalize() + "." in commitment_chart(client, c)
    assert "50% of the way to its target with 70% of its time gone." in at_risk(client, alice, c)
    said = report(client, m)
    assert said["page"] == words.capitalize()
    assert said["xlsx"] == words
