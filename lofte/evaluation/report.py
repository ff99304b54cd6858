"""The evaluation report of a promise: did it work? For each goal, each outcome measure's
result against its comparison areas, the checks, the chart and its numbers; then the
promise's logic check and the evidence behind its commitments. One `build()` for the page,
the CSV and the PDF, so they say the same; each outcome's models are fitted once.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from lofte.evaluation import estimation as est
from lofte.evaluation import wording
from lofte.evaluation.actions import choose_comparison_areas
from lofte.evaluation.charts import outcome_chart
from lofte.evaluation.logic import gaps
from lofte.evaluation.models import CommitmentKind, ComparisonSelection
from lofte.indicators.models import Indicator, IndicatorValue
from lofte.lagesbild.models import OutcomeMeasure
from lofte.text import csv_text

RATE_UNITS = ("%", "per ", "andel", "procent", "share")


def value_kind_of(indicator):
    """A rate or share when its unit says so (per cent, per 1 000, a share); else a count."""
    unit = (indicator.unit or "").lower()
    return est.RATE if any(u in unit for u in RATE_UNITS) else est.COUNT


def socio_economic_indicator(area):
    """The socio-economic indicator with a value for the area (SCB's area type), if any."""
    return (
        Indicator.objects.filter(
            theme=Indicator.Theme.SOCIO_ECONOMIC,
            pk__in=IndicatorValue.objects.known().filter(area=area).values("indicator"),
        )
        .order_by("slug")
        .first()
    )


@dataclass
class OutcomeResult:
    outcome: OutcomeMeasure
    selection: ComparisonSelection | None = None
    why_none: str = ""  # why there are no comparison areas yet
    evaluation: est.Evaluation | None = None
    sentence: str = ""
    refusals: list = field(default_factory=list)  # the reasons no estimate is given, in words
    caveats: list = field(default_factory=list)
    time_placebo: str = ""
    method: str = ""
    chosen: list = field(default_factory=list)  # ComparisonArea, nearest first
    excluded: list = field(default_factory=list)  # (area name, why)
    svg: str = ""
    rows: list = field(default_factory=list)

    @property
    def estimate(self):
        return self.evaluation.estimate if self.evaluation else None


@dataclass
class GoalResult:
    goal: object
    outcomes: list


@dataclass
class Report:
    promise: object
    goals: list
    gaps: list
    evidence: list  # CommitmentKind with its kind, per commitment of the promise


def _result(outcome, selection, chart_id):
    result = OutcomeResult(outcome, selection)
    what, unit = outcome.indicator.name, outcome.indicator.unit
    evaluation = selection.evaluate()
    result.evaluation = evaluation
    result.chosen = list(selection.areas.select_related("area"))
    if evaluation.estimate:
        result.sentence = wording.result_text(evaluation.estimate, what, unit)
        result.caveats = wording.caveats(evaluation)
        result.method = wording.method_text(evaluation.estimate)
        if evaluation.time_placebo:
            result.time_placebo = wording.result_text(evaluation.time_placebo, what, unit)
    result.refusals = [r.text() for r in evaluation.refusals]
    result.excluded = [(evaluation.panel.name(k), r.text()) for k, r in evaluation.excluded.items()]
    result.svg, result.rows = outcome_chart(evaluation, what, chart_id)
    return result


def build(promise, user):
    """Return the Report of a promise as the user may see it. Comparison areas missing for an
    outcome are chosen by the rule (actions.choose_comparison_areas) when the user may choose
    them; otherwise the report says none are chosen yet."""
    outcomes = list(
        OutcomeMeasure.objects.filter(goal__promise=promise).select_related(
            "goal", "indicator", "area__kommun"
        )
    )
    selections = {
        (s.area_id, s.indicator_id): s
        for s in ComparisonSelection.objects.filter(promise=promise).select_related(
            "area", "indicator"
        )
    }
    by_goal = {}
    for outcome in outcomes:
        selection = selections.get((outcome.area_id, outcome.indicator_id))
        if selection is None and ComparisonSelection(area=outcome.area).can_be_changed_by(user):
            selection, _choice = choose_comparison_areas(
                user,
                outcome.area,
                outcome.indicator,
                promise.period_start,
                promise=promise,
                value_kind=value_kind_of(outcome.indicator),
                socio=socio_economic_indicator(outcome.area),
            )
            selections[outcome.area_id, outcome.indicator_id] = selection
        if selection is None:
            result = OutcomeResult(
                outcome,
                why_none=_(
                    "No comparison areas have been chosen yet: the kommun's analysts and "
                    "coordinators choose them by the documented rule when they first open "
                    "this report."
                ),
            )
        else:
            result = _result(outcome, selection, f"utfall-{outcome.pk}")
        by_goal.setdefault(outcome.goal_id, []).append(result)
    goals = [GoalResult(g, by_goal.get(g.pk, [])) for g in promise.goals.all()]
    evidence = list(
        CommitmentKind.objects.filter(commitment__focus_area__promise=promise)
        .select_related("kind", "commitment__focus_area__promise")
        .order_by("commitment__focus_area__order", "commitment__order", "commitment__pk")
    )
    return Report(promise, goals, gaps(promise, user), evidence)


def _n(x, decimals=3):
    return "" if x is None else f"{x:.{decimals}f}"


def csv_rows(report):
    """Each goal's numbers: one row per outcome measure and period, with the estimate."""
    header = [
        _("Goal"),
        _("Indicator"),
        _("Area"),
        _("Period"),
        _("Value in the area"),
        _("Similar areas, brought to its level before the start"),
        _("Synthetic control"),
        _("Estimated effect"),
        _("95 % interval, low"),
        _("95 % interval, high"),
        _("Result"),
        _("Comparison areas"),
    ]
    rows = [header]
    for g in report.goals:
        for r in g.outcomes:
            e = r.estimate
            said = r.sentence or "; ".join(r.refusals) or r.why_none
            fixed = [
                g.goal.title,
                r.outcome.indicator.name,
                r.outcome.area.name,
            ]
            estimate = [
                _n(e.effect) if e else "",
                _n(e.effect_low) if e else "",
                _n(e.effect_high) if e else "",
                said,
                ", ".join(c.area.name for c in r.chosen),
            ]
            if not r.rows:
                rows.append([*fixed, "", "", "", "", *estimate])
            for row in r.rows:
                rows.append(
                    [
                        *fixed,
                        row.period,
                        _n(row.treated, 2),
                        _n(row.comparison, 2),
                        _n(row.synthetic, 2),
                        *estimate,
                    ]
                )
    return [[csv_text(str(v)) for v in row] for row in rows]
