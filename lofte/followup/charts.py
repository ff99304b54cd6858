"""Server-rendered SVG charts of a measure's published values, with the numbers beside them.

A chart is drawn from `measure_series(measure, updates)`: the values per period, oldest
first. The SVG is decorative to nobody: it has role="img", a <title> and a <desc> that say
what it shows, and the template always puts a table of the same numbers next to it
(`followup/_progress_chart.html`), so nothing depends on seeing the picture.
"""

import datetime
from decimal import Decimal
from functools import lru_cache

from django.template.defaultfilters import floatformat
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lofte.charts import BAR_HEIGHT, BAR_WIDTH, WIDTH

# Drawn for a phone: at 360 px wide the text is read at its real size.
HEIGHT = 220
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 22, 34
# Period names take about this much room; closer points share a label every few points.
LABEL_WIDTH = 90
PAD = 10  # keeps the first and last points off the axis and the edge


def measure_series(measure, updates):
    """Return [(period, value)] of the measure in the given updates, oldest period first.

    `updates` are published updates with `period` and `values` fetched; the caller decides
    which updates residents may see.
    """
    points = []
    for update in updates:
        for value in update.values.all():
            if value.measure_id == measure.pk:
                points.append((update.period, value.value))
    points.sort(key=lambda p: p[0].starts_on)
    return points


def _fmt(value):
    return _fmt_in(value, get_language())


@lru_cache(maxsize=4096)
def _fmt_in(value, language):
    """floatformat(value, "-2") in the active language: a page of 150 commitments asks for
    the same few hundred numbers thousands of times."""
    return floatformat(value, "-2")


