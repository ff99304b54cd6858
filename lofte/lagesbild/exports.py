"""The lägesbild as CSV and PDF: every table of the page, from the same Content, so a cell
hidden on the page is hidden in the files ("..", as Brå and SCB write it)."""

import csv
import io
import logging
from typing import NamedTuple

from django.utils.translation import gettext as _

from lofte.promises.pdf import FONT, PromisePDF, period_text
from lofte.suppression import TOTAL
from lofte.text import csv_text, format_decimal

HIDDEN = ".."


class Table(NamedTuple):
    key: str
    title: str
    header: list
    rows: list


def _count_rows(table, suppressed):
    """Rows of a CountTable with its totals, "..", where suppressed."""

    def cell(i, j, value):
        return HIDDEN if suppressed.is_hidden(i, j) else value

    m = table.matrix()
    rows = [
        [label, *[cell(i, j, v) for j, v in enumerate(m[i])], cell(i, TOTAL, sum(m[i]))]
        for i, (_key, label) in enumerate(table.rows)
    ]
    rows.append(
        [
            _("Total"),
            *[cell(TOTAL, j, v) for j, v in enumerate(table.column_totals)],
            cell(TOTAL, TOTAL, table.total),
        ]
    )
    return rows


def _value_text(value):
    if value is None:
        return ""
    if value.value is None:
        return HIDDEN if value.status == "suppressed" else ""
    return format_decimal(value.value, comma=False)


def _plan_rows(plan):
    rows = []
    for row in plan:
        for c in row.commitments or [None]:
            rows.append(
                [
                    row.problem.order,
                    row.problem.title,
                    c.title if c else "",
                    c.focus_area.promise.title if c else "",
                    "; ".join(m.name for m in c.measures.all()) if c else "",
                ]
            )
    return rows


def tables(content):
    """Return [Table]: every table of the lägesbild, as published."""
    found = content.mapping
    out = []
    out.append(
        Table(
            "overlays",
            _("Overlapping areas"),
            [_("Area"), _("Kind"), _("Share of the lägesbild's area"), _("Share inside")],
            [
                [
                    o.area.name,
                    o.area.get_kind_display(),
                    f"{o.share_of_lagesbild * 100:.1f} %",
                    f"{o.share_inside * 100:.1f} %",
                ]
                for o in found.overlays
            ],
        )
    )
    out.append(
        Table(
            "classifications",
            _("Classification by the Police"),
            [_("Year"), _("Classification"), _("Valid from"), _("Local police area")],
            [
                [c.year, c.get_klass_display(), c.valid_from or "", c.local_police_area]
                for c in found.classifications
            ],
        )
    )
    inc = found.incidents
    categories = [label for _k, label in inc.by_area.columns]
    out.append(
        Table(
            "incidents_by_area",
            _("Incident reports per part of the area and category"),
            [_("Part of the area"), *categories, _("Total")],
            _count_rows(inc.by_area, inc.suppressed["by_area"]),
        )
    )
    out.append(
        Table(
            "incidents_by_quarter",
            _("Incident reports per quarter and category"),
            [_("Quarter"), *categories, _("Total")],
            _count_rows(inc.by_quarter, inc.suppressed["by_quarter"]),
        )
    )
    for section in found.indicators:
        ind = section.indicator
        if section.series:
            out.append(
                Table(
                    f"indicator-{section.slug}",
                    f"{section.title} ({ind.unit})" if ind.unit else section.title,
                    [_("Area"), *[p[2] for p in section.periods]],
                    [[name, *[_value_text(v) for v in vs]] for name, vs in section.rows()],
                )
            )
        if section.estimates:
            out.append(
                Table(
                    f"estimate-{section.slug}",
                    _("%(indicator)s, %(period)s: estimate by area weighting")
                    % {"indicator": section.title, "period": section.estimate_period},
                    [_("Area"), _("Classification"), _("Estimate"), _("Coverage"), _("Method")],
                    [
                        [
                            area.name,
                            klass.get_klass_display() if klass else "",
                            f"{est.value:.2f}",
                            f"{est.coverage * 100:.0f} %",
                            est.method,
                        ]
                        for area, klass, est in section.estimates
                    ],
                )
            )
    out.append(
        Table(
            "action_plan",
            _("Action plan"),
            [_("Priority"), _("Problem"), _("Commitment"), _("Promise"), _("Measures")],
            _plan_rows(content.plan),
        )
    )
    out.append(
        Table(
            "outcomes",
            _("Outcome measures"),
            [_("Goal"), _("Indicator"), _("Area"), _("Baseline"), _("Later values")],
            [
                [
                    m.goal.title,
                    m.indicator.name,
                    m.area.name,
                    f"{base.period_label}: {_value_text(base)}" if base else "",
                    "; ".join(f"{v.period_label}: {_value_text(v)}" for v in later),
                ]
                for m, base, later in content.outcomes
            ],
        )
    )
    out.append(
        Table(
            "sources",
            _("Sources"),
            [_("What"), _("Source"), _("Date"), _("Limits")],
            [[s["name"], s["source"], s["date"] or "", s["limits"]] for s in found.sources],
        )
    )
    return out


