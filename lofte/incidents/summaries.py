"""Counts of incident reports, computed in the database: per area and category, over time,
hotspots and patterns. The back office shows them in full; residents' pages pass them through
`lofte.suppression` first (`public_tables`).

Each function takes a queryset of reports (already narrowed to what the person may see and the
period asked for) and makes one query, whatever the number of reports.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, ExtractMonth, TruncWeek
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lofte.incidents.models import IncidentReport
from lofte.suppression import TOTAL, suppress_together

NO_AREA = gettext_lazy("No area")


@dataclass(frozen=True)
class Period:
    """A calendar year, quarter or ISO week: [start, end)."""

    kind: str  # "year", "quarter" or "week"
    year: int
    number: int = 0  # the quarter or the week; 0 for a year

    @classmethod
    def parse(cls, text):
        """Return the period "2025", "2025-Q2" or "2025-W07" names, or None."""
        text = (text or "").strip().upper()
        try:
            if len(text) == 4:
                return cls("year", int(text)).checked()
            year, _sep, rest = text.partition("-")
            if rest[:1] == "Q":
                return cls("quarter", int(year), int(rest[1:])).checked()
            if rest[:1] == "W":
                return cls("week", int(year), int(rest[1:])).checked()
        except ValueError:
            return None
        return None

    @classmethod
    def containing(cls, kind, day):
        if kind == "year":
            return cls("year", day.year)
        if kind == "quarter":
            return cls("quarter", day.year, (day.month - 1) // 3 + 1)
        iso = day.isocalendar()
        return cls("week", iso.year, iso.week)

    def checked(self):
        """Return self if it names a real period (raises ValueError otherwise)."""
        if not 2000 <= self.year <= 2100:
            raise ValueError(self.year)
        if self.kind == "quarter" and not 1 <= self.number <= 4:
            raise ValueError(self.number)
        if self.kind == "week":
            datetime.date.fromisocalendar(self.year, self.number, 1)
        return self

    @property
    def start(self):
        if self.kind == "year":
            return datetime.date(self.year, 1, 1)
        if self.kind == "quarter":
            return datetime.date(self.year, 3 * self.number - 2, 1)
        return datetime.date.fromisocalendar(self.year, self.number, 1)

    @property
    def end(self):
        return self.next().start

    def next(self):
        if self.kind == "year":
            return Period("year", self.year + 1)
        if self.kind == "quarter":
            return Period("quarter", self.year + self.number // 4, self.number % 4 + 1)
        return Period.containing("week", self.start + datetime.timedelta(days=7))

    def previous(self):
        if self.kind == "year":
            return Period("year", self.year - 1)
        if self.kind == "quarter":
            q = self.number - 1 or 4
            return Period("quarter", self.year - (self.number == 1), q)
        return Period.containing("week", self.start - datetime.timedelta(days=7))

    @property
    def code(self):
        if self.kind == "year":
            return str(self.year)
        if self.kind == "quarter":
            return f"{self.year}-Q{self.number}"
        return f"{self.year}-W{self.number:02d}"

    @property
    def label(self):
        if self.kind == "year":
            return str(self.year)
        if self.kind == "quarter":
            return _("Quarter %(number)s %(year)s") % {"number": self.number, "year": self.year}
        return _("Week %(number)s %(year)s") % {"number": self.number, "year": self.year}

    def has_ended(self, today):
        return self.end <= today


@dataclass
class CountTable:
    """Counts by row and column with their totals; rows and columns are (key, label)."""

    rows: list
    columns: list
    cells: dict = field(default_factory=dict)  # {(row key, column key): count}

    def matrix(self):
        return [[self.cells.get((r, c), 0) for c, _l in self.columns] for r, _l in self.rows]

    @property
    def row_totals(self):
        return [sum(row) for row in self.matrix()]

    @property
    def column_totals(self):
        m = self.matrix()
        return [sum(row[j] for row in m) for j in range(len(self.columns))]

    @property
    def total(self):
        return sum(self.cells.values())

    def display(self, suppressed=None):
        """Return rows for a template: [(label, [count or None], total or None)], the totals
        row, and the grand total; None where `suppressed` hides a number."""

        def shown(i, j, value):
            return None if suppressed and suppressed.is_hidden(i, j) else value

        m = self.matrix()
        rows = [
            (
                label,
                [shown(i, j, v) for j, v in enumerate(m[i])],
                shown(i, TOTAL, sum(m[i])),
            )
            for i, (_key, label) in enumerate(self.rows)
        ]
        totals = [shown(TOTAL, j, v) for j, v in enumerate(self.column_totals)]
        return {"rows": rows, "totals": totals, "total": shown(TOTAL, TOTAL, self.total)}


def _categories(categories):
    return [(c.pk, c.name) for c in categories]


def by_area_and_category(reports, categories):
    """Return a CountTable of reports per area (rows, "No area" last) and category."""
    counts = reports.values("area_id", "area__name", "category_id").annotate(n=Count("pk"))
    cells, areas = {}, {}
    for row in counts:
        cells[row["area_id"], row["category_id"]] = row["n"]
        areas[row["area_id"]] = row["area__name"]
    rows = sorted(((k, v) for k, v in areas.items() if k is not None), key=lambda kv: kv[1])
    if None in areas:
        rows.append((None, NO_AREA))
    return CountTable(rows=rows, columns=_categories(categories), cells=cells)


def _day_label(day):
    return formats.date_format(day, "D j M")


def series(reports, period, categories):
    """Return a CountTable of reports per day (a week's) or per week (a quarter's or a year's)
    and category, with every day or week of the period as a row."""
    if period.kind == "week":
        days = [period.start + datetime.timedelta(days=i) for i in range(7)]
        rows = [(d, _day_label(d)) for d in days]
        counts = reports.values("occurred_on", "category_id").annotate(n=Count("pk"))
        cells = {(r["occurred_on"], r["category_id"]): r["n"] for r in counts}
    else:
        weeks, week = [], Period.containing("week", period.start)
        while week.start < period.end:
            weeks.append(week)
            week = week.next()
        rows = [(w.start, _("Week %(number)s") % {"number": w.number}) for w in weeks]
        counts = (
            reports.annotate(week=TruncWeek("occurred_on"))
            .values("week", "category_id")
            .annotate(n=Count("pk"))
        )
        cells = {}
        for r in counts:
            # TruncWeek gives a datetime on some databases and a date on others.
            week_start = r["week"].date() if hasattr(r["week"], "date") else r["week"]
            cells[week_start, r["category_id"]] = r["n"]
    return CountTable(rows=rows, columns=_categories(categories), cells=cells)


def hotspots(reports, period, by="place", limit=10):
    """Return the places (or areas) with the most reports in the period, with the count in the
    period before it: [{"label", "count", "previous", "change"}], most reports first.

    `reports` must not be narrowed to the period: both periods are counted in one query.
    """
    before = period.previous()
    key, label = ("place_id", "place__name") if by == "place" else ("area_id", "area__name")
    rows = (
        reports.filter(occurred_on__gte=before.start, occurred_on__lt=period.end)
        .exclude(**{f"{key}__isnull": True})
        .values(key, label)
        .annotate(
            count=Count("pk", filter=Q(occurred_on__gte=period.start)),
            previous=Count("pk", filter=Q(occurred_on__lt=period.start)),
        )
        .filter(count__gt=0)
        .order_by("-count", label)[:limit]
    )
    return [
        {
            "label": r[label],
            "count": r["count"],
            "previous": r["previous"],
            "change": r["count"] - r["previous"],
        }
        for r in rows
    ]


MONTHS = [
    gettext_lazy("January"),
    gettext_lazy("February"),
    gettext_lazy("March"),
    gettext_lazy("April"),
    gettext_lazy("May"),
    gettext_lazy("June"),
    gettext_lazy("July"),
    gettext_lazy("August"),
    gettext_lazy("September"),
    gettext_lazy("October"),
    gettext_lazy("November"),
    gettext_lazy("December"),
]
WEEKDAYS = [
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
]


def _months(period):
    """Return the month numbers the period touches, in order (all twelve without a period)."""
    if period is None or period.kind == "year":
        return list(range(1, 13))
    months, day = [], period.start
    while day < period.end:
        if day.month not in months:
            months.append(day.month)
        day += datetime.timedelta(days=1)
    return months


def _pattern_rows(pattern, period=None):
    if pattern == "month":
        return [(m, MONTHS[m - 1]) for m in _months(period)]
    if pattern == "weekday":
        return [(i + 1, name) for i, name in enumerate(WEEKDAYS)]
    if pattern == "hour":
        return [(h, f"{h:02d}–{h + 1:02d}") for h in range(24)]
    return list(IncidentReport.PartOfDay.choices)


PATTERNS = {
    "month": ExtractMonth("occurred_on"),
    "weekday": ExtractIsoWeekDay("occurred_on"),
    "part_of_day": None,  # a field of its own, set from the time when there is one
    "hour": ExtractHour("time_of_day"),
}


def by_pattern(reports, pattern, categories=None, period=None):
    """Return a CountTable of reports per month (season), weekday, part of day or hour
    (reports with a time only), by category, or by nothing when `categories` is None.

    With a `period`, the months are those of the period."""
    expression = PATTERNS[pattern]
    if pattern == "hour":
        reports = reports.filter(time_of_day__isnull=False)
    if expression is not None:
        reports = reports.annotate(key=expression)
        key = "key"
    else:
        key = "part_of_day"
    if categories is None:
        counts = reports.values(key).annotate(n=Count("pk"))
        cells = {(r[key], None): r["n"] for r in counts}
        columns = [(None, _("Reports"))]
    else:
        counts = reports.values(key, "category_id").annotate(n=Count("pk"))
        cells = {(r[key], r["category_id"]): r["n"] for r in counts}
        columns = _categories(categories)
    return CountTable(rows=_pattern_rows(pattern, period), columns=columns, cells=cells)


def public_tables(reports, categories, threshold, period=None):
    """Return what residents see of the reports: per area and category, and per month,
    weekday and part of day, each with small counts and what would give them away hidden.

    The four tables share one number, the grand total; if one of them must hide it, all do,
    so that no table gives away what another hides. Returns {name: (table, suppressed)}.
    """
    tables = {"areas": by_area_and_category(reports, categories)}
    for pattern in ("month", "weekday", "part_of_day"):
        tables[pattern] = by_pattern(reports, pattern, period=period)
    suppressed = suppress_together({name: t.matrix() for name, t in tables.items()}, threshold)
    return {name: (table, suppressed[name]) for name, table in tables.items()}
