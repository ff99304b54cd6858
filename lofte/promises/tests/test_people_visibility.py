"""Who may see a promise's people (members, their addresses, who changed what): one rule,
`Promise.objects.people_visible_to`, used by the people page, the history page and the admin."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.contenttypes.models import ContentType

from lofte.accounts.actions import invite
from lofte.promises.models import Membership, Promise

pytestmark = pytest.mark.django_db

MEMBERSHIPS = "/admin/promises/membership/"


@pytest.fixture
def staff_reader(rosa):
    rosa.is_staff = True
    rosa.save()
    return rosa


@pytest.fixture
def invited(promise, alice, dana):
    """Dana, given the reader's role by an invitation to her address."""
    return invite(promise, "dana@example.se", Membership.Role.READER, None, invited_by=alice)


def test_only_coordinators_and_superusers_see_a_promises_people(
    promise, alice, bob, erik, rosa, charlie, dana, invited
):
    root = User.objects.create_superuser("root", "root@example.se", "x-secret-1")
    for user in (alice, bob, root):
        assert promise.shows_people_to(user), user
    for user in (erik, rosa, charlie, dana, AnonymousUser()):
        assert not promise.shows_people_to(user), user
    assert set(Promise.objects.people_visible_to(rosa)) == set()
    assert set(Membership.objects.visible_to(alice)) == set(promise.memberships.all())
    assert not Membership.objects.visible_to(rosa).exists()


def test_a_reader_with_staff_status_sees_no_member_in_the_admin(
    client, staff_reader, alice, erik, invited
):
    client.force_login(staff_reader)

    assert client.get(MEMBERSHIPS).status_code == 403
    membership = Membership.objects.get(user=alice)
    assert client.get(f"{MEMBERSHIPS}{membership.pk}/change/").status_code == 403
    assert MEMBERSHIPS not in client.get("/admin/").content.decode()


def test_a_reader_does_not_see_who_changed_a_commitment_in_the_admin_history(
    client, staff_reader, alice, promise
):
    commitment = promise.commitments().first()
    LogEntry.objects.create(
        user=alice,
        content_type=ContentType.objects.get_for_model(commitment),
        object_id=str(commitment.pk),
        object_repr=str(commitment),
        action_flag=CHANGE,
    )
    url = f"/admin/promises/commitment/{commitment.pk}/history/"
    client.force_login(staff_reader)
    assert client.get(url).status_code == 403

    client.force_login(alice)
    assert "alice" in client.get(url).content.decode()


def test_the_history_page_and_the_people_page_follow_the_same_rule(
    client, promise, alice, rosa, invited
):
    client.force_login(rosa)
    assert "dana" not in client.get("/uppfoljning/testby/historik/").content.decode().lower()
    assert client.get("/uppfoljning/testby/personer/").status_code == 403

    client.force_login(alice)
    assert "dana" in client.get("/uppfoljning/testby/historik/").content.decode()
    assert "dana@example.se" in client.get("/uppfoljning/testby/personer/").content.decode()
