"""Small counts hidden from a published table, so that no one can work them out.

`suppress(table, threshold)` takes a 2-D table of counts (rows × columns of non-negative
integers) that is published with its row totals, column totals and grand total, and returns
which of those numbers must be hidden; `suppress_row(counts)` does the same for one row of
counts published with its total, as a survey's answers to a question are (at the end). Pure
Python but for `threshold()`, the setting SUPPRESS_BELOW (5 unless set): the incidents' public
page, the lägesbild, exports and surveys all suppress through this module.

Cells are named by (row, column); a total is named with TOTAL in place of its index:
(i, TOTAL) is row i's total, (TOTAL, j) column j's, (TOTAL, TOTAL) the grand total.

The algorithm
-------------
1. Primary: every number, cell or total, with 0 < value < threshold is hidden. A total is
   a count of incidents too, so a small total is as telling as a small cell. Zeros are shown:
   "nothing was reported" tells nothing about anyone, and a hidden zero would be no help in
   hiding its neighbours (see 3).
2. Secondary: a hidden number must not be recoverable from what is shown. Write the table
   with its totals as an (r+1) × (c+1) grid; each of its rows and columns says "the cells add
   up to the total". Take the lines (rows and columns of the grid) as the nodes of a graph and
   each hidden number as an edge between its row and its column. Hidden numbers can then only
   change together around a cycle of that graph, alternately +1 and −1 along the cycle (a
   total counts with the opposite sign of a cell, so "one more incident in a cell" raises its
   row total, column total and grand total around one cycle). A hidden number is safe when
   it lies on such a cycle and the move keeps every hidden number at least 1: the attacker
   knows hidden numbers are never 0 (step 1), so a hidden 1 may only go up. A hidden number on
   no such cycle (a "bridge": the only hidden number in its row, or the link between two
   groups) is fixed by the shown numbers; subtraction recovers it.
3. For each primary number in turn (cells by row, then totals), if it is not yet safe, the
   cheapest cycle through it is closed by hiding more numbers: a shortest path over the grid
   in which already hidden numbers cost nothing, a shown number costs its value (the
   information lost), and shown zeros are never used. A path always exists (a cell, its row
   total, its column total and the grand total form a cycle that only adds incidents), so this
   ends. Hiding only adds edges, so a number made safe stays safe, and the numbers hidden to
   close a cycle are safe by that cycle.

What it protects against: anyone who knows the shown numbers, that every row and column adds
up, that counts are whole numbers, and this algorithm (so that hidden numbers are not 0). It
does not hide which numbers are small: publish hidden primary and secondary numbers alike,
with one mark for both. Tables that share numbers (two tables with the same grand total)
must hide a shared number in both: pass it in `force`.
"""

import heapq
from dataclasses import dataclass

TOTAL = -1


@dataclass(frozen=True)
class Suppressed:
    """What to hide of a table: `primary` (small numbers) and `secondary` (hidden to protect
    them), as sets of (row, column) with TOTAL for the totals."""

    values: dict
    primary: frozenset
    secondary: frozenset

    @property
    def hidden(self):
        return self.primary | self.secondary

    def is_hidden(self, row, column):
        return (row, column) in self.primary or (row, column) in self.secondary

    def shown(self, row, column):
        """Return the number at (row, column), or None when it is hidden."""
        return None if self.is_hidden(row, column) else self.values[row, column]


def with_totals(table):
    """Return {(row, column): value} for the table's cells and its totals."""
    values = {}
    n_cols = len(table[0]) if table else 0
    for i, row in enumerate(table):
        if len(row) != n_cols:
            raise ValueError("every row of the table must have as many cells as the first")
        for j, value in enumerate(row):
            if not isinstance(value, int) or value < 0:
                raise ValueError(f"cell ({i}, {j}) is not a count: {value!r}")
            values[i, j] = value
        values[i, TOTAL] = sum(row)
    for j in range(n_cols):
        values[TOTAL, j] = sum(row[j] for row in table)
    values[TOTAL, TOTAL] = sum(values[i, TOTAL] for i in range(len(table)))
    return values


def _sign(cell):
    """+1 for a cell and the grand total, -1 for a row or column total (see step 2)."""
    return 1 if (cell[0] == TOTAL) == (cell[1] == TOTAL) else -1


def _arcs(cell, value):
    """Return the ways a cycle may pass through a hidden number: (from node, to node).

    Passing row → column moves the number by +sign, column → row by -sign; a 1 may only rise.
    """
    row, column = ("r", cell[0]), ("c", cell[1])
    if value > 1:
        return [(row, column), (column, row)]
    return [(row, column)] if _sign(cell) > 0 else [(column, row)]


