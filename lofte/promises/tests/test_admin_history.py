"""Changes to a commitment in the admin are kept in history and never overwrite another's."""

import pytest

from lofte.followup.actions import approve_update
from lofte.followup.models import Update
from lofte.history.models import Change
from lofte.history.versioned import EditConflict
from lofte.promises.admin import CommitmentAdmin, CommitmentForm
from lofte.promises.models import Commitment, Promise
from lofte.promises.tests.test_admin_access import COMMITMENTS, change_url, form_data

pytestmark = pytest.mark.django_db


def test_a_change_in_the_admin_is_kept_in_history_with_who_and_what(client, alice, promise):
    commitment = promise.commitments().first()
    old_title = commitment.title
    client.force_login(alice)
    page = client.get(change_url(COMMITMENTS, commitment))
    response = client.post(
        change_url(COMMITMENTS, commitment),
        form_data(page, title="Läxhjälp varje tisdag", status=Commitment.Status.DONE),
    )
    assert response.status_code == 302
    change = Change.objects.of(commitment).get()
    assert change.user == alice and change.is_public
    assert change.fields["title"] == [old_title, "Läxhjälp varje tisdag"]
    assert change.fields["status"] == ["ongoing", "done"]
    commitment.refresh_from_db()
    assert commitment.version == 2


def test_changed_actors_and_measures_are_in_the_history_too(client, alice, promise):
    commitment = promise.commitments().first()
    client.force_login(alice)
    page = client.get(change_url(COMMITMENTS, commitment))
    one_actor = str(commitment.actors.order_by("pk").first().pk)
    data = form_data(page, actors=[one_actor], **{"measures-0-target": "25"})
    assert client.post(change_url(COMMITMENTS, commitment), data).status_code == 302
    fields = Change.objects.of(commitment).get().fields
    assert "actors" in fields and fields["measure:Antal träffar"][1] == "target"


def test_a_commitment_added_with_a_measure_is_kept_in_history(client, alice, promise):
    client.force_login(alice)
    data = {
        "focus_area": promise.focus_areas.first().pk,
        "actors": [promise.actors().first().pk],
        "title": "Nattvandring",
        "status": Commitment.Status.PLANNED,
        "order": "0",
        "measures-TOTAL_FORMS": "1",
        "measures-INITIAL_FORMS": "0",
        "measures-0-name": "Antal kvällar",
        "measures-0-unit": "st",
        "measures-0-higher_is_better": "on",
    }

    response = client.post(f"{COMMITMENTS}add/", data)

    assert response.status_code == 302
    commitment = Commitment.objects.get(title="Nattvandring")
    change = Change.objects.of(commitment).get()
    assert change.action == "created"
    assert change.fields["measure:Antal kvällar"] == [None, "tillagd"]


def test_saving_an_unchanged_form_records_nothing(client, alice, promise):
    commitment = promise.commitments().first()
    client.force_login(alice)
    page = client.get(change_url(COMMITMENTS, commitment))
    assert client.post(change_url(COMMITMENTS, commitment), form_data(page)).status_code == 302
    assert not Change.objects.of(commitment).exists()


def test_an_edit_over_a_newer_version_is_refused_and_keeps_both(
    client, alice, bob, erik, promise, periods
):
    commitment = promise.commitments().order_by("order").first()
    client.force_login(alice)
    page = client.get(change_url(COMMITMENTS, commitment))  # Alice opens version 1
    # Meanwhile Bob approves Erik's report, which sets the status.
    update = Update.objects.create(
        commitment=commitment,
        period=periods[0],
        status="done",
        text="Klart.",
        state=Update.State.SUBMITTED,
    )
    approve_update(update, bob)
    response = client.post(
        change_url(COMMITMENTS, commitment), form_data(page, title="Alice ny rubrik")
    )
    # A conflict is a 409 everywhere in Löfte, with the message and her input kept.
    assert response.status_code == 409
    html = response.content.decode()
    assert "Någon annan ändrade det här" in html
    assert 'value="Alice ny rubrik"' in html
    commitment.refresh_from_db()
    assert commitment.status == "done" and commitment.title != "Alice ny rubrik"


def test_a_save_overtaken_after_the_forms_check_is_a_409_too(client, alice, promise, monkeypatch):
    """Bob saves after the form's check passed but before Alice's save: hers rolls back, and
    the form, checked again, says so instead of failing."""
    commitment = promise.commitments().first()
    client.force_login(alice)
    page = client.get(change_url(COMMITMENTS, commitment))
    checks = []
    check = CommitmentForm.clean

    def clean(form):
        checks.append(form)
        if len(checks) == 2:  # Bob's save, committed by now
            Commitment.objects.filter(pk=commitment.pk).update(title="Bobs rubrik", version=2)
        return check(form)

    def save_model(self, request, obj, form, change):
        raise EditConflict(obj)  # what the save finds after Bob's

    monkeypatch.setattr(CommitmentForm, "clean", clean)
    monkeypatch.setattr(CommitmentAdmin, "save_model", save_model)
    response = client.post(
        change_url(COMMITMENTS, commitment), form_data(page, title="Alice ny rubrik")
    )

    assert response.status_code == 409
    assert 'value="Alice ny rubrik"' in response.content.decode()
    commitment.refresh_from_db()
    assert commitment.title == "Bobs rubrik"


def test_changes_in_a_draft_are_not_public_history(client, alice, draft):
    from lofte.promises.models import Membership

    Membership.objects.create(user=alice, promise=draft, role=Membership.Role.COORDINATOR)
    commitment = draft.commitments().first()
    client.force_login(alice)
    page = client.get(change_url(COMMITMENTS, commitment))
    client.post(change_url(COMMITMENTS, commitment), form_data(page, title="Ny"))
    assert Change.objects.of(commitment).get().is_public is False
    assert Promise.objects.get(pk=draft.pk).status == "draft"
