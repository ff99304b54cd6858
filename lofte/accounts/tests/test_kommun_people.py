"""The people of a kommun: its coordinators invite by e-mail and remove its coordinators,
analysts and local reporters; nobody else sees who has a role there."""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from lofte.accounts import actions
from lofte.accounts.models import Invitation
from lofte.actors.models import Organisation
from lofte.kommuner.models import KommunMembership

pytestmark = pytest.mark.django_db

PEOPLE = "/kommun/goteborg/personer/"
PEOPLE_EN = "/en" + PEOPLE


def roles(**filters):
    return set(
        KommunMembership.objects.filter(kommun__code="1480", **filters).values_list(
            "user__username", "role"
        )
    )


def invite(client, **data):
    return client.post(PEOPLE_EN, {"action": "invite", **data})


@pytest.fixture
def malmo_partner(malmo):
    return Organisation.objects.create(
        name="Malmöhus (exempel)", slug="malmohus", kind="housing", kommun=malmo
    )


def test_anonymous_is_sent_to_the_login_page(client, goteborg):
    response = client.get(PEOPLE)
    assert response.status_code == 302
    assert response.url.startswith("/konto/logga-in/?next=")


def test_an_unknown_kommun_is_404(client, greta):
    client.force_login(greta)
    assert client.get("/kommun/finns-inte/personer/").status_code == 404


@pytest.mark.parametrize("persona", ["axel", "rut", "mats", "alice", "dana"])
def test_nobody_but_its_coordinators_sees_or_changes_a_kommuns_people(
    client, persona, request, greta, axel, rut
):
    client.force_login(request.getfixturevalue(persona))
    membership = KommunMembership.objects.get(user=axel)
    before = roles()

    assert client.get(PEOPLE).status_code == 403
    assert invite(client, email="ny@example.se", role="analyst").status_code == 403
    answer = client.post(
        PEOPLE, {"action": "remove", "membership": membership.pk, "confirm": "yes"}
    )
    assert answer.status_code == 403
    assert roles() == before and not Invitation.objects.exists() and not mail.outbox


def test_its_coordinator_sees_its_people_and_pending_invitations(
    client, greta, axel, rut, mats, goteborg
):
    actions.invite_to_kommun(goteborg, "nina@example.se", "analyst", None, greta)
    client.force_login(greta)

    response = client.get(PEOPLE_EN)
    html = response.content.decode()

    assert response.status_code == 200
    assert html.count("<h1>") == 1 and "The people of Göteborg" in html
    for text in ("Greta", "axel@example.se", "Rut", "local reporter", "Bostadsbolaget (exempel)"):
        assert text in html
    assert "nina@example.se" in html
    assert "mats" not in html.lower()
    assert "Medborgarlöfte testby" in html  # the kommun's promises
    assert "Medborgarlöfte annanstad" not in html


def test_a_superuser_manages_any_kommuns_people(client, admin_user, malmo):
    client.force_login(admin_user)
    assert client.get("/kommun/malmo/personer/").status_code == 200


def test_a_reporter_is_chosen_among_the_kommuns_and_national_organisations(
    client, greta, partner, malmo_partner, promise
):
    client.force_login(greta)

    choices = client.get(PEOPLE).context["form"].fields["organisation"].queryset

    assert partner in choices
    assert promise.actors().first() in choices  # made before kommuner owned organisations
    assert malmo_partner not in choices


def test_inviting_a_new_person_mails_them_a_link_to_a_role_in_the_kommun(
    client, greta, goteborg, partner
):
    client.force_login(greta)

    response = invite(client, email="Nina@Example.se", role="reporter", organisation=partner.pk)

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.kommun, invitation.promise, invitation.role) == (goteborg, None, "reporter")
    assert (invitation.email, invitation.organisation) == ("nina@example.se", partner)
    [message] = mail.outbox
    assert message.subject == "Inbjudan att arbeta för Göteborg i Löfte"
    assert "Du är inbjuden att arbeta för Göteborg i Löfte som lokal rapportör." in message.body
    assert "Bostadsbolaget (exempel)" in message.body
    assert f"/konto/inbjudan/{invitation.token}/" in message.body


