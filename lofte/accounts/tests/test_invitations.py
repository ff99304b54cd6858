import datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from lofte.accounts import actions
from lofte.accounts.models import Invitation
from lofte.actors.models import Organisation
from lofte.promises.models import Membership

pytestmark = pytest.mark.django_db

PEOPLE = "/uppfoljning/testby/personer/"


def en(path):
    return "/en" + path


def accept_path(invitation):
    return f"/konto/inbjudan/{invitation.token}/"


def work_url(name, slug="testby"):
    with translation.override("en"):
        return reverse(name, args=[slug])


@pytest.fixture
def actor(promise):
    return Organisation.objects.get(slug="aktor-testby-1")


@pytest.fixture
def invitation(promise, alice, actor):
    return actions.invite(promise, "Nina@Example.se", Membership.Role.EDITOR, actor, alice)


def accept(client, invitation, **data):
    form = {"name": "Nina Nilsson", "password1": "lugn-backa-2024", "password2": "lugn-backa-2024"}
    return client.post(en(accept_path(invitation)), {**form, **data})


def test_inviting_a_new_person_mails_them_a_one_time_link(client, promise, alice, actor):
    client.force_login(alice)
    response = client.post(
        PEOPLE,
        {
            "action": "invite",
            "email": "nina@example.se",
            "role": "editor",
            "organisation": actor.pk,
        },
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.organisation) == (
        "nina@example.se",
        "editor",
        actor,
    )
    assert invitation.invited_by == alice
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nina@example.se"]
    assert f"{settings.SITE_URL}{accept_path(invitation)}" in mail.outbox[0].body
    assert not User.objects.filter(email="nina@example.se").exists()


def test_the_invitation_page_shows_the_promise_role_and_a_password_form(client, invitation):
    response = client.get(en(accept_path(invitation)))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Medborgarlöfte testby" in html
    assert "nina@example.se" in html
    assert 'name="password1"' in html and 'name="password2"' in html
    assert response["Referrer-Policy"] == "no-referrer"


def test_accepting_creates_the_user_with_the_membership_and_logs_them_in(client, invitation, actor):
    response = accept(client, invitation)
    assert response.status_code == 302
    assert response.url == work_url("followup:my_commitments")
    user = User.objects.get(username="nina@example.se")
    assert (user.email, user.first_name, user.last_name) == ("nina@example.se", "Nina", "Nilsson")
    assert user.check_password("lugn-backa-2024")
    membership = Membership.objects.get(user=user)
    assert (membership.promise.slug, membership.role, membership.organisation) == (
        "testby",
        "editor",
        actor,
    )
    assert int(client.session["_auth_user_id"]) == user.pk
    invitation.refresh_from_db()
    assert invitation.accepted_by == user and invitation.accepted_at is not None


def test_a_reader_or_coordinator_lands_on_the_dashboard(client, promise, alice):
    invitation = actions.invite(promise, "rita@example.se", Membership.Role.READER, None, alice)
    response = accept(client, invitation)
    assert response.url == work_url("followup:dashboard")
    assert Membership.objects.get(user__username="rita@example.se").role == "reader"


def test_using_the_link_again_says_it_no_longer_works_and_makes_no_second_user(client, invitation):
    accept(client, invitation)
    client.logout()
    for response in (client.get(en(accept_path(invitation))), accept(client, invitation)):
        assert response.status_code == 410
        assert "This link no longer works" in response.content.decode()
        assert "already been used" in response.content.decode()
    assert User.objects.filter(email="nina@example.se").count() == 1
    assert Membership.objects.filter(user__email="nina@example.se").count() == 1


def test_an_expired_link_is_refused(client, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=15)
    )
    response = accept(client, invitation)
    assert response.status_code == 410
    html = response.content.decode()
    assert "This link no longer works" in html
    assert "ask a coordinator of Medborgarlöfte testby" in html
    assert not User.objects.filter(email="nina@example.se").exists()


def test_an_unknown_link_says_whom_to_ask(client, db):
    response = client.get(en("/konto/inbjudan/nonsense/"))
    assert response.status_code == 404
    assert "ask the coordinator who invited you" in response.content.decode()


