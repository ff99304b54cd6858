"""The Police's events fetched by the worker every hour, when the site turns it on."""

import pytest
from django_tasks_db.models import DBTaskResult

from lofte.background import schedule
from lofte.background.jobs import enqueue
from lofte.background.models import Job
from lofte.indicators.jobs import FETCH
from lofte.indicators.models import IndicatorImport
from lofte.indicators.tests.test_fetch_police_events import FakePolice, police  # noqa: F401
from lofte.testing import run_background_work

pytestmark = pytest.mark.django_db


def test_the_schedule_fetches_only_when_turned_on(settings):
    settings.LOFTE_FETCH_POLICE_EVENTS = False
    assert FETCH not in schedule.start_due()
    settings.LOFTE_FETCH_POLICE_EVENTS = True
    assert FETCH in schedule.start_due()
    assert Job.objects.filter(kind=FETCH).count() == 1


def test_a_fetch_job_imports_the_events(police, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue(FETCH, params={"url": police})
    run_background_work()
    job.refresh_from_db()
    assert job.status == "done"
    assert "Sparat som import" in job.result["output"]
    assert IndicatorImport.objects.get().via == "fetch"


def test_a_failed_fetch_keeps_the_api_s_answer_as_its_reason(
    police,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    FakePolice.answers = [(503, b"")]
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue(FETCH, params={"url": police})
    with django_capture_on_commit_callbacks(execute=True):
        run_background_work()
    job.refresh_from_db()
    assert job.status == "retrying" and "503" in job.reason
    assert DBTaskResult.objects.filter(status="READY").count() == 1  # the retry, waiting