def test_accepting_gives_the_role_in_the_kommun_and_leads_to_the_account_page(
    client, greta, goteborg
):
    invitation = actions.invite_to_kommun(goteborg, "nina@example.se", "analyst", None, greta)

    page = client.get(f"/konto/inbjudan/{invitation.token}/")
    assert "Du är inbjuden att arbeta för Göteborg som analytiker." in page.content.decode()
    response = client.post(
        f"/konto/inbjudan/{invitation.token}/",
        {"name": "Nina Nilsson", "password1": "lugn-backa-2024", "password2": "lugn-backa-2024"},
    )

    assert response.status_code == 302
    assert response.url == "/konto/#kommun-goteborg"
    assert roles(user__username="nina@example.se") == {("nina@example.se", "analyst")}
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    account = client.get(response.url).content.decode()
    assert 'id="kommun-goteborg"' in account and "analytiker" in account


def test_an_existing_account_gets_the_role_at_once(client, greta, goteborg, alice):
    client.force_login(greta)

    response = invite(client, email="alice@example.se", role="coordinator")

    assert response.status_code == 302
    assert ("alice", "coordinator") in roles()
    assert not Invitation.objects.exists()
    [message] = mail.outbox
    assert "Du arbetar nu för Göteborg i Löfte som samordnare." in message.body
    assert "/konto/#kommun-goteborg" in message.body


def test_a_reporter_without_an_organisation_is_a_form_error(client, greta):
    client.force_login(greta)

    response = invite(client, email="nina@example.se", role="reporter")

    assert response.status_code == 200
    assert "Choose the partner organisation a local reporter reports for." in (
        response.content.decode()
    )
    assert not Invitation.objects.exists() and not mail.outbox


def test_an_organisation_of_another_kommun_is_a_form_error(client, greta, malmo_partner):
    client.force_login(greta)

    response = invite(
        client, email="nina@example.se", role="reporter", organisation=malmo_partner.pk
    )

    assert response.status_code == 200
    assert response.context["form"].has_error("organisation")
    assert not Invitation.objects.exists()


def test_a_promise_role_is_no_role_in_a_kommun(client, greta):
    client.force_login(greta)

    response = invite(client, email="nina@example.se", role="editor")

    assert response.context["form"].has_error("role")
    assert not Invitation.objects.exists()


def test_someone_who_has_the_role_or_is_invited_to_it_is_not_invited_again(
    client, greta, axel, goteborg
):
    client.force_login(greta)
    response = invite(client, email="axel@example.se", role="analyst")
    assert "This person already has this role in the municipality." in response.content.decode()

    actions.invite_to_kommun(goteborg, "nina@example.se", "analyst", None, greta)
    response = invite(client, email="nina@example.se", role="analyst")
    assert "already invited with this role" in response.content.decode()
    assert Invitation.objects.count() == 1


def test_removing_a_role_asks_first_then_removes_it(client, greta, axel):
    client.force_login(greta)
    membership = KommunMembership.objects.get(user=axel)
    data = {"action": "remove", "membership": membership.pk}

    page = client.post(PEOPLE_EN, data)
    assert page.status_code == 200
    assert "Remove Axel as analyst?" in page.content.decode()
    assert ("axel", "analyst") in roles()

    response = client.post(PEOPLE_EN, data | {"confirm": "yes"})
    assert response.status_code == 302 and response.url == PEOPLE_EN
    assert ("axel", "analyst") not in roles()
    assert User.objects.filter(username="axel").exists()


def test_the_last_coordinator_of_a_kommun_stays(client, greta):
    client.force_login(greta)
    membership = KommunMembership.objects.get(user=greta)

    response = client.post(
        PEOPLE, {"action": "remove", "membership": membership.pk, "confirm": "yes"}
    )

    assert response.status_code == 302
    assert ("greta", "coordinator") in roles()


