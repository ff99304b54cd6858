import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lofte.accounts import actions
from lofte.accounts.models import Invitation
from lofte.actors.models import Organisation
from lofte.promises.models import Membership

pytestmark = pytest.mark.django_db

PEOPLE = "/uppfoljning/testby/personer/"
PEOPLE_EN = "/en" + PEOPLE


def count(**filters):
    return Membership.objects.filter(promise__slug="testby", **filters).count()


def test_anonymous_is_sent_to_the_login_page(client, promise):
    response = client.get(PEOPLE)
    assert response.status_code == 302
    assert response.url.startswith("/konto/logga-in/?next=")


@pytest.mark.parametrize("persona", ["dana", "charlie", "erik", "fatima"])
def test_people_without_coordinator_rights_get_403(client, promise, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(PEOPLE).status_code == 403


def test_a_reader_gets_403(client, promise):
    reader = User.objects.create_user("rita", "rita@example.se", "x-secret-1")
    Membership.objects.create(user=reader, promise=promise, role="reader")
    client.force_login(reader)
    assert client.get(PEOPLE).status_code == 403


def test_an_unknown_promise_or_someone_elses_draft_is_404(client, alice, draft, dana):
    client.force_login(alice)
    assert client.get("/uppfoljning/finns-inte/personer/").status_code == 404
    client.force_login(dana)
    assert client.get("/uppfoljning/utkast/personer/").status_code == 404


def test_a_coordinator_sees_the_members_and_pending_invitations(
    client, promise, alice, bob, erik, fatima
):
    actions.invite(promise, "nina@example.se", "reader", None, alice)
    client.force_login(alice)
    response = client.get(PEOPLE_EN)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1>") == 1
    assert "People and roles" in html
    for text in ("Alice", "bob@example.se", "erik@example.se", "Aktör testby 0", "Aktör testby 2"):
        assert text in html
    assert "actor&#x27;s editor" in html and "coordinator" in html
    assert "Invitations waiting for an answer" in html
    assert "nina@example.se" in html
    # Only the promise's actors can be chosen for an editor.
    assert "Aktör testby 1" in html
    assert "Aktör annanstad" not in html


def test_the_page_takes_the_same_number_of_queries_with_more_people(client, promise, alice):
    client.force_login(alice)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(PEOPLE).status_code == 200
        return len(ctx)

    small = queries()
    actor = Organisation.objects.get(slug="aktor-testby-1")
    for i in range(6):
        user = User.objects.create_user(f"p{i}", f"p{i}@example.se", "x-secret-1")
        Membership.objects.create(user=user, promise=promise, role="editor", organisation=actor)
        Invitation.objects.create(
            promise=promise,
            email=f"q{i}@example.se",
            role="editor",
            organisation=actor,
            invited_by=alice,
        )
    assert queries() == small


def invite(client, **data):
    return client.post(PEOPLE_EN, {"action": "invite", **data})


def test_an_editor_without_an_organisation_is_a_form_error(client, promise, alice):
    client.force_login(alice)
    response = invite(client, email="nina@example.se", role="editor")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose the actor an actor&#x27;s editor reports for." in html
    assert 'role="alert"' in html
    assert 'aria-describedby="id_organisation_errors' in html
    assert not Invitation.objects.exists() and not mail.outbox


def test_the_organisation_field_points_at_its_help_text_before_and_after_an_error(
    client, promise, alice
):
    client.force_login(alice)
    html = client.get(PEOPLE_EN).content.decode()
    assert 'aria-describedby="id_organisation_helptext"' in html
    assert 'id="id_organisation_helptext"' in html

    html = invite(client, email="nina@example.se", role="editor").content.decode()
    assert 'aria-describedby="id_organisation_errors id_organisation_helptext"' in html
    assert 'aria-invalid="true"' in html


def test_an_organisation_that_is_not_an_actor_of_the_promise_is_a_form_error(
    client, promise, other_promise, alice
):
    client.force_login(alice)
    stranger = Organisation.objects.get(slug="aktor-annanstad-0")
    response = invite(client, email="nina@example.se", role="editor", organisation=stranger.pk)
    assert "Select a valid choice" in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_bad_email_or_role_is_a_form_error(client, promise, alice):
    client.force_login(alice)
    response = invite(client, email="not an address", role="king")
    html = response.content.decode()
    assert "Enter a valid email address" in html
    assert "Select a valid choice" in html
    assert not Invitation.objects.exists()


def test_a_duplicate_membership_is_a_form_error(client, promise, alice, erik):
    client.force_login(alice)
    actor = Organisation.objects.get(slug="aktor-testby-0")
    response = invite(client, email="Erik@example.se", role="editor", organisation=actor.pk)
    assert "already has this role" in response.content.decode()
    assert count(user=erik) == 1
    assert not mail.outbox


def test_inviting_the_same_person_twice_points_to_send_again(client, promise, alice):
    client.force_login(alice)
    invite(client, email="nina@example.se", role="reader")
    response = invite(client, email="NINA@example.se", role="reader")
    assert "already invited with this role" in response.content.decode()
    assert Invitation.objects.count() == 1


def test_an_organisation_is_ignored_for_a_coordinator(client, promise, alice, dana):
    client.force_login(alice)
    actor = Organisation.objects.get(slug="aktor-testby-1")
    invite(client, email="dana@example.se", role="coordinator", organisation=actor.pk)
    membership = Membership.objects.get(user=dana)
    assert (membership.role, membership.organisation) == ("coordinator", None)


def test_removing_asks_for_confirmation_first(client, promise, alice, erik):
    client.force_login(alice)
    membership = erik.memberships.get()
    response = client.post(PEOPLE_EN, {"action": "remove", "membership": membership.pk})
    assert response.status_code == 200
    assert "Yes, remove the role" in response.content.decode()
    assert count(user=erik) == 1
    response = client.post(
        PEOPLE_EN, {"action": "remove", "membership": membership.pk, "confirm": "yes"}
    )
    assert response.status_code == 302
    assert count(user=erik) == 0
    assert User.objects.filter(pk=erik.pk).exists()


def test_removing_the_last_coordinator_is_refused(client, promise, alice):
    client.force_login(alice)
    membership = alice.memberships.get()
    response = client.post(
        PEOPLE_EN,
        {"action": "remove", "membership": membership.pk, "confirm": "yes"},
        follow=True,
    )
    assert "at least one coordinator" in response.content.decode()
    assert count(user=alice, role="coordinator") == 1


def test_a_coordinator_may_step_down_when_another_remains(client, promise, alice, bob):
    client.force_login(alice)
    membership = alice.memberships.get()
    response = client.post(
        PEOPLE, {"action": "remove", "membership": membership.pk, "confirm": "yes"}
    )
    assert response.url == "/konto/"
    assert count(role="coordinator") == 1


def test_a_membership_of_another_promise_or_a_bad_id_is_404(client, promise, alice, charlie):
    client.force_login(alice)
    theirs = charlie.memberships.get()
    for value in (theirs.pk, "x", ""):
        response = client.post(PEOPLE, {"action": "remove", "membership": value, "confirm": "yes"})
        assert response.status_code == 404
    assert Membership.objects.filter(pk=theirs.pk).exists()


def test_charlie_forging_posts_to_testbys_page_gets_403_and_changes_nothing(
    client, promise, alice, erik, charlie
):
    client.force_login(charlie)
    invitation = actions.invite(promise, "nina@example.se", "reader", None, alice)
    mail.outbox.clear()
    before = Membership.objects.count()
    posts = [
        {"action": "invite", "email": "charlie@example.se", "role": "coordinator"},
        {"action": "invite", "email": "new@example.se", "role": "reader"},
        {"action": "remove", "membership": erik.memberships.get().pk, "confirm": "yes"},
        {"action": "withdraw", "invitation": invitation.pk},
        {"action": "resend", "invitation": invitation.pk},
    ]
    for data in posts:
        assert client.post(PEOPLE, data).status_code == 403
    assert Membership.objects.count() == before
    assert list(Invitation.objects.all()) == [invitation]
    assert Invitation.objects.get().token == invitation.token
    assert not mail.outbox


def test_withdrawing_an_invitation_kills_its_link(client, promise, alice):
    invitation = actions.invite(promise, "nina@example.se", "reader", None, alice)
    client.force_login(alice)
    client.post(PEOPLE, {"action": "withdraw", "invitation": invitation.pk})
    assert not Invitation.objects.exists()
    client.logout()
    assert client.get(f"/konto/inbjudan/{invitation.token}/").status_code == 404


def test_sending_again_mails_a_new_link_and_the_old_one_stops_working(client, promise, alice):
    invitation = actions.invite(promise, "nina@example.se", "reader", None, alice)
    client.force_login(alice)
    client.post(PEOPLE, {"action": "resend", "invitation": invitation.pk})
    fresh = Invitation.objects.get()
    assert fresh.token != invitation.token
    assert len(mail.outbox) == 2
    assert f"/konto/inbjudan/{fresh.token}/" in mail.outbox[1].body
    client.logout()
    assert client.get(f"/konto/inbjudan/{invitation.token}/").status_code == 404
    assert client.get(f"/konto/inbjudan/{fresh.token}/").status_code == 200


def test_an_unknown_action_just_shows_the_page(client, promise, alice):
    client.force_login(alice)
    assert client.post(PEOPLE, {"action": "explode"}).status_code == 200


def test_an_invitation_whose_inviter_has_left_still_shows(client, promise, alice):
    """The inviter's account may be deleted (the invitation keeps no one): no 500."""
    gone = User.objects.create_user("borta", "borta@example.se")
    actions.invite(promise, "nina@example.se", "reader", None, gone)
    gone.delete()
    client.force_login(alice)

    response = client.get(PEOPLE_EN)

    assert response.status_code == 200
    assert "nina@example.se" in response.content.decode()
