"""The follow-up report as a spreadsheet: the same content as the page, for further work."""

from io import BytesIO

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from lofte.text import keep_formulas_as_text, xlsx_row

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="0B4F8A")


def render_report_xlsx(report, url, sections=()):
    """Return the report (lofte.followup.report.build_report) as XLSX bytes, with a sheet for
    each section the apps above add to it (lofte.promises.pages.Section), as on the page."""
    book = Workbook()
    summary = book.active
    summary.title = _("Summary")
    promise = report.promise
    _table(
        summary,
        [_("Item"), _("Value")],
        [
            (_("Promise"), promise.title),
            (_("Area"), promise.area.name),
            (_("Period of the promise starts"), promise.period_start),
            (_("Period of the promise ends"), promise.period_end),
            (
                _("This report covers"),
                report.period.label if report.period else _("the whole promise"),
            ),
            (_("Report starts"), report.starts_on),
            (_("Report ends"), report.ends_on),
            (_("Actors"), len(report.actors)),
            (_("Commitments"), len(report.commitments)),
            (_("Commitments that owe a report"), report.owing_count),
            (_("Commitments with an approved update"), report.reported_count),
            (_("Share with an approved update (%)"), report.reported_share),
            (_("Published updates"), report.update_count),
            *[(_("Goal"), goal.title) for goal in report.goals],
            *[(capfirst(label), count) for _s, label, count in report.status_counts],
            (_("Address"), url),
        ],
        widths=[40, 60],
    )

    _table(
        book.create_sheet(_("Commitments")),
        [_("Focus area"), _("Commitment"), _("Actors"), _("Status"), _("Approved update")],
        [
            (
                c.focus_area,
                c.title,
                ", ".join(a.name for a in c.actors),
                capfirst(c.status_label),
                c.has_approved_update,
            )
            for c in report.commitments
        ],
        widths=[16, 50, 50, 16, 12],
    )
    _table(
        book.create_sheet(_("Measures")),
        [
            _("Focus area"),
            _("Commitment"),
            _("Measure"),
            _("Unit"),
            _("Baseline"),
            _("Latest value"),
            _("Period of the value"),
            _("Target"),
            _("Higher is better"),
            _("Progress"),
        ],
        [
            (
                c.focus_area,
                c.title,
                m.name,
                m.unit,
                _float(m.baseline),
                _float(m.value),
                m.period_name,
                _float(m.target),
                m.higher_is_better,
                m.progress_label,
            )
            for c in report.commitments
            for m in c.measures
        ],
        widths=[16, 40, 40, 16, 10, 10, 18, 10, 10, 14],
    )
    _table(
        book.create_sheet(_("Updates")),
        [
            _("Period"),
            _("Period starts"),
            _("Focus area"),
            _("Commitment"),
            _("Status"),
            _("What was done"),
        ],
        [
            (
                u.period_name,
                u.period_starts_on,
                c.focus_area,
                c.title,
                capfirst(u.status_label),
                u.text,
            )
            for c in report.commitments
            for u in c.updates
        ],
        widths=[16, 12, 16, 40, 16, 80],
    )
    for section in sections:
        _section(book, section)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _section(book, section):
    """A sheet of the section: its heading and paragraphs above its table."""
    sheet = book.create_sheet(_sheet_name(book, section.sheet or section.heading))
    columns = section.columns or [section.heading]
    _table(sheet, columns, section.rows, widths=[60] + [20] * (len(columns) - 1))
    # The heading and what the page says about the table, in the rows after it.
    if section.paragraphs:
        sheet.append([])
        for text in section.paragraphs:
            sheet.append(xlsx_row([text]))
        keep_formulas_as_text(sheet)


def _sheet_name(book, name):
    """A sheet name Excel accepts (at most 31 characters, none of []:*?/\\), and unique."""
    name = "".join(" " if ch in "[]:*?/\\" else ch for ch in str(name))[:31].strip() or "-"
    taken, candidate, n = set(book.sheetnames), name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name[:28]} {n}"
    return candidate


def _table(sheet, header, rows, widths):
    sheet.append(header)
    for cell in sheet[1]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for row in rows:
        sheet.append(xlsx_row(row))
    keep_formulas_as_text(sheet)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if hasattr(cell.value, "isoformat"):
                cell.number_format = "yyyy-mm-dd"
    for letter, width in zip("ABCDEFGHIJ", widths, strict=False):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"


def _float(value):
    return float(value) if value is not None else None
