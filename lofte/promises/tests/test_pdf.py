import datetime
import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from pypdf import PdfReader

from lofte.actors.models import ContactPerson, Organisation
from lofte.events.models import Event
from lofte.promises.models import Commitment, Promise
from lofte.promises.pdf import render_promise_pdf

URL = "https://lofte.example.se/loften/testby/"


def render(promise, events=()):
    promise = Promise.objects.with_content().get(pk=promise.pk)
    return render_promise_pdf(promise, list(events), URL)


def read(data):
    return PdfReader(io.BytesIO(data))


def text_of(data):
    return "\n".join(page.extract_text() for page in read(data).pages)


def test_it_is_a_pdf(promise):
    data = render(promise)

    assert isinstance(data, bytes)
    assert data.startswith(b"%PDF")
    assert len(read(data).pages) >= 1


def test_it_contains_the_whole_promise(promise):
    text = text_of(render(promise))

    assert promise.title in text
    assert "Området testby" in text
    assert "Ett tryggare testby." in text
    assert "2024" in text and "2025" in text
    for focus_area in promise.focus_areas.all():
        assert focus_area.name in text
        assert focus_area.why in text
    for commitment in promise.commitments():
        assert commitment.title in text
    for actor in promise.actors():
        assert actor.name in text
    assert "Antal träffar (st)" in text
    assert "Kontakt testby" in text
    assert "kontakt.testby@example.se" in text


def test_it_keeps_swedish_characters(promise):
    text = text_of(render(promise))

    assert "Åtagande 0 i testby" in text
    assert "Mål 1" in text


def test_it_shows_the_period_in_the_active_language(promise):
    with translation.override("sv"):
        assert "1 januari 2024 – 31 december 2025" in text_of(render(promise))
    with translation.override("en"):
        assert "Jan. 1, 2024 – Dec. 31, 2025" in text_of(render(promise))


def test_it_leaves_out_contacts_who_are_not_public(promise):
    secret = ContactPerson.objects.create(
        name="Hemliga Hedvig",
        role="Utredare",
        organisation=Organisation.objects.first(),
        phone="070-111 11 11",
        is_public=False,
    )
    promise.contacts.add(secret)

    text = text_of(render(promise))

    public = Promise.objects.with_content().get(pk=promise.pk).public_contacts
    assert [c.name for c in public] == ["Kontakt testby"]

    assert "Kontakt testby" in text
    assert "Hemliga Hedvig" not in text
    assert "070-111 11 11" not in text


def test_it_shows_events_in_stockholm_time(promise):
    starts = datetime.datetime(2024, 3, 5, 17, 0, tzinfo=datetime.UTC)
    event = Event.objects.create(
        promise=promise,
        title="Trygghetsvandring i Åsen",
        place_name="Medborgarhuset",
        address="Storgatan 1, Testby",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )

    with translation.override("sv"):
        text = text_of(render(promise, [event]))

    assert "Trygghetsvandring i Åsen" in text
    assert "5 mars 2024 18:00–20:00" in text
    assert "Medborgarhuset" in text
    assert "Storgatan 1, Testby" in text


def test_it_marks_fictional_actors(promise):
    with translation.override("en"):
        text = text_of(render(promise))

    assert "Aktör testby 0 (fictional example)" in text


def test_it_has_the_title_as_metadata(promise):
    reader = read(render(promise))

    assert reader.metadata.title == promise.title


def test_it_has_page_numbers_and_the_link_to_the_live_page(promise):
    with translation.override("en"):
        text = text_of(render(promise))

    # Each page says its number (HarfBuzz shaping cannot fill in the count of pages).
    pages = len(read(render(promise)).pages)
    assert pages >= 2
    for number in range(1, pages + 1):
        assert f"Page {number}" in text
    assert URL in text


def test_it_has_bookmarks_for_the_headings(promise):
    outline = read(render(promise)).outline

    assert outline[0].title == promise.title
    assert "Skola" in [item.title for item in outline[1] if not isinstance(item, list)]


def test_its_labels_follow_the_active_language(promise):
    with translation.override("en"):
        text = text_of(render(promise))

    assert "Goals" in text
    assert "Who stands behind the promise" in text


def test_it_says_when_the_promise_is_a_draft(draft):
    with translation.override("en"):
        text = text_of(render(draft))

    assert "Status: Draft" in text


def test_a_long_description_flows_onto_more_pages(promise):
    short = len(read(render(promise)).pages)
    Commitment.objects.filter(focus_area__promise=promise).update(
        description=("Ett långt stycke om vad vi gör och varför. " * 120)[:5000]
    )

    reader = read(render(promise))

    assert len(reader.pages) > short
    for page in reader.pages:
        assert page.mediabox.width == pytest.approx(595.28, abs=0.1)


