"""Writes to areas: importing boundaries and the Police's classifications, all or nothing."""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
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
            _save_plan(plan, result)
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


def _save_plan(plan, result):
    """Save a checked plan in a few queries, whatever the number of areas."""
    new = [
        Area(name=p.name, kind=plan.kind, code=p.code, kommun=p.kommun)
        for p in plan.areas
        if p.area is None
    ]
    Area.objects.bulk_create(new)
    result.created = len(new)
    created = iter(new)
    moved = []
    for planned in plan.areas:
        if planned.area is None:
            planned.area = next(created)
        else:
            area = planned.area
            if planned.kommun and area.kommun_id != planned.kommun.pk:
                area.kommun = planned.kommun
                moved.append(area)
            if planned.code and not area.code:  # an older file without codes made it
                area.code = planned.code
                moved.append(area)
        result.areas.append(planned.area)
    Area.objects.bulk_update(list(dict.fromkeys(moved)), ["kommun", "code"])

    # Lock the latest boundaries this import closes or compares with.
    latest = AreaBoundary.objects.select_for_update().in_bulk(
        [p.latest.pk for p in plan.areas if p.latest]
    )
    closed, boundaries = [], []
    for planned in plan.areas:
        before = latest.get(planned.latest.pk) if planned.latest else None
        if planned.change == "unchanged":
            result.unchanged += 1
            if planned.valid_to and before.valid_to is None:  # the file says it has ended
                before.valid_to = planned.valid_to
                closed.append(before)
            continue
        if before is None:
            result.added += 1
        else:
            result.replaced += 1
            if before.valid_to is None or before.valid_to > planned.valid_from:
                before.valid_to = planned.valid_from
                closed.append(before)
        boundary = AreaBoundary(
            area=planned.area,
            valid_from=planned.valid_from,
            valid_to=planned.valid_to,
            source=plan.source[:300],
        )
        boundary.set_shape(planned.boundary.geometry, planned.boundary.area_m2)
        boundaries.append(boundary)
    AreaBoundary.objects.bulk_update(closed, ["valid_to"])
    AreaBoundary.objects.bulk_create(boundaries)
    _save_classifications(plan, result)


def _save_classifications(plan, result):
    """One classification per area and year: this year's is replaced, other years kept."""
    planned = [p for p in plan.areas if p.classification]
    if not planned:
        return
    years = {p.classification["year"] for p in planned}
    existing = {
        (c.area_id, c.year): c
        for c in AreaClassification.objects.filter(
            area__in=[p.area for p in planned], year__in=years
        )
    }
    fields = ["klass", "valid_from", "local_police_area", "police_area", "police_region", "source"]
    changed, new = [], []
    for p in planned:
        values = p.classification
        classification = existing.get((p.area.pk, values["year"]))
        if classification is None:
            new.append(AreaClassification(area=p.area, **values))
        else:
            for name in fields:
                setattr(classification, name, values[name])
            classification.imported_at = timezone.now()
            changed.append(classification)
    AreaClassification.objects.bulk_update(changed, [*fields, "imported_at"])
    AreaClassification.objects.bulk_create(new)
    result.classified = len(planned)


def _in_file_order(problem):
    return problem.number or 0  # a stable sort: the file's own problems first, in order
