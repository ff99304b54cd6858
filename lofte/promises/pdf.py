"""The whole promise as a PDF: what a coordinator prints or sends on."""

import unicodedata
from itertools import groupby
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from fpdf import FPDF, Align, TextStyle
from fpdf.enums import XPos, YPos

from lofte.actors.models import Organisation
from lofte.promises.models import Promise

FONT = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
LINE = 5.5  # mm, for 10.5 pt body text
GREY = (90, 90, 90)


class PromisePDF(FPDF):
    """A4 portrait with DejaVu fonts, styled headings and a page-numbered footer, in the
    reader's language: text is shaped by HarfBuzz (uharfbuzz), so Arabic and Persian letters
    join, and a right-to-left language (Django's `bidi`) is laid out from the right."""

    def __init__(self, url, language=None):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.url = url
        self.language = language or get_language() or settings.LANGUAGE_CODE
        self.rtl = get_language_info(self.language)["bidi"]
        self.align = "R" if self.rtl else "L"
        self.set_lang(self.language)
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(True, margin=22)
        for style, filename in FONT_FILES.items():
            self.add_font(FONT, style, _font_path(filename))
        self._text_mode = None
        self._widths = {}  # (font, style, size) → word → width, for `flow`
        self.direct("")
        side = Align.R if self.rtl else 0
        self.set_section_title_styles(
            TextStyle(FONT, "B", 20, b_margin=2, l_margin=side),
            TextStyle(FONT, "B", 15, t_margin=7, b_margin=2, l_margin=side),
            TextStyle(FONT, "B", 12.5, t_margin=5, b_margin=1, l_margin=side),
        )
        self.set_font(FONT, size=10.5)

    def footer(self):
        self.set_y(-15)
        self.set_font(FONT, size=8)
        self.set_text_color(*GREY)
        # Only the page's number: HarfBuzz shaping cannot fill in the count of pages.
        page = _("Page %(page)s") % {"page": self.page_no()}
        # The URL is also on the first page, so it may give way to the page number.
        if self.get_string_width(f"{self.url}    {page}") < self.epw:
            self.cell(0, 4, self.url, link=self.url, align="R" if self.rtl else "L")
            self.set_x(self.l_margin)
        self.cell(0, 4, page, align="L" if self.rtl else "R")
        self.set_text_color(0)

    def heading(self, text, level):
        """Start an outline section, on a new page if it would end up alone at the bottom."""
        if self.will_page_break(25):
            self.add_page()
        self.direct(text)
        self.start_section(text, level=level)
        self.set_font(FONT, size=10.5)

    def direct(self, text):
        """Set the direction of the next text by its own first letter (a Swedish text not yet
        translated stays left to right in an Arabic PDF, as on the page); return its align.

        Only text in a script that needs it goes through HarfBuzz: shaping costs about three
        times the time of plain text, and Latin letters look the same without it.
        """
        rtl = _is_rtl(text, self.rtl)
        shaping = rtl or _needs_shaping(text)
        if (rtl, shaping) != self._text_mode:
            if shaping:
                self.set_text_shaping(use_shaping_engine=True, direction="rtl" if rtl else "ltr")
            else:
                self.set_text_shaping(False)
            self._text_mode = (rtl, shaping)
        return "R" if rtl else "L"

    def flow(self, w, h, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT):
        """`multi_cell`, with left-aligned text that needs no shaping broken into lines here.

        fpdf2 measures a line again for every letter added to it (about 35 letters measured
        per letter written); a report of a large promise spent most of its seconds there.
        Here each word is measured once, and each line written with `text`. Shaped or
        right-to-left text, other alignments and a word wider than the line go to fpdf2.
        """
        if (
            align != "L"
            or self._text_mode != (False, False)
            or (new_x, new_y) != (XPos.LMARGIN, YPos.NEXT)
        ):
            return self.multi_cell(w, h, text, align=align, new_x=new_x, new_y=new_y)
        x = self.get_x()
        width = w or self.w - self.r_margin - x
        room = width - 2 * self.c_margin
        font = (self.font_family, self.font_style, self.font_size_pt)
        widths = self._widths.setdefault(font, {})

        def measure(word):
            if word not in widths:
                widths[word] = self.get_string_width(word)
            return widths[word]

        space = measure(" ")
        lines = []
        for part in str(text).split("\n"):
            line, used = [], 0
            for word in part.split(" "):
                size = measure(word)
                if size > room:
                    return self.multi_cell(w, h, text, align=align, new_x=new_x, new_y=new_y)
                if line and used + space + size > room:
                    lines.append(" ".join(line))
                    line, used = [], 0
                used += size + (space if line else 0)
                line.append(word)
            lines.append(" ".join(line))
        # Each line where cell() would put it (its margin in, its baseline 0.3 of the font
        # size below the middle), through text(): cell()'s machinery for borders, links and
        # styled fragments took half of a large report's seconds, and these lines use none.
        for line in lines:
            if self.will_page_break(h):
                self.add_page(same=True)
            if line:
                self.text(x + self.c_margin, self.y + 0.5 * h + 0.3 * self.font_size, line)
            self.set_xy(self.l_margin, self.y + h)
        return None

    def paragraph(self, text, size=10.5, after=2):
        if not text:
            return
        self.set_font(FONT, size=size)
        align = self.direct(text)
        self.flow(0, size * 0.52, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(after)

    def field(self, label, value):
        """Write 'label: value' with a bold label, wrapping like running text."""
        if not value:
            return
        if self.rtl:  # write() runs from the left margin; a line from the right is a cell
            self.set_font(FONT, size=10.5)
            text = f"{label}: {value}"
            align = self.direct(text)
            self.flow(0, LINE, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            return
        self.direct(label)
        self.set_font(FONT, "B", 10.5)
        head = f"{label}: "
        head_width = self.get_string_width(head)
        self.set_font(FONT, size=10.5)
        value = str(value)
        if self._text_mode == (False, False) and not _needs_shaping(value) and "\n" not in value:
            if head_width + self.get_string_width(value) <= self.w - self.r_margin - self.x:
                # One line: two cells without margins, where write() would put the text,
                # and without fpdf2's letter-by-letter line breaking.
                margin, self.c_margin = self.c_margin, 0
                self.set_font(FONT, "B", 10.5)
                self.cell(head_width, LINE, head)
                self.set_font(FONT, size=10.5)
                self.cell(0, LINE, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                self.c_margin = margin
                return
        self.set_font(FONT, "B", 10.5)
        self.write(LINE, head)
        self.set_font(FONT, size=10.5)
        self.write(LINE, value)
        self.ln(LINE)

    def subheading(self, text):
        if self.will_page_break(15):
            self.add_page()
        self.set_font(FONT, "B", 10.5)
        align = self.direct(text)
        self.flow(0, LINE, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FONT, size=10.5)

    def bullet(self, text, marker="•"):
        self.set_font(FONT, size=10.5)
        if self.direct(text) == "R":  # the marker starts the line, on its right
            self.flow(0, LINE, f"{marker} {text}", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            return
        self.cell(7, LINE, marker)
        self.flow(0, LINE, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def indented(self, text):
        """Write text indented like a bullet's, from the side the language starts on."""
        align = self.direct(text)
        if align == "L":
            self.set_x(self.l_margin + 7)
        self.flow(self.epw - 7, LINE, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def render_promise_pdf(promise, events, url):
    """Return the whole promise as PDF bytes; expects `Promise.objects.with_content()`."""
    pdf = PromisePDF(url)
    pdf.set_title(promise.title)
    pdf.add_page()

    _cover(pdf, promise, url)
    _goals(pdf, promise.goals.all())
    _actors(pdf, promise)
    for focus_area in promise.focus_areas.all():
        _focus_area(pdf, focus_area)
    _events(pdf, events)
    _contacts(pdf, promise.public_contacts)
    return bytes(pdf.output())


def _is_rtl(text, default):
    """Return True if the text's first letter is written right to left (Arabic, Persian,
    Hebrew), False if left to right; `default` when it has no letter."""
    for char in str(text):
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return default


def _needs_shaping(text):
    """Return True if the text holds letters of a script whose shapes depend on their
    neighbours (Hebrew, Arabic, Persian and the scripts after them in Unicode)."""
    return any(ord(char) >= 0x0590 and not 0x2000 <= ord(char) <= 0x2BFF for char in str(text))


def _font_path(filename):
    path = Path(settings.PDF_FONT_DIR) / filename
    if not path.is_file():
        raise ImproperlyConfigured(
            f"The PDF font {path} is missing. Point settings.PDF_FONT_DIR (environment "
            f"variable PDF_FONT_DIR) at a folder with {' and '.join(FONT_FILES.values())}, "
            "e.g. /usr/share/fonts/truetype/dejavu from Debian's fonts-dejavu-core."
        )
    return path


def _cover(pdf, promise, url):
    pdf.heading(promise.title, 0)
    pdf.field(_("Area"), f"{promise.area.name} ({promise.area.get_kind_display()})")
    pdf.field(_("Period"), period_text(promise.period_start, promise.period_end))
    if promise.status != Promise.Status.PUBLISHED:
        pdf.field(_("Status"), capfirst(promise.get_status_display()))
    pdf.field(_("Latest version"), url)
    pdf.ln(3)
    pdf.paragraph(promise.summary, size=12, after=3)
    if promise.background:
        pdf.heading(_("Background"), 1)
        pdf.paragraph(promise.background)


def _goals(pdf, goals):
    if not goals:
        return
    pdf.heading(_("Goals"), 1)
    for number, goal in enumerate(goals, start=1):
        pdf.bullet(goal.title, marker=f"{number}.")
        if goal.description:
            pdf.indented(goal.description)
        pdf.ln(1)


def _actors(pdf, promise):
    actors = promise.actors_from_prefetch()
    if not actors:
        return
    kinds = list(Organisation.Kind.values)
    ordered = sorted(actors, key=lambda a: kinds.index(a.kind))  # stable: keeps name order
    pdf.heading(_("Who stands behind the promise"), 1)
    for _kind, group in groupby(ordered, key=lambda a: a.kind):
        group = list(group)
        pdf.subheading(capfirst(group[0].get_kind_display()))
        for actor in group:
            pdf.bullet(_actor_name(actor))
        pdf.ln(1)


def _focus_area(pdf, focus_area):
    pdf.heading(focus_area.name, 1)
    if focus_area.why:
        pdf.subheading(_("Why it matters"))
        pdf.paragraph(focus_area.why)
    for commitment in focus_area.commitments.all():
        _commitment(pdf, commitment)


def _commitment(pdf, commitment):
    pdf.heading(commitment.title, 2)
    pdf.field(_("Actors"), ", ".join(a.name for a in commitment.actor_list))
    pdf.field(_("Status"), capfirst(commitment.get_status_display()))
    pdf.field(_("Target group"), commitment.target_group)
    if commitment.factor:
        kind = commitment.get_factor_kind_display() or _("Factor")
        pdf.field(capfirst(kind), commitment.factor)
    if commitment.starts_on or commitment.ends_on:
        pdf.field(_("When"), period_text(commitment.starts_on, commitment.ends_on))
    if commitment.description:
        pdf.ln(1)
        pdf.paragraph(commitment.description)
    measures = commitment.measures.all()
    if measures:
        pdf.subheading(_("What is followed up"))
        for measure in measures:
            pdf.bullet(
                f"{measure.name} ({measure.unit}): "
                f"{number_text(measure.baseline, _('no baseline'))} → "
                f"{number_text(measure.target, _('no target'))}"
            )
    pdf.ln(2)


def _events(pdf, events):
    if not events:
        return
    pdf.heading(_("Events"), 1)
    for event in events:
        pdf.subheading(event.title)
        pdf.field(_("When"), _event_time(event))
        pdf.field(_("Place"), event.place_name)
        pdf.field(_("Address"), event.address)
        pdf.ln(2)


def _contacts(pdf, contacts):
    if not contacts:
        return
    pdf.heading(_("Contact persons"), 1)
    for contact in contacts:
        pdf.subheading(contact.name)
        pdf.paragraph(f"{contact.role}, {contact.organisation.name}", after=0)
        pdf.field(_("Phone"), contact.phone)
        pdf.field(_("E-mail"), contact.email)
        pdf.ln(2)


def _actor_name(actor):
    if actor.is_example:
        return _("%(name)s (fictional example)") % {"name": actor.name}
    return actor.name


def period_text(start, end):
    return " – ".join(formats.date_format(d, "DATE_FORMAT") if d else "…" for d in (start, end))


def _event_time(event):
    starts = timezone.localtime(event.starts_at)
    ends = timezone.localtime(event.ends_at)
    text = f"{formats.date_format(starts, 'DATE_FORMAT')} {formats.time_format(starts)}"
    if ends.date() == starts.date():
        return f"{text}–{formats.time_format(ends)}"
    return f"{text} – {formats.date_format(ends, 'DATE_FORMAT')} {formats.time_format(ends)}"


def number_text(value, missing):
    if value is None:
        return missing
    return formats.number_format(value, decimal_pos=0 if value % 1 == 0 else None)
