"""Sweden's kommuner on one page, a page per kommun and search across promises and
commitments: public promises only, whoever asks, in a bounded number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lofte.kommuner.models import Kommun
from lofte.promises.models import Commitment
from lofte.testing import make_promise

pytestmark = pytest.mark.django_db


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), response.content.decode()


def test_every_kommun_is_listed_by_county_with_its_published_promises(client, promise, draft):
    html = client.get("/kommuner/").content.decode()
    assert len(re.findall(r'href="/kommuner/[a-z0-9-]+/"', html)) == Kommun.objects.count() == 290
    assert "<h2" in html and "Västra Götalands län" in html
    goteborg = html.split('href="/kommuner/goteborg/">Göteborg</a>', 1)[1].split("</li>", 1)[0]
    assert "(1 löfte)" in goteborg  # the draft is not counted
    assert "1 kommun har ett publicerat medborgarlöfte." in html


def test_the_list_of_kommuner_costs_the_same_queries_with_many_promises(client, goteborg):
    few, _html = queries(client, "/kommuner/")
    for i in range(5):
        make_promise(f"stad{i}", kommun=goteborg)
    many, _html = queries(client, "/kommuner/")
    assert few == many <= 4


def test_a_kommun_page_shows_its_published_promises_only(client, promise, draft, other_promise):
    html = client.get("/kommuner/goteborg/").content.decode()
    assert promise.title in html and promise.get_absolute_url() in html
    assert draft.title not in html
    assert other_promise.title not in html  # Malmö's
    assert "/kommun/goteborg/incidenter/" in html
    assert "har inte publicerat" in client.get("/kommuner/kiruna/").content.decode()
    assert client.get("/kommuner/finns-inte/").status_code == 404


def test_a_kommun_page_costs_the_same_queries_with_many_promises(client, goteborg):
    make_promise("en", kommun=goteborg)
    few, _html = queries(client, "/kommuner/goteborg/")
    for i in range(5):
        make_promise(f"fler{i}", kommun=goteborg)
    many, html = queries(client, "/kommuner/goteborg/")
    assert "Medborgarlöfte fler4" in html
    assert few == many


def test_search_finds_promises_and_commitments_of_published_promises_only(
    client, promise, draft, admin_user
):
    commitment = promise.commitments().first()
    Commitment.objects.filter(pk=commitment.pk).update(title="Nattvandring vid torget")
    hidden = draft.commitments().first()
    Commitment.objects.filter(pk=hidden.pk).update(title="Nattvandring i utkastet")
    for user in (None, admin_user):  # a superuser's search shows what the public sees
        if user:
            client.force_login(user)
        html = client.get("/sok/", {"q": "nattvandring"}).content.decode()
        assert "Nattvandring vid torget" in html
        assert "Nattvandring i utkastet" not in html
    html = client.get("/sok/", {"q": "tryggare testby"}).content.decode()
    assert promise.get_absolute_url() in html
    assert draft.get_absolute_url() not in html
    assert "Inget åtagande matchar." in html


def test_search_stems_swedish_on_postgresql_and_matches_parts_of_words_on_sqlite(client, promise):
    html = client.get("/sok/", {"q": "trygg"}).content.decode()
    # "Ett tryggare testby." holds "trygg" as a word's part (SQLite) and as its stem (PostgreSQL).
    assert promise.get_absolute_url() in html
    html = client.get("/sok/", {"q": "testbys"}).content.decode()
    if connection.vendor == "postgresql":
        assert promise.get_absolute_url() in html  # the Swedish stemmer drops the genitive s
    else:
        assert promise.get_absolute_url() not in html


@pytest.mark.parametrize(
    "q",
    ["", "   ", "%", "_", "' OR 1=1 --", "a" * 201, "\x00", "&|!:*", "ö" * 200, "(((", "\\"],
)
def test_no_search_text_gives_an_error_page(client, promise, q):
    response = client.get("/sok/", {"q": q})
    assert response.status_code == 200
    html = response.content.decode()
    if len(q) > 200:
        assert "som mest 200 tecken" in html
    if not q.strip():
        assert "Inget medborgarlöfte matchar." not in html  # nothing was searched


def test_a_search_costs_the_same_queries_for_many_matches(client, goteborg):
    make_promise("en", kommun=goteborg)
    few, _html = queries(client, "/sok/?q=testby")
    for i in range(60):
        make_promise(f"by{i}", kommun=goteborg, commitments=1)
    many, html = queries(client, "/sok/?q=tryggare")
    assert few == many
    assert "Bara de första 50" in html


def test_a_kommun_shows_its_published_lagesbilder_and_not_its_drafts(client, goteborg):
    from lofte.areas.models import Area
    from lofte.lagesbild.models import Lagesbild
    from lofte.lagesbild.tests.conftest import make_lagesbild

    area = Area.objects.create(name="Norra testby", kind="vulnerable_area", kommun=goteborg)
    published = make_lagesbild(goteborg, area, Lagesbild.Status.PUBLISHED, "Lägesbild Norra")
    draft = make_lagesbild(goteborg, area, Lagesbild.Status.DRAFT, "Hemligt utkast")
    html = client.get("/kommuner/goteborg/").content.decode()
    assert published.get_absolute_url() in html and "Lägesbild Norra" in html
    assert "Hemligt utkast" not in html and draft.get_absolute_url() not in html
    listing = client.get("/kommuner/").content.decode()
    row = listing.split('href="/kommuner/goteborg/">Göteborg</a>', 1)[1].split("</li>", 1)[0]
    assert "1 lägesbild" in row


def test_a_kommun_page_shows_its_promises_a_page_at_a_time_newest_first(
    client, goteborg, monkeypatch
):
    from lofte.national import views
    from lofte.promises.models import Promise

    monkeypatch.setattr(views, "PROMISES_PER_PAGE", 2)
    for year in (2021, 2022, 2023):
        made = make_promise(f"ar{year}", kommun=goteborg, commitments=1)
        Promise.objects.filter(pk=made.pk).update(period_start=f"{year}-01-01")
    first, html = queries(client, "/kommuner/goteborg/")
    assert "Medborgarlöfte ar2023" in html and "Medborgarlöfte ar2022" in html
    assert "Medborgarlöfte ar2021" not in html and "Sida 1 av 2" in html
    assert 'href="?sida=2"' in html
    second, html = queries(client, "/kommuner/goteborg/?sida=2")
    assert "Medborgarlöfte ar2021" in html and "Medborgarlöfte ar2023" not in html
    assert first == second
    assert client.get("/kommuner/goteborg/?sida=x").status_code == 200


def test_the_swedish_search_reads_its_index_on_postgresql_and_sqlite_gets_none(promise):
    from lofte.promises.models import Promise

    with connection.cursor() as cursor:
        indexes = set()
        for table in ("promises_promise", "promises_commitment"):
            indexes |= set(connection.introspection.get_constraints(cursor, table))
        if connection.vendor != "postgresql":
            assert not {"promise_swedish_search", "commitment_swedish_search"} & indexes
            return
        assert {"promise_swedish_search", "commitment_swedish_search"} <= indexes
        cursor.execute("SET LOCAL enable_seqscan = off")  # a table this small is read whole
        for queryset, index in (
            (Promise.objects.search("trygghet"), "promise_swedish_search"),
            (Commitment.objects.search("nattvandring"), "commitment_swedish_search"),
        ):
            sql, params = queryset.query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert index in plan, plan
