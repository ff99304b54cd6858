"""A survey question's results as SVG bars: one bar per option, its share of the respondents.

Drawn as lofte/charts.py draws: for a 360 px phone, role="img" with a <title> and a <desc>
that say every number, and the page puts a table of the same numbers beside it. A hidden
number gets no bar, only the word for it.
"""

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

WIDTH = 360
ROW, BAR_Y, BAR_HEIGHT = 48, 22, 16
BAR_MAX = 270  # room after the longest bar for its number
INK, MUTED, BAR = "#1b1b1f", "#4a4a55", "#0b4f8a"


def number_text(cell):
    """Say a cell's number: "40 % (12)", or that it is hidden."""
    if cell.hidden:
        return _("hidden")
    return _("%(percent)s%% (%(count)s)") % {"percent": cell.percent, "count": cell.count}


def share_bars(cells, chart_id, title):
    """Return the cells' shares as horizontal bars in one SVG string, safe to put in HTML."""
    desc = "; ".join(f"{cell.label}: {number_text(cell)}" for cell in cells)
    parts = [
        format_html(
            '<svg role="img" class="chart" id="{id}" aria-labelledby="{id}-title {id}-desc" '
            'viewBox="0 0 {w} {h}" width="{w}" height="{h}" xmlns="http://www.w3.org/2000/svg">'
            '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>',
            id=chart_id,
            w=WIDTH,
            h=len(cells) * ROW,
            title=title,
            desc=desc,
        )
    ]
    for i, cell in enumerate(cells):
        width = 0 if cell.hidden else round(BAR_MAX * (cell.share or 0), 1)
        parts.append(
            format_html(
                '<g transform="translate(0 {y})">'
                '<text x="0" y="15" font-size="13" fill="{ink}">{label}</text>'
                '{bar}<text x="{after}" y="{text_y}" font-size="13" fill="{colour}">{number}'
                "</text></g>",
                y=i * ROW,
                ink=INK,
                label=Truncator(cell.label).chars(56),
                bar=format_html(
                    '<rect x="0" y="{}" width="{}" height="{}" fill="{}"/>',
                    BAR_Y,
                    width,
                    BAR_HEIGHT,
                    BAR,
                )
                if width
                else "",
                after=round(width + 4, 1),
                text_y=BAR_Y + 13,
                colour=MUTED if cell.hidden else INK,
                number=number_text(cell),
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))
