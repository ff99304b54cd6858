"""Events' part of the follow-up report: what happened at the events (lofte.promises.pages)."""

from lofte.events.models import EventRecord
from lofte.promises import pages


@pages.adds_to("report")
def event_records(request, promise, period=None, **objects):
    """The records of the promise's events, in the period when the report is for one."""
    records = EventRecord.objects.filter(event__promise=promise).select_related("event__promise")
    if period is not None:
        records = records.filter(
            event__starts_at__date__gte=period.starts_on, event__starts_at__date__lte=period.ends_on
        )
    return {
        "event_records": list(records.order_by("event__starts_at")),
        "parts": {"end": ["events/_report_records.html"]},
    }
