"""Writes of the indicators app: each atomic, each a verb."""

import hashlib
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from lofte.areas.models import Area
from lofte.indicators.importing import IndicatorSpec
from lofte.indicators.models import (
    Indicator,
    IndicatorImport,
    IndicatorValue,
    PoliceEvent,
    ValueRevision,
)
from lofte.kommuner.models import Kommun

BATCH = 1000
CHUNK = 500


class ImportConflict(Exception):
    """Another import saved the same values at the same moment; nothing was saved."""


def record_import(*, format, via, data, file_name, user=None, kommun=None, options=None):
    """Return a new, unsaved IndicatorImport describing a file."""
    return IndicatorImport(
        format=format,
        via=via,
        state=IndicatorImport.State.CHECKED,
        user=user,
        kommun=kommun,
        file_name=(file_name or "")[-255:],
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        options=options or {},
    )


def save_import(plan, record):
    """Save a checked plan without errors, all or nothing, and return the saved record.

    A value already stored for the same indicator, area and period is overwritten; what it
    was is kept as a ValueRevision of this import. Unchanged values are left as they are.
    Raises ImportConflict when another import wrote the same new values meanwhile."""
    if plan.errors:
        raise ValueError("A plan with errors cannot be saved.")
    try:
        with transaction.atomic():
            return _save(plan, record)
    except IntegrityError as e:
        raise ImportConflict(str(e)) from e


def _save(plan, record):
    now = timezone.now()
    record.rows = plan.rows
    record.source = (plan.source or "")[:500]
    record.notes = list(plan.notes)
    if plan.covers:
        record.covers_from, record.covers_to = plan.covers
    record.save()
    indicators = _indicators(plan)
    areas = _areas(plan)
    if plan.events:
        _save_events(plan, areas, record)
        _recount_events(plan, areas)
    stored = _stored_values(plan, indicators, areas)

    new, changed, unchanged, revisions = [], [], 0, []
    for v in plan.values:
        indicator = indicators[v.indicator.slug]
        area = areas.get(v.area, v.area)
        old = stored.get((indicator.pk, area.pk, *v.period.key))
        if old is None:
            new.append(
                IndicatorValue(
                    indicator=indicator,
                    area=area,
                    period_kind=v.period.kind,
                    period_start=v.period.start,
                    period_end=v.period.end,
                    period_label=v.period.label,
                    value=v.value,
                    status=v.status,
                    note=v.note,
                    source_import=record,
                )
            )
        elif (old.value, old.status, old.note) == (v.value, v.status, v.note):
            unchanged += 1
        else:
            revisions.append(
                ValueRevision(
                    value=old,
                    changed_by=record,
                    old_value=old.value,
                    old_status=old.status,
                    old_note=old.note,
                    old_import_id=old.source_import_id,
                )
            )
            old.value, old.status, old.note = v.value, v.status, v.note
            old.period_end, old.period_label = v.period.end, v.period.label
            old.source_import, old.updated_at = record, now
            changed.append(old)
    IndicatorValue.objects.bulk_create(new, batch_size=BATCH)
    IndicatorValue.objects.bulk_update(
        changed,
        ["value", "status", "note", "period_end", "period_label", "source_import", "updated_at"],
        batch_size=BATCH,
    )
    ValueRevision.objects.bulk_create(revisions, batch_size=BATCH)

    record.new, record.changed, record.unchanged = len(new), len(changed), unchanged
    record.state = IndicatorImport.State.SAVED
    record.saved_at = now
    record.content = None
    record.save()
    return record


def _indicators(plan):
    """Return {slug: Indicator}, making the new ones (national unless the file is a kommun's)."""
    found = {}
    for v in plan.values:
        spec = v.indicator
        if spec.slug in found:
            continue
        if isinstance(spec, IndicatorSpec):
            found[spec.slug], _created = Indicator.objects.get_or_create(
                slug=spec.slug, defaults=spec.fields()
            )
        else:
            found[spec.slug] = spec
    return found


def _areas(plan):
    """Return {NewArea: Area}, made under a lock on their kommun so two imports make one."""
    wanted = plan.new_areas
    kommun_ids = sorted({a.kommun_id for a in wanted if a.kommun_id})
    list(Kommun.objects.select_for_update().filter(pk__in=kommun_ids).order_by("pk"))
    existing = Area.objects.filter(
        Q(kommun_id__in=kommun_ids) | Q(kommun__isnull=True, kind=Area.Kind.LAN),
        kind__in={a.kind for a in wanted},
    ).order_by("-pk")
    found = {}
    for area in existing:  # the oldest last, so it wins
        found[(area.kind, area.kommun_id, "code", area.code)] = area
        found[(area.kind, area.kommun_id, "name", area.name)] = area
    made, missing = {}, []
    for new_area in wanted:
        key = (new_area.kind, new_area.kommun_id, *_lookup(new_area))
        if key in found:
            made[new_area] = found[key]
        else:
            missing.append(new_area)
    created = Area.objects.bulk_create(
        Area(kind=a.kind, name=a.name, code=a.code, kommun_id=a.kommun_id) for a in missing
    )
    made.update(zip(missing, created, strict=True))
    return made


def _lookup(new_area):
    return ("code", new_area.code) if new_area.code else ("name", new_area.name)


def _stored_values(plan, indicators, areas):
    """Return {(indicator, area, kind, start): IndicatorValue} for the plan, locked."""
    pairs = {}
    for v in plan.values:
        area = areas.get(v.area, v.area)
        pairs.setdefault(indicators[v.indicator.slug].pk, set()).add(area.pk)
    stored = {}
    for indicator_id, area_ids in pairs.items():
        area_ids = sorted(area_ids)
        for i in range(0, len(area_ids), CHUNK):
            rows = IndicatorValue.objects.select_for_update().filter(
                indicator_id=indicator_id, area_id__in=area_ids[i : i + CHUNK]
            )
            for row in rows:
                stored[(row.indicator_id, row.area_id, row.period_kind, row.period_start)] = row
    return stored


def _save_events(plan, areas, record):
    new, moved = [], []
    for planned in plan.events:
        event, area = planned.event, areas.get(planned.area, planned.area)
        fields = {
            "published_at": event.published_at,
            "week_start": planned.week_start,
            "type": event.type,
            "location_name": event.place.label,
            "area": area,
            "url": event.url,
        }
        if planned.stored is None:
            new.append(PoliceEvent(event_id=event.event_id, source_import=record, **fields))
        elif any(getattr(planned.stored, k) != v for k, v in fields.items()):
            for name, value in fields.items():
                setattr(planned.stored, name, value)
            planned.stored.source_import = record
            moved.append(planned.stored)
    PoliceEvent.objects.bulk_create(new, batch_size=BATCH)
    PoliceEvent.objects.bulk_update(
        moved,
        ["published_at", "week_start", "type", "location_name", "area", "url", "source_import"],
        batch_size=BATCH,
    )


def _recount_events(plan, areas):
    """Count the stored events again, now that this import's are in: another import may
    have added events to the same weeks since the plan was checked."""
    weeks = {v.period.start for v in plan.values}
    types = {v.event_type for v in plan.values}
    rows = (
        PoliceEvent.objects.filter(type__in=types, week_start__in=weeks)
        .values("type", "area_id", "week_start")
        .annotate(n=Count("pk"))
    )
    counts = {(r["type"], r["area_id"], r["week_start"]): r["n"] for r in rows}
    for v in plan.values:
        area = areas.get(v.area, v.area)
        v.value = Decimal(counts.get((v.event_type, area.pk, v.period.start), 0))
