"""The admin is the coordinators' side: rights come from memberships, not model permissions."""

import pytest
from django.contrib import messages
from django.contrib.auth.models import User
from django.contrib.messages import get_messages

from lofte.actors.models import Organisation
from lofte.promises.models import Commitment, Membership, Promise

pytestmark = pytest.mark.django_db

PROMISES = "/admin/promises/promise/"
COMMITMENTS = "/admin/promises/commitment/"
MEMBERSHIPS = "/admin/promises/membership/"


def change_url(changelist, obj):
    return f"{changelist}{obj.pk}/change/"


def form_data(response, **changes):
    """Return what the admin form on the page would post unchanged, with changes applied."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            data[form.add_prefix(name)] = (
                [str(v) for v in value] if isinstance(value, list) else str(value)
            )
    data.update(changes)
    return data


def empty_inlines(*prefixes):
    data = {}
    for prefix in prefixes:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data


@pytest.fixture
def rita(promise):
    """Staff, reader of `testby`."""
    user = User.objects.create_user("rita", is_staff=True)
    Membership.objects.create(user=user, promise=promise, role=Membership.Role.READER)
    return user


@pytest.fixture
def frida(db):
    """Staff, with no membership anywhere."""
    return User.objects.create_user("frida", is_staff=True)


# Alice, coordinator of testby


def test_a_coordinator_can_change_her_promise(client, alice, promise):
    client.force_login(alice)
    page = client.get(change_url(PROMISES, promise))
    assert page.status_code == 200

    response = client.post(change_url(PROMISES, promise), form_data(page, title="Tryggare testby"))

    assert response.status_code == 302
    promise.refresh_from_db()
    assert promise.title == "Tryggare testby"
    assert promise.goals.count() == 2


def test_a_coordinator_can_change_a_commitment_of_her_promise(client, alice, promise):
    commitment = promise.commitments().first()
    client.force_login(alice)
    page = client.get(change_url(COMMITMENTS, commitment))
    assert page.status_code == 200

    data = form_data(page, title="Läxhjälp varje tisdag", status=Commitment.Status.DONE)
    response = client.post(change_url(COMMITMENTS, commitment), data)

    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.title == "Läxhjälp varje tisdag"
    assert commitment.status == Commitment.Status.DONE


def test_a_coordinator_can_delete_a_commitment_of_her_promise(client, alice, promise):
    commitment = promise.commitments().first()
    client.force_login(alice)

    response = client.post(f"{COMMITMENTS}{commitment.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Commitment.objects.filter(pk=commitment.pk).exists()


def test_a_coordinator_cannot_add_a_commitment_to_another_promise_by_a_forged_post(
    client, alice, other_promise
):
    foreign_focus_area = other_promise.focus_areas.first()
    before = Commitment.objects.count()
    client.force_login(alice)
    data = {
        "focus_area": foreign_focus_area.pk,
        "actors": [Organisation.objects.first().pk],
        "title": "Smuggelåtagande",
        "status": Commitment.Status.PLANNED,
        "order": "0",
    } | empty_inlines("measures")

    response = client.post(f"{COMMITMENTS}add/", data)

    assert response.status_code == 200
    assert "focus_area" in response.context["adminform"].form.errors
    assert Commitment.objects.count() == before


def test_the_commitment_form_offers_only_her_focus_areas_and_goals(
    client, alice, promise, other_promise
):
    client.force_login(alice)

    form = client.get(f"{COMMITMENTS}add/").context["adminform"].form

    assert set(form.fields["focus_area"].queryset) == set(promise.focus_areas.all())
    assert set(form.fields["goals"].queryset) == set(promise.goals.all())


def test_a_commitment_cannot_serve_a_goal_of_another_promise(client, alice, promise, other_promise):
    Membership.objects.create(user=alice, promise=other_promise, role=Membership.Role.COORDINATOR)
    commitment = promise.commitments().first()
    goals_before = set(commitment.goals.all())
    client.force_login(alice)
    page = client.get(change_url(COMMITMENTS, commitment))
    data = form_data(page, goals=[str(other_promise.goals.first().pk)])

    response = client.post(change_url(COMMITMENTS, commitment), data)

    assert response.status_code == 200
    assert "goals" in response.context["adminform"].form.errors
    assert set(commitment.goals.all()) == goals_before


def test_a_coordinator_can_give_a_colleague_rights_in_her_promise(client, alice, rita, promise):
    client.force_login(alice)

    response = client.post(
        f"{MEMBERSHIPS}add/",
        {"user": rita.pk, "promise": promise.pk, "role": Membership.Role.COORDINATOR},
    )

    assert response.status_code == 302
    assert Membership.objects.filter(user=rita, promise=promise, role="coordinator").exists()


def test_the_membership_form_offers_only_people_of_her_own_promises(
    client, alice, rita, dana, charlie, promise
):
    client.force_login(alice)
    html = client.get(f"{MEMBERSHIPS}add/").content.decode()
    assert ">rita<" in html and ">alice<" in html
    # Accounts elsewhere stay private: new people are invited by e-mail from the people page.
    assert ">dana<" not in html and ">charlie<" not in html


def test_a_coordinator_of_another_promise_cannot_open_its_private_contact(client, charlie, promise):
    from lofte.actors.models import ContactPerson

    secret = ContactPerson.objects.create(
        name="Privat Kontakt",
        role="Handläggare",
        organisation=promise.actors().first(),
        email="privat@example.se",
        is_public=False,
    )
    promise.contacts.add(secret)
    client.force_login(charlie)
    assert "Privat Kontakt" not in client.get("/admin/actors/contactperson/").content.decode()
    response = client.post(
        f"/admin/actors/contactperson/{secret.pk}/change/",
        {
            "name": secret.name,
            "role": secret.role,
            "organisation": secret.organisation_id,
            "is_public": "on",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    secret.refresh_from_db()
    assert not secret.is_public
    assert "Privat Kontakt" not in client.get(f"{PROMISES}add/").content.decode()


# Charlie, coordinator of annanstad


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_coordinator_of_another_promise_is_sent_to_the_admin_index(
    client, alice, charlie, promise, method
):
    commitment = promise.commitments().first()
    client.force_login(charlie)
    for changelist, obj in [(PROMISES, promise), (COMMITMENTS, commitment)]:
        url = change_url(changelist, obj)
        response = getattr(client, method)(url, {"title": "Kapat"} if method == "post" else {})

        # Outside his queryset the object "does not exist": Django redirects with a warning.
        assert response.status_code == 302, url
        assert response.url == "/admin/"
        message = list(get_messages(response.wsgi_request))[-1]
        assert message.level == messages.WARNING
        assert f"ID “{obj.pk}” finns inte" in str(message)
    promise.refresh_from_db()
    commitment.refresh_from_db()
    assert promise.title == "Medborgarlöfte testby"
    assert commitment.title == "Åtagande 0 i testby"


def test_a_coordinator_of_another_promise_cannot_delete_it(client, charlie, promise):
    client.force_login(charlie)

    response = client.post(f"{PROMISES}{promise.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert response.url == "/admin/"
    assert Promise.objects.filter(pk=promise.pk).exists()


def test_a_coordinator_of_another_promise_does_not_see_it_in_the_changelists(
    client, alice, charlie, promise
):
    client.force_login(charlie)

    promises = client.get(PROMISES).content.decode()
    commitments = client.get(COMMITMENTS).content.decode()
    memberships = client.get(MEMBERSHIPS).content.decode()

    assert "Medborgarlöfte annanstad" in promises
    assert "Medborgarlöfte testby" not in promises
    assert "Åtagande 0 i annanstad" in commitments
    assert "Åtagande 0 i testby" not in commitments
    assert "Medborgarlöfte testby" not in commitments  # not even in the promise filter
    assert "alice" not in memberships


def test_a_coordinator_cannot_give_himself_rights_in_another_promise(client, charlie, promise):
    client.force_login(charlie)

    response = client.post(
        f"{MEMBERSHIPS}add/",
        {"user": charlie.pk, "promise": promise.pk, "role": Membership.Role.COORDINATOR},
    )

    assert response.status_code == 200
    assert "promise" in response.context["adminform"].form.errors
    assert not Membership.objects.filter(user=charlie, promise=promise).exists()


# Erik, reader of testby


def test_a_reader_can_view_but_not_change_his_promise(client, rita, promise):
    commitment = promise.commitments().first()
    client.force_login(rita)

    for url in [change_url(PROMISES, promise), change_url(COMMITMENTS, commitment)]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.context["has_change_permission"] is False
        assert client.post(url, {"title": "Kapat"}).status_code == 403, url

    promise.refresh_from_db()
    assert promise.title == "Medborgarlöfte testby"
    assert client.get(f"{COMMITMENTS}add/").status_code == 403
    assert client.get(f"{PROMISES}add/").status_code == 403


# Outsiders


def test_a_logged_in_user_who_is_not_staff_is_sent_to_the_admin_login(client, dana, promise):
    client.force_login(dana)

    response = client.get(change_url(PROMISES, promise))

    assert response.status_code == 302
    assert response.url == f"/admin/login/?next={change_url(PROMISES, promise)}"


def test_the_admin_login_page_opens_for_anonymous(client, promise):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert response.context["available_apps"] == []


def test_anonymous_is_sent_to_the_admin_login(client, promise):
    response = client.get(PROMISES)

    assert response.status_code == 302
    assert response.url == f"/admin/login/?next={PROMISES}"


def test_staff_without_a_membership_see_nothing(client, frida, promise):
    client.force_login(frida)

    index = client.get("/admin/")

    assert index.status_code == 200
    assert index.context["app_list"] == []
    assert client.get(PROMISES).status_code == 403
    assert client.get("/admin/actors/organisation/").status_code == 403
    assert client.get("/admin/promises/").status_code == 404


# Shared registries and the index


@pytest.mark.parametrize(
    "changelist",
    [
        PROMISES,
        "/admin/promises/goal/",
        "/admin/promises/focusarea/",
        COMMITMENTS,
        MEMBERSHIPS,
        "/admin/events/event/",
        "/admin/actors/organisation/",
        "/admin/actors/contactperson/",
        "/admin/areas/area/",
    ],
)
@pytest.mark.parametrize("persona", ["alice", "greta"])
def test_every_list_and_add_page_opens_for_a_coordinator(client, persona, changelist, request):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(changelist).status_code == 200
    # A new promise belongs to a kommun its maker coordinates: greta's, not alice's.
    starts_a_promise = changelist != PROMISES or persona == "greta"
    assert client.get(f"{changelist}add/").status_code == (200 if starts_a_promise else 403)


def test_the_admin_index_shows_a_coordinator_her_apps_but_not_users(client, alice):
    client.force_login(alice)

    apps = {app["app_label"] for app in client.get("/admin/").context["app_list"]}

    # lagesbild: the outcome measures of her promise's goals; translations: her promise's.
    assert apps == {
        "promises",
        "events",
        "actors",
        "areas",
        "kommuner",
        "lagesbild",
        "translations",
    }


def test_a_superuser_sees_every_promise(client, admin_user, promise, other_promise, draft):
    client.force_login(admin_user)

    html = client.get(PROMISES).content.decode()

    for p in [promise, other_promise, draft]:
        assert p.title in html
    commitment = other_promise.commitments().first()
    assert client.get(change_url(COMMITMENTS, commitment)).status_code == 200