def to_csv(content):
    """Return the lägesbild's tables as one CSV text (semicolons, as Swedish spreadsheets
    read them): each table's title on its own row, then its header and rows."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    lb = content.lagesbild
    writer.writerow([csv_text(lb.title)])
    writer.writerow([_("Area"), csv_text(lb.area.name)])
    writer.writerow([_("Period"), period_text(lb.period_start, lb.period_end)])
    for _key, title, header, rows in tables(content):
        writer.writerow([])
        writer.writerow([csv_text(title)])
        writer.writerow([csv_text(h) for h in header])
        for row in rows:
            writer.writerow([csv_text(str(v)) for v in row])
    return "\ufeff" + out.getvalue()


def _pdf_svg(svg):
    """Return the page's SVG for fpdf2, which reads no CSS: the classes' strokes as
    attributes."""
    return (
        str(svg)
        .replace(
            'class="area focus"', 'class="area focus" fill="none" stroke="#111111" stroke-width="3"'
        )
        .replace('class="area overlay"', 'class="area overlay" stroke="#737373"')
        .encode()
    )


def _image(pdf, svg, width):
    if not svg:
        return
    logging.getLogger("fpdf.svg").setLevel(logging.ERROR)  # it skips <title> and <desc>
    pdf.image(io.BytesIO(_pdf_svg(svg)), w=width)
    pdf.ln(2)


def to_pdf(content, url):
    """Return the lägesbild as PDF bytes, on the promise PDF's layout."""
    lb = content.lagesbild
    pdf = PromisePDF(url)
    pdf.set_title(lb.title)
    pdf.add_page()
    pdf.heading(lb.title, 0)
    pdf.field(_("Area"), f"{lb.area.name} ({lb.area.get_kind_display()})")
    pdf.field(_("Municipality"), lb.kommun.name)
    pdf.field(_("Period of the mapping"), period_text(lb.period_start, lb.period_end))
    if not lb.is_public:
        pdf.field(_("Status"), lb.get_status_display())
    if lb.is_example:
        pdf.paragraph(_("Example: the analysis and the problems are made up for the demo."))
    pdf.field(_("Latest version"), url)
    pdf.heading(_("Other information"), 1)
    pdf.paragraph(lb.other_information or "–")
    pdf.heading(_("Analysis"), 1)
    pdf.paragraph(lb.analysis or "–")
    pdf.heading(_("Prioritised problems"), 1)
    for row in content.plan:
        pdf.bullet(row.problem.title, marker=f"{row.problem.order}.")
        pdf.paragraph(row.problem.description)
    pdf.heading(_("Mapping"), 1)
    _image(pdf, content.map_svg, 110)
    charts = {f"indicator-{slug}": svg for slug, svg in content.charts.items()}
    for key, title, header, rows in tables(content):
        pdf.subheading(title)
        _image(pdf, charts.get(key), 150)
        if not rows:
            pdf.paragraph("–")
            continue
        pdf.set_font(FONT, size=7.5 if len(header) > 5 else 8.5)
        with pdf.table(
            first_row_as_headings=True, text_align="LEFT", line_height=4, padding=1
        ) as table:
            for values in [header, *rows]:
                r = table.row()
                for v in values:
                    r.cell(str(v))
        pdf.set_font(FONT, size=10.5)
        pdf.ln(3)
    return bytes(pdf.output())
