"""The Atom feed of a promise's published updates."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lofte.followup.models import ReportingPeriod, Update
from lofte.followup.tests.test_public_progress import (  # noqa: F401 (hidden is a fixture)
    SECRETS,
    hidden,
    make_update,
    reviewed,
)
from lofte.testing import make_promise

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
URL = "/en/medborgarloften/testby/uppdateringar.atom"


def rfc3339(text):
    """Parse an RFC 3339 date-time; fails unless it has a time zone."""
    value = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert value.tzinfo is not None, text
    return value


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


@pytest.fixture
def updates(promise, periods):
    c0, c2 = promise.commitments().get(order=0), promise.commitments().get(order=2)
    return [
        make_update(c0, periods[0], "Första & bästa <arbetet>.", reviewed_at=reviewed(2)),
        make_update(c0, periods[1], "Andra arbetet.", reviewed_at=reviewed(4)),
        make_update(c2, periods[1], "Tredje arbetet.", reviewed_at=reviewed(3)),
    ]


def test_it_is_an_atom_feed_with_the_elements_rfc_4287_requires(client, updates, hidden):
    feed = parse(client.get(URL))
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert feed.findtext(f"{ATOM}id").startswith("tag:")
    assert feed.findtext(f"{ATOM}title") == "Follow-up: Medborgarlöfte testby"
    assert feed.findtext(f"{ATOM}subtitle")
    rfc3339(feed.findtext(f"{ATOM}updated"))
    links = {link.get("rel", "alternate"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["alternate"].endswith("/en/medborgarloften/testby/uppfoljning/")
    assert links["self"].endswith(URL)
    feed_has_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 3
    for entry in entries:
        assert entry.findtext(f"{ATOM}id")
        assert entry.findtext(f"{ATOM}title")
        rfc3339(entry.findtext(f"{ATOM}updated"))
        assert entry.find(f"{ATOM}link").get("href").startswith("http")
        assert feed_has_author or entry.find(f"{ATOM}author/{ATOM}name") is not None


def test_its_entries_are_the_published_updates_newest_first(client, promise, updates, hidden):
    entries = parse(client.get(URL)).findall(f"{ATOM}entry")
    c0 = promise.commitments().get(order=0)
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        f"{c0.title} – Kvartal 2 2024",
        f"{promise.commitments().get(order=2).title} – Kvartal 2 2024",
        f"{c0.title} – Kvartal 1 2024",
    ]
    newest = entries[0]
    assert rfc3339(newest.findtext(f"{ATOM}updated")) == reviewed(4)
    assert newest.find(f"{ATOM}link").get("href").endswith(
        f"/en/medborgarloften/testby/ataganden/{c0.pk}/#update-{updates[1].pk}"
    )
    assert newest.findtext(f"{ATOM}author/{ATOM}name") == "Aktör testby 0, Aktör testby 1"
    summary = newest.findtext(f"{ATOM}summary")
    assert "Status: ongoing" in summary and "Andra arbetet." in summary
    body = client.get(URL).content.decode()
    for secret in SECRETS:
        assert secret not in body


def test_its_entry_ids_are_unique_and_stable_across_languages(client, updates):
    english = [e.findtext(f"{ATOM}id") for e in parse(client.get(URL)).findall(f"{ATOM}entry")]
    swedish_feed = parse(client.get("/medborgarloften/testby/uppdateringar.atom"))
    swedish = [e.findtext(f"{ATOM}id") for e in swedish_feed.findall(f"{ATOM}entry")]
    assert len(set(english)) == 3
    assert english == swedish
    assert all(i.startswith("tag:") for i in english)


def test_it_escapes_the_actors_text(client, updates):
    entries = parse(client.get(URL)).findall(f"{ATOM}entry")
    summary = entries[-1].find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert "Första &amp; bästa &lt;arbetet&gt;." in summary.text


def test_it_holds_the_fifty_newest_updates_in_a_fixed_number_of_queries(client, db):
    promise = make_promise("stor", commitments=30)
    periods = ReportingPeriod.objects.bulk_create(ReportingPeriod.quarters_for(promise))
    for i, c in enumerate(promise.commitments()):
        make_update(c, periods[0], reviewed_at=reviewed(1))
        make_update(c, periods[1], reviewed_at=reviewed(2))
    with CaptureQueriesContext(connection) as ctx:
        feed = parse(client.get("/en/medborgarloften/stor/uppdateringar.atom"))
    assert len(feed.findall(f"{ATOM}entry")) == 50
    assert len(ctx.captured_queries) <= 4


def test_an_empty_feed_is_still_valid(client, promise):
    feed = parse(client.get(URL))
    assert feed.findall(f"{ATOM}entry") == []
    rfc3339(feed.findtext(f"{ATOM}updated"))


def test_it_is_404_for_drafts_to_outsiders_and_for_unknown_slugs(client, draft, dana):
    assert client.get("/medborgarloften/utkast/uppdateringar.atom").status_code == 404
    client.force_login(dana)
    assert client.get("/medborgarloften/utkast/uppdateringar.atom").status_code == 404
    assert client.get("/medborgarloften/finns-inte/uppdateringar.atom").status_code == 404


def test_the_commitment_page_and_the_timeline_link_the_feed_as_an_alternate(client, promise):
    c = promise.commitments().first()
    tag = f'<link rel="alternate" type="application/atom+xml" href="{URL}"'
    assert tag in client.get(f"/en/medborgarloften/testby/ataganden/{c.pk}/").content.decode()
    assert tag in client.get("/en/medborgarloften/testby/uppfoljning/").content.decode()


def test_an_update_that_is_not_publishable_never_enters_the_feed(client, promise, periods):
    c = promise.commitments().first()
    make_update(c, periods[0], "INTE-FÖR-ALLMÄNHETEN", is_publishable=False)
    make_update(c, periods[1], "INTE-GODKÄND", state=Update.State.SUBMITTED)
    body = client.get(URL).content.decode()
    assert "INTE-FÖR-ALLMÄNHETEN" not in body and "INTE-GODKÄND" not in body