def test_a_coordinator_who_removes_herself_goes_to_her_account(client, greta, goteborg):
    other = User.objects.create_user("gustav")
    KommunMembership.objects.create(user=other, kommun=goteborg, role="coordinator")
    client.force_login(greta)
    membership = KommunMembership.objects.get(user=greta)

    response = client.post(
        PEOPLE, {"action": "remove", "membership": membership.pk, "confirm": "yes"}
    )

    assert response.status_code == 302 and response.url == "/konto/"
    assert roles(role="coordinator") == {("gustav", "coordinator")}


def test_another_kommuns_role_cannot_be_removed_from_this_page(client, greta, mats):
    client.force_login(greta)
    membership = KommunMembership.objects.get(user=mats)

    response = client.post(
        PEOPLE, {"action": "remove", "membership": membership.pk, "confirm": "yes"}
    )

    assert response.status_code == 404
    assert KommunMembership.objects.filter(pk=membership.pk).exists()


def test_an_invitation_is_withdrawn_or_sent_again(client, greta, goteborg):
    invitation = actions.invite_to_kommun(goteborg, "nina@example.se", "analyst", None, greta)
    old_token = invitation.token
    client.force_login(greta)

    client.post(PEOPLE, {"action": "resend", "invitation": invitation.pk})
    invitation.refresh_from_db()
    assert invitation.token != old_token and len(mail.outbox) == 2

    client.post(PEOPLE, {"action": "withdraw", "invitation": invitation.pk})
    assert not Invitation.objects.exists()


def test_another_kommuns_invitation_cannot_be_withdrawn_from_this_page(client, greta, mats, malmo):
    invitation = actions.invite_to_kommun(malmo, "nina@example.se", "analyst", None, mats)
    client.force_login(greta)

    assert (
        client.post(PEOPLE, {"action": "withdraw", "invitation": invitation.pk}).status_code == 404
    )
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_the_page_takes_the_same_number_of_queries_with_more_people(client, greta, goteborg):
    client.force_login(greta)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(PEOPLE).status_code == 200
        return len(ctx)

    small = queries()
    partner = Organisation.objects.create(name="Vakt", slug="vakt", kind="business")
    for i in range(5):
        user = User.objects.create_user(f"p{i}", f"p{i}@example.se")
        KommunMembership.objects.create(
            user=user, kommun=goteborg, role="reporter", organisation=partner
        )
        Invitation.objects.create(
            kommun=goteborg,
            email=f"q{i}@example.se",
            role="reporter",
            organisation=partner,
            invited_by=greta,
        )
    assert queries() == small


def test_an_invitation_is_to_a_promise_or_to_a_kommun_never_both(promise, goteborg):
    cases = [
        {"promise": promise, "kommun": goteborg, "role": "coordinator"},
        {"promise": None, "kommun": None, "role": "coordinator"},
        {"promise": None, "kommun": goteborg, "role": "editor"},
        {"promise": promise, "kommun": None, "role": "analyst"},
    ]
    for fields in cases:
        with pytest.raises(IntegrityError), transaction.atomic():
            Invitation.objects.create(email="x@example.se", **fields)


# The promise's people page shows who coordinates it through its kommun


def test_a_promises_people_page_names_those_who_work_on_it_through_the_kommun(
    client, alice, greta, axel, rut
):
    client.force_login(alice)
    html = client.get("/en/uppfoljning/testby/personer/").content.decode()
    through = html.split("Through Göteborg", 1)[1].split("<h2>", 1)[0]
    assert "Greta" in through and "Axel" in through and "Rut" not in through
    assert "/kommun/goteborg/personer/" not in html  # not alice's to manage

    client.force_login(greta)
    html = client.get("/en/uppfoljning/testby/personer/").content.decode()
    assert "/kommun/goteborg/personer/" in html


def test_an_invitation_whose_inviter_has_left_still_shows(client, greta, goteborg):
    """The inviter's account may be deleted (the invitation keeps no one): no 500."""
    gone = User.objects.create_user("borta")
    actions.invite_to_kommun(goteborg, "nina@example.se", "analyst", None, gone)
    gone.delete()
    client.force_login(greta)

    response = client.get(PEOPLE_EN)

    assert response.status_code == 200
    assert "nina@example.se" in response.content.decode()
