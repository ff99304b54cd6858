import pytest
from django.contrib.auth.models import User

from lofte.promises.models import Membership, Promise

pytestmark = pytest.mark.django_db


def draft_urls(draft):
    c = draft.commitments().first()
    return [
        "/medborgarloften/utkast/",
        "/medborgarloften/utkast/hela/",
        "/medborgarloften/utkast/hela.pdf",
        "/medborgarloften/utkast/lofte.json",
        "/medborgarloften/utkast/kontakt/",
        f"/medborgarloften/utkast/ataganden/{c.pk}/",
        "/medborgarloften/utkast/handelser/",
        "/medborgarloften/utkast/kalender.ics",
        "/en/medborgarloften/utkast/",
    ]


def test_anonymous_gets_404_for_every_page_of_a_draft(client, draft):
    for url in draft_urls(draft):
        assert client.get(url).status_code == 404, url


def test_a_logged_in_user_without_rights_gets_404_for_a_draft(client, draft, dana):
    client.force_login(dana)
    for url in draft_urls(draft):
        assert client.get(url).status_code == 404, url


def test_a_coordinator_of_another_promise_gets_404_for_a_draft(client, draft, charlie):
    client.force_login(charlie)
    for url in draft_urls(draft):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("role", [Membership.Role.COORDINATOR, Membership.Role.READER])
def test_members_of_the_draft_see_it_marked_as_draft(client, draft, role):
    user = User.objects.create_user("member", password="x-secret-1")
    Membership.objects.create(user=user, promise=draft, role=role)
    client.force_login(user)
    for url in draft_urls(draft):
        assert client.get(url).status_code == 200, url
    assert "inte publicerat" in client.get("/medborgarloften/utkast/").content.decode()


def test_a_superuser_sees_a_draft(client, draft):
    client.force_login(User.objects.create_superuser("root", password="x-secret-1"))
    assert client.get("/medborgarloften/utkast/").status_code == 200


def test_the_home_page_lists_published_and_archived_promises_but_no_drafts(client, promise, draft):
    archived = Promise.objects.get(slug="testby")
    html = client.get("/").content.decode()
    assert "Medborgarlöfte testby" in html
    assert "Medborgarlöfte utkast" not in html
    archived.status = Promise.Status.ARCHIVED
    archived.save()
    html = client.get("/").content.decode()
    assert "Medborgarlöfte testby" in html and "avslutat" in html


def test_an_archived_promise_is_public_and_says_it_has_ended(client, promise):
    promise.status = Promise.Status.ARCHIVED
    promise.save()
    response = client.get("/medborgarloften/testby/")
    assert response.status_code == 200
    assert "har avslutats" in response.content.decode()
