"""Small counts hidden from a published row of counts, so that no one can work them out.

This is the participation app's own minimal version, behind one function, `suppress_counts`:
a colleague writes a shared module for whole tables (lofte/suppression.py on the `incidents`
branch); at merge it can take this one's place, a row being a table of one row.

A survey publishes, per question, one row of counts that add up to the number of
respondents, which is shown: the answers per option and "no answer" (a multiple-choice
option's row is chosen / not chosen, a free-text question's answered / no answer). Rows do
not constrain one another, so each row is suppressed by itself:

1. Primary: a count with 0 < count < threshold is hidden. A zero is shown: "nobody chose it"
   tells nothing about anyone, and it keeps the hidden counts at least 1.
2. Secondary: a reader who knows the total and the shown counts knows what the hidden ones
   add up to, S, and that each is at least 1. With h hidden counts each can be anything from
   1 to S - (h - 1): it is worked out when h = 1, or when S = h (all are 1). So while that
   is so, the smallest shown count above zero is hidden too (the first one on a tie).
3. When every count above zero is hidden and that is still not enough (a total of 2 made of
   two 1s), the zeros are hidden as well: each count can then be anything from 0 to S.

The threshold is the setting SUPPRESS_BELOW (5 unless set).
"""

from django.conf import settings


def threshold():
    return getattr(settings, "SUPPRESS_BELOW", 5)


def suppress_counts(counts, below=None):
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
