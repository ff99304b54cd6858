"""How a promise's follow-up is going: the numbers behind the coordinator dashboard.

Everything is computed in Python from a fixed number of queries per promise, so the
dashboard costs the same for 3 actors or 30.
"""

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lofte.followup.charts import STATUS_COLOURS
from lofte.followup.models import MeasureValue, ReportingPeriod, Update
from lofte.promises.models import Commitment

# Handed in and not sent back: what counts as "reported" for a period.
REPORTED_STATES = frozenset({Update.State.SUBMITTED, Update.State.APPROVED})
# Commitments in these states owe no further reports (unless they already have one).
FINISHED = frozenset({Commitment.Status.DONE, Commitment.Status.CANCELLED})


def expects_report(commitment, period, has_update=False):
    """Return True if the commitment owes a report for the period.

    A finished commitment owes nothing more, and one that runs outside the period owes
    nothing for it; an update that exists anyway is still judged.
    """
    if has_update:
        return True
    if commitment.status in FINISHED:
        return False
    if commitment.starts_on and commitment.starts_on > period.ends_on:
        return False
    if commitment.ends_on and commitment.ends_on < period.starts_on:
        return False
    return True


def update_states(promise):
    """Return {(commitment_id, period_id): state} for every update in the promise."""
    rows = Update.objects.filter(commitment__focus_area__promise=promise).values_list(
        "commitment_id", "period_id", "state"
    )
    return {(c, p): state for c, p, state in rows}


def latest_approved_values(promise):
    """Return {measure_id: value} from the latest approved update of each measure."""
    rows = (
        MeasureValue.objects.filter(
            measure__commitment__focus_area__promise=promise,
            update__state=Update.State.APPROVED,
        )
        .order_by("update__period__starts_on")
        .values_list("measure_id", "value")
    )
    return dict(rows)  # later periods overwrite earlier ones


def far_from_target(measure, value):
    """Return True if value is less than half of the way from baseline to target."""
    if measure.target is None or value is None:
        return False
    baseline = measure.baseline if measure.baseline is not None else Decimal(0)
    if measure.higher_is_better:
        needed, gained = measure.target - baseline, value - baseline
    else:
        needed, gained = baseline - measure.target, baseline - value
    if needed <= 0:
        return False
    return gained * 2 < needed


def more_than_half_passed(promise, today):
    length = (promise.period_end - promise.period_start).days
    return (today - promise.period_start).days * 2 > length


def bar(counts, total, width=100):
    """Return the segments [(status, label, n, x, w)] of a stacked bar of status counts."""
    segments, x = [], 0.0
    for status, label in Commitment.Status.choices:
        n = counts.get(status, 0)
        if not n or not total:
            continue
        w = width * n / total
        segments.append(
            {
                "status": status,
                "label": label,
                "n": n,
                "x": round(x, 2),
                "w": round(w, 2),
                "colour": STATUS_COLOURS[status],
            }
        )
        x += w
    return segments


class Row:
    """One line of the progress tables: a focus area or an actor and its commitments."""

    def __init__(self, subject):
        self.subject = subject
        self.commitments = []
        self.expected = 0
        self.approved = 0

    @property
    def total(self):
        return len(self.commitments)

    @property
    def counts(self):
        counts = {}
        for c in self.commitments:
            counts[c.status] = counts.get(c.status, 0) + 1
        return counts

    def status_counts(self):
        """Return [(status, label, n)] for every status, in lifecycle order."""
        counts = self.counts
        return [(s, label, counts.get(s, 0)) for s, label in Commitment.Status.choices]

    @property
    def share(self):
        """Percent of the commitments due to report that have an approved update, or None."""
        if not self.expected:
            return None
        return round(100 * self.approved / self.expected)

    def bar(self):
        return bar(self.counts, self.total)

    def bar_label(self):
        return ", ".join(f"{n} {label}" for s, label, n in self.status_counts() if n)


class Progress:
    """The follow-up of one promise as of a day: progress, risks and who is late."""

    def __init__(self, promise, today=None):
        self.promise = promise
        self.today = today or timezone.localdate()
        self.focus_areas = list(promise.focus_areas.all())
        self.commitments = list(
            Commitment.objects.filter(focus_area__promise=promise)
            .select_related("focus_area__promise")
            .prefetch_related("actors", "measures")
        )
        self.periods = list(ReportingPeriod.objects.filter(promise=promise))
        self.due_periods = [p for p in self.periods if p.due_on < self.today]
        self.states = update_states(promise)
        self.values = latest_approved_values(promise)

    @property
    def latest_due_period(self):
        return self.due_periods[-1] if self.due_periods else None

    def has_reported(self, commitment, period):
        return self.states.get((commitment.pk, period.pk)) in REPORTED_STATES

    def _rows(self, key_of):
        rows = {}
        period = self.latest_due_period
        for c in self.commitments:
            for subject in key_of(c):
                row = rows.setdefault(subject.pk, Row(subject))
                row.commitments.append(c)
                if period is None:
                    continue
                state = self.states.get((c.pk, period.pk))
                if expects_report(c, period, has_update=state is not None):
                    row.expected += 1
                    row.approved += state == Update.State.APPROVED
        return rows

    def by_focus_area(self):
        rows = self._rows(lambda c: [c.focus_area])
        return [rows.get(fa.pk) or Row(fa) for fa in self.focus_areas]

    def by_actor(self):
        rows = self._rows(lambda c: c.actors.all())
        return sorted(rows.values(), key=lambda r: r.subject.name.casefold())

    def at_risk(self):
        """Return [(commitment, [reason, …])] for the commitments that need attention."""
        last_two = self.due_periods[-2:]
        late_in_period = more_than_half_passed(self.promise, self.today)
        result = []
        for c in self.commitments:
            if c.status == Commitment.Status.CANCELLED:
                continue
            reasons = []
            if c.status == Commitment.Status.DELAYED:
                reasons.append(_("Marked as delayed."))
            if (
                len(last_two) == 2
                and c.status != Commitment.Status.DONE
                and not any(self.has_reported(c, p) for p in last_two)
            ):
                reasons.append(_("No update handed in for the last two periods."))
            if late_in_period:
                for m in c.measures.all():
                    if far_from_target(m, self.values.get(m.pk)):
                        reasons.append(
                            _("“%(measure)s” is less than half of the way to its target.")
                            % {"measure": m.name}
                        )
            if reasons:
                result.append((c, reasons))
        return result
