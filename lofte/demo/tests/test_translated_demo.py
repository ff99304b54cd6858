"""The demo shows translated updates and events, so that a resident reading in Arabic or
English sees the feature: marked as the demo's example translations, the rest still Swedish."""

import pytest

from lofte.demo.load import load_demo
from lofte.demo.translations_data import translate_update
from lofte.followup.models import Update
from lofte.translations.models import Translation

PAGE = "/ar/medborgarloften/hisings-backa/"


@pytest.fixture
def promise(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return load_demo()


def test_an_arabic_reader_sees_translated_update_texts_on_the_promise_page(client, promise):
    html = client.get(PAGE).content.decode()
    assert html.count('<span lang="ar" dir="rtl">(مثال، ترجمة للعرض)') >= 3
    # Some stay Swedish, marked so, with the note in Arabic.
    assert '<span lang="sv" dir="ltr">(Exempel)' in html


def test_the_demo_translates_most_published_updates_and_marks_them_as_examples(promise):
    published = Update.objects.published().filter(commitment__focus_area__promise=promise)
    rows = Translation.objects.filter(content_type__model="update", language="ar")
    assert rows.count() >= published.count() // 2
    assert all(r.text.startswith("(مثال، ترجمة للعرض)") for r in rows)
    english = Translation.objects.filter(content_type__model="update", language="en")
    assert all(r.text.startswith("(Example, translated for the demo)") for r in english)


def test_an_arabic_reader_sees_translated_events(client, promise):
    html = client.get(f"{PAGE}handelser/").content.decode()
    assert 'lang="ar" dir="rtl">أمسية للأهل حول وعد المواطنين</a>' in html
    assert 'lang="ar" dir="rtl">إطلاق وعد المواطنين في بوسيدونفارفيت</a>' in html
    assert 'lang="sv" dir="ltr">Prova på-dag med föreningarna</a>' in html


def test_a_demo_update_is_translated_sentence_by_sentence_with_its_quarter_and_figures():
    text = "(Exempel) Arbetet har fortsatt enligt plan under kvartal 3 2024. Antal: 4 st (mål 10)."
    assert translate_update(text, "en") == (
        "(Example, translated for the demo) The work continued as planned in quarter 3 2024. "
        "Antal: 4 st (target 10)."
    )
    assert translate_update("Något annat.", "en") is None
    assert translate_update(text, "so") is None


def test_in_arabic_a_demo_update_keeps_its_swedish_figures_left_to_right_in_one_isolated_run():
    text = "(Exempel) Arbetet har fortsatt enligt plan under kvartal 3 2024. Antal: 4 st (mål 10)."
    translated = translate_update(text, "ar")
    assert translated.startswith(
        "(مثال، ترجمة للعرض) استمر العمل وفق الخطة خلال الربع 3 من عام 2024."
    )
    assert translated.endswith(" \u2066Antal: 4 st (الهدف 10).\u2069")
