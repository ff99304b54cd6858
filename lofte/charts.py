"""Server-rendered SVG charts that several apps draw: stacked bars of commitment statuses.

The promise page draws a focus area's bar, the follow-up report one bar per focus area on one
scale, the dashboard and the PDFs take the statuses' colours. Each chart has role="img", a
<title> and a <desc>, and its page puts a table of the same numbers beside it.
"""

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, capfirst

# Drawn for a phone: at 360 px wide the text is read at its real size.
WIDTH = 360
# Compact charts for the promise page: one short bar each, drawn 300 px wide so that they fit
# a 360 px phone beside the page's margins. Their numbers are in a table next to them.
BAR_WIDTH, BAR_HEIGHT = 300, 26
# The statuses' colours, as site.css gives them to `.status-<x>`; the PDF draws with them too.
# "none" is the report's "no published update", which has no class of its own.
STATUS_COLOURS = {
    "planned": "#3d3d4a",
    "ongoing": "#0b4f8a",
    "done": "#1e6b34",
    "delayed": "#8a1c1c",
    "cancelled": "#55555f",
    "none": "#c9ccd4",
}
# The report's chart: per group its name, then its bar, in one SVG as wide as a phone.
GROUP_ROW, GROUP_BAR = 42, 18


def _status_parts(counts, width, of, height, numbers=True):
    """Return the stacked parts of one bar: `of` commitments would fill `width`.

    Each part takes the colour of its status (`status-<x>` sets `color` on the page, the
    attribute elsewhere; the rect fills with currentColor) and white gaps keep neighbours
    apart for those who cannot tell the colours.
    """
    parts, x = [], 0.0
    for status, _label, n in counts:
        w = width * n / of
        parts.append(
            format_html(
                '<g class="status-{s}" color="{colour}"><rect x="{x}" y="0" width="{w}" '
                'height="{h}" fill="currentColor" stroke="#ffffff" stroke-width="2"/>{text}</g>',
                s=status,
                colour=STATUS_COLOURS.get(status, "#1b1b1f"),
                x=round(x, 1),
                w=round(w, 1),
                h=height,
                # The count inside its part, when the part is wide enough to hold it.
                text=format_html(
                    '<text x="{}" y="{}" font-size="13" fill="#ffffff" text-anchor="middle">'
                    "{}</text>",
                    round(x + w / 2, 1),
                    height / 2 + 5,
                    n,
                )
                if numbers and w >= 20
                else "",
            )
        )
        x += w
    return parts


def _describe_counts(counts):
    return ", ".join(f"{capfirst(label)}: {n}" for _s, label, n in counts)


def status_bar(counts, chart_id, title):
    """Return one stacked bar of `count_statuses()` as an SVG string, safe to put in HTML."""
    total = sum(n for _s, _l, n in counts)
    parts = [
        format_html(
            '<svg class="chart-bar" id="{id}" role="img" aria-labelledby="{id}-title {id}-desc" '
            'viewBox="0 0 {w} {h}" width="{w}" height="{h}" xmlns="http://www.w3.org/2000/svg">'
            '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>',
            id=chart_id,
            w=BAR_WIDTH,
            h=BAR_HEIGHT,
            title=title,
            desc=_describe_counts(counts),
        ),
        *_status_parts(counts, BAR_WIDTH, total, BAR_HEIGHT),
        mark_safe("</svg>"),
    ]
    return mark_safe("".join(parts))


def status_bars(groups, chart_id, title):
    """Return a stacked bar per (name, status_counts) in `groups` as one SVG string.

    The bars share one scale, the largest group's, so that their lengths compare; each ends
    with its total. The counts of the parts are left to the table beside the chart.
    """
    totals = [sum(n for _s, _l, n in counts) for _name, counts in groups]
    largest = max(totals, default=0) or 1
    width = WIDTH - 40  # room for the total after the longest bar
    height = len(groups) * GROUP_ROW
    desc = "; ".join(f"{name}: {_describe_counts(counts)}" for name, counts in groups)
    parts = [
        format_html(
            '<svg role="img" class="chart" id="{id}" aria-labelledby="{id}-title {id}-desc" '
            'viewBox="0 0 {w} {h}" width="{w}" height="{h}" xmlns="http://www.w3.org/2000/svg">'
            '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>',
            id=chart_id,
            w=WIDTH,
            h=height,
            title=title,
            desc=desc,
        )
    ]
    for i, ((name, counts), total) in enumerate(zip(groups, totals, strict=True)):
        end = round(width * total / largest, 1)
        parts += [
            format_html(
                '<g transform="translate(0 {y})">'
                '<text x="0" y="14" font-size="12" fill="#1b1b1f">{name}</text>'
                '<g transform="translate(0 20)">',
                y=i * GROUP_ROW,
                name=Truncator(name).chars(52),
            ),
            *_status_parts(counts, width, largest, GROUP_BAR, numbers=False),
            format_html(
                '<text x="{}" y="14" font-size="12" fill="#1b1b1f">{}</text></g></g>',
                end + 4,
                total,
            ),
        ]
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


