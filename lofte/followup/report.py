"""The follow-up report's content, gathered once for the page, the PDF and the spreadsheet.

build_report() makes a fixed number of queries, whatever the size of the promise, and
returns plain dataclasses, so the three formats show the same thing. Its texts are in the
reader's language where translated (`pages.localise`, one query), each row keeping the
languages of its texts for `lang_attrs`. Only published updates
(approved, publishable, in a public promise) appear: the report is public.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lofte.charts import STATUS_COLOURS, status_bars
from lofte.followup.models import ReportingPeriod, Update
from lofte.promises import pages
from lofte.promises.models import Commitment, MeasureProgress, Promise, count_statuses

NOT_REPORTED = "none"  # a status of its own in a period's report; charts.STATUS_COLOURS has it


@dataclass
class MeasureRow:
    name: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    higher_is_better: bool
    value: Decimal | None = None
    period_name: str = ""
    progress: MeasureProgress | None = None  # Measure.progress() of the value
    text_languages: dict = field(default_factory=dict)  # as the measure's (lofte.languages)

    @property
    def progress_label(self):
        return str(self.progress)


@dataclass
class UpdateRow:
    period_name: str
    period_starts_on: datetime.date
    status: str
    status_label: str
    text: str
    text_languages: dict = field(default_factory=dict)  # as the update's


@dataclass
class CommitmentRow:
    pk: int
    title: str
    url: str
    focus_area: str
    actors: list
    status: str
    status_label: str
    measures: list = field(default_factory=list)
    updates: list = field(default_factory=list)
    has_approved_update: bool = False
    # Owes a report for the period (ReportingPeriod.expects_report), or for the whole
    # promise, for one of its periods that has begun.
    owes_report: bool = True
    text_languages: dict = field(default_factory=dict)  # as the commitment's


@dataclass
class Group:
    """A focus area or an actor, with its commitments and their status counts."""

    name: str
    slug: str
    commitments: list
    status_counts: list  # [(status, label, count)]
    text_languages: dict = field(default_factory=dict)  # as the focus area's

    @property
    def total(self):
        return len(self.commitments)


@dataclass
class Report:
    promise: Promise
    periods: list
    period: ReportingPeriod | None
    starts_on: datetime.date
    ends_on: datetime.date
    goals: list
    commitments: list
    focus_areas: list
    actors: list
    status_counts: list
    statuses: list  # every (status, label) that occurs, for legends and column heads
    legend: list  # [(status, label, fill)]
    update_count: int

    @property
    def owing_count(self):
        """How many commitments owe a report in the range."""
        return sum(1 for c in self.commitments if c.owes_report)

    @property
    def reported_count(self):
        return sum(1 for c in self.commitments if c.owes_report and c.has_approved_update)

    @property
    def reported_share(self):
        """The share (0–100) of the commitments owing a report that have an approved update
        in the range."""
        if not self.owing_count:
            return 0
        return round(100 * self.reported_count / self.owing_count)

    def chart(self):
        """Return the SVG of the status counts per focus area, on one scale."""
        return status_bars(
            [(g.name, g.status_counts) for g in self.focus_areas],
            "report-chart-svg",
            _(
                "Horizontal bars: the number of commitments in each status, per focus area. "
                "The same numbers are in the table."
            ),
        )


def build_report(promise, period=None, today=None):
    """Return the Report of a promise fetched with Promise.objects.with_content(), for one
    period or (period None) the whole promise. Makes three queries of its own."""
    periods = list(promise.periods.all())
    starts_on = period.starts_on if period else promise.period_start
    ends_on = period.ends_on if period else promise.period_end
    # Measures are judged as of the end of the range, or today while it is still running.
    on = min(ends_on, today or timezone.localdate())
    in_range = {"period": period} if period else {"period__promise": promise}
    published = list(
        Update.objects.published()
        .filter(**in_range, commitment__focus_area__promise=promise)
        .select_related("period")
        .prefetch_related("values")
        .order_by("period__starts_on", "pk")
    )
    _localise(promise, periods, published)
    states = Update.objects.filter(**in_range, commitment__focus_area__promise=promise).states()
    approved = {c for (c, _p), state in states.items() if state == Update.State.APPROVED}
    # A period's report is owed for that period; the whole promise's, for its periods begun.
    owed_in = [period] if period else [p for p in periods if p.starts_on <= on]
    by_commitment = {}
    for update in published:
        by_commitment.setdefault(update.commitment_id, []).append(update)

    status_labels = {s: str(label) for s, label in Commitment.Status.choices}
    status_labels[NOT_REPORTED] = _("no published update")
    rows, by_focus_area = [], []
    for fa in promise.focus_areas.all():
        items = []
        for c in fa.commitments.all():
            updates = by_commitment.get(c.pk, [])
            if period:
                status = updates[-1].status if updates else NOT_REPORTED
            else:
                status = c.status
            items.append(
                CommitmentRow(
                    pk=c.pk,
                    title=c.title,
                    url=reverse("promises:commitment", args=[promise.slug, c.pk]),
                    focus_area=fa.name,
                    actors=c.actor_list,
                    status=status,
                    status_label=status_labels[status],
                    measures=[
                        _measure_row(m, updates, c.share_of_time_gone(on)) for m in c.measures.all()
                    ],
                    updates=[
                        UpdateRow(
                            u.period.label,
                            u.period.starts_on,
                            u.status,
                            status_labels[u.status],
                            u.text,
                            _languages(u),
                        )
                        for u in updates
                    ],
                    has_approved_update=c.pk in approved,
                    owes_report=any(
                        p.expects_report(c, has_update=(c.pk, p.pk) in states) for p in owed_in
                    ),
                    text_languages=_languages(c),
                )
            )
        rows += items
        by_focus_area.append((fa, items))
    # Every status that occurs, in lifecycle order and "no published update" last.
    statuses = [(s, label) for s, label, _n in count_statuses(rows, status_labels.items())]
    legend = [(s, label, STATUS_COLOURS[s]) for s, label in statuses]

    def counts(items):
        return count_statuses(items, statuses)

    focus_areas = [
        Group(fa.name, fa.slug, items, counts(items), _languages(fa)) for fa, items in by_focus_area
    ]
    actors = []
    for actor in promise.actors_from_prefetch():
        items = [r for r in rows if any(a.pk == actor.pk for a in r.actors)]
        actors.append(Group(actor.name, actor.slug, items, counts(items)))
    return Report(
        promise=promise,
        periods=periods,
        period=period,
        starts_on=starts_on,
        ends_on=ends_on,
        goals=list(promise.goals.all()),
        commitments=rows,
        focus_areas=focus_areas,
        actors=actors,
        status_counts=counts(rows),
        statuses=statuses,
        legend=legend,
        update_count=len(published),
    )


def _localise(promise, periods, published):
    """Put the reader's language's texts on everything the report shows, in one query."""
    objects = [promise, *promise.goals.all(), *periods]
    for fa in promise.focus_areas.all():
        objects.append(fa)
        for c in fa.commitments.all():
            objects += [c, *c.measures.all()]
    objects += [*published, *(u.period for u in published)]
    pages.localise(objects)


def _languages(obj):
    return dict(getattr(obj, "text_languages", {}))


def _measure_row(measure, updates, time_gone):
    row = MeasureRow(
        measure.name,
        measure.unit,
        measure.baseline,
        measure.target,
        measure.higher_is_better,
        text_languages=_languages(measure),
    )
    for update in reversed(updates):  # the latest published value in the range
        value = next((v.value for v in update.values.all() if v.measure_id == measure.pk), None)
        if value is not None:
            row.value, row.period_name = value, update.period.label
            break
    row.progress = measure.progress(row.value, time_gone)
    return row
