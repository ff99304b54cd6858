"""An evaluation in words: the result for a coordinator, refusals, the method for an analyst.

One function says the result (`result_text`), from the estimate alone, in the active language
or the one asked for, so every page, report and export says it the same way.
"""

from django.utils import translation
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lofte.evaluation import estimation as est

MINUS = "\u2212"


def _number(x, decimals=0, sign=False):
    """A number as the language writes it, with a true minus sign (and + when asked)."""
    text = number_format(round(abs(x), decimals), decimals)
    if round(x, decimals) < 0:
        return MINUS + text
    return ("+" + text) if sign and round(x, decimals) > 0 else text


# Units that say a rate is a share in per cent.
PER_CENT = {"%", "procent", "per cent", "percent"}


def _amount(x, kind, unit, sign=False):
    if kind == est.COUNT:
        return _("%(number)s %%") % {"number": _number(x * 100, 0, sign)}
    decimals = 0 if abs(x) >= 10 else 1
    if unit.strip() in PER_CENT:
        # A change in a share is in percentage points; "2 %" would read as a relative change.
        return _("%(number)s percentage points") % {"number": _number(x, decimals, sign)}
    return f"{_number(x, decimals, sign)} {unit}".strip()


def result_text(estimate, what, unit="", language=None):
    """Say an Estimate in plain words: “Reported crimes fell by an estimated 12 % (95 % interval
    −25 % to +3 %) compared with similar areas: not clearly different from no change.”

    `what` names the indicator; `unit` is a rate's unit (counts change in per cent).
    """
    with translation.override(language or translation.get_language()):
        params = {
            "what": capfirst(what),
            "amount": _amount(abs(estimate.effect), estimate.kind, unit),
            "low": _amount(estimate.effect_low, estimate.kind, unit, sign=True),
            "high": _amount(estimate.effect_high, estimate.kind, unit, sign=True),
        }
        shown = _amount(estimate.effect, estimate.kind, unit)
        if shown == _amount(0.0, estimate.kind, unit):
            change = _("%(what)s changed by an estimated %(amount)s") % params
        elif estimate.effect < 0:
            change = _("%(what)s fell by an estimated %(amount)s") % params
        else:
            change = _("%(what)s rose by an estimated %(amount)s") % params
        interval = _("(95 %% interval %(low)s to %(high)s) compared with similar areas") % params
        if estimate.is_clear:
            verdict = _("clearly different from no change")
        else:
            verdict = _("not clearly different from no change")
        return f"{change} {interval}: {verdict}."


def caveats(evaluation, language=None):
    """The warnings that go with a result: pre-trend, placebos, synthetic control."""
    with translation.override(language or translation.get_language()):
        notes = []
        if evaluation.pre_trend and evaluation.pre_trend.is_clear:
            notes.append(
                _(
                    "Before the start the area was already moving differently from the "
                    "comparison areas: the estimate may mistake that trend for an effect."
                )
            )
        if evaluation.time_placebo and evaluation.time_placebo.is_clear:
            notes.append(
                _(
                    "A false start date before the real one also shows a clear change: "
                    "treat the result with caution."
                )
            )
        space = evaluation.space_placebos
        if space and space.rank_p is not None and space.rank_p > 0.1:
            notes.append(
                _(
                    "Comparison areas treated as if they had the promise show changes as "
                    "large in %(share)s %% of cases: the change may be ordinary variation."
                )
                % {"share": _number(space.rank_p * 100)}
            )
        return notes


REFUSALS = {
    "too_few_before": lambda p: ngettext(
        "Only %(n)s period before the start; at least %(needed)s are needed to compare trends.",
        "Only %(n)s periods before the start; at least %(needed)s are needed to compare trends.",
        p["n"],
    ),
    "too_few_after": lambda p: ngettext(
        "Only %(n)s period after the start; at least %(needed)s are needed to see a change.",
        "Only %(n)s periods after the start; at least %(needed)s are needed to see a change.",
        p["n"],
    ),
    "no_treated_series": lambda p: _("The promise's area has no values for this indicator."),
    "treated_unknown": lambda p: _(
        "The values of %(area)s are suppressed or missing for %(periods)s: without them no "
        "honest estimate can be made."
    ),
    "treated_no_events": lambda p: _(
        "Nothing was counted in %(area)s before the start: there is no level to compare with."
    ),
    "comparison_unknown": lambda p: _("left out: values suppressed or missing for %(periods)s"),
    "comparison_no_events": lambda p: _("left out: nothing counted in any period"),
    "too_few_comparisons": lambda p: _(
        "Only %(n)s comparison areas with complete values (%(excluded)s left out); at least "
        "%(needed)s are needed."
    ),
    "too_few_for_synthetic": lambda p: _(
        "A synthetic control needs at least %(needed)s comparison areas; there are %(n)s."
    ),
    "model_failed": lambda p: _("The model could not be fitted to these values."),
    "no_ring": lambda p: _(
        "The area has no neighbouring areas of the same kind outside the comparison: "
        "displacement cannot be checked."
    ),
    "no_wdd": lambda p: _(
        "The weighted displacement difference needs counts, known in every period, for the "
        "area, its neighbours and the comparison areas' neighbours."
    ),
}


def refusal_text(refusal):
    """Return a Refusal's reason in the active language."""
    params = dict(refusal.params)
    if "periods" in params:
        params["periods"] = ", ".join(str(p) for p in params["periods"])
    return REFUSALS[refusal.code](refusal.params) % params


def method_text(estimate):
    """The method written out for an analyst, for the model that was used."""
    models = {
        est.NEGATIVE_BINOMIAL: _(
            "The counts were more spread out than a Poisson model allows (Pearson χ² per "
            "degree of freedom %(dispersion)s), so a negative binomial model was fitted "
            "(overdispersion α = %(alpha)s)."
        ),
        est.POISSON: _(
            "The counts were fitted with a Poisson model (Pearson χ² per degree of freedom "
            "%(dispersion)s; its errors are widened by it when above 1)."
        ),
        est.OLS: _("The rates were fitted by ordinary least squares."),
    }
    params = {
        "dispersion": _number(estimate.dispersion or 0, 2),
        "alpha": _number(estimate.alpha or 0, 3),
        "areas": estimate.n_areas,
        "before": estimate.n_before,
        "after": estimate.n_after,
    }
    return " ".join(
        [
            _(
                "Difference-in-differences over %(areas)s areas (the promise's and its "
                "comparison areas), %(before)s periods before the start and %(after)s after, "
                "with an effect for each area and each period: the estimate is the change in "
                "the promise's area beyond the change in the comparison areas."
            )
            % params,
            models[estimate.model] % params,
            _(
                "The 95 %% interval uses the model's standard error and a t distribution. "
                "Cluster-robust errors by area are not used: with one treated area they are "
                "far too narrow (Conley & Taber 2011; the project's simulation shows it). "
                "Checks: the treated area's own trend before the start, the same estimate "
                "with a false start date, each comparison area as if treated, and a synthetic "
                "control (non-negative weights summing to one, fitted before the start)."
            )
            % params,
        ]
    )
