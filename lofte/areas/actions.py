"""Writes to areas: importing boundaries and the Police's classifications, all or nothing."""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lofte.areas.importing import Problem, plan_areas, plan_vulnerable_areas
from lofte.areas.models import Area, AreaBoundary, AreaClassification


@dataclass
class ImportResult:
    """What an import did, or (with problems) why it saved nothing."""

    problems: list = field(default_factory=list)
    created: int = 0  # new areas
    added: int = 0  # first boundaries of areas
    replaced: int = 0  # boundaries closed and followed by a new one
    unchanged: int = 0
    classified: int = 0
    repaired: list = field(default_factory=list)  # (feature number, what was wrong)
    areas: list = field(default_factory=list)  # the areas in the file, in its order

    @property
    def ok(self):
        return not self.problems


def import_areas(data, **mapping):
    """Import a GeoJSON file of areas of one kind (see importing.plan_areas for `mapping`).

    Saves every feature or, when any feature has a problem, nothing; returns an ImportResult.
    """
    return _save(plan_areas(data, **mapping))


def import_vulnerable_areas(data, *, year, valid_from=None, source="", progress=None):
    """Import the Police's file of vulnerable areas and their classification for `year`."""
    return _save(
        plan_vulnerable_areas(
            data, year=year, valid_from=valid_from, source=source, progress=progress
        )
    )


def _save(plan):
    result = ImportResult(problems=sorted(plan.problems, key=_in_file_order))
    if result.problems:
        return result
    result.repaired = plan.repaired
    try:
        with transaction.atomic():
            for planned in plan.areas:
                _save_area(planned, plan, result)
    except IntegrityError:
        # Someone imported the same areas at the same moment: the constraints held.
        return ImportResult(
            problems=[
                Problem(
                    None,
                    _(
                        "Someone else changed these areas while the file was being imported; "
                        "nothing was saved. Import it again."
                    ),
                )
            ]
        )
    return result


def _save_area(planned, plan, result):
    area = planned.area
    if area is None:
        area = Area.objects.create(
            name=planned.name, kind=plan.kind, code=planned.code, kommun=planned.kommun
        )
        result.created += 1
    elif planned.kommun and area.kommun_id != planned.kommun.pk:
        area.kommun = planned.kommun
        area.save(update_fields=["kommun"])
    result.areas.append(area)
    latest = (
        AreaBoundary.objects.select_for_update().filter(pk=planned.latest.pk).first()
        if planned.latest
        else None
    )
    if planned.change == "unchanged":
        if planned.valid_to and latest.valid_to is None:
            latest.valid_to = planned.valid_to
            latest.save(update_fields=["valid_to"])
        result.unchanged += 1
    else:
        if latest is not None:
            if latest.valid_to is None or latest.valid_to > planned.valid_from:
                latest.valid_to = planned.valid_from
                latest.save(update_fields=["valid_to"])
            result.replaced += 1
        else:
            result.added += 1
        boundary = AreaBoundary(
            area=area,
            valid_from=planned.valid_from,
            valid_to=planned.valid_to,
            source=plan.source[:300],
        )
        boundary.set_shape(planned.boundary.geometry)
        boundary.save()
    if planned.classification:
        AreaClassification.objects.update_or_create(
            area=area,
            year=planned.classification["year"],
            defaults={k: v for k, v in planned.classification.items() if k != "year"},
        )
        result.classified += 1


def _in_file_order(problem):
    return problem.number or 0  # a stable sort: the file's own problems first, in order