def _cheapest_path(start, goal, values, hidden, skip):
    """Return the shown cells on the cheapest path start → goal (hidden cells cost nothing),
    or None when there is none. Ties go to fewer cells, then to the first in grid order."""
    # Each line's numbers: a row node reaches the columns of its cells and back.
    by_node = {}
    for cell, value in values.items():
        if cell == skip or value == 0:
            continue
        for a, b in _arcs(cell, value):
            cost = 0 if cell in hidden else value
            by_node.setdefault(a, []).append((b, cost, cell))
    best = {start: (0, 0)}
    queue = [(0, 0, _order(start), start, ())]
    while queue:
        cost, steps, _o, node, path = heapq.heappop(queue)
        if node == goal:
            return [c for c in path if c not in hidden]
        if best.get(node, (cost, steps)) < (cost, steps):
            continue
        for nxt, step_cost, cell in by_node.get(node, ()):
            candidate = (cost + step_cost, steps + (step_cost > 0))
            if nxt not in best or candidate < best[nxt]:
                best[nxt] = candidate
                heapq.heappush(queue, (*candidate, _order(nxt), nxt, (*path, cell)))
    return None


def _order(node):
    return (node[0], node[1] if node[1] != TOTAL else float("inf"))


def is_safe(cell, values, hidden):
    """Return True if the hidden number at `cell` lies on a cycle of hidden numbers along which
    it can change (step 2)."""
    for start, goal in _arcs(cell, values[cell]):
        # The cycle goes start → goal through the cell, then back goal → start.
        if _cheapest_path(goal, start, {c: values[c] for c in hidden}, hidden, cell) is not None:
            return True
    return False


def suppress(table, threshold, force=()):
    """Return what to hide of `table` (a list of rows of counts) published with its totals.

    `threshold`: numbers below it (and above 0) are hidden. `force`: numbers to hide as well,
    because another published table hides them. See the module's docstring for how.
    """
    values = with_totals(table)
    primary = {c for c, v in values.items() if 0 < v < threshold}
    primary |= {c for c in force if values.get(c, 0) > 0}
    hidden = set(primary)

    def grid_order(cell):
        return tuple(float("inf") if x == TOTAL else x for x in cell)

    for cell in sorted(primary, key=grid_order):
        if is_safe(cell, values, hidden):
            continue
        paths = []
        for start, goal in _arcs(cell, values[cell]):
            path = _cheapest_path(goal, start, values, hidden, cell)
            if path is not None:
                paths.append((sum(values[c] for c in path), len(path), path))
        # The cycle cell → row total → grand total → column total only adds incidents, so
        # there is always a path.
        hidden.update(min(paths)[2])
    return Suppressed(
        values=values, primary=frozenset(primary), secondary=frozenset(hidden - primary)
    )


# Rows: `suppress_row(counts, threshold)`
# ---------------------------------------
# A survey publishes, per question, one row of counts that add up to the number of
# respondents, which is shown: the answers per option and "no answer" (a multiple-choice
# option's row is chosen / not chosen, a free-text question's answered / no answer). Rows do
# not constrain one another, so each row is suppressed by itself:
#
# 1. Primary: a count with 0 < count < threshold is hidden. A zero is shown: "nobody chose it"
#    tells nothing about anyone, and it keeps the hidden counts at least 1.
# 2. Secondary: a reader who knows the total and the shown counts knows what the hidden ones
#    add up to, S, and that each is at least 1. With h hidden counts each can be anything from
#    1 to S - (h - 1): it is worked out when h = 1, or when S = h (all are 1). So while that
#    is so, the smallest shown count above zero is hidden too (the first one on a tie).
# 3. When every count above zero is hidden and that is still not enough (a total of 2 made of
#    two 1s), the zeros are hidden as well: each count can then be anything from 0 to S.


def threshold():
    """Return the setting SUPPRESS_BELOW: counts above 0 and below it are hidden."""
    from django.conf import settings

    return getattr(settings, "SUPPRESS_BELOW", 5)


def suppress_row(counts, below=None):
    """Return the positions in `counts` (a row published with its total) to hide."""
    below = threshold() if below is None else below
    hidden = {i for i, n in enumerate(counts) if 0 < n < below}
    if not hidden:
        return frozenset()
    shown = sorted((n, i) for i, n in enumerate(counts) if n > 0 and i not in hidden)
    while not _safe(counts, hidden) and shown:
        hidden.add(shown.pop(0)[1])
    if not _safe(counts, hidden):
        return frozenset(range(len(counts)))
    return frozenset(hidden)


def _safe(counts, hidden):
    return len(hidden) >= 2 and sum(counts[i] for i in hidden) > len(hidden)
