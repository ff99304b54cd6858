"""An SVG line chart of an indicator's trend in a few areas, beside a table of the numbers.

Series on different scales (an area and its whole kommun) are drawn as an index, = 100 in the
first period they all have a value, and the chart says so. Colours are presentation
attributes and each line also has its own dash pattern and marker shape, so it reads in grey
and without colour; no inline styles (the Content-Security-Policy forbids them).
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 560, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 40
COLOURS = ["#08519c", "#b30000", "#006d2c", "#54278f"]
DASHES = ["", "6 3", "2 3", "8 3 2 3"]


def indexed(values, at=None):
    """Return the values as an index, the value at period `at` (else the first known) = 100
    (None stays None)."""
    base = values[at] if at is not None else next((v for v in values if v), None)
    return [None if v is None or not base else v / base * 100 for v in values]


def common_start(series):
    """Return the first period where every series has a value, or None."""
    columns = zip(*[values for _name, values in series], strict=True)
    return next((i for i, column in enumerate(columns) if all(column)), None)


def line_chart(chart_id, title, labels, series, index=True):
    """Return the SVG (safe HTML) of `series` [(name, [number or None per label])]."""
    # Lines on different scales are compared from the first period they all have: = 100.
    at = common_start(series) if index else None
    drawn = [(name, indexed(values, at) if index else list(values)) for name, values in series]
    known = [v for _n, values in drawn for v in values if v is not None]
    if not known or len(labels) < 2:
        return ""
    low, high = min(known + [0 if not index else min(known)]), max(known)
    if high == low:
        high, low = high + 1, low - 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(i):
        return LEFT + plot_w * i / (len(labels) - 1)

    def y(v):
        return TOP + plot_h * (1 - (v - low) / (high - low))

    desc = (
        _(
            "Index: each line is 100 in %(period)s, the first period they all have. The table "
            "below gives the numbers."
        )
        % {"period": labels[at] if at is not None else labels[0]}
        if index
        else _("The table below gives the numbers.")
    )
    parts = [
        format_html(
            '<svg class="line-chart" id="{id}" role="img" aria-labelledby="{id}-t {id}-d" '
            'viewBox="0 0 {w} {h}" xmlns="http://www.w3.org/2000/svg">'
            '<title id="{id}-t">{title}</title><desc id="{id}-d">{desc}</desc>',
            id=chart_id,
            w=WIDTH,
            h=HEIGHT,
            title=title,
            desc=desc,
        ),
        format_html(
            '<g class="axes" stroke="#595959" stroke-width="1">'
            '<line x1="{l}" y1="{b}" x2="{r}" y2="{b}"/><line x1="{l}" y1="{t}" x2="{l}" y2="{b}"/>'
            "</g>",
            l=LEFT,
            r=WIDTH - RIGHT,
            t=TOP,
            b=HEIGHT - BOTTOM,
        ),
        format_html(
            '<g class="ticks" font-size="11" fill="#333333">'
            '<text x="{x}" y="{y1}" text-anchor="end">{high}</text>'
            '<text x="{x}" y="{y2}" text-anchor="end">{low}</text>{labels}</g>',
            x=LEFT - 4,
            y1=TOP + 4,
            y2=HEIGHT - BOTTOM,
            high=f"{high:.0f}",
            low=f"{low:.0f}",
            labels=format_html_join(
                "",
                '<text x="{}" y="{}" text-anchor="middle">{}</text>',
                (
                    (f"{x(i):.1f}", HEIGHT - BOTTOM + 14, label)
                    for i, label in enumerate(labels)
                    if len(labels) <= 8 or i % max(1, len(labels) // 6) == 0
                ),
            ),
        ),
    ]
    for n, (name, values) in enumerate(drawn):
        colour, dash = COLOURS[n % len(COLOURS)], DASHES[n % len(DASHES)]
        points = [(x(i), y(v)) for i, v in enumerate(values) if v is not None]
        parts.append(
            format_html(
                '<g class="series"><title>{}</title><polyline fill="none" stroke="{}" '
                'stroke-width="2"{} points="{}"/>{}</g>',
                name,
                colour,
                format_html(' stroke-dasharray="{}"', dash) if dash else "",
                " ".join(f"{a:.1f},{b:.1f}" for a, b in points),
                format_html_join(
                    "",
                    '<rect x="{}" y="{}" width="6" height="6" fill="{}"/>'
                    if n % 2
                    else '<circle cx="{}" cy="{}" r="3.5" fill="{}"/>',
                    (
                        (
                            (f"{a - 3:.1f}", f"{b - 3:.1f}", colour)
                            if n % 2
                            else (f"{a:.1f}", f"{b:.1f}", colour)
                        )
                        for a, b in points
                    ),
                ),
            )
        )
    legend = format_html_join(
        "",
        '<g transform="translate({},{})"><line x1="0" y1="0" x2="18" y2="0" stroke="{}" '
        'stroke-width="2"{}/><text x="22" y="4" font-size="11" fill="#333333">{}</text></g>',
        (
            (
                LEFT + 150 * n,
                HEIGHT - 8,
                COLOURS[n % len(COLOURS)],
                format_html(' stroke-dasharray="{}"', DASHES[n % len(DASHES)])
                if DASHES[n % len(DASHES)]
                else "",
                name[:22],
            )
            for n, (name, _v) in enumerate(drawn)
        ),
    )
    parts += [legend, mark_safe("</svg>")]
    return mark_safe("".join(parts))
