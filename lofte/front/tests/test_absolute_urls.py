"""Every absolute address Löfte gives out is built from SITE_URL (lofte.web.absolute_url)."""

import datetime
import json
import re
from io import BytesIO

import icalendar
import pytest
from django.test import override_settings
from django.utils import timezone
from openpyxl import load_workbook

from lofte.events.models import Event
from lofte.followup.models import ReportingPeriod
from lofte.followup.tests.conftest import make_update
from lofte.web import absolute_url, site_host

pytestmark = pytest.mark.django_db

SITE = "https://lofte.example.se"
# A second name the site answers to, e.g. an internal one: it must never leak into addresses.
OTHER_HOST = "lofte-intern.example.se"
same_site = override_settings(ALLOWED_HOSTS=["lofte.example.se", OTHER_HOST], SITE_URL=SITE + "/")


def get(client, url):
    response = client.get(url, HTTP_HOST=OTHER_HOST)
    assert response.status_code == 200
    return response


def addresses(text):
    return re.findall(r"https?://[^\s\"'<>]+", text)


@pytest.fixture
def event(promise):
    starts_at = timezone.now() + datetime.timedelta(days=30)
    return Event.objects.create(
        promise=promise,
        title="Trygghetsvandring",
        place_name="Torget",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
    )


@same_site
def test_the_helper_puts_the_path_on_the_site_url_and_names_its_host():
    assert absolute_url("/medborgarloften/") == f"{SITE}/medborgarloften/"
    assert absolute_url("") == SITE
    assert site_host() == "lofte.example.se"


@same_site
def test_no_page_or_format_names_the_host_the_request_came_through(client, promise, event):
    c = promise.commitments().first()
    period = ReportingPeriod.objects.bulk_create(ReportingPeriod.quarters_for(promise))[0]
    make_update(c, period, value=3)
    texts = {
        "hreflang": get(client, "/").content.decode(),
        "json": get(client, "/medborgarloften/testby/lofte.json").content.decode(),
        "ical": get(client, "/medborgarloften/testby/kalender.ics").content.decode(),
        "event": get(client, event.get_absolute_url()).content.decode(),
        "feed": get(client, "/medborgarloften/testby/uppdateringar.atom").content.decode(),
        "whole": get(client, "/medborgarloften/testby/hela/").content.decode(),
        "report": get(client, "/medborgarloften/testby/rapport/").content.decode(),
    }
    for name, text in texts.items():
        assert OTHER_HOST not in text, name
    doc = json.loads(texts["json"])
    assert doc["links"]["pdf"] == f"{SITE}/medborgarloften/testby/hela.pdf"
    vevent = icalendar.Calendar.from_ical(texts["ical"]).walk("VEVENT")[0]
    assert vevent["URL"] == f"{SITE}{event.get_absolute_url()}"
    assert vevent["UID"] == f"event-{event.pk}@lofte.example.se"
    assert f'"url": "{SITE}{event.get_absolute_url()}"' in texts["event"]
    assert f'href="{SITE}/medborgarloften/testby/uppfoljning/"' in texts["feed"]
    assert f'href="{SITE}{c.get_absolute_url()}#update-' in texts["feed"]
    assert f'hreflang="en" href="{SITE}/en/"' in texts["hreflang"]
    assert f"{SITE}/medborgarloften/testby/hela/" in texts["whole"]
    assert f"{SITE}/medborgarloften/testby/rapport/" in texts["report"]
    # The addresses in a page's own markup are ours; the event page links OpenStreetMap only.
    for name in ("json", "feed"):
        assert all(a.startswith(SITE) or "w3.org" in a for a in addresses(texts[name])), name


@same_site
def test_the_report_spreadsheet_names_its_address_on_the_site(client, promise):
    response = get(client, "/en/medborgarloften/testby/rapport.xlsx?period=")
    summary = load_workbook(BytesIO(response.content))["Summary"]
    values = {row[0]: row[1] for row in summary.iter_rows(min_row=2, values_only=True)}
    assert values["Address"] == f"{SITE}/en/medborgarloften/testby/rapport.xlsx?period="
