"""The indicators' background work: the Police's events, fetched every hour by the worker
when LOFTE_FETCH_POLICE_EVENTS is on (the `fetch_police_events` command, as from cron)."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.utils.translation import gettext_lazy as _

from lofte.background.jobs import enqueue, kind
from lofte.background.schedule import every

FETCH = "indicators.fetch_police_events"


@kind(FETCH, _("Fetch the Police's events"), max_attempts=3)
def fetch(job):
    out = StringIO()
    # A CommandError (the API down, a bad answer) fails the attempt with its message.
    call_command("fetch_police_events", stdout=out, stderr=out, **job.params)
    return {"output": out.getvalue()[-2000:]}


@every(FETCH, datetime.timedelta(hours=1), enabled=lambda s: s.LOFTE_FETCH_POLICE_EVENTS)
def fetch_every_hour():
    enqueue(FETCH)
