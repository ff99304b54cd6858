"""Translated updates and events where residents read them: the promise and commitment pages,
the timeline, the follow-up report (page, PDF, spreadsheet), the events' pages and the feeds.
Each text in the reader's language where translated, else Swedish marked sv with a note."""

import datetime
from io import BytesIO

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import override
from openpyxl import load_workbook
from pypdf import PdfReader

from lofte.events.models import Event, EventRecord
from lofte.followup.models import ReportingPeriod, Update
from lofte.promises.models import Commitment
from lofte.testing import make_promise
from lofte.translations.actions import save_translations
from lofte.translations.content import texts_of

pytestmark = pytest.mark.django_db

PAGE = "/medborgarloften/testby/"


def translate_objects(promise, language, *wanted):
    """Save translations of (object, field, text), through the texts coordinators see."""
    by_key = {(t.obj._meta.label_lower, t.obj.pk, t.field): t for t in texts_of(promise)}
    chosen = [(by_key[(o._meta.label_lower, o.pk, field)], text) for o, field, text in wanted]
    save_translations(promise, language, chosen, None)


def _update(commitment, period, text):
    return Update.objects.create(
        commitment=commitment,
        period=period,
        text=text,
        status=Commitment.Status.ONGOING,
        state=Update.State.APPROVED,
        is_publishable=True,
        reviewed_at=timezone.make_aware(datetime.datetime(2024, 4, 5, 12)),
    )


@pytest.fixture
def updates(promise, periods):
    c = list(promise.commitments().order_by("focus_area__order", "order"))
    translated = _update(c[0], periods[0], "Vi höll tre träffar med föräldrar.")
    swedish_only = _update(c[1], periods[0], "Vi gick nattvandring.")
    translate_objects(
        promise,
        "ar",
        (translated, "text", "عقدنا ثلاثة لقاءات مع الأهالي."),
        (c[0], "title", "الالتزام الأول"),
    )
    translate_objects(
        promise,
        "en",
        (translated, "text", "We held three meetings with parents."),
        (c[0], "title", "The first commitment"),
        (promise, "title", "Testby's promise"),
    )
    return translated, swedish_only


def _event(promise, **extra):
    start = timezone.now() + datetime.timedelta(days=10)
    fields = {
        "title": "Föräldramöte",
        "description": "Vi pratar om skolvägen.",
        "place_name": "Biblioteket",
        "address": "Storgatan 1",
        "audience": "Föräldrar",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=2),
    }
    fields.update(extra)
    return Event.objects.create(promise=promise, **fields)


@pytest.fixture
def events(promise):
    meeting = _event(promise)
    walk = _event(promise, title="Trygghetsvandring", description="", audience="")
    translate_objects(
        promise,
        "ar",
        (meeting, "title", "اجتماع أولياء الأمور"),
        (meeting, "description", "نتحدث عن الطريق إلى المدرسة."),
        (meeting, "place_name", "المكتبة"),
        (meeting, "audience", "أولياء الأمور"),
    )
    translate_objects(
        promise,
        "en",
        (meeting, "title", "Parents' meeting"),
        (meeting, "description", "We talk about the way to school."),
    )
    return meeting, walk


def test_the_promise_page_shows_the_latest_update_in_the_readers_language(client, updates):
    html = client.get("/ar" + PAGE).content.decode()
    assert '<span lang="ar" dir="rtl">عقدنا ثلاثة لقاءات مع الأهالي.</span>' in html
    # Not translated: Swedish, marked so, with the note in Arabic.
    assert '<span lang="sv" dir="ltr">Vi gick nattvandring.</span>' in html
    assert 'Vi gick nattvandring.</span> <span class="untranslated" lang="ar" dir="rtl">' in html
    assert "Vi höll tre träffar med föräldrar." not in html


def test_a_swedish_reader_sees_the_swedish_update_without_a_note(client, updates):
    html = client.get(PAGE).content.decode()
    assert "Vi höll tre träffar med föräldrar." in html
    assert "عقدنا" not in html and "untranslated" not in html


def test_the_commitment_page_shows_its_updates_in_the_readers_language(client, updates):
    translated, swedish_only = updates
    html = client.get(f"/ar{PAGE}ataganden/{translated.commitment_id}/").content.decode()
    assert '<p lang="ar" dir="rtl">عقدنا ثلاثة لقاءات مع الأهالي.</p>' in html
    other = client.get(f"/ar{PAGE}ataganden/{swedish_only.commitment_id}/").content.decode()
    assert '<p lang="sv" dir="ltr">Vi gick nattvandring. <span class="untranslated"' in other


