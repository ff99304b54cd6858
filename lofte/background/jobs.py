"""The background work's machinery: kinds of work, enqueueing on commit, running with a lease,
bounded retries with backoff, recovery of work whose worker died, and once-only deliveries.

An app declares a kind in its own jobs.py:

    @kind("followup.notify_subscribers", _("E-post till prenumeranter"))
    def notify(job): ...          # returns {"summary": "..."} or None; raises to fail

and asks for it with `enqueue("followup.notify_subscribers", promise=p, params={...})`.
The job row is written in the caller's transaction; its task reaches the queue only once that
commits (django-tasks' `run_job`, on any backend). A worker runs it through `run()`."""

import datetime
import logging
import os
import socket
import threading
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy

from lofte.background.models import Delivery, Job
from lofte.background.schedule import every

logger = logging.getLogger(__name__)


class Final(Exception):
    """Raised by a job that no retry can help (a file with wrong rows): it fails at once, with
    this reason and, if given, a result to show (the row errors)."""

    def __init__(self, reason, result=None):
        super().__init__(reason)
        self.result = result or {}


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    function: object
    max_attempts: int


kinds = {}


def kind(name, label, *, max_attempts=5):
    """Register a function as the kind of work `name`, shown to people as `label`."""

    def register(function):
        kinds[name] = Kind(name, label, function, max_attempts)
        return function

    return register


def lease():
    """How long a worker may go without renewing a job's lease before it counts as dead."""
    return datetime.timedelta(seconds=settings.LOFTE_JOB_LEASE_SECONDS)


def backoff(attempts):
    """The wait before attempt n+1 after n failed ones: 30 s, 2 min, 8 min, 32 min, …"""
    return datetime.timedelta(seconds=settings.LOFTE_JOB_RETRY_SECONDS * 4 ** (attempts - 1))


