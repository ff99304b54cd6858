"""What the page cache serves, to whom, and with which headers."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lofte.events.tests.test_event_pages import FUTURE, make_event
from lofte.pagecache import middleware, versions
from lofte.pagecache.tests.conftest import get, kept
from lofte.participation.models import Comment, ParticipationSettings

pytestmark = pytest.mark.django_db

PAGE = "/medborgarloften/testby/"
WHOLE = "/medborgarloften/testby/hela/"
FILES = [
    "/medborgarloften/testby/",
    "/medborgarloften/testby/hela/",
    "/medborgarloften/testby/lofte.json",
    "/medborgarloften/testby/kalender.ics",
    "/medborgarloften/testby/rapport/",
    "/en/medborgarloften/testby/kontakt/",
    "/kommuner/",
    "/kommuner/goteborg/",
    "/oppna-data/testby/datapackage.json",
]


def strip_tokens(body):
    """The page without its CSRF tokens, which differ in every answer, cached or not."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"TOKEN", body)


@pytest.mark.parametrize("url", FILES)
def test_a_kept_page_or_file_is_byte_identical_to_one_made_without_the_cache(
    url, promise, settings, monkeypatch
):
    # One clock for both answers: the data package says when it was made, to the second, and
    # the two answers fell on either side of a second in one run on PostgreSQL.
    from django.utils import timezone

    made = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: made)
    settings.PAGE_CACHE = False
    uncached = Client().get(url)
    settings.PAGE_CACHE = True
    hit = kept(Client(), url)
    assert strip_tokens(hit.content) == strip_tokens(uncached.content)
    assert hit["Content-Type"] == uncached["Content-Type"]
    assert hit.get("Content-Disposition") == uncached.get("Content-Disposition")


@pytest.mark.parametrize(
    "url",
    [
        "/medborgarloften/testby/hela.pdf",
        "/medborgarloften/testby/uppdateringar.atom",
        "/medborgarloften/testby/rapport.xlsx",
        WHOLE,
    ],
)
def test_the_kept_answer_is_byte_identical_to_the_fresh_one_it_was_made_from(url, promise):
    """Files stamped with the time they were made (PDF, Atom, XLSX) too: the stamp is kept."""
    fresh, was_fresh = get(Client(), url)
    hit, hit_fresh = get(Client(), url)
    assert was_fresh and not hit_fresh
    assert hit.content == fresh.content
    assert {k: v for k, v in hit.items() if k != "Content-Security-Policy"} == {
        k: v for k, v in fresh.items() if k != "Content-Security-Policy"
    }


def test_pages_are_kept_per_language_and_a_chosen_language_is_still_redirected(promise):
    swedish = kept(Client(), PAGE)
    english = kept(Client(), "/en" + PAGE)
    assert swedish["Content-Language"] == "sv" and 'lang="sv"' in swedish.content.decode()
    assert english["Content-Language"] == "en" and 'lang="en"' in english.content.decode()
    # Who chose English, or whose browser asks for Arabic, is sent on, never given the
    # kept Swedish page.
    chose = Client()
    chose.cookies["lofte_language"] = "en"
    response, _fresh = get(chose, PAGE)
    assert response.status_code == 302 and response["Location"] == "/en" + PAGE
    response, _fresh = get(Client(), PAGE, HTTP_ACCEPT_LANGUAGE="ar,sv;q=0.5")
    assert response.status_code == 302 and response["Location"] == "/ar" + PAGE
    # A browser asking for a language Löfte has not gets the kept Swedish page.
    response, fresh = get(Client(), PAGE, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200 and not fresh
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]


def test_someone_logged_in_always_gets_a_fresh_page_and_it_is_never_kept(promise, alice):
    kept(Client(), PAGE)
    logged_in = Client()
    logged_in.force_login(alice)
    for _ in range(2):
        response, fresh = get(logged_in, PAGE)
        assert fresh and "private" in response["Cache-Control"]
        assert 'href="/konto/"' in response.content.decode()  # "My account"
    middleware.clear_local()
    versions.bump()
    # The first anonymous page after that is made afresh and shows no sign of Alice.
    first, fresh = get(Client(), PAGE)
    assert fresh and 'href="/konto/"' not in first.content.decode()
    second, fresh = get(Client(), PAGE)
    assert not fresh and 'href="/konto/"' not in second.content.decode()


def test_an_anonymous_visitor_with_a_session_or_a_message_gets_a_fresh_page(promise):
    kept(Client(), PAGE)
    for cookie in ("sessionid", "messages"):
        visitor = Client()
        visitor.cookies[cookie] = "x"
        _response, fresh = get(visitor, PAGE)
        assert fresh, cookie


