"""versioned_save: save only what nobody else changed meanwhile, and record what changed."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from lofte.history.models import Change
from lofte.history.versioned import EditConflict, diff, record, versioned_save
from lofte.promises.models import Commitment

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitment(promise):
    return promise.commitments().order_by("order").first()


def test_a_save_with_the_current_version_raises_it_and_records_the_change(
    promise, alice, commitment
):
    commitment.status = Commitment.Status.DONE
    change = versioned_save(commitment, 1, ["status"], user=alice, promise=promise)
    commitment.refresh_from_db()
    assert (commitment.status, commitment.version) == ("done", 2)
    assert change.fields == {"status": ["ongoing", "done"]}
    assert (change.user, change.action, change.target, change.is_public) == (
        alice,
        "changed",
        commitment,
        False,
    )


def test_a_save_with_an_old_version_raises_a_conflict_with_the_current_row(
    promise, alice, bob, commitment
):
    first = Commitment.objects.get(pk=commitment.pk)
    second = Commitment.objects.get(pk=commitment.pk)
    first.status = Commitment.Status.DONE
    versioned_save(first, 1, ["status"], user=alice, promise=promise)
    second.status = Commitment.Status.DELAYED
    with pytest.raises(EditConflict) as caught:
        versioned_save(second, 1, ["status"], user=bob, promise=promise)
    assert caught.value.current.status == "done"
    assert caught.value.current.version == 2
    with translation.override("en"):
        assert "Someone else changed this" in str(caught.value)
    commitment.refresh_from_db()
    assert commitment.status == "done"
    assert Change.objects.count() == 1


def test_only_the_named_fields_are_written(promise, alice, commitment):
    commitment.status = Commitment.Status.DONE
    commitment.title = "Inte sparad"
    versioned_save(commitment, 1, ["status"], user=alice, promise=promise)
    commitment.refresh_from_db()
    assert commitment.title == "Åtagande 0 i testby"


def test_a_save_without_changes_records_nothing_and_keeps_the_version(promise, alice, commitment):
    assert versioned_save(commitment, 1, ["status"], user=alice, promise=promise) is None
    commitment.refresh_from_db()
    assert commitment.version == 1
    assert not Change.objects.exists()


def test_a_new_object_is_created_at_version_one(promise, alice, commitment):
    new = Commitment(focus_area=commitment.focus_area, title="Nytt", status="planned")
    change = versioned_save(new, 0, ["title", "status"], user=alice, promise=promise)
    assert new.pk and new.version == 1
    assert change.action == "created"
    assert change.fields == {"title": [None, "Nytt"], "status": [None, "planned"]}


def test_a_public_change_is_marked_public(promise, alice, commitment):
    commitment.status = Commitment.Status.DONE
    versioned_save(commitment, 1, ["status"], user=alice, promise=promise, public=True)
    assert Change.objects.public().of(commitment).count() == 1


def test_record_keeps_no_anonymous_user(promise, commitment):
    change = record(commitment, user=AnonymousUser(), promise=promise, action="imported")
    assert change.user is None and change.fields == {}


def test_diff_stores_related_objects_and_dates_as_text(promise, commitment):
    other = Commitment.objects.get(pk=commitment.pk)
    other.starts_on = promise.period_start
    assert diff(commitment, other, ["starts_on", "focus_area"]) == {
        "starts_on": [None, "2024-01-01"]
    }


def test_every_action_is_said_in_words_and_an_unknown_one_as_it_is():
    from lofte.history.models import ACTION_LABELS

    with translation.override("en"):
        assert str(Change(action="submitted").action_label) == "submitted for approval"
        assert Change(action="something new").action_label == "something new"
    with translation.override("sv"):
        labels = {str(label) for label in ACTION_LABELS.values()}
    assert "submitted for approval" not in labels  # translated
