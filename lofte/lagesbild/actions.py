"""Every write of the lägesbild: atomic, and never a silent overwrite of someone else's save.

A form carries the row's `version`; `_save_versioned` saves only while it is still the one
the person opened, else raises `EditConflict` (the same exception, and the same rule, as
`lofte.history.versioned`, whose history rows belong to promises)."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from lofte.history.versioned import EditConflict
from lofte.lagesbild.models import Lagesbild, Problem

LAGESBILD_FIELDS = [
    "title",
    "area",
    "period_start",
    "period_end",
    "status",
    "other_information",
    "analysis",
]
PROBLEM_FIELDS = ["order", "title", "description"]


def _save_versioned(obj, expected_version, fields):
    model = type(obj)
    current = model.objects.select_for_update().get(pk=obj.pk)
    if current.version != expected_version:
        raise EditConflict(current)
    values = {name: getattr(obj, name) for name in fields}
    if hasattr(obj, "updated_at"):
        values["updated_at"] = timezone.now()
    updated = model.objects.filter(pk=obj.pk, version=expected_version).update(
        version=F("version") + 1, **values
    )
    if not updated:  # SQLite does not lock on select_for_update: this guards it there
        raise EditConflict(model.objects.get(pk=obj.pk))
    obj.version = expected_version + 1


@transaction.atomic
def create_lagesbild(lagesbild, user):
    """Save a new lägesbild, as a draft unless it says otherwise."""
    lagesbild.created_by = lagesbild.updated_by = user
    lagesbild.version = 1
    if lagesbild.status == Lagesbild.Status.PUBLISHED:
        lagesbild.published_at = timezone.now()
    lagesbild.save()
    return lagesbild


@transaction.atomic
def save_lagesbild(lagesbild, expected_version, user):
    """Save an edited lägesbild if nobody saved it since `expected_version`."""
    lagesbild.updated_by = user
    fields = [*LAGESBILD_FIELDS, "updated_by"]
    if lagesbild.status == Lagesbild.Status.PUBLISHED and lagesbild.published_at is None:
        lagesbild.published_at = timezone.now()
        fields.append("published_at")
    _save_versioned(lagesbild, expected_version, fields)
    return lagesbild


@transaction.atomic
def save_problem(problem, expected_version, commitments, user):
    """Add a problem (expected_version None) or save an edited one, with the commitments
    that address it; the lägesbild records who changed it."""
    if problem.pk is None:
        problem.version = 1
        problem.save()
    else:
        _save_versioned(problem, expected_version, PROBLEM_FIELDS)
    problem.commitments.set(commitments)
    Lagesbild.objects.filter(pk=problem.lagesbild_id).update(
        updated_by=user, updated_at=timezone.now()
    )
    return problem


@transaction.atomic
def remove_problem(problem, user):
    Lagesbild.objects.filter(pk=problem.lagesbild_id).update(
        updated_by=user, updated_at=timezone.now()
    )
    problem.delete()


__all__ = ["EditConflict", "Problem"]
