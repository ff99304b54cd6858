"""The chart of an evaluation: the promise's area against its comparison areas over time,
with the same numbers as a table (lofte.charts.line_chart draws it)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from lofte.charts import line_chart
from lofte.evaluation import estimation as est


@dataclass
class Row:
    period: str
    treated: float | None
    comparison: float | None
    synthetic: float | None


def comparison_line(panel):
    """The comparison areas' mean per period, brought to the promise's area's level before the
    start (counts: scaled by the ratio of their sums; rates: shifted by the difference of their
    means): what the promise's area would have done had it moved as they did."""
    means = []
    for t in range(len(panel.periods)):
        known = [panel.series[k][t] for k in panel.comparisons if panel.series[k][t] is not None]
        means.append(sum(known) / len(known) if known else None)
    treated_before = [v for v in panel.series[panel.treated][: panel.start] if v is not None]
    means_before = [v for v in means[: panel.start] if v is not None]
    if not treated_before or not means_before:
        return means
    if panel.kind == est.COUNT:
        total = sum(means_before)
        scale = (sum(treated_before) / len(treated_before)) / (total / len(means_before))
        return [None if m is None else m * scale for m in means] if total else means
    shift = sum(treated_before) / len(treated_before) - sum(means_before) / len(means_before)
    return [None if m is None else m + shift for m in means]


def outcome_chart(evaluation, what, chart_id):
    """Return (svg, [Row]) for an Evaluation of the indicator named `what`."""
    panel = evaluation.panel
    treated = panel.series.get(panel.treated, [None] * len(panel.periods))
    comparison = comparison_line(panel) if panel.comparisons else [None] * len(panel.periods)
    synthetic = evaluation.synthetic.synthetic if evaluation.synthetic else None
    series = [
        (panel.name(panel.treated), treated),
        (_("Similar areas, brought to its level before the start"), comparison),
    ]
    if synthetic:
        series.append((_("Synthetic control"), synthetic))
    svg = line_chart(
        panel.periods,
        series,
        chart_id,
        _("%(what)s in %(area)s and in similar areas")
        % {"what": what, "area": panel.name(panel.treated)},
        marker=panel.start if 0 < panel.start < len(panel.periods) else None,
        marker_label=_("start"),
    )
    rows = [
        Row(label, treated[t], comparison[t], synthetic[t] if synthetic else None)
        for t, label in enumerate(panel.periods)
    ]
    return svg, rows
