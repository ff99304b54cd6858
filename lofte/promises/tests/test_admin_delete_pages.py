"""Delete pages name only what the person may view in the admin and count the rest: no page
shows subscribers' or invited people's addresses."""

import pytest
from django.contrib.auth.models import User

from lofte.accounts.models import Invitation
from lofte.followup.models import Subscription
from lofte.promises.models import Membership

pytestmark = pytest.mark.django_db

ADDRESSES = ["boende1@example.se", "boende2@example.se", "inbjuden@example.se"]


@pytest.fixture
def private_rows(promise, alice):
    for n, email in enumerate(ADDRESSES[:2]):
        Subscription.objects.create(promise=promise, email=email, token=f"t{n}")
    Invitation.objects.create(
        promise=promise,
        email=ADDRESSES[2],
        role=Membership.Role.EDITOR,
        organisation=promise.actors().first(),
        invited_by=alice,
    )


@pytest.fixture
def root(db):
    return User.objects.create_superuser("root", "root@example.se", "x-secret-1")


def assert_counted_not_listed(html):
    for address in ADDRESSES:
        assert address not in html
    assert "2 prenumerationer" in html
    assert "1 inbjudan" in html


@pytest.mark.parametrize("persona", ["alice", "root"])
def test_the_promise_delete_page_counts_subscriptions_and_invitations(
    client, promise, private_rows, persona, request
):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(f"/admin/promises/promise/{promise.pk}/delete/")

    assert response.status_code == 200
    html = response.content.decode()
    assert_counted_not_listed(html)
    assert "Åtagande 0 i testby" in html  # what she may view is still named


def test_deleting_promises_from_the_list_counts_them_too(client, alice, promise, private_rows):
    client.force_login(alice)

    response = client.post(
        "/admin/promises/promise/",
        {"action": "delete_selected", "_selected_action": [promise.pk]},
    )

    assert response.status_code == 200
    assert_counted_not_listed(response.content.decode())


def test_the_organisation_delete_page_counts_invitations(client, root, promise, private_rows):
    client.force_login(root)
    organisation = Invitation.objects.get().organisation

    html = client.get(f"/admin/actors/organisation/{organisation.pk}/delete/").content.decode()

    assert "inbjuden@example.se" not in html
    assert "1 inbjudan" in html
