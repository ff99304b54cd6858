"""`lofte worker`: django-tasks-db's worker, plus the upkeep every worker does beside it:
taking up the work of dead workers (jobs.recover) and starting periodic work (schedule)."""

import logging
import threading

from django.db import close_old_connections, connection
from django_tasks_db.management.commands.db_worker import Worker

from lofte.background import jobs, schedule

logger = logging.getLogger(__name__)


class Upkeep(threading.Thread):
    def __init__(self, interval):
        super().__init__(daemon=True)
        self.interval = interval
        self.stopped = threading.Event()

    def run(self):
        try:
            while True:
                try:
                    once()
                except Exception:  # the database may be away for a moment; try again
                    logger.exception("Background upkeep failed")
                if self.stopped.wait(self.interval):
                    return
        finally:
            connection.close()


def once(periodic=True):
    close_old_connections()
    taken_up = jobs.recover()
    started = schedule.start_due() if periodic else []
    if taken_up or started:
        logger.info("Took up %s jobs; started %s", taken_up, ", ".join(started) or "nothing")


def run(*, interval=1.0, upkeep_interval=10.0, batch=False, max_tasks=None, worker_id):
    """Run tasks until stopped (or, with batch, until none is left)."""
    upkeep = None
    if batch:
        once(periodic=False)
    else:
        upkeep = Upkeep(upkeep_interval)
        upkeep.start()
    worker = make_worker(interval=interval, batch=batch, max_tasks=max_tasks, worker_id=worker_id)
    if not batch:
        worker.configure_signals()
    try:
        worker.run()
    finally:
        if upkeep:
            upkeep.stopped.set()


def make_worker(*, worker_id, interval=1.0, batch=False, max_tasks=None):
    return Worker(
        queue_names=["default"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=not batch,
        max_tasks=max_tasks,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
