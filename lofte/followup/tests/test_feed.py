"""The Atom feed of a promise's published updates."""

import datetime
import functools
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from lxml import etree

from lofte.followup.models import ReportingPeriod, Update
from lofte.followup.tests.conftest import SECRETS, make_update, reviewed
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
        f"{c0.title} – Quarter 2 2024",
        f"{promise.commitments().get(order=2).title} – Quarter 2 2024",
        f"{c0.title} – Quarter 1 2024",
    ]
    newest = entries[0]
    assert rfc3339(newest.findtext(f"{ATOM}updated")) == reviewed(4)
    assert (
        newest.find(f"{ATOM}link")
        .get("href")
        .endswith(f"/en/medborgarloften/testby/ataganden/{c0.pk}/#update-{updates[1].pk}")
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
    for c in promise.commitments():
        make_update(c, periods[0], reviewed_at=reviewed(1))
        make_update(c, periods[1], reviewed_at=reviewed(2))
    with CaptureQueriesContext(connection) as ctx:
        feed = parse(client.get("/en/medborgarloften/stor/uppdateringar.atom"))
    assert len(feed.findall(f"{ATOM}entry")) == 50
    # 4, and 1 for the translations of the entries in a language other than Swedish.
    assert len(ctx.captured_queries) <= 5


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


# Validation against RFC 4287's own schema (Appendix B), transcribed into atom.rng.

NS = {"atom": "http://www.w3.org/2005/Atom", "s": "http://www.ascc.net/xml/schematron"}
SWEDISH_URL = "/medborgarloften/testby/uppdateringar.atom"


@functools.cache
def atom_schema():
    grammar = etree.parse(str(Path(__file__).with_name("atom.rng")))
    rules = [
        (rule.get("context"), allowed.get("test"), allowed.text)
        for rule in grammar.iterfind(".//s:rule", NS)
        for allowed in rule.iterfind("s:assert", NS)
    ]
    return etree.RelaxNG(grammar), rules


def problems(doc):
    """Every way doc breaks the RFC's schema: RELAX NG errors, then its Schematron rules."""
    schema, rules = atom_schema()
    found = [] if schema.validate(doc) else [str(error) for error in schema.error_log]
    for context, test, message in rules:
        for node in doc.xpath(f"descendant-or-self::{context}", namespaces=NS):
            if not node.xpath(f"boolean({test})", namespaces=NS):
                found.append(message)
    return found


def fetch(client, url=URL, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    return etree.fromstring(response.content)


def assert_valid(doc):
    schema, _ = atom_schema()
    assert schema.validate(doc), "\n".join(str(error) for error in schema.error_log)
    assert problems(doc) == []


@pytest.mark.parametrize("url", [URL, SWEDISH_URL], ids=["english", "swedish"])
def test_the_feed_of_a_promise_with_published_updates_validates_against_rfc_4287(
    client, updates, hidden, url
):
    doc = fetch(client, url)
    assert len(doc.findall("atom:entry", NS)) == 3
    assert_valid(doc)


@pytest.mark.parametrize("url", [URL, SWEDISH_URL], ids=["english", "swedish"])
def test_the_feed_of_a_promise_without_published_updates_validates_too(client, promise, url):
    doc = fetch(client, url)
    assert doc.findall("atom:entry", NS) == []
    assert_valid(doc)


def test_an_entry_without_actors_still_validates_through_the_feeds_author(client, promise, periods):
    c = promise.commitments().first()
    c.actors.clear()
    make_update(c, periods[0])
    doc = fetch(client)
    assert doc.find("atom:entry/atom:author", NS) is None
    assert_valid(doc)


def test_the_schema_rejects_an_entry_without_an_id(client, updates):
    doc = fetch(client)
    entry = doc.find("atom:entry", NS)
    entry.remove(entry.find("atom:id", NS))
    assert any("RELAXNG" in problem for problem in problems(doc))


def test_the_schema_rejects_an_updated_that_is_not_a_date(client, updates):
    doc = fetch(client)
    doc.find("atom:entry/atom:updated", NS).text = "igår"
    assert any("dateTime" in problem for problem in problems(doc))


def test_the_schema_rejects_an_unknown_text_type_and_a_missing_title(client, updates):
    doc = fetch(client)
    doc.find("atom:entry/atom:summary", NS).set("type", "markdown")
    assert problems(doc)
    doc = fetch(client)
    doc.remove(doc.find("atom:title", NS))
    assert problems(doc)


def test_the_schemas_rules_reject_entries_when_nobody_is_an_author(client, promise, periods):
    c = promise.commitments().first()
    c.actors.clear()
    make_update(c, periods[0])
    doc = fetch(client)
    doc.remove(doc.find("atom:author", NS))
    assert problems(doc) == [
        "An atom:feed must have an atom:author unless all of its atom:entry children have an"
        " atom:author.",
        "An atom:entry must have an atom:author if its feed does not.",
    ]


@override_settings(
    ALLOWED_HOSTS=["lofte.example.se", "lofte-intern.example.se"],
    SITE_URL="https://lofte.example.se",
)
def test_feed_and_entry_ids_come_from_the_site_url_whatever_host_the_request_named(client, updates):
    def ids(host):
        doc = fetch(client, HTTP_HOST=host)
        return [doc.findtext("atom:id", namespaces=NS)] + [
            entry.findtext("atom:id", namespaces=NS) for entry in doc.iterfind("atom:entry", NS)
        ]

    public, internal = ids("lofte.example.se"), ids("lofte-intern.example.se")
    assert len(set(public)) == 4
    assert public == internal
    assert all(i.startswith("tag:lofte.example.se,2024:lofte/") for i in public)
