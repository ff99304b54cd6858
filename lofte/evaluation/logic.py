"""The promise's logic check: does each part of the promise lead to the next?

`gaps(promise, user)` returns the places where the chain problem → goal → commitment →
measure → data breaks, each with what is missing and the page where it is fixed:

- every goal has commitments that serve it;
- every commitment serves a goal and has at least one measure;
- every measure has a target and recent data: a published value (an approved, publishable
  update's) in the latest due reporting period or the one before (nothing is asked before a
  period is due);
- every prioritised problem of the promise's lägesbilder (those of its area, and those it acts
  on, as far as the user may see them) is addressed by one of its commitments;
- every outcome measure of its goals has an indicator with data before the promise's start.

A fixed number of queries, whatever the size of the promise.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lofte.followup.models import MeasureValue, Update
from lofte.indicators.models import IndicatorValue
from lofte.lagesbild.models import Lagesbild, OutcomeMeasure, Problem
from lofte.promises.models import Commitment, Measure

RECENT_PERIODS = 2  # the latest due reporting period and the one before


@dataclass(frozen=True)
class Gap:
    """One break in the promise's logic: a code for tests, what is missing, where to fix it."""

    code: str
    message: str
    url: str


def _admin(model, pk):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[pk])


def gaps(promise, user=None, today=None):
    """Return the promise's gaps (a list of Gap), in the chain's order; [] when it holds."""
    today = today or timezone.localdate()
    found = []
    # Flat rows, not model instances: a promise of 150 commitments and 450 measures built
    # them for a third of the dashboard's time.
    commitments = dict(
        Commitment.objects.filter(focus_area__promise=promise).values_list("pk", "title")
    )
    goals_of = {pk: set() for pk in commitments}
    # Joins, not lists of ids: a list of 150 ids cost Django more to build than the query.
    ours = Q(commitment__focus_area__promise=promise)
    for commitment_id, goal_id in Commitment.goals.through.objects.filter(ours).values_list(
        "commitment_id", "goal_id"
    ):
        goals_of[commitment_id].add(goal_id)
    measures = list(
        Measure.objects.filter(ours).values_list("pk", "commitment_id", "name", "target")
    )
    goals = list(promise.goals.all())

    served = set().union(*goals_of.values())
    for goal in goals:
        if goal.pk not in served:
            found.append(
                Gap(
                    "goal_without_commitments",
                    _("The goal “%(goal)s” has no commitment that serves it.") % {"goal": goal},
                    _admin(promise, promise.pk),
                )
            )
    measured = {commitment_id for _pk, commitment_id, _n, _t in measures}
    for pk, title in commitments.items():
        if not goals_of[pk]:
            found.append(
                Gap(
                    "commitment_without_goal",
                    _("The commitment “%(c)s” serves no goal.") % {"c": title},
                    _admin(Commitment, pk),
                )
            )
        if pk not in measured:
            found.append(
                Gap(
                    "commitment_without_measure",
                    _("The commitment “%(c)s” has no measure.") % {"c": title},
                    _admin(Commitment, pk),
                )
            )

    due = list(promise.periods.due(today).order_by("-starts_on")[:RECENT_PERIODS])
    reported = set()
    if due:
        reported = set(
            MeasureValue.objects.filter(
                measure__commitment__focus_area__promise=promise,
                update__period__in=due,
                update__state=Update.State.APPROVED,
                update__is_publishable=True,
            ).values_list("measure_id", flat=True)
        )
    for pk, commitment_id, name, target in measures:
        title = commitments[commitment_id]
        if target is None:
            found.append(
                Gap(
                    "measure_without_target",
                    _("The measure “%(m)s” of “%(c)s” has no target.") % {"m": name, "c": title},
                    _admin(Commitment, commitment_id),
                )
            )
        if due and pk not in reported:
            found.append(
                Gap(
                    "measure_without_recent_data",
                    _(
                        "The measure “%(m)s” of “%(c)s” has no published value for %(period)s "
                        "or the period before."
                    )
                    % {"m": name, "c": title, "period": due[0].name},
                    reverse("followup:dashboard", args=[promise.slug]),
                )
            )

    lagesbilder = Lagesbild.objects.visible_to(user) if user else Lagesbild.objects.published()
    lagesbilder = lagesbilder.filter(
        Q(area=promise.area_id) | Q(problems__commitments__focus_area__promise=promise)
    ).distinct()
    problems = list(
        Problem.objects.filter(lagesbild__in=lagesbilder).select_related("lagesbild__kommun")
    )
    addressed = set()
    if problems:
        addressed = set(
            Problem.commitments.through.objects.filter(
                problem__in=[p.pk for p in problems], commitment__focus_area__promise=promise
            ).values_list("problem_id", flat=True)
        )
    for problem in problems:
        if problem.pk not in addressed:
            lb = problem.lagesbild
            found.append(
                Gap(
                    "problem_not_addressed",
                    _("No commitment addresses the prioritised problem “%(p)s” of %(lb)s.")
                    % {"p": problem.title, "lb": lb.title},
                    reverse("lagesbild:problem", args=[lb.kommun.slug, lb.pk, problem.pk]),
                )
            )

    outcomes = list(
        OutcomeMeasure.objects.filter(goal__promise=promise).select_related(
            "goal", "indicator", "area"
        )
    )
    with_data = set()
    if outcomes:
        condition = Q()
        for o in outcomes:
            condition |= Q(indicator=o.indicator_id, area=o.area_id)
        with_data = set(
            IndicatorValue.objects.known()
            .filter(condition, period_start__lt=promise.period_start)
            .values_list("indicator_id", "area_id")
            .distinct()
        )
    for o in outcomes:
        if (o.indicator_id, o.area_id) not in with_data:
            found.append(
                Gap(
                    "outcome_without_data_before",
                    _(
                        "The outcome measure “%(i)s” in %(a)s of the goal “%(g)s” has no data "
                        "from before the promise began."
                    )
                    % {"i": o.indicator.name, "a": o.area.name, "g": o.goal.title},
                    reverse("indicators:upload"),
                )
            )
    return found
