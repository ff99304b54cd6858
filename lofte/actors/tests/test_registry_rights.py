"""A shared registry row is changed only by those responsible for every promise that uses it.

Any coordinator may view organisations and areas and add new ones. A row may be changed by a
superuser, or by a coordinator when every promise that uses it is one they coordinate and
either some promise uses it or they created it. Deleting needs the same, and no promise using it.
(A row with a kommun is also its kommun's: test_registry_kommun.py.)
"""

import ast
from pathlib import Path

import pytest
from django.contrib.auth.models import User

import lofte
from lofte.actors.models import Organisation
from lofte.areas.models import Area
from lofte.promises.models import Membership

pytestmark = pytest.mark.django_db

ORGANISATIONS = "/admin/actors/organisation/"
AREAS = "/admin/areas/area/"


@pytest.fixture
def police(promise):
    """An actor of `testby` only."""
    return promise.actors().order_by("pk").first()


@pytest.fixture
def shared(promise, other_promise):
    """An actor of both `testby` and `annanstad`."""
    organisation = promise.actors().order_by("pk").first()
    other_promise.commitments().first().actors.add(organisation)
    return organisation


@pytest.fixture
def root(db):
    return User.objects.create_superuser("root", "root@example.se", "x-secret-1")


def changeable(user, queryset=Organisation.objects):
    return set(queryset.changeable_by(user))


def deletable(user, queryset=Organisation.objects):
    return set(queryset.deletable_by(user))


def test_an_organisation_used_only_by_her_promises_is_hers_to_change(alice, charlie, police):
    assert police in changeable(alice)
    assert police not in changeable(charlie)
    assert police not in deletable(alice)  # a promise uses it


def test_an_organisation_used_by_another_promise_too_is_not_hers_to_change(
    alice, charlie, shared, root
):
    assert shared not in changeable(alice)
    assert shared not in changeable(charlie)
    assert shared in changeable(root) and shared in deletable(root)


def test_an_organisation_of_an_editors_membership_counts_as_used(
    alice, charlie, promise, other_promise
):
    unused = Organisation.objects.create(
        name="Fritidsgården", slug="fg", kind="nonprofit", created_by=charlie
    )
    assert unused in changeable(charlie) and unused in deletable(charlie)

    editor = User.objects.create_user("edda")
    Membership.objects.create(
        user=editor, promise=other_promise, role="editor", organisation=unused
    )

    assert unused in changeable(charlie)  # still only his promises use it
    assert unused not in deletable(charlie)
    Membership.objects.create(user=editor, promise=promise, role="editor", organisation=unused)
    assert unused not in changeable(charlie) and unused not in changeable(alice)


def test_an_unused_organisation_is_only_its_creators_to_change_and_delete(alice, bob, root):
    mine = Organisation.objects.create(name="Egen", slug="egen", kind="other", created_by=alice)
    nobodys = Organisation.objects.create(name="Ingens", slug="ingens", kind="other")

    assert changeable(alice) & {mine, nobodys} == {mine}
    assert deletable(alice) & {mine, nobodys} == {mine}
    assert changeable(bob) & {mine, nobodys} == set()
    assert deletable(root) >= {mine, nobodys}


def test_people_who_coordinate_nothing_change_nothing(dana, rosa, erik, police):
    for user in (dana, rosa, erik):
        assert changeable(user) == set() and deletable(user) == set()
    assert not Organisation.objects.viewable_by(dana).exists()


def test_an_area_is_changed_only_by_the_coordinators_of_the_promises_in_it(
    alice, charlie, promise, other_promise
):
    area = promise.area
    assert area in changeable(alice, Area.objects)
    assert area not in changeable(charlie, Area.objects)
    other_promise.area = area
    other_promise.save()
    assert area not in changeable(alice, Area.objects)
    assert area not in deletable(alice, Area.objects)


# Through the admin


def test_a_coordinator_of_another_promise_cannot_rename_an_actor_of_hers(client, charlie, police):
    client.force_login(charlie)
    url = f"{ORGANISATIONS}{police.pk}/change/"

    page = client.get(url)
    response = client.post(url, {"name": "Polisen", "slug": police.slug, "kind": "police"})

    assert page.status_code == 200 and page.context["has_change_permission"] is False
    assert response.status_code == 403
    police.refresh_from_db()
    assert police.name == "Aktör testby 0"


def test_a_coordinator_may_rename_an_actor_only_her_promise_uses(client, alice, police):
    client.force_login(alice)

    response = client.post(
        f"{ORGANISATIONS}{police.pk}/change/",
        {"name": "Polisen Hisingen", "slug": police.slug, "kind": "police"},
    )

    assert response.status_code == 302
    police.refresh_from_db()
    assert police.name == "Polisen Hisingen"


def test_nobody_but_a_superuser_renames_an_actor_two_promises_share(client, alice, shared, root):
    data = {"name": "Omdöpt", "slug": shared.slug, "kind": shared.kind}
    client.force_login(alice)
    assert client.post(f"{ORGANISATIONS}{shared.pk}/change/", data).status_code == 403
    client.force_login(root)
    assert client.post(f"{ORGANISATIONS}{shared.pk}/change/", data).status_code == 302
    shared.refresh_from_db()
    assert shared.name == "Omdöpt"


def test_a_coordinator_adds_an_organisation_and_may_delete_it_while_unused(
    client, alice, bob, promise
):
    client.force_login(alice)
    response = client.post(
        f"{ORGANISATIONS}add/",
        {"name": "Fritidsgården", "slug": "fritidsgarden", "kind": Organisation.Kind.NONPROFIT},
    )
    assert response.status_code == 302
    org = Organisation.objects.get(slug="fritidsgarden")
    assert org.created_by == alice

    client.force_login(bob)
    assert client.post(f"{ORGANISATIONS}{org.pk}/delete/", {"post": "yes"}).status_code == 403

    client.force_login(alice)
    assert client.post(f"{ORGANISATIONS}{org.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Organisation.objects.filter(pk=org.pk).exists()


def test_an_organisation_a_promise_uses_is_not_deleted_by_its_coordinator(client, alice, police):
    client.force_login(alice)

    response = client.post(f"{ORGANISATIONS}{police.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert Organisation.objects.filter(pk=police.pk).exists()


def test_a_coordinator_of_another_promise_cannot_rename_its_area(client, charlie, promise):
    client.force_login(charlie)

    response = client.post(
        f"{AREAS}{promise.area.pk}/change/", {"name": "Kapat", "kind": "mellanomrade", "code": "x"}
    )

    assert response.status_code == 403
    promise.area.refresh_from_db()
    assert promise.area.name == "Området testby"


def test_an_area_records_who_added_it(client, alice):
    client.force_login(alice)

    response = client.post(f"{AREAS}add/", {"name": "Backa Röd", "kind": "mellanomrade"})

    assert response.status_code == 302
    assert Area.objects.get(name="Backa Röd").created_by == alice


def test_the_registries_and_the_admin_site_import_nothing_from_the_apps_above_them():
    above = ("lofte.promises", "lofte.events", "lofte.followup", "lofte.accounts", "lofte.front")
    package = Path(lofte.__file__).parent
    for module in [
        "registries.py",
        "adminsite.py",
        "apps.py",
        "actors/models.py",
        "actors/admin.py",
        "areas/models.py",
        "areas/admin.py",
        "kommuner/models.py",
        "kommuner/admin.py",
    ]:
        tree = ast.parse((package / module).read_text())
        imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        assert not [name for name in imported if name and name.startswith(above)], module