def _nice_max(value):
    """Round the top of the scale up to 1, 1.5, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return Decimal(1)
    exponent = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, Decimal("1.5"), 2, Decimal("2.5"), 5, 10):
        if value <= step * exponent:
            return step * exponent
    return 10 * exponent


def render_svg(measure, points, chart_id, progress=None):
    """Return the chart of `points` for `measure` as an SVG string, safe to put in HTML.

    `progress`, the Measure.progress() of the latest point, is said in the description.
    """
    values = [v for _p, v in points]
    refs = [r for r in (measure.baseline, measure.target) if r is not None]
    top = _nice_max(max(values + refs + [Decimal(0)]))
    bottom = min(values + refs + [Decimal(0)])
    span = (top - bottom) or Decimal(1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(v):
        return round(TOP + plot_h * float((top - Decimal(v)) / span), 1)

    # A time scale: each point at its period's start, so a quarter without a value leaves
    # its room empty instead of drawing the next point as close as the others.
    first_day = points[0][0].starts_on if points else None
    days = (points[-1][0].starts_on - first_day).days if points else 0

    def x(i):
        if len(points) == 1 or not days:
            return LEFT + plot_w / 2
        share = (points[i][0].starts_on - first_day).days / days
        return round(LEFT + PAD + (plot_w - 2 * PAD) * share, 1)

    title = _("%(measure)s per reporting period") % {"measure": measure.name}
    desc = _describe(measure, points)
    if points and progress is not None:
        desc += " " + _describe_progress(progress)
    parts = [
        format_html(
            '<svg class="chart" id="{id}" role="img" aria-labelledby="{id}-title {id}-desc" '
            'viewBox="0 0 {w} {h}" width="{w}" height="{h}" xmlns="http://www.w3.org/2000/svg">'
            '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>',
            id=chart_id,
            w=WIDTH,
            h=HEIGHT,
            title=title,
            desc=desc,
        ),
        # The axes and the scale: 0 (or the lowest value) and the top.
        format_html(
            '<g class="axis" stroke="#6b6b78" stroke-width="1">'
            '<line x1="{l}" y1="{t}" x2="{l}" y2="{b}"/>'
            '<line x1="{l}" y1="{b}" x2="{r}" y2="{b}"/></g>'
            '<g class="scale" font-size="12" fill="#3d3d4a" text-anchor="end">'
            '<text x="{tx}" y="{yt}">{top}</text><text x="{tx}" y="{yb}">{bottom}</text></g>',
            l=LEFT,
            t=TOP,
            b=TOP + plot_h,
            r=WIDTH - RIGHT,
            tx=LEFT - 6,
            yt=y(top) + 4,
            yb=y(bottom) + 4,
            top=_fmt(top),
            bottom=_fmt(bottom),
        ),
    ]
    for ref, label, css, dash in (
        (measure.baseline, _("baseline"), "baseline", "2 4"),
        (measure.target, _("target"), "target", "8 4"),
    ):
        if ref is not None:
            parts.append(
                format_html(
                    '<g class="{css}"><line x1="{l}" y1="{y}" x2="{r}" y2="{y}" stroke="#3d3d4a" '
                    'stroke-dasharray="{dash}" stroke-width="1.5"/>'
                    '<text x="{r}" y="{ty}" font-size="12" fill="#3d3d4a" text-anchor="end">'
                    "{label} {value}</text></g>",
                    css=css,
                    l=LEFT,
                    r=WIDTH - RIGHT,
                    y=y(ref),
                    ty=y(ref) - 4,
                    dash=dash,
                    label=label,
                    value=_fmt(ref),
                )
            )
    if points:
        # The line breaks where a period went without a value.
        for segment in _unbroken_runs(points):
            if len(segment) < 2:
                continue
            parts.append(
                format_html(
                    '<polyline class="values" points="{}" fill="none" stroke="#0b5394" '
                    'stroke-width="2.5"/>',
                    " ".join(f"{x(i)},{y(points[i][1])}" for i in segment),
                )
            )
        parts += [
            mark_safe('<g class="points" fill="#0b5394">'),
            format_html_join(
                "",
                '<circle cx="{}" cy="{}" r="4"/>',
                ((x(i), y(v)) for i, (_p, v) in enumerate(points)),
            ),
            mark_safe("</g>"),
        ]
        # The first label runs right from its point and the next one is centred on its own,
        # so labelled points must lie one and a half labels apart.
        labelled = []
        for i in range(len(points)):
            if not labelled or x(i) - x(labelled[-1]) >= LABEL_WIDTH * 1.5:
                labelled.append(i)
        anchors = {0: "start", len(points) - 1: "end"} if len(points) > 1 else {}
        parts += [
            mark_safe('<g class="periods" font-size="12" fill="#3d3d4a">'),
            format_html_join(
                "",
                '<text x="{}" y="{}" text-anchor="{}">{}</text>',
                (
                    (x(i), HEIGHT - BOTTOM + 18, anchors.get(i, "middle"), points[i][0].label)
                    for i in labelled
                ),
            ),
            mark_safe("</g>"),
        ]
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def _follows(before, after):
    """Return True if period `after` starts the day after `before` ends (or earlier)."""
    return after.starts_on <= before.ends_on + datetime.timedelta(days=1)


def _unbroken_runs(points):
    """Return the indexes of `points` in runs of periods that follow one another."""
    runs = []
    for i, (period, _v) in enumerate(points):
        if runs and _follows(points[i - 1][0], period):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _describe(measure, points):
    if not points:
        return _("No values have been published yet.")
    first, last = points[0], points[-1]
    text = _(
        "From %(first)s %(unit)s (%(first_period)s) to %(last)s %(unit)s (%(last_period)s)."
    ) % {
        "first": _fmt(first[1]),
        "first_period": first[0].label,
        "last": _fmt(last[1]),
        "last_period": last[0].label,
        "unit": measure.unit,
    }
    for before, after in zip(points, points[1:], strict=False):
        if not _follows(before[0], after[0]):
            text += " " + _("No value was published between %(before)s and %(after)s.") % {
                "before": before[0].label,
                "after": after[0].label,
            }
    if measure.target is not None:
        text += " " + _("Target: %(target)s %(unit)s.") % {
            "target": _fmt(measure.target),
            "unit": measure.unit,
        }
    if measure.baseline is not None:
        text += " " + _("Baseline: %(baseline)s %(unit)s.") % {
            "baseline": _fmt(measure.baseline),
            "unit": measure.unit,
        }
    return text


def measure_chart(measure, updates, chart_id, time_gone=None):
    """Return what `followup/_progress_chart.html` needs: the SVG, the rows of its table and
    how far the latest value has come (Measure.progress, None without a value)."""
    points = measure_series(measure, updates)
    progress = measure.progress(points[-1][1], time_gone) if points else None
    return {
        "measure": measure,
        "id": chart_id,
        "svg": render_svg(measure, points, chart_id, progress),
        "rows": points,
        "progress": progress,
    }


def progress_bar(measure, progress, value, period, chart_id):
    """Return a small bar of the latest value between baseline and target, as an SVG string.

    `progress` is `measure.progress(value, …)`. Returns "" when it has no share to draw (no
    value, no target, or a lower-is-better measure without a baseline that has not reached
    its target): a bar would claim more than is known, and the table says the rest.
    """
    if progress.share is None:
        return ""
    start = measure.baseline if measure.baseline is not None else Decimal(0)
    desc = _("%(value)s %(unit)s in %(period)s.") % {
        "value": _fmt(value),
        "unit": measure.unit,
        "period": period.label,
    }
    desc += " " + _("Target: %(target)s %(unit)s.") % {
        "target": _fmt(measure.target),
        "unit": measure.unit,
    }
    if measure.baseline is not None:
        desc += " " + _("Baseline: %(baseline)s %(unit)s.") % {
            "baseline": _fmt(measure.baseline),
            "unit": measure.unit,
        }
    desc += " " + _describe_progress(progress)
    # An f-string with each text escaped: format_html's machinery per call was most of the
    # time a page of 38 commitments with three measures each spent on its bars.
    track_y, track_h = 14, 10
    i = escape(chart_id)
    return mark_safe(
        f'<svg class="chart-bar" id="{i}" role="img" aria-labelledby="{i}-title {i}-desc" '
        f'viewBox="0 0 {BAR_WIDTH} {BAR_HEIGHT}" width="{BAR_WIDTH}" height="{BAR_HEIGHT}" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{i}-title">{escape(measure.name)}</title>'
        f'<desc id="{i}-desc">{escape(desc)}</desc>'
        f'<rect class="track" x="0" y="{track_y}" width="{BAR_WIDTH}" height="{track_h}" '
        f'fill="#e3e4ea" stroke="#6b6b78" stroke-width="1"/>'
        f'<g class="ends" font-size="12" fill="#3d3d4a">'
        f'<text x="0" y="11">{escape(_fmt(start))}</text>'
        f'<text x="{BAR_WIDTH}" y="11" text-anchor="end">{escape(_("target"))} '
        f"{escape(_fmt(measure.target))}</text></g>"
        f'<rect class="value" x="0" y="{track_y}" width="{round(BAR_WIDTH * progress.share, 1)}" '
        f'height="{track_h}" fill="#0b5394"/></svg>'
    )


def _describe_progress(progress):
    """Say how far a measure has come (Measure.progress) as a sentence, for a chart's <desc>."""
    return f"{capfirst(str(progress))}."


def measure_progress(measure, value, period, chart_id, time_gone=None):
    """Return what `followup/_progress_latest.html` needs for one measure: bar and numbers."""
    progress = measure.progress(value, time_gone)
    return {
        "measure": measure,
        "id": chart_id,
        "value": value,
        "period": period,
        "progress": progress,
        "svg": progress_bar(measure, progress, value, period, chart_id),
        # The table's words and numbers, formatted once as the bar's are: the template's
        # floatformat filter took half of a 38-commitment page's rendering.
        "baseline_text": "" if measure.baseline is None else _fmt(measure.baseline),
        "target_text": "" if measure.target is None else _fmt(measure.target),
        "value_text": "" if value is None else _fmt(value),
        "period_label": "" if period is None else period.label,
        "progress_text": "" if value is None else capfirst(str(progress)),
    }
