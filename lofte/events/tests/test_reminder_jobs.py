"""The reminders the day before, run by the worker every hour, one job per promise; a mail
the server refuses is tried again by the job, and nobody is reminded twice."""

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from lofte.background import schedule
from lofte.background.models import Job
from lofte.events.actions import register
from lofte.events.jobs import REMIND
from lofte.events.models import Registration
from lofte.events.tests.test_event_pages import make_event
from lofte.events.tests.test_reminders import tomorrow_at
from lofte.testing import run_background_work

pytestmark = pytest.mark.django_db


class DownBackend(EmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("down")


@pytest.fixture
def tomorrows(promise):
    event = make_event(promise, tomorrow_at(18), title="Kvällsmöte", registration=True, capacity=5)
    register(event, "plats@example.se")
    mail.outbox.clear()
    return event


def test_the_worker_reminds_tomorrows_registrants_once(
    promise, tomorrows, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        schedule.start_due()
    job = Job.objects.get(kind=REMIND)
    assert job.promise == promise
    run_background_work()
    job.refresh_from_db()
    assert (job.status, job.result) == ("done", {"sent": 1})
    assert [m.to for m in mail.outbox] == [["plats@example.se"]]


def test_a_refused_reminder_is_unmarked_and_the_job_tries_again(
    promise, tomorrows, settings, django_capture_on_commit_callbacks
):
    from lofte.background.jobs import enqueue

    settings.EMAIL_BACKEND = f"{__name__}.DownBackend"
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue(REMIND, promise=promise)
    with django_capture_on_commit_callbacks(execute=True):
        run_background_work()
    job.refresh_from_db()
    assert job.status == "retrying"
    assert job.reason == "NotAllSent: 1 reminders could not be sent; 0 were."
    assert Registration.objects.get(email="plats@example.se").reminded_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert job.run_after is not None
    Job.objects.filter(pk=job.pk)  # the retry waits its backoff; make it due
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.update(run_after=job.created_at)
    run_background_work()
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("done", 2)
    assert [m.to for m in mail.outbox] == [["plats@example.se"]]
