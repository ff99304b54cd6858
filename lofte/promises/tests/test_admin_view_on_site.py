"""The admin's "view on site" redirect reveals a public address only to those who may view the
object in the admin: for everyone else it is a 404, so counting ids reveals no draft."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from lofte.events.models import Event
from lofte.promises.models import Membership

pytestmark = pytest.mark.django_db


def view_on_site(obj):
    return f"/admin/r/{ContentType.objects.get_for_model(obj).pk}/{obj.pk}/"


@pytest.fixture
def draft_objects(draft):
    commitment = draft.commitments().first()
    return [draft, commitment]


def test_a_coordinator_of_another_promise_gets_404_for_a_drafts_objects(
    client, charlie, draft_objects
):
    client.force_login(charlie)

    for obj in draft_objects:
        response = client.get(view_on_site(obj))
        assert response.status_code == 404, obj
        assert "utkast" not in response.get("Location", "")


def test_staff_without_a_role_get_404_even_for_a_published_promise(client, promise):
    frida = User.objects.create_user("frida", is_staff=True)
    client.force_login(frida)

    assert client.get(view_on_site(promise)).status_code == 404


def test_a_member_is_sent_to_the_page_of_her_promises_objects(client, alice, promise, draft):
    Membership.objects.create(user=alice, promise=draft, role=Membership.Role.COORDINATOR)
    client.force_login(alice)

    assert client.get(view_on_site(draft)).url == "http://testserver/medborgarloften/utkast/"
    commitment = promise.commitments().first()
    expected = f"http://testserver{commitment.get_absolute_url()}"
    assert client.get(view_on_site(commitment)).url == expected


@pytest.mark.parametrize("address", ["/admin/r/9999/1/", "/admin/r/x/1/", "/admin/r/1/x/"])
def test_unknown_content_types_and_ids_are_404(client, alice, address):
    client.force_login(alice)

    assert client.get(address).status_code == 404


def test_an_event_of_another_promise_is_404(client, charlie, promise):
    starts = timezone.make_aware(datetime.datetime(2025, 4, 20, 12))
    event = Event.objects.create(
        promise=promise,
        title="Träff",
        place_name="Torget",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    client.force_login(charlie)

    assert client.get(view_on_site(event)).status_code == 404
