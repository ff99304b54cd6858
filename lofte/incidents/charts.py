"""Server-drawn SVG bar charts of counts, always shown with their table beside them.

Colours come from site.css through classes (`incident-bar`, `incident-bar-label`): no style
attributes, so the page keeps to a strict Content Security Policy.
"""

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

# As wide as a 360 px phone allows beside the page's margins.
WIDTH = 320
LABEL = 112  # room for the labels on the left
ROW, BAR = 22, 14
HIDDEN = ".."


def bar_chart(items, chart_id, title):
    """Return horizontal bars for [(label, count or None)] as an SVG string, safe in HTML.

    None is a hidden count: no bar, and the mark the table uses.
    """
    values = [v for _l, v in items if v is not None]
    largest = max(values, default=0) or 1
    room = WIDTH - LABEL - 36  # and room for the number after the longest bar
    height = max(1, len(items)) * ROW
    desc = "; ".join(f"{label}: {HIDDEN if v is None else v}" for label, v in items)
    parts = [
        format_html(
            '<svg class="chart incident-chart" id="{id}" role="img" '
            'aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {w} {h}" width="{w}" '
            'height="{h}" xmlns="http://www.w3.org/2000/svg">'
            '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>',
            id=chart_id,
            w=WIDTH,
            h=height,
            title=title,
            desc=desc,
        )
    ]
    for i, (label, value) in enumerate(items):
        y = i * ROW
        width = 0 if value is None else round(room * value / largest, 1)
        parts.append(
            format_html(
                '<g class="incident-bar-row">'
                '<text class="incident-bar-label" x="{lx}" y="{ty}" text-anchor="end">{label}'
                "</text>"
                '<rect class="incident-bar" x="{x}" y="{by}" width="{bw}" height="{bh}"/>'
                '<text class="incident-bar-value" x="{vx}" y="{ty}">{value}</text></g>',
                lx=LABEL - 6,
                ty=y + BAR,
                label=Truncator(str(label)).chars(16),
                x=LABEL,
                by=y + (ROW - BAR) / 2,
                bw=width,
                bh=BAR,
                vx=LABEL + width + 4,
                value=HIDDEN if value is None else value,
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))
