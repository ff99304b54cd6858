"""Follow-up's parts of the promise's own pages (lofte.promises.pages): the latest published
update and measure values on the promise page, results and updates on a commitment's page.

Registered by FollowupConfig.ready(), so promises shows them without importing follow-up.
"""

from django.utils import timezone

from lofte.followup.charts import measure_chart, measure_progress
from lofte.followup.models import MeasureValue, ReportingPeriod, Update
from lofte.followup.reminders import missed_latest_report
from lofte.promises import pages


@pages.adds_to("detail")
def progress_on_the_promise_page(request, promise, *, commitments, details=True, **objects):
    """When the page shows `details`, give each commitment its latest published update and its
    measures' latest values.

    Flat queries, the same number whatever the number of updates: the page needs only the
    latest of each, and building every update and value as a prefetched object cost more than
    the page itself. Adds the follow-up summary of the shown commitments as `progress`.
    """
    # Only the commitments the page shows (a focus area of a large promise, say). The latest
    # update of each is chosen here from all the promise's published ones, a flat row each:
    # a subquery per commitment took PostgreSQL 20 ms for the largest promise, and one over a
    # list of commitments planned 400 ms.
    shown = {c.pk for c in commitments}
    published = Update.objects.published().filter(commitment__focus_area__promise=promise)
    newest = {}  # {commitment_id: (update_id, period_id)}, later periods overwrite earlier
    for commitment_id, update_id, period_id in published.order_by(
        "period__starts_on", "pk"
    ).values_list("commitment_id", "pk", "period_id"):
        if commitment_id in shown:
            newest[commitment_id] = (update_id, period_id)
    if details:
        latest = list(
            Update.objects.filter(pk__in=[u for u, _p in newest.values()]).select_related("period")
        )
        # In the reader's language (one query; none in Swedish).
        pages.localise([*latest, *(u.period for u in latest)])
        latest_updates = {u.commitment_id: u for u in latest}
        reported_in = {u.commitment_id: u.period for u in latest}
    else:
        # A brief list shows no update, only the summary: the period each commitment last
        # reported for is enough (150 updates' texts, built and translated, cost 25 ms).
        found = ReportingPeriod.objects.filter(pk__in={p for _u, p in newest.values()})
        found = {p.pk: p for p in pages.localise(found)}
        latest_updates = {}
        reported_in = {commitment_id: found[p] for commitment_id, (_u, p) in newest.items()}
    latest_values = {}
    for measure_id, value, period_id in (
        MeasureValue.objects.filter(update__in=published.filter(commitment__in=list(shown)))
        .order_by("update__period__starts_on", "update_id")
        .values_list("measure_id", "value", "update__period_id")
        if details
        else ()
    ):
        latest_values[measure_id] = (value, period_id)
    periods = {p.pk: p for p in reported_in.values()}
    missing = {pid for _v, pid in latest_values.values()} - periods.keys()
    periods.update({p.pk: p for p in ReportingPeriod.objects.filter(pk__in=missing)})

    today = timezone.localdate()
    latest_period = None
    for c in commitments:
        c.latest_update = latest_updates.get(c.pk)
        c.measure_progress = []
        time_gone = c.share_of_time_gone(today)
        for m in c.measures.all() if details else ():
            value, period_id = latest_values.get(m.pk, (None, None))
            period = periods.get(period_id)
            c.measure_progress.append(
                measure_progress(m, value, period, f"measure-{m.pk}", time_gone)
            )
        period = reported_in.get(c.pk)
        if period and (latest_period is None or period.starts_on > latest_period.starts_on):
            latest_period = period
    reported = sum(
        1 for c in commitments if latest_period and reported_in.get(c.pk) == latest_period
    )
    due_period, missed = missed_latest_report(promise, commitments, today)
    return {
        "progress": {
            "latest_period": latest_period,
            "reported": reported,
            "total": len(commitments),
            "due_period": due_period,
            "missed": missed,
        },
        "parts": {
            "summary": ["followup/_progress_summary.html"],
            "commitment_card": ["followup/_progress_latest.html"],
        },
    }


@pages.adds_to("commitment")
def results_on_the_commitment_page(request, promise, *, commitment, **objects):
    """Add the commitment's published updates, newest period first, and a chart per measure."""
    updates = list(
        Update.objects.published()
        .filter(commitment=commitment)
        .select_related("period")
        .prefetch_related("values")
        .order_by("-period__starts_on", "-pk")
    )
    pages.localise([*updates, *(u.period for u in updates)])
    time_gone = commitment.share_of_time_gone(timezone.localdate())
    return {
        "updates": updates,
        "charts": [
            measure_chart(m, updates, f"chart-{m.pk}", time_gone) for m in commitment.measures.all()
        ],
        "parts": {"follow_up": ["followup/_commitment_follow_up.html"]},
    }
