"""Small counts in published tables stay hidden: lofte/suppression.py.

The property tests play the attacker: they know every shown number, that rows and columns add
up to their totals, that counts are whole numbers and that hidden numbers are not 0 (the
algorithm never hides a zero). For every hidden number they look for a second table that
agrees with all of that and differs in it; if there is none, subtraction would recover it.
"""

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from lofte.suppression import TOTAL, suppress, with_totals


def equations(n_rows, n_cols):
    """Return [(cells, total)]: each row and column of the grid adds up to its total."""
    rows, cols = [*range(n_rows), TOTAL], [*range(n_cols), TOTAL]
    lines = [([(i, j) for j in range(n_cols)], (i, TOTAL)) for i in rows]
    lines += [([(i, j) for i in range(n_rows)], (TOTAL, j)) for j in cols]
    return lines


def another_table(values, hidden, n_rows, n_cols, cell, limit):
    """Return a table agreeing with everything shown but with another value at `cell`, or None.

    A plain search: shown numbers are fixed, a line with one unknown number gives it, and the
    rest are tried from 1 to `limit`.
    """
    lines = equations(n_rows, n_cols)
    order = sorted(hidden)

    def solve(known):
        known = dict(known)
        changed = True
        while changed:
            changed = False
            for cells, total in lines:
                unknown = [c for c in (*cells, total) if c not in known]
                if len(unknown) == 0:
                    if sum(known[c] for c in cells) != known[total]:
                        return None
                elif len(unknown) == 1:
                    (u,) = unknown
                    rest = sum(known[c] for c in cells if c != u)
                    value = known[total] - rest if u != total else rest
                    if not 1 <= value <= limit:
                        return None
                    known[u] = value
                    changed = True
        free = [c for c in order if c not in known]
        if not free:
            return known
        for value in range(1, limit + 1):
            found = solve({**known, free[0]: value})
            if found:
                return found
        return None

    shown = {c: v for c, v in values.items() if c not in hidden}
    for value in sorted(range(1, limit + 1), key=lambda v: abs(v - values[cell])):
        if value != values[cell]:
            found = solve({**shown, cell: value})
            if found:
                return found
    return None


tables = st.integers(1, 3).flatmap(
    lambda n_rows: st.integers(1, 3).flatmap(
        lambda n_cols: st.lists(
            st.lists(
                st.one_of(st.integers(0, 6), st.integers(0, 30)),
                min_size=n_cols,
                max_size=n_cols,
            ),
            min_size=n_rows,
            max_size=n_rows,
        )
    )
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(table=tables, threshold=st.integers(2, 6))
def test_no_hidden_number_can_be_worked_out_from_the_shown_numbers_and_totals(table, threshold):
    result = suppress(table, threshold)
    values = result.values
    limit = values[TOTAL, TOTAL] + 2 * threshold
    for cell in result.hidden:
        other = another_table(values, result.hidden, len(table), len(table[0]), cell, limit)
        assert other is not None, (table, threshold, sorted(result.hidden), cell)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(table=tables, threshold=st.integers(2, 6))
def test_every_small_count_is_hidden_and_no_zero_is(table, threshold):
    result = suppress(table, threshold)
    for cell, value in result.values.items():
        if 0 < value < threshold:
            assert cell in result.primary
        if value == 0:
            assert not result.is_hidden(*cell)
    assert not result.primary & result.secondary


@settings(max_examples=100, deadline=None, derandomize=True)
@given(
    table=st.lists(st.lists(st.integers(0, 12), min_size=12, max_size=12), min_size=1, max_size=30),
    threshold=st.integers(2, 6),
)
def test_no_row_or_column_of_a_large_table_has_a_single_hidden_number(table, threshold):
    result = suppress(table, threshold)
    for cells, total in equations(len(table), 12):
        assert len([c for c in (*cells, total) if result.is_hidden(*c)]) != 1


def test_a_small_cell_is_hidden_with_the_cheapest_rectangle_of_others():
    table = [
        [3, 20, 40],
        [10, 8, 50],
        [30, 30, 30],
    ]
    result = suppress(table, 5)
    assert result.primary == {(0, 0)}
    # The cheapest way to hide 3: with 20 beside it, 10 under it and 8 across.
    assert result.secondary == {(0, 1), (1, 0), (1, 1)}
    assert result.shown(0, TOTAL) == 63
    assert result.shown(TOTAL, TOTAL) == 221
    assert result.shown(0, 0) is None


def test_a_row_with_one_small_count_and_zeros_hides_another_rows_total():
    # Row 0 is 3, 0, 0: its total is 3 as well, so both are hidden, and hiding them is not
    # enough (the grand total less the other row totals gives 3): another row total must go.
    table = [[3, 0, 0], [10, 20, 30], [40, 0, 9]]
    result = suppress(table, 5)
    assert {(0, 0), (0, TOTAL)} <= result.primary
    assert any(cell[1] == TOTAL and cell[0] != 0 for cell in result.secondary)


def test_totals_below_the_threshold_are_hidden_too():
    result = suppress([[1, 1], [1, 1]], 5)
    assert result.hidden == set(result.values)
    assert result.shown(TOTAL, TOTAL) is None


def test_a_table_without_small_counts_shows_everything():
    result = suppress([[5, 6], [7, 0]], 5)
    assert result.hidden == frozenset()
    assert result.shown(1, 1) == 0


def test_a_number_another_table_hides_is_hidden_and_protected():
    table = [[10, 20], [30, 40]]
    result = suppress(table, 5, force={(TOTAL, TOTAL)})
    assert (TOTAL, TOTAL) in result.primary
    assert len(result.hidden) > 1
    limit = 200
    other = another_table(result.values, result.hidden, 2, 2, (TOTAL, TOTAL), limit)
    assert other is not None


def test_the_totals_are_the_sums_of_the_table():
    values = with_totals([[1, 2], [3, 4]])
    assert (values[0, TOTAL], values[TOTAL, 1], values[TOTAL, TOTAL]) == (3, 6, 10)


def test_a_table_that_is_not_counts_is_refused():
    import pytest

    for bad in ([[1, -1]], [[1, 2], [3]], [[1.5]]):
        with pytest.raises(ValueError):
            suppress(bad, 5)


def test_a_year_of_weeks_by_category_is_suppressed_in_well_under_a_second():
    import random

    rng = random.Random(7)
    table = [[rng.choice([0, 0, 1, 2, 3, 4, 6, 9, 15]) for _c in range(12)] for _w in range(53)]
    started = time.perf_counter()
    result = suppress(table, 5)
    assert time.perf_counter() - started < 1.0
    assert result.primary


def test_the_attacker_recovers_a_small_count_that_only_primary_suppression_hides():
    # The check above can fail: hiding 3 alone leaves it as its row total less the rest.
    values = with_totals([[3, 20], [10, 8]])
    assert another_table(values, {(0, 0)}, 2, 2, (0, 0), 100) is None


def test_a_hidden_link_between_two_hidden_rectangles_is_not_safe():
    from lofte.suppression import is_safe

    table = [[9] * 4 for _ in range(4)]
    values = with_totals(table)
    rectangles = {(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3)}
    hidden = rectangles | {(1, 2)}
    assert is_safe((0, 0), values, hidden)
    assert not is_safe((1, 2), values, hidden)
    assert another_table(values, hidden, 4, 4, (1, 2), 12) is None
