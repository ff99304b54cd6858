"""The evaluation report as a PDF, on the promise PDF's layout (lofte.promises.pdf)."""

from django.utils.translation import gettext as _

from lofte.promises.pdf import FONT, PromisePDF


def _table(pdf, header, rows):
    pdf.set_font(FONT, size=8.5)
    with pdf.table(first_row_as_headings=True, text_align="LEFT", line_height=4, padding=1) as t:
        for values in [header, *rows]:
            r = t.row()
            for v in values:
                r.cell(str(v))
    pdf.set_font(FONT, size=10.5)


def _number(x):
    return "–" if x is None else f"{x:.1f}".rstrip("0").rstrip(".")


def render_report_pdf(report, url):
    """Return the report as PDF bytes: the same goals, results, checks and areas as the page."""
    promise = report.promise
    pdf = PromisePDF(url)
    title = f"{_('Did it work?')} {promise.title}"
    pdf.set_title(title)
    pdf.add_page()
    pdf.heading(title, 0)
    pdf.field(_("Latest version"), url)
    for g in report.goals:
        pdf.heading(f"{_('Goal')}: {g.goal.title}", 1)
        if not g.outcomes:
            pdf.paragraph(_("This goal has no outcome measure yet."))
        for r in g.outcomes:
            pdf.subheading(f"{r.outcome.indicator.name}, {r.outcome.area.name}")
            if not r.selection:
                pdf.paragraph(r.why_none)
                continue
            if r.refusals:
                pdf.paragraph(_("No estimate can be given"))
                for why in r.refusals:
                    pdf.bullet(why)
            else:
                pdf.paragraph(r.sentence)
                for c in r.caveats:
                    pdf.paragraph(c)
            if r.rows:
                header = [
                    _("Period"),
                    r.outcome.area.name,
                    _("Similar areas, brought to its level before the start"),
                ]
                rows = [[x.period, _number(x.treated), _number(x.comparison)] for x in r.rows]
                _table(pdf, header, rows)
            if r.estimate:
                ev = r.evaluation
                pdf.field(
                    _("Trend before the start"),
                    _("differs from the comparison areas'")
                    if ev.pre_trend and ev.pre_trend.is_clear
                    else _("not clearly different from the comparison areas'"),
                )
                if r.time_placebo:
                    pdf.field(_("A false start date"), r.time_placebo)
                if ev.space_placebos and ev.space_placebos.rank_p is not None:
                    pdf.field(
                        _("Each comparison area as if treated"),
                        f"{ev.space_placebos.rank_p:.2f}",
                    )
            pdf.field(_("Comparison areas"), str(len(r.chosen)) if r.chosen else "–")
            for c in r.chosen:
                pdf.bullet(f"{c.area.name}: {c.reason_text()}")
    pdf.heading(_("Does the promise hold together?"), 1)
    for gap in report.gaps:
        pdf.bullet(gap.message)
    if not report.gaps:
        pdf.paragraph(_("The logic check found no gaps."))
    pdf.heading(_("What is known about the commitments"), 1)
    for tag in report.evidence:
        source = f" ({tag.kind.source})" if tag.kind.source else ""
        pdf.bullet(
            f"{tag.commitment.title}: {tag.kind.shown_name}, "
            f"{tag.kind.get_evidence_display()}{source}"
        )
    if not report.evidence:
        pdf.paragraph(_("No commitment is tagged with its kind of intervention yet."))
    return bytes(pdf.output())
