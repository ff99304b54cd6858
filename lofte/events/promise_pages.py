"""Events' part of the follow-up report: what happened at the events (lofte.promises.pages)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from lofte.events.models import EventRecord
from lofte.promises import pages


@pages.adds_to("report")
def event_records(request, promise, period=None, **objects):
    """The records of the promise's events, in the period when the report is for one: on the
    page, and as a section of its PDF and spreadsheet. The events in the reader's language."""
    records = EventRecord.objects.filter(event__promise=promise).select_related("event__promise")
    if period is not None:
        records = records.filter(
            event__starts_at__date__gte=period.starts_on, event__starts_at__date__lte=period.ends_on
        )
    records = list(records.order_by("event__starts_at"))
    pages.localise([r.event for r in records])
    return {
        "event_records": records,
        "parts": {"end": ["events/_report_records.html"]},
        "sections": [_section(records)],
    }


def _section(records):
    return pages.Section(
        heading=_("Meetings with residents"),
        paragraphs=[]
        if records
        else [_("No record of a meeting with residents in this report yet.")],
        columns=[_("Event"), _("Starts"), _("How many came"), _("What residents raised")],
        rows=[
            (
                r.event.title,
                timezone.localtime(r.event.starts_at).date(),
                r.attendance,
                r.raised,
            )
            for r in records
        ],
        sheet=_("Meetings"),
    )
