"""Two people editing one update: nobody's work is overwritten without them seeing it."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from lofte.followup.actions import approve_update, save_update
from lofte.followup.models import MeasureValue, Update
from lofte.history.models import Change
from lofte.history.versioned import EditConflict

pytestmark = pytest.mark.django_db


@pytest.fixture
def c0(promise):
    return promise.commitments().order_by("order").first()


@pytest.fixture
def c2(promise):
    return promise.commitments().order_by("order")[2]


def edit_url(promise, period, commitment):
    with translation.override("sv"):
        return "/en" + reverse(
            "followup:edit_update", args=[promise.slug, period.pk, commitment.pk]
        )


def form_data(commitment, version, **fields):
    data = {
        "version": version,
        "action": "save",
        "status": "ongoing",
        "text": "",
        "evidence_url": "",
        "is_publishable": "on",
    }
    data.update(fields)
    for measure in commitment.measures.all():
        data.setdefault(f"measure_{measure.pk}", "")
    return data


def test_a_stale_save_is_refused_and_keeps_the_persons_input(
    client, promise, periods, erik, alice, c0
):
    q1 = periods[0]
    measure = c0.measures.get()
    save_update(Update(commitment=c0, period=q1, text="Början"), {}, erik, 0, submit=False)

    client.force_login(erik)
    page = client.get(edit_url(promise, q1, c0))
    assert 'name="version" value="1"' in page.content.decode()

    # Alice saves in between.
    update = Update.objects.get()
    update.text = "Alice rättade"
    save_update(update, {}, alice, 1, submit=False)

    response = client.post(
        edit_url(promise, q1, c0),
        form_data(c0, 1, text="Eriks långa text", **{f"measure_{measure.pk}": "7"}),
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this while you were editing it." in html
    assert "Eriks långa text" in html  # his input is still in the form
    assert "Alice rättade" in html  # and he sees what is saved now
    assert 'value="7"' in html
    assert 'name="version" value="2"' in html

    update.refresh_from_db()
    assert update.text == "Alice rättade" and update.version == 2
    assert not MeasureValue.objects.exists()
    assert not Change.objects.filter(user=erik).exclude(action="created").exists()


def test_after_a_conflict_saving_again_succeeds(client, promise, periods, erik, alice, c0):
    q1 = periods[0]
    save_update(Update(commitment=c0, period=q1, text="Början"), {}, erik, 0, submit=False)
    update = Update.objects.get()
    update.text = "Alice rättade"
    save_update(update, {}, alice, 1, submit=False)
    client.force_login(erik)
    conflict = client.post(edit_url(promise, q1, c0), form_data(c0, 1, text="Eriks"))
    version = conflict.context["form"]["version"].value()
    response = client.post(edit_url(promise, q1, c0), form_data(c0, version, text="Eriks"))
    assert response.status_code == 302
    assert Update.objects.get().text == "Eriks"


def test_two_people_starting_the_same_update_do_not_overwrite_each_other(
    client, promise, periods, erik, fatima, c2
):
    q1 = periods[0]
    client.force_login(erik)
    page = client.get(edit_url(promise, q1, c2))
    assert 'name="version" value="0"' in page.content.decode()
    # Fatima (commitment 2 is hers too) creates the update while Erik types.
    save_update(Update(commitment=c2, period=q1, text="Fatimas"), {}, fatima, 0, submit=False)
    response = client.post(edit_url(promise, q1, c2), form_data(c2, 0, text="Eriks"))
    assert response.status_code == 409
    assert "Eriks" in response.content.decode()
    assert Update.objects.get().text == "Fatimas"


def test_creating_an_update_that_exists_already_is_a_conflict_not_an_error(
    promise, periods, erik, fatima, c2
):
    q1 = periods[0]
    measure = c2.measures.get()
    save_update(Update(commitment=c2, period=q1, text="Fatimas"), {}, fatima, 0, submit=False)
    # Erik's update object was made before Fatima's was saved: the unique constraint catches it.
    with pytest.raises(EditConflict) as caught:
        save_update(
            Update(commitment=c2, period=q1, text="Eriks"), {measure.pk: Decimal(3)}, erik, 0, False
        )
    assert caught.value.current.text == "Fatimas"
    assert Update.objects.get().text == "Fatimas"
    assert not MeasureValue.objects.exists()
    assert Change.objects.count() == 1


def test_a_stale_change_of_numbers_alone_is_a_conflict(promise, periods, erik, alice, c0):
    q1 = periods[0]
    measure = c0.measures.get()
    update = save_update(
        Update(commitment=c0, period=q1, text="x"), {measure.pk: Decimal(1)}, erik, 0, False
    )
    save_update(Update.objects.get(), {measure.pk: Decimal(2)}, alice, 1, False)
    assert Update.objects.get().version == 2
    with pytest.raises(EditConflict):
        save_update(update, {measure.pk: Decimal(5)}, erik, 1, False)
    assert MeasureValue.objects.get().value == Decimal(2)


def test_saving_without_changes_records_nothing(promise, periods, erik, c0):
    q1 = periods[0]
    update = save_update(Update(commitment=c0, period=q1, text="x"), {}, erik, 0, False)
    save_update(update, {}, erik, 1, False)
    assert Update.objects.get().version == 1
    assert Change.objects.count() == 1


def test_an_update_approved_while_the_form_was_open_is_a_conflict_not_a_refusal(
    client, promise, periods, erik, alice, c0
):
    q1 = periods[0]
    save_update(Update(commitment=c0, period=q1, text="Början"), {}, erik, 0, submit=True)
    client.force_login(erik)
    assert 'name="version" value="1"' in client.get(edit_url(promise, q1, c0)).content.decode()
    approve_update(Update.objects.get(), alice, "", expected_version=1)

    response = client.post(edit_url(promise, q1, c0), form_data(c0, 1, text="Eriks ändring"))
    assert response.status_code == 409
    html = response.content.decode()
    assert str(EditConflict.message) in html
    assert "can no longer be changed" in html
    assert Update.objects.get().text == "Början"
    # A form for the version it already shows is no conflict: an approved update is read-only.
    response = client.post(edit_url(promise, q1, c0), form_data(c0, 2, text="Eriks ändring"))
    assert response.status_code == 403
    assert Update.objects.get().text == "Början"
