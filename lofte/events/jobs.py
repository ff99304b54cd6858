"""The events' background work: the reminder the day before, every hour from the worker."""

import datetime

from django.utils.translation import gettext_lazy as _

from lofte.background.jobs import enqueue, kind
from lofte.background.schedule import every
from lofte.events.actions import send_reminders
from lofte.events.models import Registration
from lofte.promises.models import Promise

REMIND = "events.reminders"


class NotAllSent(Exception):
    pass


@kind(REMIND, _("Reminders the day before an event"))
def remind(job):
    sent = send_reminders(promise=job.promise)
    left = Registration.objects.to_remind().filter(event__promise=job.promise).count()
    if left:
        # Tried again later (with backoff): the unsent ones were left unmarked.
        raise NotAllSent(f"{left} reminders could not be sent; {sent} were.")
    return {"sent": sent}


@every(REMIND, datetime.timedelta(hours=1))
def remind_for_tomorrows_events():
    """One job per promise with registrants to remind, so its coordinators see it."""
    promises = Registration.objects.to_remind().values("event__promise").distinct()
    for promise in Promise.objects.filter(pk__in=promises):
        enqueue(REMIND, promise=promise)
