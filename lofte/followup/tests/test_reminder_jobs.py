"""The daily reminders to late actors, run by the worker for each published promise."""

import pytest
from django.core import mail

from lofte.background import schedule
from lofte.background.models import Job
from lofte.followup.jobs import OVERDUE
from lofte.followup.models import Reminder
from lofte.testing import run_background_work

pytestmark = pytest.mark.django_db


def test_the_schedule_reminds_the_late_actors_of_each_published_promise_once(
    promise, draft, periods, erik, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        schedule.start_due()
    job = Job.objects.get(kind=OVERDUE)
    assert job.promise == promise  # not the draft
    run_background_work()
    job.refresh_from_db()
    # One reminder per period that is due (all eight of 2024–2025), to erik, the only editor.
    assert job.status == "done" and job.result == {"sent": 8}
    assert {m.to[0] for m in mail.outbox} == {erik.email} and len(mail.outbox) == 8
    assert Reminder.objects.filter(organisation__slug="aktor-testby-0").count() == 8


def test_a_retried_reminder_job_does_not_remind_an_organisation_again(
    promise, periods, erik, django_capture_on_commit_callbacks
):
    from lofte.background.jobs import enqueue

    with django_capture_on_commit_callbacks(execute=True):
        first = enqueue(OVERDUE, promise=promise, params={"skip_days": 7})
        again = enqueue(OVERDUE, promise=promise, params={"skip_days": 7})
    assert run_background_work() == 2
    assert len(mail.outbox) == 8
    first.refresh_from_db()
    again.refresh_from_db()
    assert (first.result, again.result) == ({"sent": 8}, {"sent": 0})
