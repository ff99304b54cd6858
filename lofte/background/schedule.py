"""The periodic work the worker starts by itself, so that no cron is needed: each entry at most
once per period across all workers (ScheduleRun is claimed with one conditional UPDATE)."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from lofte.background.models import ScheduleRun


@dataclass(frozen=True)
class Entry:
    name: str
    every: datetime.timedelta
    start: object  # a function that enqueues the work (in a transaction)
    enabled: object = None  # a function of the settings; None: always


entries = []


def every(name, period, *, enabled=None):
    """Register a function that enqueues periodic work, run once per `period`."""

    def register(function):
        entries.append(Entry(name, period, function, enabled))
        return function

    return register


def claim(entry, now):
    """Return True if this worker is the one to start the entry now."""
    try:
        with transaction.atomic():
            ScheduleRun.objects.get_or_create(
                name=entry.name, defaults={"last_run": now - entry.every}
            )
    except IntegrityError:
        pass  # another worker made it at the same moment
    return bool(
        ScheduleRun.objects.filter(Q(last_run__lte=now - entry.every), name=entry.name).update(
            last_run=now
        )
    )


def start_due(now=None):
    """Start every entry that is due; return their names."""
    now = now or timezone.now()
    started = []
    for entry in entries:
        if entry.enabled is not None and not entry.enabled(settings):
            continue
        if claim(entry, now):
            with transaction.atomic():
                entry.start()
            started.append(entry.name)
    return started
