"""A change in history is described in one place (Change.field_changes), for every page.

Tests run in Swedish (lofte/conftest.py), so field names read in Swedish.
"""

import pytest
from django.utils import translation

from lofte.history.models import Change, FieldChange
from lofte.history.versioned import record

pytestmark = pytest.mark.django_db


def described(commitment, fields):
    change = record(
        commitment,
        user=None,
        promise=commitment.focus_area.promise,
        action="changed",
        fields=fields,
    )
    return Change.objects.get(pk=change.pk).field_changes()


def test_fields_are_named_as_people_read_them_and_choices_by_their_labels(promise):
    c = promise.commitments().first()
    rows = described(c, {"status": ["ongoing", "done"], "title": ["Gammal", "Ny"]})
    assert rows == [FieldChange("rubrik", "Gammal", "Ny"), FieldChange("status", "pågår", "klart")]


def test_things_that_are_not_fields_are_named_after_their_prefix(promise):
    c = promise.commitments().first()
    rows = described(c, {"measure:Antal besök": [None, "added"], "actors": ["A", "A, B"]})
    assert rows == [
        FieldChange("aktörer", "A", "A, B"),
        FieldChange("Antal besök", "–", "added"),
    ]


def test_empty_values_old_rows_and_unknown_fields_still_read(promise):
    c = promise.commitments().first()
    rows = described(
        c, {"target_group": ["", "Unga"], "removed_field": "kvar", "tags": [["a"], []]}
    )
    assert rows == [
        FieldChange("målgrupp", "–", "Unga"),
        FieldChange("removed_field", "–", "kvar"),
        FieldChange("tags", "a", "–"),
    ]


def test_a_field_change_reads_as_a_sentence():
    with translation.override("en"):
        assert str(FieldChange("status", "ongoing", "done")) == (
            "Status changed from “ongoing” to “done”"
        )


def test_the_history_page_shows_choices_by_their_labels(client, promise, alice):
    c = promise.commitments().first()
    record(c, user=alice, promise=promise, action="changed", fields={"status": ["ongoing", "done"]})
    client.force_login(alice)
    html = client.get("/uppfoljning/testby/historik/").content.decode()
    assert "Status: pågår → klart" in html


def test_the_commitment_page_shows_what_the_admin_changed_in_its_measures(client, promise, alice):
    c = promise.commitments().first()
    record(
        c,
        user=alice,
        promise=promise,
        action="changed",
        fields={"measure:Antal besök": [None, "added"]},
        public=True,
    )
    html = client.get(f"/en/medborgarloften/testby/ataganden/{c.pk}/").content.decode()
    history = html.split('id="history"', 1)[1]
    assert "Antal besök changed from “–” to “added”" in history
