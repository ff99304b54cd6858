"""Translated texts on the public pages: shown in the reader's language, each marked with its
own language, Swedish with a note where nobody has translated it yet."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override

from lofte.promises.models import Promise
from lofte.testing import make_promise
from lofte.translations.actions import save_easy_read, save_translations
from lofte.translations.content import texts_of

PAGE = "/medborgarloften/testby/"


def translate(promise, language, **by_where_and_field):
    """Save translations of texts chosen as "Where|field" (e.g. "The promise|title")."""
    chosen = []
    with override("en"):
        texts = texts_of(promise)
    for t in texts:
        key = f"{t.where}|{t.field}"
        if key in by_where_and_field:
            chosen.append((t, by_where_and_field[key]))
    assert len(chosen) == len(by_where_and_field)
    save_translations(promise, language, chosen, None)


@pytest.fixture
def arabic(promise):
    translate(
        promise,
        "ar",
        **{
            "The promise|title": "وعد المواطنين في تيستبي",
            "The promise|summary": "تيستبي أكثر أماناً.",
            "Focus area 1|name": "المدرسة",
            "Commitment 1|title": "الالتزام الأول",
        },
    )
    return promise


def test_a_translated_text_is_shown_in_the_readers_language_with_its_lang(client, arabic):
    html = client.get("/ar" + PAGE).content.decode()
    assert '<h1 lang="ar" dir="rtl">وعد المواطنين في تيستبي</h1>' in html
    assert '<p class="lead" lang="ar" dir="rtl">تيستبي أكثر أماناً.</p>' in html
    assert '<span lang="ar" dir="rtl">المدرسة</span>' in html
    assert 'lang="ar" dir="rtl">الالتزام الأول</a>' in html


def test_a_text_not_yet_translated_is_swedish_marked_sv_with_a_note(client, arabic):
    html = client.get("/ar" + PAGE).content.decode()
    # The background was not translated: Swedish, marked so, with a note in Arabic.
    assert '<p lang="sv" dir="ltr">Bakgrund.' in html
    assert '<span class="untranslated" lang="ar" dir="rtl">(لم تتم ترجمته بعد)</span>' in html
    assert 'lang="sv" dir="ltr">Åtagande 1 i testby</a>' in html


def test_swedish_and_english_pages_show_the_swedish_source_where_not_translated(client, arabic):
    sv = client.get(PAGE).content.decode()
    assert '<h1 lang="sv" dir="ltr">Medborgarlöfte testby</h1>' in sv
    assert "untranslated" not in sv
    en = client.get("/en" + PAGE).content.decode()
    assert "Medborgarlöfte testby" in en and "(not yet translated)" in en
    assert "وعد" not in en


def test_the_commitment_whole_and_contact_pages_are_translated_too(client, arabic):
    c = arabic.commitments().order_by("focus_area__order", "order").first()
    html = client.get(f"/ar{PAGE}ataganden/{c.pk}/").content.decode()
    assert '<h1 lang="ar" dir="rtl">الالتزام الأول</h1>' in html
    assert "وعد المواطنين في تيستبي" in html  # the header's title
    assert "وعد المواطنين في تيستبي" in client.get(f"/ar{PAGE}hela/").content.decode()
    assert "وعد المواطنين في تيستبي" in client.get(f"/ar{PAGE}kontakt/").content.decode()


def test_the_json_in_a_language_carries_its_translations(client, arabic):
    doc = client.get(f"/ar{PAGE}lofte.json").json()
    assert doc["title"] == "وعد المواطنين في تيستبي"
    assert doc["background"] == "Bakgrund."
    assert client.get(f"{PAGE}lofte.json").json()["title"] == "Medborgarlöfte testby"


def test_a_draft_promise_s_translations_are_no_one_elses(client, draft):
    assert client.get("/ar/medborgarloften/utkast/").status_code == 404


def test_the_easy_swedish_summary_comes_first_on_swedish_pages(client, promise):
    c = promise.commitments().first()
    save_easy_read(
        promise, [(promise, "Polisen och kommunen lovar saker."), (c, "Vi träffas.")], None
    )
    html = client.get(PAGE).content.decode()
    # Right under the heading, before the summary, with a heading of its own.
    assert '<h2 id="easy-read-heading">Lättläst</h2>' in html
    assert html.index("<h1") < html.index("Lättläst") < html.index("Ett tryggare testby")
    assert "Polisen och kommunen lovar saker." in html
    page = client.get(f"{PAGE}ataganden/{c.pk}/").content.decode()
    assert "Vi träffas." in page and "Lättläst" in page
    assert "Polisen och kommunen lovar saker." not in client.get("/en" + PAGE).content.decode()


def test_a_translated_page_takes_the_same_queries_for_a_small_and_a_large_promise(client, db):
    small = make_promise("liten", actors=2, commitments=2)
    large = make_promise("stor", actors=30, commitments=40, focus_areas=("A", "B", "C", "D"))
    for p in (small, large):
        save_translations(p, "ar", [(t, "نص") for t in texts_of(p)], None)

    def count(slug):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/ar/medborgarloften/{slug}/").status_code == 200
        return len(ctx.captured_queries)

    assert count("liten") == count("stor")
    assert Promise.objects.count() == 2


def test_a_goal_shown_twice_on_a_page_is_translated_in_both_places(client, promise):
    translate(promise, "ar", **{"Goal 1|title": "الهدف الأول"})
    html = client.get("/ar" + PAGE).content.decode()
    # In the promise's goals, and in the whole page's commitments that serve it.
    assert '<li><span lang="ar" dir="rtl">الهدف الأول</span>' in html
    c = promise.commitments().filter(goals__title="Mål 1").first()
    page = client.get(f"/ar{PAGE}ataganden/{c.pk}/").content.decode()
    assert '<li lang="ar" dir="rtl">الهدف الأول</li>' in page
