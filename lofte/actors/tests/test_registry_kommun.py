"""A registry row with a kommun is also its kommun's to look after: an organisation its
coordinators', an area its coordinators' and analysts'. A national row (no kommun, such as
the Police) keeps the rule of the promises that use it, in which a kommun coordinator counts as
a coordinator of every promise of the kommun."""

import pytest
from django.contrib.auth.models import User

from lofte.actors.models import Organisation
from lofte.areas.models import Area
from lofte.kommuner.models import KommunMembership
from lofte.testing import get_kommun

pytestmark = pytest.mark.django_db

ORGANISATIONS = "/admin/actors/organisation/"
AREAS = "/admin/areas/area/"


def changeable(user, queryset=Organisation.objects):
    return set(queryset.changeable_by(user))


def deletable(user, queryset=Organisation.objects):
    return set(queryset.deletable_by(user))


@pytest.fixture
def local(promise, other_promise, goteborg):
    """A Göteborg organisation acting in both `testby` and Malmö's `annanstad`."""
    organisation = Organisation.objects.create(
        name="Fritidsgården Backa", slug="fritidsgarden-backa", kind="nonprofit", kommun=goteborg
    )
    promise.commitments().first().actors.add(organisation)
    other_promise.commitments().first().actors.add(organisation)
    return organisation


@pytest.fixture
def national(promise, other_promise):
    """An organisation without a kommun acting in both promises."""
    organisation = Organisation.objects.create(name="Polisen", slug="polisen", kind="police")
    promise.commitments().first().actors.add(organisation)
    other_promise.commitments().first().actors.add(organisation)
    return organisation


def test_a_kommun_coordinator_changes_her_kommuns_organisation_whoever_else_uses_it(
    greta, mats, local
):
    assert local in changeable(greta)
    assert local not in changeable(mats)  # his promise uses it, but so does testby
    assert local not in deletable(greta)  # promises use it


def test_a_national_organisation_keeps_the_rule_of_the_promises_that_use_it(
    greta, mats, national, admin_user
):
    assert national not in changeable(greta) and national not in changeable(mats)
    assert national in changeable(admin_user)


def test_a_kommun_coordinator_counts_as_coordinator_of_her_kommuns_promises(greta, promise):
    actor = promise.actors().order_by("pk").first()  # national, used by testby alone
    assert actor.kommun is None
    assert actor in changeable(greta)
    assert promise.area in changeable(greta, Area.objects)


def test_a_kommun_coordinator_deletes_an_unused_organisation_of_her_kommun(greta, mats, goteborg):
    unused = Organisation.objects.create(
        name="Ny förening", slug="ny-forening", kind="nonprofit", kommun=goteborg
    )
    assert unused in deletable(greta)
    assert unused not in changeable(mats)


def test_an_analyst_looks_after_her_kommuns_areas_but_not_its_organisations(
    axel, promise, local, goteborg, malmo
):
    assert Area.objects.viewable_by(axel).exists()
    assert promise.area in changeable(axel, Area.objects)
    malmo_area = Area.objects.create(name="Rosengård", kind="mellanomrade", kommun=malmo)
    assert malmo_area not in changeable(axel, Area.objects)
    assert not Organisation.objects.viewable_by(axel).exists()
    assert local not in changeable(axel)


def test_a_local_reporter_looks_after_no_registry(rut, promise):
    for manager in (Organisation.objects, Area.objects):
        assert not manager.looked_after_by(rut)
        assert not manager.viewable_by(rut).exists()
        assert not manager.changeable_by(rut).exists()


def test_a_kommun_coordinator_with_no_promise_yet_looks_after_the_registries(db):
    stockholm = get_kommun("0180")
    user = User.objects.create_user("sture", is_staff=True)
    KommunMembership.objects.create(user=user, kommun=stockholm, role="coordinator")
    own = Area.objects.create(name="Järva", kind="mellanomrade", kommun=stockholm)

    assert Organisation.objects.looked_after_by(user)
    assert own in changeable(user, Area.objects) and own in deletable(user, Area.objects)


def test_a_kommun_coordinator_cannot_change_another_kommuns_area(mats, promise):
    assert promise.area.kommun.code == "1480"
    assert promise.area not in changeable(mats, Area.objects)


# Through the admin


def test_a_new_organisation_gets_the_coordinators_kommun_to_begin_with(client, greta, goteborg):
    client.force_login(greta)

    form = client.get(f"{ORGANISATIONS}add/").context["adminform"].form

    assert form.initial["kommun"] == goteborg.pk
    assert list(form.fields["kommun"].queryset) == [goteborg]
    assert not form.fields["kommun"].required  # empty: a national actor

    data = {"name": "Fritidsgården", "slug": "fritidsgarden", "kind": "nonprofit"}
    response = client.post(f"{ORGANISATIONS}add/", data | {"kommun": goteborg.pk})
    assert response.status_code == 302
    assert Organisation.objects.get(slug="fritidsgarden").kommun == goteborg


def test_a_coordinator_cannot_put_a_new_row_in_another_kommun(client, greta, malmo):
    client.force_login(greta)
    data = {"name": "Fritidsgården", "slug": "fritidsgarden", "kind": "nonprofit"}

    response = client.post(f"{ORGANISATIONS}add/", data | {"kommun": malmo.pk})

    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("kommun")
    assert not Organisation.objects.filter(slug="fritidsgarden").exists()


def test_a_promise_coordinator_without_a_kommun_role_adds_national_rows(client, alice):
    client.force_login(alice)

    form = client.get(f"{ORGANISATIONS}add/").context["adminform"].form

    assert "kommun" not in form.initial
    assert not form.fields["kommun"].queryset.exists()


def test_an_analyst_adds_and_renames_areas_of_her_kommun(client, axel, promise, goteborg):
    client.force_login(axel)
    assert client.get(f"{AREAS}add/").context["adminform"].form.initial["kommun"] == goteborg.pk

    response = client.post(
        f"{AREAS}add/",
        {"name": "Backa Röd", "kind": "regso", "code": "1480R006", "kommun": goteborg.pk},
    )
    assert response.status_code == 302
    assert Area.objects.get(code="1480R006").kommun == goteborg

    url = f"{AREAS}{promise.area.pk}/change/"
    data = {"name": "Backa", "kind": "mellanomrade", "code": "71", "kommun": goteborg.pk}
    assert client.post(url, data).status_code == 302
    promise.area.refresh_from_db()
    assert promise.area.name == "Backa"
    assert client.get(ORGANISATIONS).status_code == 403


def test_malmos_coordinator_cannot_rename_goteborgs_area(client, mats, promise, goteborg):
    client.force_login(mats)
    url = f"{AREAS}{promise.area.pk}/change/"

    response = client.post(url, {"name": "Kapat", "kind": "mellanomrade", "kommun": goteborg.pk})

    assert response.status_code == 403
    promise.area.refresh_from_db()
    assert promise.area.name == "Området testby"
