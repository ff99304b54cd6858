"""Periods as sources write them: SCB's 2022K1 and 2022M03, ISO weeks, and what is no period."""

import datetime

import pytest

from lofte.indicators.periods import PeriodKind, parse_period, trailing_period, week_of


@pytest.mark.parametrize(
    "text, kind, start, end, label",
    [
        ("2022", "year", (2022, 1, 1), (2022, 12, 31), "2022"),
        ("2022K1", "quarter", (2022, 1, 1), (2022, 3, 31), "2022K1"),
        ("2024Q4", "quarter", (2024, 10, 1), (2024, 12, 31), "2024K4"),
        ("2024M02", "month", (2024, 2, 1), (2024, 2, 29), "2024M02"),
        ("2023-11", "month", (2023, 11, 1), (2023, 11, 30), "2023M11"),
        ("2026V34", "week", (2026, 8, 17), (2026, 8, 23), "2026V34"),
        ("2026-W01", "week", (2025, 12, 29), (2026, 1, 4), "2026V01"),
    ],
)
def test_a_period_is_read_with_its_first_and_last_day(text, kind, start, end, label):
    period = parse_period(text)
    assert (period.kind, period.start, period.end, period.label) == (
        kind,
        datetime.date(*start),
        datetime.date(*end),
        label,
    )


@pytest.mark.parametrize(
    "text", ["", "22", "2022K5", "2022M13", "2021V53", "2020-2022", "år", "1850"]
)
def test_what_is_not_a_period_is_none(text):
    assert parse_period(text) is None


def test_a_pxweb_column_named_with_its_measure_gives_the_period_at_its_end():
    assert trailing_period("Folkmängd 2022").label == "2022"
    assert trailing_period("Folkmängd") is None


def test_a_day_lies_in_its_iso_week_across_a_new_year():
    assert week_of(datetime.date(2027, 1, 1)).label == "2026V53"
    assert week_of(datetime.date(2026, 8, 22)).kind == PeriodKind.WEEK
