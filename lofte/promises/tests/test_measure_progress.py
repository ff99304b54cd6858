"""How far a measure has come: one rule (Measure.progress), pinned case by case."""

import datetime
from decimal import Decimal

import pytest

from lofte.promises.models import Commitment, FocusArea, Measure, MeasureProgress, Promise

REACHED, ON_TRACK, BEHIND, SHORT = "reached", "on_track", "behind", "short"
NO_VALUE, NO_TARGET = "no_value", "no_target"


def measure(baseline, target, higher=True):
    return Measure(
        name="x",
        unit="st",
        higher_is_better=higher,
        baseline=None if baseline is None else Decimal(baseline),
        target=None if target is None else Decimal(target),
    )


HIGHER, LOWER = True, False


@pytest.mark.parametrize(
    ("higher", "baseline", "target", "value", "state", "share", "past"),
    [
        # Higher is better, with a baseline: from 2 towards 10.
        (HIGHER, 2, 10, 6, SHORT, 0.5, False),
        (HIGHER, 2, 10, 10, REACHED, 1.0, False),
        (HIGHER, 2, 10, 12, REACHED, 1.0, True),
        (HIGHER, 2, 10, 1, SHORT, 0.0, False),  # went the wrong way
        (HIGHER, 2, 10, None, NO_VALUE, None, False),
        (HIGHER, 10, 10, 10, REACHED, 1.0, False),  # target equals baseline
        (HIGHER, 10, 10, 12, REACHED, 1.0, True),
        (HIGHER, 10, 10, 8, SHORT, 0.0, False),
        # Higher is better, no baseline: a count from 0.
        (HIGHER, None, 10, 6, SHORT, 0.6, False),
        (HIGHER, None, 10, 10, REACHED, 1.0, False),
        (HIGHER, None, 10, 15, REACHED, 1.0, True),
        (HIGHER, None, 10, 0, SHORT, 0.0, False),
        (HIGHER, None, 10, None, NO_VALUE, None, False),
        # Lower is better, with a baseline: from 50 down towards 30.
        (LOWER, 50, 30, 40, SHORT, 0.5, False),
        (LOWER, 50, 30, 30, REACHED, 1.0, False),
        (LOWER, 50, 30, 20, REACHED, 1.0, True),
        (LOWER, 50, 30, 60, SHORT, 0.0, False),  # went the wrong way
        (LOWER, 50, 30, None, NO_VALUE, None, False),
        (LOWER, 30, 30, 30, REACHED, 1.0, False),  # target equals baseline
        (LOWER, 30, 30, 25, REACHED, 1.0, True),
        (LOWER, 30, 30, 35, SHORT, 0.0, False),
        # Lower is better, no baseline: reached at or under the target, else unknown share.
        (LOWER, None, 30, 40, SHORT, None, False),  # the case in the issue: not a full bar
        (LOWER, None, 30, 30, REACHED, 1.0, False),
        (LOWER, None, 30, 10, REACHED, 1.0, True),
        (LOWER, None, 30, None, NO_VALUE, None, False),
        # No target: nothing to measure against.
        (HIGHER, 2, None, 6, NO_TARGET, None, False),
        (LOWER, None, None, 6, NO_TARGET, None, False),
        (HIGHER, None, None, None, NO_VALUE, None, False),
    ],
)
def test_a_measure_has_come_the_share_of_the_way_from_baseline_to_target(
    higher, baseline, target, value, state, share, past
):
    progress = measure(baseline, target, higher).progress(None if value is None else Decimal(value))
    assert (progress.state, progress.share, progress.past_target) == (state, share, past)
    assert progress.reached is (state == REACHED)


