"""Checking what a parser read against the database: a plan to save, or row errors.

Nothing here writes. Each value's place is looked up (or planned as a new area), its
indicator found by slug (or planned), and it is compared with the value already stored for
the same indicator, area and period: new, changed or unchanged. Police events are first
compared with the events already stored, by id, and counted per type, place and week.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from lofte.indicators.importing.base import FileProblem, IndicatorSpec, RowError, count_note
from lofte.indicators.models import Indicator, IndicatorImport, IndicatorValue, PoliceEvent
from lofte.indicators.periods import week_of
from lofte.indicators.places import NewArea, OutsidePlace, PlaceFinder, UnknownPlace

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"
CHUNK = 500
REPORTED = IndicatorValue.Status.REPORTED
PARTIAL_WEEK = "Ofullständig vecka: hämtade händelser täcker inte hela veckan."


@dataclass
class PlannedValue:
    line: int
    indicator: object  # Indicator, or IndicatorSpec for one to make
    area: object  # Area, or NewArea for one to make
    period: object
    value: object
    status: str
    note: str = ""
    old: IndicatorValue | None = None
    event_type: str = ""  # for counts of Police events: the type counted

    @property
    def change(self):
        if self.old is None:
            return NEW
        if (self.old.value, self.old.status, self.old.note) == (self.value, self.status, self.note):
            return UNCHANGED
        return CHANGED

    def key(self):
        return (self.indicator.slug, _identity(self.area), self.period.key)


@dataclass
class PlannedEvent:
    event: object  # importing.police.Event
    area: object
    week_start: datetime.date
    stored: PoliceEvent | None  # the stored version, when the event is known already


@dataclass
class Plan:
    values: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    events: list = field(default_factory=list)
    rows: int = 0
    source: str = ""
    covers: tuple | None = None

    def count(self, change):
        return sum(1 for v in self.values if v.change == change)

    @property
    def new(self):
        return self.count(NEW)

    @property
    def changed(self):
        return self.count(CHANGED)

    @property
    def unchanged(self):
        return self.count(UNCHANGED)

    @property
    def changes(self):
        return [v for v in self.values if v.change == CHANGED]

    @property
    def new_areas(self):
        return sorted({v.area for v in self.values if isinstance(v.area, NewArea)}, key=str)

    @property
    def new_indicators(self):
        found = {v.indicator.slug: v.indicator for v in self.values}
        return [s for s in found.values() if isinstance(s, IndicatorSpec)]


def _identity(obj):
    return ("db", obj.pk) if getattr(obj, "pk", None) else ("new", obj)


class Checker:
    def __init__(self, parsed, *, scope=None, create_areas=False):
        self.parsed = parsed
        self.scope = scope
        self.finder = PlaceFinder(scope=scope, create=create_areas)
        self.plan = Plan(
            errors=list(parsed.errors),
            notes=list(parsed.notes),
            rows=parsed.rows,
            source=parsed.source,
            covers=parsed.covers,
        )
        self._indicators = {}
        self._places = {}
        self._seen = {}
        self.outside = Counter()

    def run(self):
        if self.parsed.events:
            self._count_events()
        for v in self.parsed.values:
            area = self.area(v.place, v.line)
            indicator = self.indicator(v.indicator, v.line)
            if area is not None and indicator is not None:
                self.add(PlannedValue(v.line, indicator, area, v.period, v.value, v.status, v.note))
        self._note_outside()
        self.plan.errors.sort(key=lambda e: e.line or 0)
        if not self.plan.errors:
            self._compare()
            if not self.plan.values and not self.plan.events:
                raise FileProblem(
                    " ".join([_("The file holds no values to import."), *self.plan.notes])
                )
        return self.plan

    def error(self, line, message):
        self.plan.errors.append(RowError(line, message, self.parsed.unit))

    def area(self, place, line):
        """Return the Area or NewArea of a place; None after recording why not."""
        if place not in self._places:
            try:
                self._places[place] = self.finder.find(place)
            except (UnknownPlace, OutsidePlace) as e:
                self._places[place] = e
        found = self._places[place]
        if isinstance(found, UnknownPlace):
            self.error(line, str(found))
            return None
        if isinstance(found, OutsidePlace):
            self.outside[str(found)] += 1
            return None
        return found

    def indicator(self, spec, line):
        if spec.slug not in self._indicators:
            existing = Indicator.objects.filter(slug=spec.slug).first()
            self._indicators[spec.slug] = existing or spec
        found = self._indicators[spec.slug]
        if isinstance(found, Indicator) and found.kommun_id and self.scope is not None:
            if found.kommun_id != self.scope.pk:
                self.error(
                    line,
                    _("The indicator “%(name)s” belongs to %(kommun)s.")
                    % {"name": found.name, "kommun": found.kommun},
                )
                return None
        if not spec.slug:
            self.error(line, _("The indicator has no name."))
            return None
        return found

    def add(self, planned):
        key = planned.key()
        if key in self._seen:
            self.error(
                planned.line,
                _("%(period)s for %(area)s is also on %(where)s.")
                % {
                    "period": planned.period.label,
                    "area": planned.area,
                    "where": RowError(self._seen[key], "", self.parsed.unit).where,
                },
            )
            return
        self._seen[key] = planned.line
        self.plan.values.append(planned)

    def _note_outside(self):
        nation = self.outside.pop(_("the whole country"), 0)
        total = sum(self.outside.values())
        if total:
            self.plan.notes.append(
                count_note(
                    total,
                    "%(count)s value outside the chosen municipality was skipped.",
                    "%(count)s values outside the chosen municipality were skipped.",
                )
            )
        if nation:
            self.plan.notes.append(
                count_note(
                    nation,
                    "%(count)s value for the whole country was skipped: Löfte keeps areas "
                    "in municipalities and counties.",
                    "%(count)s values for the whole country were skipped: Löfte keeps areas "
                    "in municipalities and counties.",
                )
            )

    def _compare(self):
        """Find each planned value's stored version, in a few queries."""
        by_indicator = defaultdict(set)
        for v in self.plan.values:
            if isinstance(v.indicator, Indicator) and not isinstance(v.area, NewArea):
                by_indicator[v.indicator.pk].add(v.area.pk)
        stored = {}
        for indicator_id, area_ids in by_indicator.items():
            area_ids = sorted(area_ids)
            for i in range(0, len(area_ids), CHUNK):
                for old in IndicatorValue.objects.filter(
                    indicator_id=indicator_id, area_id__in=area_ids[i : i + CHUNK]
                ):
                    stored[(old.indicator_id, old.area_id, old.period_kind, old.period_start)] = old
        for v in self.plan.values:
            if isinstance(v.indicator, Indicator) and not isinstance(v.area, NewArea):
                v.old = stored.get((v.indicator.pk, v.area.pk, *v.period.key))

    def _count_events(self):
        """Plan each event (new, moved or as stored) and the counts it changes."""
        from lofte.indicators.importing.police import indicator_for

        events = []
        for event in self.parsed.events:
            area = self.area(event.place, event.line)
            if area is not None:
                local = timezone.localtime(event.published_at)
                events.append((event, area, week_of(local.date())))
        ids = [e.event_id for e, _a, _w in events]
        stored = {}
        for i in range(0, len(ids), CHUNK):
            for row in PoliceEvent.objects.filter(event_id__in=ids[i : i + CHUNK]).select_related(
                "area"
            ):
                stored[row.event_id] = row
        delta = Counter()
        keys = {}  # (type, area, week start) → (line, area, week)
        for event, area, week in events:
            known = stored.get(event.event_id)
            key = (event.type, _identity(area), week.start)
            keys.setdefault(key, (event.line, area, week))
            if known is None:
                delta[key] += 1
            else:
                # The Police changed the event since it was stored: it moves to its new count.
                old_key = (known.type, ("db", known.area_id), known.week_start)
                if old_key != key:
                    delta[key] += 1
                    delta[old_key] -= 1
                    keys.setdefault(old_key, (event.line, known.area, week_of(known.week_start)))
            self.plan.events.append(PlannedEvent(event, area, week.start, known))
        counts = self._stored_counts(keys)
        coverage = _coverage(self.parsed.covers)
        for key, (line, area, week) in keys.items():
            event_type = key[0]
            note = "" if _covered(week, coverage) else PARTIAL_WEEK
            indicator = self.indicator(indicator_for(event_type), line)
            if indicator is not None:
                n = Decimal(counts.get(key, 0) + delta[key])
                self.add(
                    PlannedValue(line, indicator, area, week, n, REPORTED, note, event_type=key[0])
                )

    def _stored_counts(self, keys):
        types = {t for t, _a, _w in keys}
        weeks = {w for _t, _a, w in keys}
        rows = (
            PoliceEvent.objects.filter(type__in=types, week_start__in=weeks)
            .values("type", "area_id", "week_start")
            .annotate(n=Count("pk"))
        )
        return {(r["type"], ("db", r["area_id"]), r["week_start"]): r["n"] for r in rows}


def _coverage(covers):
    """Return the merged spans of time the saved Police imports and this file cover."""
    spans = list(
        IndicatorImport.objects.filter(
            format=IndicatorImport.Format.POLICE_EVENTS,
            state=IndicatorImport.State.SAVED,
            covers_from__isnull=False,
            covers_to__isnull=False,
        ).values_list("covers_from", "covers_to")
    )
    if covers:
        spans.append(covers)
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def _covered(week, coverage):
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(week.start, datetime.time(), tz)
    end = datetime.datetime.combine(week.end + datetime.timedelta(days=1), datetime.time(), tz)
    return any(s <= start and end <= e for s, e in coverage)


def check(parsed, *, scope=None, create_areas=False):
    """Return the Plan for what a parser read; write nothing."""
    return Checker(parsed, scope=scope, create_areas=create_areas).run()