def test_an_unchanged_page_answers_304_to_its_etag_and_its_date(promise):
    page = kept(Client(), WHOLE)
    etag, modified = page["ETag"], page["Last-Modified"]
    assert page["Cache-Control"] == "no-cache"
    response, _fresh = get(Client(), WHOLE, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response["ETag"] == etag
    response, _fresh = get(Client(), WHOLE, HTTP_IF_MODIFIED_SINCE=modified)
    assert response.status_code == 304
    response, _fresh = get(Client(), WHOLE, HTTP_IF_NONE_MATCH='"something-else"')
    assert response.status_code == 200


def test_a_page_with_a_form_answers_304_only_to_the_visitor_whose_token_it_holds(promise):
    kept(Client(), PAGE)
    visitor = Client()
    page, _fresh = get(visitor, PAGE)
    assert page["Cache-Control"] == "private, no-cache" and "Last-Modified" not in page
    response, _fresh = get(visitor, PAGE, HTTP_IF_NONE_MATCH=page["ETag"])
    assert response.status_code == 304
    # Someone else, with another CSRF secret (or none), gets the page with their own token.
    response, _fresh = get(Client(), PAGE, HTTP_IF_NONE_MATCH=page["ETag"])
    assert response.status_code == 200


def test_after_a_change_the_old_etag_and_date_get_the_new_page(promise):
    page = kept(Client(), WHOLE)
    promise.title = "Medborgarlöfte testby, reviderat"
    promise.save()
    response, fresh = get(Client(), WHOLE, HTTP_IF_NONE_MATCH=page["ETag"])
    assert fresh and response.status_code == 200 and "reviderat" in response.content.decode()
    assert response["ETag"] != page["ETag"]
    # Even within the same second: the new Last-Modified is always later than the old one.
    response, _fresh = get(Client(), WHOLE, HTTP_IF_MODIFIED_SINCE=page["Last-Modified"])
    assert response.status_code == 200


def test_a_head_request_is_answered_from_the_cache(promise):
    with_body = kept(Client(), WHOLE)
    with CaptureQueriesContext(connection) as ctx:
        response = Client().head(WHOLE)
    assert response.status_code == 200 and response["ETag"] == with_body["ETag"]
    assert all("lofte_cache" in q["sql"] for q in ctx.captured_queries)


def test_errors_and_redirects_are_not_kept(promise, draft):
    for url in ("/medborgarloften/utkast/", "/medborgarloften/finns-inte/"):
        for _ in range(2):
            response, fresh = get(Client(), url)
            assert response.status_code == 404 and fresh
    response, fresh = get(Client(), "/medborgarloften/testby")  # no slash: redirected
    assert response.status_code == 301
    # Published, the former draft is shown at once.
    draft.status = "published"
    draft.save()
    response, _fresh = get(Client(), "/medborgarloften/utkast/")
    assert response.status_code == 200


def test_a_back_office_page_is_never_kept(promise, alice):
    for url in ("/uppfoljning/testby/", "/konto/logga-in/", "/sok/?q=testby"):
        for _ in range(2):
            _response, fresh = get(Client(), url)
            assert fresh, url


def test_each_visitor_gets_a_csrf_token_of_their_own_on_a_kept_page_and_can_post(promise, resident):
    ParticipationSettings.objects.create(promise=promise, moderation="after")
    url = "/en/medborgarloften/testby/synpunkter/"
    kept(Client(), url)
    page, fresh = get(resident, url)
    assert not fresh and page["Cache-Control"] == "private, no-cache"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    assert "csrftoken" in page.cookies
    other, _fresh = get(Client(), url)
    assert token not in other.content.decode()
    assert other.cookies["csrftoken"].value != page.cookies["csrftoken"].value
    data = {"kind": "idea", "text": "Fler bänkar i parken.", "language": "sv"}
    response = resident.post(url, {**data, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Comment.objects.filter(text="Fler bänkar i parken.").exists()
    # Without the token the post is refused, as always.
    assert Client(enforce_csrf_checks=True).post(url, data).status_code == 403


def test_a_visitor_with_a_csrf_cookie_keeps_it_on_a_kept_page(promise, resident):
    ParticipationSettings.objects.create(promise=promise, moderation="after")
    url = "/en/medborgarloften/testby/synpunkter/"
    first, _fresh = get(resident, url)
    cookie = first.cookies["csrftoken"].value
    again, fresh = get(resident, url)
    assert not fresh
    assert again.cookies["csrftoken"].value == cookie


def test_the_flash_message_after_a_post_is_shown_and_not_kept(promise, resident):
    """After a comment the resident sees the thank-you message; the next visitor does not."""
    ParticipationSettings.objects.create(promise=promise, moderation="after")
    url = "/en/medborgarloften/testby/synpunkter/"
    page, _fresh = get(resident, url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    data = {"kind": "idea", "text": "En lekplats.", "language": "sv"}
    response = resident.post(url, {**data, "csrfmiddlewaretoken": token}, follow=True)
    assert response.status_code == 200
    after, _fresh = get(Client(), response.redirect_chain[-1][0])
    messages = [str(m) for m in response.context["messages"]] if response.context else []
    assert all(m not in after.content.decode() for m in messages)


def test_the_csp_nonce_is_new_in_every_answer_from_the_cache(promise):
    event = make_event(promise, FUTURE)
    url = f"/medborgarloften/testby/handelser/{event.pk}/"
    kept(Client(), url)
    nonces = set()
    for _ in range(2):
        response, fresh = get(Client(), url)
        assert not fresh
        (nonce,) = re.findall(r'nonce="([^"]+)"', response.content.decode())
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        nonces.add(nonce)
    assert len(nonces) == 2


def test_a_new_day_makes_the_page_afresh(promise, monkeypatch):
    kept(Client(), PAGE)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    monkeypatch.setattr(middleware.timezone, "localdate", lambda: tomorrow)
    _response, fresh = get(Client(), PAGE)
    assert fresh


def test_a_kept_page_expires_after_page_cache_seconds(promise, settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 1
    kept(Client(), WHOLE)
    later = middleware.time.monotonic() + 2
    monkeypatch.setattr(middleware.time, "monotonic", lambda: later)
    (key,) = middleware._local
    assert middleware._local_get(key) is None  # this process's copy; the shared one expires too


def test_a_change_made_on_another_app_server_is_seen_by_this_one(promise):
    """This process holds the page in memory; the shared version alone decides."""
    kept(Client(), PAGE)
    assert middleware._local
    versions.bump()  # what any server's committed write does
    _response, fresh = get(Client(), PAGE)
    assert fresh


def test_when_the_cache_loses_the_version_no_old_page_is_served(promise):
    from django.core.cache import cache

    kept(Client(), PAGE)
    cache.delete(versions.KEY)
    _response, fresh = get(Client(), PAGE)
    assert fresh