@pytest.mark.parametrize(
    ("higher", "baseline", "target", "value", "time_gone", "state"),
    [
        (HIGHER, 2, 10, 6, 0.4, ON_TRACK),  # half the way with 40 % of the time gone
        (HIGHER, 2, 10, 6, 0.5, ON_TRACK),  # exactly on the line
        (HIGHER, 2, 10, 6, 0.6, BEHIND),
        (HIGHER, 2, 10, 6, 1.0, BEHIND),  # the time is up and the target not reached
        (HIGHER, 2, 10, 10, 0.1, REACHED),
        (HIGHER, None, 10, 3, 0.5, BEHIND),
        (HIGHER, None, 10, 0, 0.0, ON_TRACK),  # nothing yet, and no time gone either
        (LOWER, 50, 30, 40, 0.4, ON_TRACK),
        (LOWER, 50, 30, 40, 0.7, BEHIND),
        (LOWER, 50, 30, 25, 0.7, REACHED),
        # Lower is better without a baseline: how far is unknown, so it is not called
        # behind (nor on track) until its time is up.
        (LOWER, None, 30, 40, 0.5, SHORT),
        (LOWER, None, 30, 40, 1.0, BEHIND),
        (LOWER, None, 30, 30, 0.5, REACHED),
        (HIGHER, 2, None, 6, 0.5, NO_TARGET),
        (HIGHER, 2, 10, None, 0.5, NO_VALUE),
    ],
)
def test_with_the_time_gone_a_measure_is_on_track_or_behind_a_straight_line(
    higher, baseline, target, value, time_gone, state
):
    progress = measure(baseline, target, higher).progress(
        None if value is None else Decimal(value), time_gone
    )
    assert progress.state == state
    assert progress.behind is (state == BEHIND)
    assert progress.time_gone == time_gone


def test_progress_says_its_share_in_percent_and_its_state_in_words():
    progress = measure(None, 3, HIGHER).progress(Decimal(1))
    assert progress.percent == 33
    assert str(progress.label) == "målet inte nått ännu"
    assert MeasureProgress(MeasureProgress.NO_TARGET).percent is None
    assert {str(label) for label in MeasureProgress.LABELS.values()} == {
        "inget värde ännu",
        "inget mål",
        "målet nått",
        "i fas",
        "efter plan",
        "målet inte nått ännu",
    }


@pytest.mark.parametrize(
    ("baseline", "target", "higher", "value", "time_gone", "words"),
    [
        (2, 10, HIGHER, 6, None, "50 % av vägen till målet"),
        (2, 10, HIGHER, 6, 0.7, "50 % av vägen till målet, efter plan"),
        (2, 10, HIGHER, 6, 0.2, "50 % av vägen till målet, i fas"),
        (2, 10, HIGHER, 12, 0.2, "målet nått"),
        (None, 30, LOWER, 40, 0.2, "målet inte nått ännu"),
        (None, 30, LOWER, 40, 1, "efter plan"),
        (2, None, HIGHER, 6, 0.2, "inget mål"),
        (2, 10, HIGHER, None, 0.2, "inget värde ännu"),
    ],
)
def test_progress_reads_in_words(baseline, target, higher, value, time_gone, words):
    value = None if value is None else Decimal(value)
    assert str(measure(baseline, target, higher).progress(value, time_gone)) == words


def commitment(starts_on=None, ends_on=None):
    promise = Promise(period_start=datetime.date(2024, 1, 1), period_end=datetime.date(2025, 1, 1))
    return Commitment(focus_area=FocusArea(promise=promise), starts_on=starts_on, ends_on=ends_on)


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "on", "gone"),
    [
        (None, None, datetime.date(2024, 1, 1), 0.0),
        (None, None, datetime.date(2024, 7, 2), 0.5),  # 183 of 366 days
        (None, None, datetime.date(2026, 1, 1), 1.0),
        (None, None, datetime.date(2023, 6, 1), 0.0),
        (datetime.date(2024, 3, 1), datetime.date(2024, 3, 11), datetime.date(2024, 3, 6), 0.5),
        (None, datetime.date(2024, 1, 11), datetime.date(2024, 1, 2), 0.1),  # the promise's start
        (datetime.date(2024, 12, 22), None, datetime.date(2024, 12, 27), 0.5),  # and its end
        (datetime.date(2024, 5, 1), datetime.date(2024, 5, 1), datetime.date(2024, 4, 30), 0.0),
        (datetime.date(2024, 5, 1), datetime.date(2024, 5, 1), datetime.date(2024, 5, 1), 1.0),
    ],
)
def test_a_commitments_time_runs_from_its_start_to_its_end_or_the_promises(
    starts_on, ends_on, on, gone
):
    assert commitment(starts_on, ends_on).share_of_time_gone(on) == pytest.approx(gone)