def test_it_needs_the_font_files(promise, settings, tmp_path):
    settings.PDF_FONT_DIR = tmp_path

    with pytest.raises(ImproperlyConfigured, match="PDF_FONT_DIR"):
        render(promise)


def test_it_needs_no_queries_beyond_with_content(promise, django_assert_num_queries):
    promise = Promise.objects.with_content().get(pk=promise.pk)

    with django_assert_num_queries(0):
        render_promise_pdf(promise, [], URL)


ARABIC_TITLE = "وعد المواطنين لهيسينغز باكا"


def test_a_right_to_left_language_is_shaped_and_laid_out_from_the_right(promise):
    from lofte.promises.pdf import PromisePDF

    Promise.objects.filter(pk=promise.pk).update(title=ARABIC_TITLE)
    promise.refresh_from_db()
    with translation.override("ar"):
        data = render(promise)
        pdf = PromisePDF(URL)
    assert pdf.rtl and pdf.align == "R"
    assert read(data).trailer["/Root"]["/Lang"] == "ar"
    # HarfBuzz shaped the words: the font holds the joined (contextual) forms, and the text
    # a reader copies is still the Arabic letters.
    text = text_of(data)
    assert all(word in text or word[::-1] in text for word in ARABIC_TITLE.split())


def test_swedish_stays_left_to_right_and_says_its_language(promise):
    from lofte.promises.pdf import PromisePDF

    with translation.override("sv"):
        data = render(promise)
        pdf = PromisePDF(URL)
    assert not pdf.rtl and pdf.align == "L"
    assert read(data).trailer["/Root"]["/Lang"] == "sv"


def test_each_text_runs_in_its_own_direction():
    from lofte.promises.pdf import _is_rtl

    assert _is_rtl(ARABIC_TITLE, False)
    assert _is_rtl("۱. کاهش جذب جوانان", False)  # Persian, after a number
    assert not _is_rtl("Medborgarlöfte för Hisings Backa", True)  # Swedish in an Arabic PDF
    assert _is_rtl("2024 – 2025", True) and not _is_rtl("2024 – 2025", False)


def test_only_scripts_that_need_it_are_shaped():
    from lofte.promises.pdf import _needs_shaping

    assert _needs_shaping(ARABIC_TITLE) and _needs_shaping("کاهش")
    # Swedish, Somali and English, with dashes, arrows and the euro: no shaping needed.
    assert not _needs_shaping("Åtagande – 2024 → 2025, 5 € · Ballanqaad")


@pytest.mark.parametrize("indent", [0, 7])
def test_text_broken_into_lines_here_takes_the_lines_fpdf_would(indent):
    from fpdf.enums import XPos, YPos

    from lofte.promises.pdf import LINE, PromisePDF

    text = " ".join(f"ord{i % 13}" * (1 + i % 4) for i in range(400)) + "\nSista raden."
    ends, placed = [], []
    for fast in (True, False):
        pdf = PromisePDF(URL, language="sv")
        pdf.add_page()
        pdf.set_x(pdf.l_margin + indent)
        if fast:
            pdf.flow(0, LINE, text)
        else:
            pdf.multi_cell(0, LINE, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        ends.append((pdf.page_no(), round(pdf.get_y(), 3), pdf.get_x()))
        data = bytes(pdf.output())
        words = text_of(data).split()
        assert "ord12ord12ord12" in words and "raden." in words
        placed.append(_lines_placed(data))
    assert ends[0] == ends[1]
    assert ends[0][0] == 2  # it ran over a page, as fpdf's own does
    # Each line on the same page at the same point as fpdf's own (text() here, cell() there).
    assert placed[0] == placed[1] and len(placed[0]) > 40


def _lines_placed(data):
    """Return [(page, x, y, text)] of each piece of text in the PDF, rounded to 0.01 pt."""
    found = []
    for number, page in enumerate(read(data).pages):

        def visit(text, cm, tm, font, size, number=number):
            if text.strip():
                found.append((number, round(tm[4], 2), round(tm[5], 2), text.strip()))

        page.extract_text(visitor_text=visit)
    return found


def test_a_field_on_one_line_ends_where_writing_it_would():
    from lofte.promises.pdf import FONT, LINE, PromisePDF

    ends = []
    for fast in (True, False):
        pdf = PromisePDF(URL, language="sv")
        pdf.add_page()
        if fast:
            pdf.field("Aktörer", "Polisen, Göteborgs stad")
        else:
            pdf.set_font(FONT, "B", 10.5)
            pdf.write(LINE, "Aktörer: ")
            pdf.set_font(FONT, size=10.5)
            pdf.write(LINE, "Polisen, Göteborgs stad")
            pdf.ln(LINE)
        ends.append((round(pdf.get_y(), 3), pdf.get_x()))
        assert "Aktörer: Polisen, Göteborgs stad" in text_of(bytes(pdf.output()))
    assert ends[0] == ends[1]
