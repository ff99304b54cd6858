"""How a promise's follow-up is going: the numbers behind the coordinator dashboard.

Everything is computed in Python from a fixed number of queries per promise, so the
dashboard costs the same for 3 actors or 30.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lofte.charts import STATUS_COLOURS
from lofte.followup.models import MeasureValue, ReportingPeriod, Update
from lofte.promises.models import Commitment, count_statuses


def latest_approved_values(promise):
    """Return {measure_id: value} from the latest approved update of each measure."""
    # From the promise's approved updates to their values: from the measures to their values
    # and on to each value's update, PostgreSQL took twice as long for the largest promise.
    approved = Update.objects.filter(
        commitment__focus_area__promise=promise, state=Update.State.APPROVED
    )
    rows = (
        MeasureValue.objects.filter(update__in=approved)
        .order_by("update__period__starts_on")
        .values_list("measure_id", "value")
    )
    return dict(rows)  # later periods overwrite earlier ones


def bar(status_counts, width=100):
    """Return the segments [{status, label, n, x, w, colour}] of a stacked bar of
    `count_statuses()`."""
    total = sum(n for _s, _l, n in status_counts)
    segments, x = [], 0.0
    for status, label, n in status_counts:
        if not n:
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

    def status_counts(self):
        """Return [(status, label, n)] for every status, in lifecycle order."""
        return count_statuses(self.commitments, zeros=True)

    @property
    def share(self):
        """Percent of the commitments due to report that have an approved update, or None."""
        if not self.expected:
            return None
        return round(100 * self.approved / self.expected)

    def bar(self):
        return bar(self.status_counts())

    def bar_label(self):
        return ", ".join(f"{n} {label}" for s, label, n in self.status_counts() if n)


class Progress:
    """The follow-up of one promise as of a day: progress, risks and who is late."""

    def __init__(self, promise, today=None):
        self.promise = promise
        self.today = today or timezone.localdate()
        self.focus_areas = list(promise.focus_areas.all())
        self.commitments = Commitment.fetch_parts(
            Commitment.objects.filter(focus_area__promise=promise)
        )
        # The focus areas and the promise are the ones in hand, not a copy per commitment.
        by_pk = {fa.pk: fa for fa in self.focus_areas}
        for fa in self.focus_areas:
            fa.promise = promise
        for c in self.commitments:
            c.focus_area = by_pk[c.focus_area_id]
        self.periods = list(ReportingPeriod.objects.filter(promise=promise))
        self.due_periods = [p for p in self.periods if p.due_on < self.today]
        self.states = Update.objects.filter(commitment__focus_area__promise=promise).states()
        self.values = latest_approved_values(promise)

    @property
    def latest_due_period(self):
        return self.due_periods[-1] if self.due_periods else None

    def has_reported(self, commitment, period):
        return self.states.get((commitment.pk, period.pk)) in Update.HANDED_IN

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
                if period.expects_report(c, has_update=state is not None):
                    row.expected += 1
                    row.approved += state == Update.State.APPROVED
        return rows

    def by_focus_area(self):
        rows = self._rows(lambda c: [c.focus_area])
        return [rows.get(fa.pk) or Row(fa) for fa in self.focus_areas]

    def by_actor(self):
        rows = self._rows(lambda c: c.actor_list)
        return sorted(rows.values(), key=lambda r: r.subject.name.casefold())

    def at_risk(self):
        """Return [(commitment, [reason, …])] for the commitments that need attention."""
        last_two = self.due_periods[-2:]
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
            time_gone = c.share_of_time_gone(self.today)
            for m in c.measure_list:
                progress = m.progress(self.values.get(m.pk), time_gone)
                if progress.behind:
                    reasons.append(_behind(m, progress))
            if reasons:
                result.append((c, reasons))
        return result


def _behind(measure, progress):
    if progress.share is None:
        return _("“%(measure)s” has not reached its target, and its time is up.") % {
            "measure": measure.name
        }
    return _(
        "“%(measure)s” is %(percent)s%% of the way to its target with %(time)s%% of its time gone."
    ) % {
        "measure": measure.name,
        "percent": progress.percent,
        "time": progress.time_gone_percent,
    }
