"""Coordinators review updates: approve them onto the commitment, or return them with a comment."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from lofte.followup import actions
from lofte.followup.actions import approve_update, return_update, save_update
from lofte.followup.models import Update
from lofte.history.models import Change
from lofte.history.versioned import EditConflict
from lofte.promises.models import Promise
from lofte.testing import run_background_work

pytestmark = pytest.mark.django_db


def en(name, args):
    with translation.override("sv"):
        return "/en" + reverse(name, args=args)


@pytest.fixture
def notified(monkeypatch):
    calls = []
    monkeypatch.setattr(actions, "notify_later", lambda update, user=None: calls.append(update))
    return calls


@pytest.fixture
def c0(promise):
    return promise.commitments().order_by("order").first()


def submitted(commitment, period, user, status="done", text="Tio träffar.", publishable=True):
    update = Update(
        commitment=commitment,
        period=period,
        status=status,
        text=text,
        is_publishable=publishable,
    )
    measure = commitment.measures.first()
    return save_update(update, {measure.pk: 10}, user, 0, submit=True)


def review_url(promise, update):
    return en("followup:review", [promise.slug, update.pk])


def list_url(promise):
    return en("followup:review_list", [promise.slug])


def test_only_coordinators_may_review(client, promise, periods, erik, fatima, dana, charlie, c0):
    update = submitted(c0, periods[0], erik)
    for url in (list_url(promise), review_url(promise, update)):
        client.logout()
        assert client.get(url).status_code == 302
        for user in (erik, fatima, dana, charlie):
            client.force_login(user)
            assert client.get(url).status_code == 403
    client.force_login(erik)
    response = client.post(review_url(promise, update), {"decision": "approve", "version": 1})
    assert response.status_code == 403
    assert Update.objects.get().state == "submitted"


def test_an_update_of_another_promise_is_a_404(
    client, promise, other_promise, periods, alice, erik, c0
):
    update = submitted(c0, periods[0], erik)
    client.force_login(alice)
    url = en("followup:review", [other_promise.slug, update.pk])
    assert client.get(url).status_code == 403  # alice coordinates testby, not annanstad
    assert client.get(en("followup:review", [promise.slug, 9999])).status_code == 404


def test_the_list_shows_waiting_updates_oldest_first_then_recently_reviewed(
    client, promise, periods, alice, erik, c0, notified
):
    first = submitted(c0, periods[0], erik)
    second = submitted(c0, periods[1], erik)
    done = submitted(c0, periods[2], erik)
    approve_update(done, alice)
    Update.objects.filter(pk=first.pk).update(
        submitted_at=timezone.now() - timezone.timedelta(days=2)
    )
    client.force_login(alice)
    response = client.get(list_url(promise))
    assert response.status_code == 200
    assert list(response.context["waiting"]) == [first, second]
    assert list(response.context["reviewed"]) == [done]


def test_the_review_page_shows_the_update_in_full(client, promise, periods, alice, erik, c0):
    update = submitted(c0, periods[0], erik, text="Vi höll tio träffar i Backa.")
    client.force_login(alice)
    response = client.get(review_url(promise, update))
    html = response.content.decode()
    assert "Vi höll tio träffar i Backa." in html
    assert "Antal träffar" in html
    assert 'name="version" value="1"' in html
    assert "Approve" in html and "Return with comment" in html


def test_alice_approves_and_the_commitment_takes_the_status(
    client, promise, periods, alice, erik, c0, notified, django_capture_on_commit_callbacks
):
    update = submitted(c0, periods[0], erik, status="done")
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review_url(promise, update), {"decision": "approve", "version": 1})
    assert response.status_code == 302
    update.refresh_from_db()
    c0.refresh_from_db()
    assert (update.state, update.reviewed_by) == ("approved", alice)
    assert update.reviewed_at is not None
    assert c0.status == "done" and c0.version == 2
    assert Change.objects.of(update).first().action == "approved"
    status_change = Change.objects.of(c0).get()
    assert status_change.fields == {"status": ["ongoing", "done"]}
    assert status_change.is_public and status_change.user == alice
    assert [u.pk for u in notified] == [update.pk]
    assert Update.objects.published().get() == update


def test_approving_mails_the_confirmed_subscribers_once_it_is_saved(
    promise, periods, alice, erik, c0, django_capture_on_commit_callbacks
):
    from lofte.followup.models import Subscription

    Subscription.objects.create(
        promise=promise, email="boende@example.se", token="t1", confirmed_at=timezone.now()
    )
    Subscription.objects.create(promise=promise, email="obekraftad@example.se", token="t2")
    update = submitted(c0, periods[0], erik, status="done")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        approve_update(update, alice)
        assert mail.outbox == []  # nothing leaves before the approval is committed
    assert len(callbacks) == 1
    assert mail.outbox == []  # nor while the approval's request runs: a worker sends it
    assert run_background_work() == 1
    assert [m.to for m in mail.outbox] == [["boende@example.se"]]


def test_an_update_that_may_not_be_published_changes_the_status_privately(
    promise, periods, alice, erik, c0, notified
):
    update = submitted(c0, periods[0], erik, status="delayed", publishable=False)
    approve_update(update, alice)
    c0.refresh_from_db()
    assert c0.status == "delayed"
    assert not Change.objects.of(c0).get().is_public
    assert notified == []


def test_approving_in_a_draft_promise_is_not_public_history(draft, alice, notified):
    from lofte.followup.models import ReportingPeriod

    period = ReportingPeriod.objects.bulk_create(ReportingPeriod.quarters_for(draft))[0]
    commitment = draft.commitments().first()
    update = submitted(commitment, period, alice, status="done")
    approve_update(update, alice)
    assert not Change.objects.of(commitment).get().is_public
    assert draft.status == Promise.Status.DRAFT


def test_returning_needs_a_comment(client, promise, periods, alice, erik, c0):
    update = submitted(c0, periods[0], erik)
    client.force_login(alice)
    response = client.post(
        review_url(promise, update), {"decision": "return", "version": 1, "comment": " "}
    )
    assert response.status_code == 400
    assert "comment" in response.context["form"].errors
    assert Update.objects.get().state == "submitted"
    with pytest.raises(ValueError):
        return_update(update, alice, "")


def test_a_returned_update_reaches_erik_by_mail_and_on_his_list(
    client, promise, periods, alice, erik, fatima, c0, django_capture_on_commit_callbacks
):
    update = submitted(c0, periods[0], erik)
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            review_url(promise, update),
            {"decision": "return", "version": 1, "comment": "Hur många deltog?"},
        )
    assert response.status_code == 302
    update.refresh_from_db()
    assert (update.state, update.review_comment) == ("returned", "Hur många deltog?")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["erik@example.se"]  # fatima's actor is not on commitment 0
    assert "Hur många deltog?" in message.body
    assert f"/uppfoljning/testby/rapportera/{periods[0].pk}/{c0.pk}/" in message.body

    client.force_login(erik)
    page = client.get(en("followup:my_commitments", [promise.slug])).content.decode()
    assert "Hur många deltog?" in page
    c0.refresh_from_db()
    assert c0.status == "ongoing"


def test_a_stale_review_shows_the_conflict_instead_of_approving(
    client, promise, periods, alice, erik, c0, notified
):
    update = submitted(c0, periods[0], erik, text="Först")
    client.force_login(alice)
    client.get(review_url(promise, update))  # alice opens the page at version 1
    update.text = "Ändrat av Erik"
    save_update(update, {}, erik, 1, submit=True)
    response = client.post(review_url(promise, update), {"decision": "approve", "version": 1})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this" in html
    assert "Ändrat av Erik" in html
    assert 'name="version" value="2"' in html
    assert Update.objects.get().state == "submitted"
    assert notified == []


def test_only_a_waiting_update_can_be_reviewed(client, promise, periods, alice, erik, c0):
    update = save_update(Update(commitment=c0, period=periods[0], text="x"), {}, erik, 0, False)
    client.force_login(alice)
    response = client.post(review_url(promise, update), {"decision": "approve", "version": 1})
    assert response.status_code == 409
    assert Update.objects.get().state == "draft"


def test_a_bad_decision_is_a_form_error(client, promise, periods, alice, erik, c0):
    update = submitted(c0, periods[0], erik)
    client.force_login(alice)
    response = client.post(review_url(promise, update), {"decision": "publish", "version": "x"})
    assert response.status_code == 400


def test_approving_directly_with_a_stale_version_raises(promise, periods, alice, erik, c0):
    update = submitted(c0, periods[0], erik)
    with pytest.raises(EditConflict):
        approve_update(update, alice, expected_version=0)


def test_approving_a_late_report_on_an_earlier_period_keeps_the_newer_status(
    promise, periods, alice, erik, c0
):
    approve_update(submitted(c0, periods[1], erik, status="done"), alice)
    approve_update(submitted(c0, periods[0], erik, status="ongoing"), alice)
    c0.refresh_from_db()
    assert c0.status == "done"


class FailingMail:
    """An e-mail backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("connection refused")