# Lines over time: each series its own colour AND dash pattern, so that it reads without colour.
LINE_STYLES = [("#0b4f8a", ""), ("#8a1c1c", "6 4"), ("#1e6b34", "2 3")]
LINE_HEIGHT, LINE_LEFT, LINE_BOTTOM, LINE_TOP = 220, 44, 40, 12


def _tick(value):
    return f"{value:.0f}" if abs(value) >= 10 else f"{value:.1f}".rstrip("0").rstrip(".")


def line_chart(labels, series, chart_id, title, marker=None, marker_label=""):
    """Return lines over periods as an SVG string, safe to put in HTML.

    `series` is [(name, [value or None per label])]; a None leaves a gap. `marker` is the
    index of the period where something began (drawn as a vertical line, labelled). The page
    puts a table of the same numbers beside it.
    """
    values = [v for _name, vs in series for v in vs if v is not None]
    high = max(values, default=1) or 1
    low = min(0, min(values, default=0))
    width, plot_w = WIDTH, WIDTH - LINE_LEFT - 8
    plot_h = LINE_HEIGHT - LINE_TOP - LINE_BOTTOM
    step = plot_w / max(1, len(labels) - 1)

    def x(i):
        return round(LINE_LEFT + i * step, 1)

    def y(v):
        return round(LINE_TOP + plot_h * (1 - (v - low) / ((high - low) or 1)), 1)

    desc = "; ".join(
        f"{name}: "
        + ", ".join(
            f"{label} {'–' if v is None else _tick(v)}" for label, v in zip(labels, vs, strict=True)
        )
        for name, vs in series
    )
    parts = [
        format_html(
            '<svg role="img" class="chart" id="{id}" aria-labelledby="{id}-title {id}-desc" '
            'viewBox="0 0 {w} {h}" width="{w}" height="{h}" xmlns="http://www.w3.org/2000/svg">'
            '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
            '<line x1="{l}" y1="{b}" x2="{r}" y2="{b}" stroke="#55555f"/>'
            '<text x="{tx}" y="{ty}" font-size="11" text-anchor="end" fill="#1b1b1f">{top}</text>'
            '<text x="{tx}" y="{b}" font-size="11" text-anchor="end" fill="#1b1b1f">{bottom}'
            "</text>",
            id=chart_id,
            w=width,
            h=LINE_HEIGHT,
            title=title,
            desc=desc,
            l=LINE_LEFT,
            r=LINE_LEFT + plot_w,
            b=LINE_TOP + plot_h,
            tx=LINE_LEFT - 4,
            ty=LINE_TOP + 4,
            top=_tick(high),
            bottom=_tick(low),
        )
    ]
    for i, label in enumerate(labels):
        if i in (0, len(labels) - 1) or i == marker:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="#1b1b1f">{}'
                    "</text>",
                    x(i),
                    LINE_TOP + plot_h + 14,
                    label,
                )
            )
    if marker is not None:
        parts.append(
            format_html(
                '<line x1="{x}" y1="{t}" x2="{x}" y2="{b}" stroke="#55555f" '
                'stroke-dasharray="1 3"/>'
                '<text x="{x}" y="{ly}" font-size="11" text-anchor="middle" fill="#1b1b1f">{label}'
                "</text>",
                x=x(marker) - step / 2 if marker else x(marker),
                t=LINE_TOP,
                b=LINE_TOP + plot_h,
                ly=LINE_TOP + plot_h + 28,
                label=marker_label,
            )
        )
    for n, (_name, vs) in enumerate(series):
        colour, dash = LINE_STYLES[n % len(LINE_STYLES)]
        runs, run = [], []
        for i, v in enumerate(vs):
            if v is None:
                runs, run = runs + [run] if run else runs, []
            else:
                run.append(f"{x(i)},{y(v)}")
        runs += [run] if run else []
        for points in runs:
            parts.append(
                format_html(
                    '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"{}/>',
                    " ".join(points),
                    colour,
                    format_html(' stroke-dasharray="{}"', dash) if dash else "",
                )
            )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))
