"""The follow-up report as a PDF, in the active language, on the promise PDF's layout."""

import datetime
from decimal import Decimal

from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from lofte.charts import STATUS_COLOURS
from lofte.promises.pdf import FONT, LINE, PromisePDF, number_text, period_text


def render_report_pdf(report, url, sections=()):
    """Return the report (lofte.followup.report.build_report) as PDF bytes, with the sections
    the apps above add to it (lofte.promises.pages.Section) at its end, as on the page."""
    promise = report.promise
    pdf = PromisePDF(url)
    title = _("Follow-up report: %(title)s") % {"title": promise.title}
    pdf.set_title(title)
    pdf.add_page()
    pdf.heading(title, 0)
    pdf.field(_("Area"), f"{promise.area.name} ({promise.area.get_kind_display()})")
    pdf.field(_("Period of the promise"), period_text(promise.period_start, promise.period_end))
    covers = report.period.label if report.period else _("the whole promise")
    pdf.field(_("This report covers"), f"{covers}: {period_text(report.starts_on, report.ends_on)}")
    pdf.field(_("Actors"), len(report.actors))
    pdf.field(_("Commitments"), len(report.commitments))
    pdf.field(
        _("Reported on"),
        _(
            "%(share)s %% of the commitments that owe a report (%(count)s of %(total)s) have "
            "an approved update in this period."
        )
        % {
            "share": report.reported_share,
            "count": report.reported_count,
            "total": report.owing_count,
        },
    )
    pdf.field(_("Published updates"), report.update_count)
    if report.goals:
        pdf.heading(_("Goals"), 1)
        for number, goal in enumerate(report.goals, start=1):
            pdf.bullet(goal.title, marker=f"{number}.")
    pdf.heading(_("Status per focus area"), 1)
    _chart(pdf, report)
    for group in report.focus_areas:
        pdf.heading(group.name, 1)
        pdf.paragraph(_counts(group))
        for c in group.commitments:
            _commitment(pdf, c)
    pdf.heading(_("By actor"), 1)
    for group in report.actors:
        pdf.bullet(f"{group.name}: {_counts(group)}")
    for section in sections:
        _section(pdf, section)
    return bytes(pdf.output())


def _section(pdf, section):
    pdf.heading(section.heading, 1)
    for text in section.paragraphs:
        pdf.paragraph(text)
    for row in section.rows:
        pdf.bullet(" · ".join(_cell_text(value) for value in row if value not in (None, "")))


def _cell_text(value):
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, int | float | Decimal):
        return number_text(value, "–")
    return str(value)


def _counts(group):
    parts = [f"{capfirst(label)} {count}" for _s, label, count in group.status_counts]
    return ", ".join(parts) or _("No commitments.")


def _chart(pdf, report):
    """Draw a stacked bar per focus area, with the counts written beside each bar."""
    largest = max((g.total for g in report.focus_areas), default=0) or 1
    bar_width = pdf.epw - 55
    for group in report.focus_areas:
        if pdf.will_page_break(9):
            pdf.add_page()
        y = pdf.get_y()
        pdf.set_font(FONT, size=9)
        pdf.cell(40, 7, group.name[:24], align=pdf.align)
        x = pdf.l_margin + 40
        for status, _label, count in group.status_counts:
            w = bar_width * count / largest
            pdf.set_fill_color(*_rgb(STATUS_COLOURS[status]))
            pdf.rect(x, y + 1, w, 5, style="F")
            x += w
        pdf.set_xy(x + 2, y)
        pdf.cell(0, 7, str(group.total), new_x="LMARGIN", new_y="NEXT")
    # The legend's squares in their colours; the text stays black.
    pdf.set_font(FONT, size=9)
    pdf.write(5, _("Colours: %(legend)s") % {"legend": ""})
    for status, label in report.statuses:
        pdf.set_text_color(*_rgb(STATUS_COLOURS[status]))
        pdf.write(5, "■ ")
        pdf.set_text_color(0)
        pdf.write(5, f"{capfirst(label)}  ")
    pdf.ln(7)
    pdf.set_font(FONT, size=10.5)


def _commitment(pdf, c):
    pdf.heading(c.title, 2)
    pdf.field(_("Actors"), ", ".join(a.name for a in c.actors))
    pdf.field(_("Status"), capfirst(c.status_label))
    for m in c.measures:
        value = number_text(m.value, "–")
        latest = f"{value} ({m.period_name})" if m.value is not None else value
        pdf.bullet(
            f"{m.name} ({m.unit}): {_('baseline')} {number_text(m.baseline, '–')}, "
            f"{_('latest')} {latest}, {_('target')} {number_text(m.target, '–')}: "
            f"{m.progress_label}"
        )
    for u in c.updates:
        pdf.subheading(f"{u.period_name} · {capfirst(u.status_label)}")
        pdf.paragraph(u.text)
    if not c.updates:
        pdf.paragraph(_("No published update in this period."))
    pdf.ln(LINE / 2)


def _rgb(colour):
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
