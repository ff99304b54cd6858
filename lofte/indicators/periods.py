"""Periods a value belongs to: a year, quarter, month or ISO week, read from how sources write them.

SCB writes `2022`, `2022K1`, `2022M03` and `2022V05`; others write `2022Q1`, `2022-03` or
`2022-W05`. Each is read into a `Period` with its first and last day; the label is SCB's form.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    YEAR = "year", _("year")
    QUARTER = "quarter", _("quarter")
    MONTH = "month", _("month")
    WEEK = "week", _("week")


@dataclass(frozen=True, order=True)
class Period:
    start: datetime.date
    end: datetime.date
    kind: str
    label: str

    @property
    def key(self):
        """What makes a period unique for a value: its kind and first day."""
        return (self.kind, self.start)


def year(y):
    return Period(datetime.date(y, 1, 1), datetime.date(y, 12, 31), PeriodKind.YEAR, str(y))


def quarter(y, q):
    first = 3 * (q - 1) + 1
    end = datetime.date(y, first + 2, calendar.monthrange(y, first + 2)[1])
    return Period(datetime.date(y, first, 1), end, PeriodKind.QUARTER, f"{y}K{q}")


def month(y, m):
    end = datetime.date(y, m, calendar.monthrange(y, m)[1])
    return Period(datetime.date(y, m, 1), end, PeriodKind.MONTH, f"{y}M{m:02d}")


def week(y, w):
    start = datetime.date.fromisocalendar(y, w, 1)
    return Period(start, start + datetime.timedelta(days=6), PeriodKind.WEEK, f"{y}V{w:02d}")


def week_of(day):
    """Return the ISO week (Monday to Sunday) a date lies in."""
    y, w, _weekday = day.isocalendar()
    return week(y, w)


YEARS = range(1900, 2101)
PATTERNS = [
    (re.compile(r"(\d{4})"), lambda y: year(y)),
    (re.compile(r"(\d{4})\s*[-_ ]?\s*[KQkq]([1-4])"), quarter),
    (re.compile(r"(\d{4})\s*[-_ ]?\s*[Mm](\d{1,2})"), month),
    (re.compile(r"(\d{4})-(\d{1,2})"), month),
    (re.compile(r"(\d{4})\s*[-_ ]?\s*[VvWw](\d{1,2})"), week),
]


def parse_period(text):
    """Return the Period a text names, or None when it names none."""
    text = (text or "").strip()
    for pattern, make in PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            numbers = [int(g) for g in match.groups()]
            if numbers[0] not in YEARS:
                return None
            try:
                return make(*numbers)
            except ValueError:  # month 13, week 54
                return None
    return None


def trailing_period(text):
    """Return the Period at the end of a text (PxWeb heads columns "Folkmängd 2022"), or None."""
    text = (text or "").strip()
    period = parse_period(text)
    if period:
        return period
    head, _sep, tail = text.rpartition(" ")
    return parse_period(tail) if head else None