def enqueue(name, *, promise=None, kommun=None, params=None, user=None):
    """Record a job and queue its task once the current transaction commits; return the job."""
    if name not in kinds:
        raise ValueError(f"unknown kind of background work: {name}")
    job = Job.objects.create(
        kind=name,
        promise=promise,
        kommun=kommun if kommun is not None else getattr(promise, "kommun", None),
        params=params or {},
        max_attempts=kinds[name].max_attempts,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    _send_on_commit(job.pk)
    return job


def _send_on_commit(job_id, run_after=None):
    # robust: the request that asked for the work succeeds even if the queue is down; the
    # worker's sweep enqueues it later (Job.objects.never_enqueued).
    transaction.on_commit(lambda: _send(job_id, run_after), robust=True)


def _send(job_id, run_after=None):
    from lofte.background.tasks import run_job

    task = run_job.using(run_after=run_after) if run_after else run_job
    result = task.enqueue(job_id)
    Job.objects.filter(pk=job_id).update(task_id=str(result.id))


def worker_name():
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


class _Heartbeat(threading.Thread):
    """Renews a running job's lease from beside it, while the worker process lives."""

    def __init__(self, job_id, worker):
        super().__init__(daemon=True)
        self.job_id, self.worker = job_id, worker
        self.stopped = threading.Event()

    def run(self):
        try:
            while not self.stopped.wait(settings.LOFTE_JOB_LEASE_SECONDS / 3):
                try:
                    Job.objects.filter(
                        pk=self.job_id, worker=self.worker, status=Job.Status.RUNNING
                    ).update(lease_until=timezone.now() + lease())
                except DatabaseError:  # busy for a moment: the next beat renews it
                    logger.warning("Could not renew the lease of job %s", self.job_id)
        finally:
            connection.close()


def run(job_id):
    """Run the job if it is waiting (a task run twice, or for a finished job, does nothing);
    record what it did, or why it failed and when it is tried again. Returns its status."""
    worker = worker_name()
    now = timezone.now()
    claimed = Job.objects.filter(
        pk=job_id, status__in=[Job.Status.QUEUED, Job.Status.RETRYING]
    ).update(
        status=Job.Status.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        lease_until=now + lease(),
        worker=worker,
    )
    if not claimed:
        return None
    job = Job.objects.get(pk=job_id)
    heartbeat = _Heartbeat(job.pk, worker)
    heartbeat.start()
    try:
        if job.kind not in kinds:
            raise Final(f"Unknown kind of work: {job.kind}")
        result = kinds[job.kind].function(job)
    except Exception as exc:  # every failure is recorded with its reason, none kills the worker
        _failed(job, worker, exc)
    else:
        Job.objects.filter(pk=job.pk, worker=worker, status=Job.Status.RUNNING).update(
            status=Job.Status.DONE,
            result=result or {},
            finished_at=timezone.now(),
            lease_until=None,
        )
    finally:
        heartbeat.stopped.set()
        heartbeat.join()
    return Job.objects.values_list("status", flat=True).get(pk=job.pk)


def _reason(exc):
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _failed(job, worker, exc):
    with transaction.atomic():
        current = Job.objects.select_for_update().get(pk=job.pk)
        if current.worker != worker or current.status != Job.Status.RUNNING:
            return  # taken up by another worker meanwhile: its attempt counts
        if isinstance(exc, Final):
            current.result = exc.result
            current.save(update_fields=["result"])
        _give_up_or_retry(
            current,
            str(exc) if isinstance(exc, Final) else _reason(exc),
            final=isinstance(exc, Final),
        )


def _give_up_or_retry(job, reason, final=False):
    now = timezone.now()
    job.reason = reason[:2000]
    job.lease_until = None
    if job.attempts < job.max_attempts and not final:
        job.status = Job.Status.RETRYING
        job.run_after = now + backoff(job.attempts)
        job.save(update_fields=["status", "reason", "lease_until", "run_after"])
        _send_on_commit(job.pk, job.run_after)
    else:
        job.status = Job.Status.FAILED
        job.finished_at = now
        job.save(update_fields=["status", "reason", "lease_until", "finished_at"])


WORKER_DIED = "The worker stopped during the work (its lease ran out); taken up again."


def recover(now=None):
    """Take up again the work of dead workers, and queue work whose task never reached the
    queue. Run by every worker every few seconds; returns how many jobs it took up."""
    now = now or timezone.now()
    count = 0
    for job_id in Job.objects.abandoned(now).values_list("pk", flat=True):
        with transaction.atomic():
            job = Job.objects.select_for_update().filter(pk=job_id).first()
            if job is None or job.status != Job.Status.RUNNING or job.lease_until >= now:
                continue  # renewed or finished meanwhile
            stale_task = job.task_id
            _give_up_or_retry(job, WORKER_DIED)
            _forget_stale_task(stale_task)
            count += 1
    for job_id in Job.objects.never_enqueued(now).values_list("pk", flat=True):
        _send(job_id)
        count += 1
    return count


def _forget_stale_task(task_id):
    """Mark the dead worker's task as failed in the queue, so it does not look running."""
    from django_tasks_db.models import DBTaskResult

    if task_id:
        DBTaskResult.objects.filter(pk=task_id, status="RUNNING").update(
            status="FAILED", finished_at=timezone.now(), exception_class_path="WorkerDied"
        )


@transaction.atomic
def retry(job, user=None):
    """Try a failed job again from the start of its attempts (its deliveries are kept, so
    nobody already mailed is mailed again). Returns False if it had not failed."""
    updated = Job.objects.filter(pk=job.pk, status=Job.Status.FAILED).update(
        status=Job.Status.QUEUED, attempts=0, run_after=None, finished_at=None, task_id=""
    )
    if updated:
        _send_on_commit(job.pk)
    return bool(updated)


def deliver(job, recipient, send):
    """Call send() for this recipient unless the job already has: at most once per recipient.

    The delivery is recorded before the mail goes and confirmed after; if send raises, the
    record is removed so a retry sends it. Returns True when this call sent it."""
    try:
        with transaction.atomic():
            record = Delivery.objects.create(job=job, recipient=recipient)
    except IntegrityError:
        return False
    try:
        send()
    except BaseException:
        record.delete()
        raise
    Delivery.objects.filter(pk=record.pk).update(state=Delivery.State.SENT, at=timezone.now())
    return True


PRUNE = "background.prune"


@kind(PRUNE, gettext_lazy("Forget finished background work"))
def prune(job):
    """Forget finished work (and its deliveries) after LOFTE_KEEP_JOBS_DAYS, and the queue's
    finished tasks after a day."""
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    kept = now - datetime.timedelta(days=settings.LOFTE_KEEP_JOBS_DAYS)
    jobs, _ = Job.objects.filter(
        status__in=[Job.Status.DONE, Job.Status.FAILED], finished_at__lt=kept
    ).delete()
    tasks, _ = (
        DBTaskResult.objects.finished()
        .filter(finished_at__lt=now - datetime.timedelta(days=1))
        .delete()
    )
    return {"deleted": jobs, "tasks_deleted": tasks}


@every(PRUNE, datetime.timedelta(days=1))
def prune_daily():
    enqueue(PRUNE)
