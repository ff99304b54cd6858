"""The background work page: a promise's coordinators (and its kommun's) see its work, queued,
running, done and failed with the reason, and try failed work again; nobody else does."""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.utils import timezone

from lofte.background.models import Job
from lofte.followup.jobs import NOTIFY, OVERDUE
from lofte.followup.models import Subscription
from lofte.followup.tests.conftest import make_update
from lofte.testing import run_background_work

pytestmark = pytest.mark.django_db

URL = "/en/uppfoljning/testby/bakgrundsarbete/"


def retry_url(job, slug="testby"):
    return f"/en/uppfoljning/{slug}/bakgrundsarbete/{job.pk}/forsok-igen/"


def as_user(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def update(promise, periods):
    return make_update(promise.commitments().first(), periods[0], "Vi öppnade fritidsgården.")


@pytest.fixture
def work(promise, update, alice):
    """One job of each state about `testby`."""
    made = {}
    for status in Job.Status.values:
        made[status] = Job.objects.create(
            kind=NOTIFY,
            promise=promise,
            kommun=promise.kommun,
            params={"update": update.pk},
            status=status,
            attempts=5 if status == "failed" else 1,
            created_by=alice,
            reason="SMTPServerDisconnected: Connection unexpectedly closed"
            if status == "failed"
            else "",
            result={"sent": 12} if status == "done" else {},
        )
    return made


@pytest.fixture
def staff_without_role(db):
    return User.objects.create_user("sam", "sam@example.se", "secret-pass-1", is_staff=True)


def test_the_coordinator_sees_every_state_the_reason_and_a_retry_button_for_failed_work(
    promise, work, alice
):
    page = as_user(alice).get(URL).content.decode()
    for label in ("queued", "running", "waiting to try again", "done", "failed"):
        assert f'<span class="tag">{label}</span>' in page
    assert "E-mail to subscribers about an approved update" in page
    assert "12 e-mails sent." in page
    assert "Why it failed: SMTPServerDisconnected: Connection unexpectedly closed" in page
    assert page.count("Try again</button>") == 1
    assert retry_url(work["failed"]) in page


def test_the_kommun_coordinator_sees_the_work_of_the_kommuns_promises(promise, work, greta):
    response = as_user(greta).get(URL)
    assert response.status_code == 200
    assert len(response.context["jobs"]) == len(Job.Status.values)


def test_work_about_another_promise_is_not_listed(promise, other_promise, work, alice):
    Job.objects.create(kind=OVERDUE, promise=other_promise, reason="ANNAN-PROMISE")
    page = as_user(alice).get(URL).content.decode()
    assert "ANNAN-PROMISE" not in page


@pytest.mark.parametrize(
    "persona", ["charlie", "mats", "erik", "rosa", "dana", "staff_without_role", "axel"]
)
def test_everyone_but_its_coordinators_is_refused_the_page_and_the_retry(
    request, promise, work, persona
):
    user = request.getfixturevalue(persona)
    client = as_user(user)
    assert client.get(URL).status_code == 403
    assert client.post(retry_url(work["failed"])).status_code == 403
    assert Job.objects.get(pk=work["failed"].pk).status == "failed"


def test_anonymous_visitors_are_sent_to_the_login(client, promise, work):
    for response in (client.get(URL), client.post(retry_url(work["failed"]))):
        assert response.status_code == 302
        assert "/konto/logga-in/" in response["Location"]
    assert Job.objects.get(pk=work["failed"].pk).status == "failed"


def test_a_draft_s_work_is_a_404_to_staff_without_a_role(draft, staff_without_role):
    assert (
        as_user(staff_without_role).get("/en/uppfoljning/utkast/bakgrundsarbete/").status_code
        == 404
    )


def test_a_job_of_another_promise_cannot_be_retried_through_this_one(promise, other_promise, alice):
    theirs = Job.objects.create(kind=OVERDUE, promise=other_promise, status="failed")
    assert as_user(alice).post(retry_url(theirs)).status_code == 404
    assert Job.objects.get(pk=theirs.pk).status == "failed"


def test_retrying_failed_work_queues_it_and_a_worker_finishes_it(
    promise, work, alice, django_capture_on_commit_callbacks
):
    Subscription.objects.create(
        promise=promise, email="boende@example.se", token="t", confirmed_at=timezone.now()
    )
    failed = work["failed"]
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(alice).post(retry_url(failed))
    assert response.status_code == 302 and response["Location"] == URL
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == ("queued", 0)
    assert run_background_work() == 1
    failed.refresh_from_db()
    assert failed.status == "done"
    assert [m.to for m in mail.outbox] == [["boende@example.se"]]


def test_retrying_work_that_has_not_failed_does_nothing(promise, work, alice):
    response = as_user(alice).post(retry_url(work["done"]), follow=True)
    assert "Only failed work can be tried again." in response.content.decode()
    assert Job.objects.get(pk=work["done"].pk).status == "done"


def test_the_retry_needs_a_post(promise, work, alice):
    assert as_user(alice).get(retry_url(work["failed"])).status_code == 405


def test_the_dashboard_links_the_page_for_coordinators_only(promise, alice, rosa):
    assert URL in as_user(alice).get("/en/uppfoljning/testby/").content.decode()
    assert URL not in as_user(rosa).get("/en/uppfoljning/testby/").content.decode()