def test_the_timeline_shows_updates_and_their_commitments_in_the_readers_language(client, updates):
    html = client.get(f"/ar{PAGE}uppfoljning/").content.decode()
    assert '<p lang="ar" dir="rtl">عقدنا ثلاثة لقاءات مع الأهالي.</p>' in html
    assert 'lang="ar" dir="rtl">الالتزام الأول</a>' in html
    assert '<p lang="sv" dir="ltr">Vi gick nattvandring. <span class="untranslated"' in html


def test_the_follow_up_report_page_shows_translated_updates_and_titles(client, updates):
    html = client.get(f"/en{PAGE}rapport/").content.decode()
    assert '<p lang="en" dir="ltr">We held three meetings with parents.</p>' in html
    assert 'lang="en" dir="ltr">The first commitment</a>' in html
    assert '<span lang="en" dir="ltr">Testby&#x27;s promise</span>' in html
    assert '<p lang="sv" dir="ltr">Vi gick nattvandring. <span class="untranslated"' in html
    assert "Vi höll tre träffar med föräldrar." not in html


def test_the_follow_up_reports_pdf_and_spreadsheet_are_in_the_readers_language(client, updates):
    pdf = client.get(f"/en{PAGE}rapport.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "We held three meetings with parents." in text
    assert "The first commitment" in text and "Testby's promise" in text
    assert "Vi höll tre träffar med föräldrar." not in text
    assert "Vi gick nattvandring." in text  # not translated: Swedish
    book = load_workbook(BytesIO(client.get(f"/en{PAGE}rapport.xlsx").content))
    rows = list(book["Updates"].iter_rows(min_row=2, values_only=True))
    assert ("The first commitment", "We held three meetings with parents.") in [
        (r[3], r[5]) for r in rows
    ]
    swedish = load_workbook(BytesIO(client.get(f"{PAGE}rapport.xlsx").content))
    texts = [r[5] for r in swedish["Uppdateringar"].iter_rows(min_row=2, values_only=True)]
    assert "Vi höll tre träffar med föräldrar." in texts


def test_the_events_list_and_page_show_the_readers_language_with_lang(client, events):
    meeting, walk = events
    html = client.get(f"/ar{PAGE}handelser/").content.decode()
    assert 'lang="ar" dir="rtl">اجتماع أولياء الأمور</a>' in html
    assert '<span lang="ar" dir="rtl">المكتبة</span>' in html
    assert 'lang="sv" dir="ltr">Trygghetsvandring</a> <span class="untranslated"' in html
    page = client.get(f"/ar{PAGE}handelser/{meeting.pk}/").content.decode()
    assert '<h1 lang="ar" dir="rtl">اجتماع أولياء الأمور</h1>' in page
    assert '<div lang="ar" dir="rtl"><p>نتحدث عن الطريق إلى المدرسة.</p></div>' in page
    assert '<dd lang="ar" dir="rtl">أولياء الأمور</dd>' in page
    assert '"inLanguage": "ar"' in page
    assert "Föräldramöte" not in page
    swedish = client.get(f"{PAGE}handelser/{meeting.pk}/").content.decode()
    assert '<h1 lang="sv" dir="ltr">Föräldramöte</h1>' in swedish
    assert "untranslated" not in swedish


def test_an_event_not_yet_translated_is_swedish_with_a_note(client, events):
    _meeting, walk = events
    page = client.get(f"/ar{PAGE}handelser/{walk.pk}/").content.decode()
    assert '<h1 lang="sv" dir="ltr">Trygghetsvandring <span class="untranslated"' in page
    assert '"inLanguage": "sv"' in page


def test_the_calendar_feed_in_a_language_has_its_translations_with_their_language(client, events):
    meeting, walk = events
    cal = icalendar.Calendar.from_ical(client.get(f"/en{PAGE}kalender.ics").content)
    by_uid = {str(e["uid"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    translated, swedish = by_uid[f"event-{meeting.pk}"], by_uid[f"event-{walk.pk}"]
    assert str(translated["summary"]) == "Parents' meeting"
    assert translated["summary"].params["LANGUAGE"] == "en"
    assert str(translated["description"]) == "We talk about the way to school."
    assert str(swedish["summary"]) == "Trygghetsvandring"
    assert swedish["summary"].params["LANGUAGE"] == "sv"
    one = icalendar.Calendar.from_ical(
        client.get(f"/ar{PAGE}handelser/{meeting.pk}/handelse.ics").content
    )
    event = next(iter(one.walk("VEVENT")))
    assert str(event["summary"]) == "اجتماع أولياء الأمور"
    assert event["location"].params["LANGUAGE"] == "ar"
    swedish_feed = client.get(f"{PAGE}kalender.ics").content.decode()
    assert "SUMMARY;LANGUAGE=sv:Föräldramöte" in swedish_feed


def test_the_atom_feed_in_a_language_declares_it_and_translates_its_entries(client, updates):
    xml = client.get(f"/en{PAGE}uppdateringar.atom").content.decode()
    assert 'xml:lang="en"' in xml
    assert "We held three meetings with parents." in xml
    assert "The first commitment" in xml
    assert "Vi höll tre träffar med föräldrar." not in xml
    # The entry still in Swedish says so.
    assert '<entry xml:lang="sv">' in xml and xml.count("<entry") == 2
    swedish = client.get(f"{PAGE}uppdateringar.atom").content.decode()
    assert "Vi höll tre träffar med föräldrar." in swedish and "<entry xml:lang" not in swedish


def test_the_reports_pdf_and_spreadsheet_carry_the_logic_check_and_the_events_records(
    client, promise, periods
):
    past = timezone.make_aware(datetime.datetime(2024, 2, 10, 18))
    event = _event(promise, starts_at=past, ends_at=past + datetime.timedelta(hours=2))
    EventRecord.objects.create(event=event, attendance=42, raised="Belysningen vid skolan.")
    page = client.get(f"/en{PAGE}rapport/").content.decode()
    assert "Does the promise hold together?" in page and "Belysningen vid skolan." in page
    pdf = client.get(f"/en{PAGE}rapport.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "Does the promise hold together?" in text
    assert "Meetings with residents" in text
    assert "Belysningen vid skolan." in text and "42" in text
    book = load_workbook(BytesIO(client.get(f"/en{PAGE}rapport.xlsx").content))
    assert set(book.sheetnames[-2:]) == {"Logic check", "Meetings"}
    meetings = list(book["Meetings"].iter_rows(values_only=True))
    assert meetings[0] == ("Event", "Starts", "How many came", "What residents raised")
    assert meetings[1][0] == "Föräldramöte" and meetings[1][2] == 42
    assert meetings[1][3] == "Belysningen vid skolan."
    logic = [r[0] for r in book["Logic check"].iter_rows(min_row=2, values_only=True)]
    assert any(r and "The logic check found" in r for r in logic)


def test_the_logic_check_in_the_pdf_and_spreadsheet_lists_the_pages_gaps(client, promise, periods):
    from lofte.evaluation.logic import gaps

    with override("en"):
        messages = [g.message for g in gaps(promise)]
    assert messages  # testby's measures have no published values yet
    page = client.get(f"/en{PAGE}rapport/").content.decode()
    pdf = client.get(f"/en{PAGE}rapport.pdf")
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(BytesIO(pdf.content)).pages
    )
    book = load_workbook(BytesIO(client.get(f"/en{PAGE}rapport.xlsx").content))
    listed = [r[0] for r in book["Logic check"].iter_rows(min_row=2, values_only=True)]
    assert listed[: len(messages)] == messages
    for message in messages:
        assert message in page
        assert message in text


def test_the_promise_page_in_a_language_adds_one_query_for_its_updates(client, db):
    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    for slug, size in (("liten", 2), ("stor", 40)):
        p = make_promise(slug, commitments=size)
        period = ReportingPeriod.objects.bulk_create(ReportingPeriod.quarters_for(p))[0]
        for c in p.commitments():
            _update(c, period, "Text.")
    small, large = count("/ar/medborgarloften/liten/"), count("/ar/medborgarloften/stor/")
    assert small == large
    # Swedish asks for the easy-Swedish summaries; Arabic for the promise's translations,
    # then for its updates': one query more.
    assert small == count("/medborgarloften/liten/") + 1


def test_the_whole_promise_pdf_is_in_the_readers_language(client, updates, events):
    pdf = client.get(f"/en{PAGE}hela.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "Testby's promise" in text and "The first commitment" in text
    assert "Parents' meeting" in text
    assert "Åtagande 1 i testby" in text  # not translated: Swedish
    swedish = client.get(f"{PAGE}hela.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(swedish.content)).pages)
    assert "Medborgarlöfte testby" in text and "Testby's promise" not in text
