"""The follow-up's background work: e-mail to subscribers, reminders to late actors."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lofte.background.jobs import enqueue, kind
from lofte.background.schedule import every
from lofte.followup.models import Update
from lofte.followup.notify import notify_subscribers
from lofte.followup.reminders import send_overdue_reminders
from lofte.promises.models import Promise

NOTIFY = "followup.notify_subscribers"
OVERDUE = "followup.overdue_reminders"


def notify_later(update, user=None):
    """Mail the update's subscribers from a worker once the current transaction commits."""
    promise = update.commitment.focus_area.promise
    return enqueue(NOTIFY, promise=promise, params={"update": update.pk}, user=user)


@kind(NOTIFY, _("E-mail to subscribers about an approved update"))
def notify(job):
    update = (
        Update.objects.select_related("commitment__focus_area__promise", "period")
        .filter(pk=job.params["update"])
        .first()
    )
    if update is not None:
        notify_subscribers(update, job)
    # All attempts' mails, not only this one's.
    return {"sent": job.deliveries.count()}


@kind(OVERDUE, _("Reminders to actors late with their reports"))
def overdue_reminders(job):
    """Remind the late organisations of the job's promise; one reminded within skip_days (as
    by an earlier attempt of this job) is not reminded again."""
    today = job.params.get("today")
    today = datetime.date.fromisoformat(today) if today else timezone.localdate()
    results = send_overdue_reminders(job.promise, today, skip_days=job.params.get("skip_days", 7))
    return {"sent": sum(n for _p, _o, n in results if n)}


@every(OVERDUE, datetime.timedelta(days=1))
def remind_every_published_promise():
    for promise in Promise.objects.filter(status=Promise.Status.PUBLISHED):
        enqueue(OVERDUE, promise=promise, params={"skip_days": 7})
