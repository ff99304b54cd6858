"""Contact persons are personal data: only the coordinators of their promises see them."""

import pytest
from django.contrib.auth.models import User

from lofte.actors.models import ContactPerson, Organisation
from lofte.promises.models import Membership

pytestmark = pytest.mark.django_db

CONTACTS = "/admin/actors/contactperson/"


def private_contact(organisation, name="Privat Kontakt", **extra):
    return ContactPerson.objects.create(
        name=name,
        role="Handläggare",
        organisation=organisation,
        email="privat@example.se",
        is_public=False,
        **extra,
    )


def post_change(client, contact, **changes):
    data = {"name": contact.name, "role": contact.role, "organisation": contact.organisation_id}
    return client.post(f"{CONTACTS}{contact.pk}/change/", data | changes)


def test_a_private_contact_of_no_promise_is_hidden_from_coordinators_and_unchanged(
    client, alice, promise
):
    orphan = private_contact(Organisation.objects.create(name="Ny", slug="ny", kind="other"))
    client.force_login(alice)

    assert "Privat Kontakt" not in client.get(CONTACTS).content.decode()
    response = post_change(client, orphan, is_public="on", role="Överskriven")

    assert response.status_code == 302 and response.url == "/admin/"
    orphan.refresh_from_db()
    assert not orphan.is_public and orphan.role == "Handläggare"


def test_a_coordinator_of_another_promise_cannot_change_a_contact_of_a_shared_actor(
    client, charlie, promise, other_promise
):
    shared = promise.actors().order_by("pk").first()
    other_promise.commitments().first().actors.add(shared)
    contact = private_contact(shared)
    promise.contacts.add(contact)
    client.force_login(charlie)

    assert "Privat Kontakt" not in client.get(CONTACTS).content.decode()
    response = post_change(client, contact, is_public="on")

    assert response.status_code == 302 and response.url == "/admin/"
    contact.refresh_from_db()
    assert not contact.is_public


def test_a_coordinator_sees_and_changes_the_contacts_of_her_promise(client, alice, promise):
    contact = private_contact(promise.actors().first())
    promise.contacts.add(contact)
    client.force_login(alice)

    assert "Privat Kontakt" in client.get(CONTACTS).content.decode()
    assert post_change(client, contact, role="Samordnare").status_code == 302

    contact.refresh_from_db()
    assert contact.role == "Samordnare"


def test_a_new_contact_without_a_promise_is_only_its_creators(client, alice, bob, promise):
    client.force_login(alice)
    data = {"name": "Ny Kontakt", "role": "Rektor", "organisation": promise.actors().first().pk}
    assert client.post(f"{CONTACTS}add/", data, follow=True).status_code == 200
    contact = ContactPerson.objects.get(name="Ny Kontakt")
    assert contact.created_by == alice

    client.force_login(bob)  # coordinates the same promise, but the contact is not in it
    assert "Ny Kontakt" not in client.get(CONTACTS).content.decode()
    assert post_change(client, contact, role="Kapad").status_code == 302
    contact.refresh_from_db()
    assert contact.role == "Rektor"

    client.force_login(alice)
    assert post_change(client, contact, role="Biträdande rektor").status_code == 302
    contact.refresh_from_db()
    assert contact.role == "Biträdande rektor"


def test_a_contact_of_two_promises_is_changed_only_by_a_coordinator_of_both(
    client, alice, charlie, promise, other_promise
):
    contact = private_contact(promise.actors().first())
    promise.contacts.add(contact)
    other_promise.contacts.add(contact)
    client.force_login(alice)

    page = client.get(f"{CONTACTS}{contact.pk}/change/")
    assert page.status_code == 200 and page.context["has_change_permission"] is False
    assert post_change(client, contact, is_public="on").status_code == 403

    Membership.objects.create(user=alice, promise=other_promise, role="coordinator")
    assert post_change(client, contact, is_public="on").status_code == 302
    contact.refresh_from_db()
    assert contact.is_public


def test_a_superuser_sees_and_changes_every_contact(client, promise):
    root = User.objects.create_superuser("root", "root@example.se", "x-secret-1")
    orphan = private_contact(promise.actors().first())
    client.force_login(root)

    assert "Privat Kontakt" in client.get(CONTACTS).content.decode()
    assert post_change(client, orphan, role="Ny roll").status_code == 302
    orphan.refresh_from_db()
    assert orphan.role == "Ny roll"


def test_a_reader_with_staff_status_does_not_see_the_private_contacts_of_her_promise(
    client, rosa, promise
):
    promise.contacts.add(private_contact(promise.actors().first()))
    rosa.is_staff = True
    rosa.save()
    client.force_login(rosa)

    page = client.get(f"/admin/promises/promise/{promise.pk}/change/")

    assert page.status_code == 200
    assert "Privat Kontakt" not in page.content.decode()
    assert client.get(CONTACTS).status_code == 403
