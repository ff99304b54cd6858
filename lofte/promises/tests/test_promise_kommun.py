"""A promise belongs to a kommun: its coordinators coordinate every promise of the kommun, its
analysts read them all as a promise's readers do, its local reporters get nothing here.
Per-promise roles stay as they are."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core import checks

from lofte.areas.models import Area
from lofte.history.models import Change
from lofte.kommuner.models import KommunMembership
from lofte.promises.models import Commitment, Membership, Promise
from lofte.testing import get_kommun, make_promise

pytestmark = pytest.mark.django_db

PROMISES = "/admin/promises/promise/"


def slugs(queryset):
    return set(queryset.values_list("slug", flat=True))


@pytest.fixture
def malmo_draft(malmo):
    return make_promise("malmoutkast", status=Promise.Status.DRAFT, kommun=malmo)


# The rules on the QuerySet


def test_a_kommun_coordinator_coordinates_every_promise_of_her_kommun(
    greta, promise, other_promise, draft, malmo_draft
):
    assert slugs(Promise.objects.editable_by(greta)) == {"testby", "utkast"}
    assert promise.can_be_changed_by(greta) and draft.can_be_changed_by(greta)
    assert not other_promise.can_be_changed_by(greta)
    assert slugs(Promise.objects.people_visible_to(greta)) == {"testby", "utkast"}
    assert promise.roles_of(greta) == {Membership.Role.COORDINATOR}


def test_a_kommun_coordinator_sees_her_kommuns_drafts_and_not_another_kommuns(
    greta, mats, draft, malmo_draft
):
    assert "utkast" in slugs(Promise.objects.visible_to(greta))
    assert "malmoutkast" not in slugs(Promise.objects.visible_to(greta))
    assert "malmoutkast" in slugs(Promise.objects.visible_to(mats))
    assert "utkast" not in slugs(Promise.objects.visible_to(mats))


def test_a_kommun_analyst_reads_every_promise_of_her_kommun_and_changes_none(
    axel, promise, draft, malmo_draft
):
    assert {"testby", "utkast"} <= slugs(Promise.objects.visible_to(axel))
    assert "malmoutkast" not in slugs(Promise.objects.visible_to(axel))
    assert slugs(Promise.objects.having_member(axel)) == {"testby", "utkast"}
    assert not Promise.objects.editable_by(axel).exists()
    assert not Promise.objects.people_visible_to(axel).exists()
    assert promise.roles_of(axel) == {Membership.Role.READER}
    assert not Commitment.objects.reportable_by(axel).exists()


def test_a_local_reporter_gets_nothing_in_promises(rut, promise, draft):
    assert "utkast" not in slugs(Promise.objects.visible_to(rut))
    assert not Promise.objects.having_member(rut).exists()
    assert not Promise.objects.editable_by(rut).exists()
    assert promise.roles_of(rut) == set()
    assert not Commitment.objects.reportable_by(rut).exists()


def test_a_kommun_coordinator_may_report_on_every_commitment_of_her_kommun(
    greta, promise, other_promise
):
    reportable = set(Commitment.objects.reportable_by(greta))
    assert reportable == set(promise.commitments())


def test_per_promise_roles_stay_as_they_were(alice, erik, rosa, charlie, promise, draft):
    assert slugs(Promise.objects.editable_by(alice)) == {"testby"}
    assert "utkast" not in slugs(Promise.objects.visible_to(alice))
    assert promise.roles_of(erik) == {Membership.Role.EDITOR}
    assert promise.roles_of(rosa) == {Membership.Role.READER}
    assert promise.roles_of(charlie) == set()


def test_a_role_in_one_kommun_and_one_in_a_promise_add_up(greta, other_promise):
    Membership.objects.create(user=greta, promise=other_promise, role=Membership.Role.READER)
    assert slugs(Promise.objects.editable_by(greta)) == {"testby"}
    assert other_promise.roles_of(greta) == {Membership.Role.READER}
    # The lists do not repeat a promise the user reaches two ways.
    Membership.objects.create(
        user=greta, promise=Promise.objects.get(slug="testby"), role=Membership.Role.COORDINATOR
    )
    assert list(Promise.objects.editable_by(greta).values_list("slug", flat=True)) == ["testby"]


def test_the_commitment_page_names_a_kommun_coordinators_change_as_the_coordinators(
    client, greta, promise
):
    commitment = promise.commitments().first()
    Change.objects.create(
        promise=promise,
        target=commitment,
        user=greta,
        action="changed",
        fields={"status": ["ongoing", "done"]},
        is_public=True,
    )
    html = client.get(commitment.get_absolute_url()).content.decode()
    history = html.split('id="history"', 1)[1]
    assert "löftets samordnare" in history
    assert "Greta" not in html


def test_the_promise_page_and_its_open_data_name_the_kommun(client, promise):
    assert "<dd>Göteborg</dd>" in client.get(promise.get_absolute_url()).content.decode()
    doc = client.get(f"/medborgarloften/{promise.slug}/lofte.json").json()
    assert doc["kommun"] == {"code": "1480", "name": "Göteborg", "county": "Västra Götalands län"}


# Starting a promise in the admin


def new_promise(promise, kommun, slug="nyby"):
    return {
        "title": "Medborgarlöfte Nyby",
        "slug": slug,
        "kommun": kommun.pk if kommun else "",
        "area": promise.area.pk,
        "period_start": "2026-01-01",
        "period_end": "2027-12-31",
        "status": Promise.Status.DRAFT,
        "summary": "Ett tryggare Nyby.",
        "goals-TOTAL_FORMS": "0",
        "goals-INITIAL_FORMS": "0",
        "focus_areas-TOTAL_FORMS": "0",
        "focus_areas-INITIAL_FORMS": "0",
    }


def test_a_kommun_coordinator_starts_a_promise_in_her_kommun_and_coordinates_it(
    client, greta, goteborg, promise
):
    client.force_login(greta)

    response = client.post(f"{PROMISES}add/", new_promise(promise, goteborg))

    assert response.status_code == 302
    new = Promise.objects.get(slug="nyby")
    assert new.kommun == goteborg
    assert new.can_be_changed_by(greta)
    assert not new.memberships.exists()  # she coordinates it through her kommun
    assert client.get(f"{PROMISES}{new.pk}/change/").status_code == 200


def test_the_form_offers_a_kommun_coordinator_only_her_kommuner(client, greta, goteborg):
    client.force_login(greta)

    field = client.get(f"{PROMISES}add/").context["adminform"].form.fields["kommun"]

    assert list(field.queryset) == [goteborg]
    assert field.required


def test_a_kommun_coordinator_cannot_start_a_promise_in_another_kommun(
    client, greta, malmo, promise
):
    client.force_login(greta)

    response = client.post(f"{PROMISES}add/", new_promise(promise, malmo))

    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("kommun")
    assert not Promise.objects.filter(slug="nyby").exists()


def test_a_coordinator_of_one_promise_cannot_start_a_promise(client, alice, goteborg, promise):
    client.force_login(alice)

    assert client.get(f"{PROMISES}add/").status_code == 403
    assert client.post(f"{PROMISES}add/", new_promise(promise, goteborg)).status_code == 403
    assert not Promise.objects.filter(slug="nyby").exists()


def test_a_superuser_may_start_a_promise_in_any_kommun_but_not_in_none(
    client, admin_user, malmo, promise
):
    client.force_login(admin_user)
    page = client.get(f"{PROMISES}add/")
    assert page.context["adminform"].form.fields["kommun"].queryset.count() == 290

    response = client.post(f"{PROMISES}add/", new_promise(promise, None))
    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("kommun", "required")

    assert client.post(f"{PROMISES}add/", new_promise(promise, malmo)).status_code == 302
    assert Promise.objects.get(slug="nyby").kommun == malmo


def test_a_coordinator_of_a_promise_keeps_its_kommun_but_may_not_move_it(
    client, alice, goteborg, malmo, promise
):
    client.force_login(alice)
    url = f"{PROMISES}{promise.pk}/change/"
    page = client.get(url)
    assert list(page.context["adminform"].form.fields["kommun"].queryset) == [goteborg]

    data = new_promise(promise, malmo, slug="testby") | {"title": "Flyttat"}
    response = client.post(url, data)

    assert response.status_code == 200
    promise.refresh_from_db()
    assert (promise.kommun, promise.title) == (goteborg, "Medborgarlöfte testby")


def test_a_promise_without_a_kommun_gets_one_on_its_next_save(
    client, alice, admin_user, goteborg, promise
):
    Promise.objects.filter(pk=promise.pk).update(kommun=None)
    url = f"{PROMISES}{promise.pk}/change/"
    data = new_promise(promise, None, slug="testby") | {"title": "Ändrat"}

    client.force_login(alice)  # she coordinates it, but no kommun: she cannot choose one
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("kommun")

    client.force_login(admin_user)
    response = client.post(url, data | {"kommun": goteborg.pk})
    assert response.status_code == 302
    promise.refresh_from_db()
    assert (promise.kommun, promise.title) == (goteborg, "Ändrat")


def test_the_promise_list_filters_by_kommun_including_none(client, admin_user, promise, draft):
    Promise.objects.filter(pk=draft.pk).update(kommun=None)
    client.force_login(admin_user)

    html = client.get(f"{PROMISES}?kommun__isnull=True").content.decode()

    assert "Medborgarlöfte utkast" in html and "Medborgarlöfte testby" not in html


# Existing promises and their kommun


def migration():
    return importlib.import_module("lofte.promises.migrations.0005_promises_belong_to_their_kommun")


def test_the_migration_gives_each_promise_its_areas_kommun_or_the_one_its_code_begins_with(
    db, capsys
):
    goteborg, malmo = get_kommun("1480"), get_kommun("1280")
    cases = {
        "omrade": ("71", goteborg, goteborg),  # the area's kommun
        "regso": ("1480R006", None, goteborg),
        "deso": ("1280C1010", None, malmo),
        "kommunen": ("1280", None, malmo),
        "stadsdel": ("71", None, None),
        "femsiffrigt": ("14801", None, None),  # not an SCB code followed by more
        "okand": ("9999R001", None, None),  # no such kommun
    }
    for slug, (code, area_kommun, _expected) in cases.items():
        promise = make_promise(slug, actors=1, commitments=0)
        Area.objects.filter(pk=promise.area_id).update(code=code, kommun=area_kommun)

    migration().assign_kommuner(apps, None)

    got = dict(Promise.objects.values_list("slug", "kommun"))
    assert got == {slug: getattr(want, "pk", None) for slug, (_c, _a, want) in cases.items()}
    said = capsys.readouterr().out
    assert "3 promise(s) have no municipality yet: femsiffrigt, okand, stadsdel." in said


def test_the_migration_leaves_a_kommun_already_chosen(db):
    promise = make_promise("valt", actors=1, commitments=0, kommun="1280")
    Area.objects.filter(pk=promise.area_id).update(kommun=get_kommun("1480"))

    migration().assign_kommuner(apps, None)

    promise.refresh_from_db()
    assert promise.kommun.code == "1280"


def test_the_database_check_names_the_promises_without_a_kommun(promise, draft):
    assert [m for m in checks.run_checks(databases=["default"]) if m.id == "promises.W001"] == []

    Promise.objects.filter(pk__in=[promise.pk, draft.pk]).update(kommun=None)
    found = [m for m in checks.run_checks(databases=["default"]) if m.id == "promises.W001"]

    assert len(found) == 1
    assert found[0].level == checks.WARNING
    assert "2 promise(s) have no municipality: testby, utkast." in found[0].msg
    assert "admin" in found[0].hint


def test_the_check_runs_only_when_asked_to_look_at_the_database(promise):
    Promise.objects.filter(pk=promise.pk).update(kommun=None)
    assert [m for m in checks.run_checks() if m.id == "promises.W001"] == []


def test_a_reporter_for_a_partner_organisation_is_not_a_member_of_its_promises(
    rut, partner, promise
):
    promise.commitments().first().actors.add(partner)  # the partner acts in the promise too
    assert promise.roles_of(rut) == set()
    assert KommunMembership.objects.get(user=rut).organisation == partner
    assert not User.objects.get(username="rut").memberships.exists()