def test_approving_and_returning_work_when_the_mail_server_is_down(
    client, promise, periods, alice, erik, c0, settings, django_capture_on_commit_callbacks
):
    from lofte.followup.models import Subscription

    settings.EMAIL_BACKEND = f"{__name__}.FailingMail"
    Subscription.objects.create(
        promise=promise, email="boende@example.se", token="t1", confirmed_at=timezone.now()
    )
    first = submitted(c0, periods[0], erik, status="done")
    second = submitted(c0, periods[1], erik, status="done")
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        approved = client.post(review_url(promise, first), {"decision": "approve", "version": 1})
        returned = client.post(
            review_url(promise, second),
            {"decision": "return", "version": 1, "comment": "Fler detaljer, tack."},
        )
    assert approved.status_code == 302 and returned.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == ("approved", "returned")


def test_the_return_mail_is_in_swedish_even_when_the_coordinator_reads_english(
    client, promise, periods, alice, erik, c0, django_capture_on_commit_callbacks
):
    update = submitted(c0, periods[0], erik)
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            review_url(promise, update),  # an /en/ address
            {"decision": "return", "version": 1, "comment": "Hur många?"},
        )
    body = mail.outbox[0].body
    assert "har skickat tillbaka er rapport" in body
    assert "/en/" not in body