def test_mismatching_passwords_are_refused_and_nothing_is_created(client, invitation):
    response = accept(client, invitation, password2="something-else-99")
    assert response.status_code == 200
    assert "didn’t match" in response.content.decode()
    assert 'role="alert"' in response.content.decode()
    assert not User.objects.filter(email="nina@example.se").exists()
    assert Invitation.objects.get().is_usable


def test_a_too_short_password_is_refused_by_djangos_validators(client, invitation):
    response = accept(client, invitation, password1="kort1", password2="kort1")
    html = response.content.decode()
    assert "This password is too short" in html
    assert 'aria-describedby="id_password1_errors' in html
    assert not User.objects.filter(email="nina@example.se").exists()


def test_a_missing_name_is_refused(client, invitation):
    response = accept(client, invitation, name="   ")
    assert "This field is required" in response.content.decode()
    assert not User.objects.filter(email="nina@example.se").exists()


def test_someone_logged_in_as_another_user_is_told_and_offered_to_log_out(client, invitation, dana):
    client.force_login(dana)
    response = client.get(en(accept_path(invitation)))
    html = response.content.decode()
    assert "You are logged in as Dana" in html
    assert "nina@example.se" in html
    accept(client, invitation)
    assert not User.objects.filter(email="nina@example.se").exists()
    assert Invitation.objects.get().is_usable
    response = client.post("/en/konto/logga-ut/", {"next": en(accept_path(invitation))})
    assert response.url == en(accept_path(invitation))
    assert "_auth_user_id" not in client.session


def test_an_account_made_meanwhile_gets_the_membership_and_is_asked_to_log_in(
    client, invitation, actor
):
    nina = User.objects.create_user("nina", "nina@example.se", "own-password-77")
    response = client.get(en(accept_path(invitation)))
    assert "You already have an account" in response.content.decode()
    assert not Membership.objects.filter(user=nina).exists()
    response = client.post(en(accept_path(invitation)))
    assert response.status_code == 302
    assert response.url.startswith("/en/konto/logga-in/?next=")
    assert Membership.objects.get(user=nina).organisation == actor
    assert "_auth_user_id" not in client.session
    assert User.objects.filter(email="nina@example.se").count() == 1
    assert not Invitation.objects.get().is_usable


def test_the_invited_person_logged_in_joins_with_one_click(client, promise, alice, actor):
    nina = User.objects.create_user("nina", "nina@example.se", "own-password-77")
    invitation = Invitation.objects.create(
        promise=promise, email="nina@example.se", role="editor", organisation=actor
    )
    client.force_login(nina)
    response = client.post(en(accept_path(invitation)))
    assert response.url == work_url("followup:my_commitments")
    assert Membership.objects.filter(user=nina, organisation=actor).exists()


def test_inviting_an_existing_user_gives_the_membership_at_once(client, promise, alice, dana):
    client.force_login(alice)
    response = client.post(
        en(PEOPLE), {"action": "invite", "email": "DANA@example.se", "role": "reader"}
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=dana, promise=promise, role="reader").exists()
    assert not Invitation.objects.exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["dana@example.se"]
    assert f"{settings.SITE_URL}/uppfoljning/testby/" in mail.outbox[0].body


def test_an_editor_may_report_for_several_organisations(client, promise, alice, erik, actor):
    client.force_login(alice)
    client.post(
        PEOPLE,
        {
            "action": "invite",
            "email": "erik@example.se",
            "role": "editor",
            "organisation": actor.pk,
        },
    )
    assert sorted(erik.memberships.values_list("organisation__slug", flat=True)) == [
        "aktor-testby-0",
        "aktor-testby-1",
    ]


def test_an_invitation_that_cannot_be_mailed_saves_nothing(client, promise, alice, settings):
    settings.EMAIL_BACKEND = "lofte.accounts.tests.test_invitations.BrokenBackend"
    client.force_login(alice)
    response = client.post(
        en(PEOPLE), {"action": "invite", "email": "nina@example.se", "role": "reader"}
    )
    assert response.status_code == 200
    assert "could not be sent" in response.content.decode()
    assert not Invitation.objects.exists()


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("no mail server")
