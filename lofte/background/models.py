"""Background work: one Job per piece of work a person or the schedule asked for, with its
attempts and the reason it failed, and the deliveries that keep its e-mails from going twice."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobQuerySet(models.QuerySet):
    def concerning(self, promise):
        """The work about this promise, newest first."""
        return self.filter(promise=promise).order_by("-created_at", "-pk")

    def abandoned(self, now=None):
        """Work a worker claimed and stopped renewing its lease on: the worker died."""
        return self.filter(status=Job.Status.RUNNING, lease_until__lt=now or timezone.now())

    def never_enqueued(self, now=None, after=datetime.timedelta(minutes=2)):
        """Waiting work whose task never reached the queue (the process died right after the
        commit, before on_commit enqueued it)."""
        return self.filter(
            status=Job.Status.QUEUED, task_id="", created_at__lt=(now or timezone.now()) - after
        )


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        RETRYING = "retrying", _("waiting to try again")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    kind = models.CharField(_("kind"), max_length=64)
    promise = models.ForeignKey(
        "promises.Promise", null=True, blank=True, on_delete=models.CASCADE, related_name="jobs"
    )
    kommun = models.ForeignKey(
        "kommuner.Kommun", null=True, blank=True, on_delete=models.CASCADE, related_name="jobs"
    )
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=5)
    # Why the last attempt failed; kept when a later one succeeds.
    reason = models.TextField(blank=True, max_length=2000)
    # What the work did, for a person: "10 000 e-mails sent".
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The next attempt is not before this.
    run_after = models.DateTimeField(null=True, blank=True)
    # A running job's worker renews this while it lives; past it, the job is taken up again.
    lease_until = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=128, blank=True)
    # The id of the latest task (django-tasks' result id) that runs this job.
    task_id = models.CharField(max_length=64, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["promise", "-created_at"]),
            models.Index(fields=["status", "lease_until"]),
        ]

    def __str__(self):
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def label(self):
        from lofte.background.jobs import kinds

        kind = kinds.get(self.kind)
        return kind.label if kind else self.kind

    @property
    def can_be_retried(self):
        return self.status == self.Status.FAILED


class Delivery(models.Model):
    """One recipient a job has e-mailed (or is e-mailing): a retry of the job skips them, so
    nobody gets the same mail twice."""

    class State(models.TextChoices):
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="deliveries")
    recipient = models.CharField(max_length=254)
    state = models.CharField(max_length=8, choices=State.choices, default=State.SENDING)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "recipient"], name="one_delivery_per_recipient")
        ]

    def __str__(self):
        return f"{self.recipient} ({self.state})"


class ScheduleRun(models.Model):
    """When the worker's schedule last started a periodic piece of work: shared by all workers,
    so that two of them never start it twice."""

    name = models.CharField(max_length=64, unique=True)
    last_run = models.DateTimeField()

    def __str__(self):
        return self.name
