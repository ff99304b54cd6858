"""The indicators' background work: the Police's events, fetched every hour by the worker
when LOFTE_FETCH_POLICE_EVENTS is on (the `fetch_police_events` command, as from cron)."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from lofte.background.jobs import Final, enqueue, kind
from lofte.background.schedule import every
from lofte.indicators.actions import save_import
from lofte.indicators.importing import FileProblem, check_file
from lofte.indicators.models import IndicatorImport

# How many row errors a failed background import keeps to show.
SHOWN_ERRORS = 500

FETCH = "indicators.fetch_police_events"


@kind(FETCH, gettext_lazy("Fetch the Police's events"), max_attempts=3)
def fetch(job):
    out = StringIO()
    # A CommandError (the API down, a bad answer) fails the attempt with its message.
    call_command("fetch_police_events", stdout=out, stderr=out, **job.params)
    return {"output": out.getvalue()[-2000:]}


@every(FETCH, datetime.timedelta(hours=1), enabled=lambda s: s.LOFTE_FETCH_POLICE_EVENTS)
def fetch_every_hour():
    enqueue(FETCH)


SAVE = "indicators.save_import"


def save_later(record, user):
    """Save a confirmed import from a worker; return the job."""
    record.job = enqueue(SAVE, kommun=record.kommun, params={"import": record.pk}, user=user)
    record.save(update_fields=["job"])
    return record.job


@kind(SAVE, gettext_lazy("Save a large indicator import"), max_attempts=3)
def save(job):
    """Check the file again (areas may have changed since it was confirmed) and save it all or
    nothing. Wrong rows fail the job at once with them; a clash with another import is tried
    again."""
    record = IndicatorImport.objects.filter(pk=job.params["import"]).first()
    if record is None:
        raise Final(_("The upload was cancelled or purged before it was saved."))
    if record.state == IndicatorImport.State.SAVED:
        return {"saved": record.new}
    try:
        plan = check_file(
            record.format, bytes(record.content), options=record.options, scope=record.kommun
        )
    except FileProblem as e:
        raise Final(str(e)) from e
    if plan.errors:
        count = len(plan.errors)
        raise Final(
            ngettext(
                "%(count)s row is wrong. Nothing was saved.",
                "%(count)s rows are wrong. Nothing was saved.",
                count,
            )
            % {"count": count},
            result={
                "row_errors": [
                    {"where": str(e.where), "message": str(e.message)}
                    for e in plan.errors[:SHOWN_ERRORS]
                ],
                "error_count": count,
            },
        )
    with transaction.atomic():
        locked = IndicatorImport.objects.select_for_update().get(pk=record.pk)
        if locked.state == IndicatorImport.State.CHECKED:
            save_import(plan, record)  # ImportConflict: tried again
    return {"saved": plan.new + plan.changed}
