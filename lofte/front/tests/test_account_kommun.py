"""The account page lists a person's roles in kommuner next to those in promises, each with
links to its work."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lofte.kommuner.models import KommunMembership
from lofte.testing import make_promise

pytestmark = pytest.mark.django_db


def account(client, user):
    client.force_login(user)
    return client.get("/en/konto/").content.decode()


def test_a_kommun_coordinator_finds_its_people_and_every_promise_of_the_kommun(
    client, greta, draft, other_promise
):
    html = account(client, greta)
    part = html.split('id="kommun-goteborg"', 1)[1]

    assert "Göteborg – coordinator" in html
    assert "/en/kommun/goteborg/personer/" in part
    assert "/en/uppfoljning/testby/" in part and "/en/uppfoljning/utkast/" in part
    assert "/en/uppfoljning/annanstad/" not in html
    assert "/admin/promises/promise/add/" in part  # she starts promises there
    assert "You have no rights in any promise yet" not in html


def test_an_analyst_finds_the_follow_up_of_the_kommuns_promises(client, axel, draft):
    html = account(client, axel)
    part = html.split('id="kommun-goteborg"', 1)[1]

    assert "Göteborg – analyst" in html
    assert "/en/uppfoljning/testby/" in part and "/en/uppfoljning/utkast/" in part
    assert "/en/kommun/goteborg/personer/" not in html
    assert "/admin/promises/promise/add/" not in html


def test_a_local_reporter_sees_her_role_for_her_organisation_and_no_promise(client, rut, draft):
    html = account(client, rut)

    assert "Göteborg – local reporter (Bostadsbolaget (exempel))" in html
    assert "/en/uppfoljning/" not in html


def test_roles_in_a_kommun_and_in_a_promise_show_side_by_side(client, alice, goteborg):
    KommunMembership.objects.create(user=alice, kommun=goteborg, role="analyst")
    html = account(client, alice)

    assert "My promises" in html and "Medborgarlöfte testby" in html
    assert "My municipalities" in html and "Göteborg – analyst" in html


def test_the_account_page_takes_the_same_number_of_queries_with_more_promises(
    client, greta, goteborg
):
    client.force_login(greta)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/konto/").status_code == 200
        return len(ctx)

    small = queries()
    for i in range(4):
        make_promise(f"fler{i}", actors=1, commitments=0, kommun=goteborg)
    assert queries() == small
