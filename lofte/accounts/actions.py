"""Who takes part in a promise or a kommun: inviting, joining and removing people."""

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lofte.accounts.models import Invitation, new_token
from lofte.history.versioned import record
from lofte.kommuner.models import KommunMembership
from lofte.promises.models import Membership
from lofte.web import absolute_url


class LastCoordinator(Exception):
    """A promise, or a kommun, must keep at least one coordinator."""


class InvitationUnusable(Exception):
    """The invitation was used, withdrawn or has expired."""


class AccountExists(Exception):
    """An account with the invitation's e-mail was made after the form was shown."""


def find_user(email):
    """Return the user with this e-mail (or e-mail as username), or None."""
    return (
        User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email))
        .order_by("pk")
        .first()
    )


def _send(template, subject, email, context):
    # Invited people are mostly Swedish actors: write to them in the site's default language.
    with translation.override(settings.LANGUAGE_CODE):
        context = {**context, "site_url": absolute_url("")}
        body = render_to_string(f"accounts/email/{template}.txt", context)
        send_mail(str(subject()), body, None, [email])


def _add_membership(user, promise, role, organisation, by):
    membership, created = Membership.objects.get_or_create(
        user=user, promise=promise, role=role, organisation=organisation
    )
    if created:
        record(
            membership,
            user=by,
            promise=promise,
            action="membership added",
            fields={"role": role, "organisation": str(organisation or "")},
        )
    return membership


def _add_kommun_membership(user, kommun, role, organisation):
    membership, _created = KommunMembership.objects.get_or_create(
        user=user, kommun=kommun, role=role, defaults={"organisation": organisation}
    )
    return membership


def _grant(invitation, user, by):
    """Give the user the invitation's role; return the Membership or KommunMembership."""
    if invitation.kommun_id:
        return _add_kommun_membership(
            user, invitation.kommun, invitation.role, invitation.organisation
        )
    return _add_membership(user, invitation.promise, invitation.role, invitation.organisation, by)


def _tell_added(membership, target, email, invited_by):
    with translation.override(settings.LANGUAGE_CODE):
        url = absolute_url(membership.get_work_url())
    _send(
        "added",
        lambda: _("You have been given a role in %(promise)s") % {"promise": target},
        email,
        {
            "membership": membership,
            "target": target,
            "kommun": isinstance(membership, KommunMembership),
            "url": url,
            "invited_by": invited_by,
        },
    )


@transaction.atomic
def invite(promise, email, role, organisation, invited_by):
    """Give an existing user the role at once, or invite a new person by e-mail.

    Return the new Membership or the new Invitation. A failing mail server raises, and
    nothing is saved.
    """
    email = email.strip().lower()
    organisation = organisation if role == Membership.Role.EDITOR else None
    user = find_user(email)
    if user is not None:
        membership = _add_membership(user, promise, role, organisation, invited_by)
        _tell_added(membership, promise.title, user.email or email, invited_by)
        return membership
    invitation = Invitation.objects.create(
        promise=promise, email=email, role=role, organisation=organisation, invited_by=invited_by
    )
    _send_invitation(invitation)
    return invitation


@transaction.atomic
def invite_to_kommun(kommun, email, role, organisation, invited_by):
    """Give an existing user the role in the kommun at once, or invite a new person by e-mail.

    Return the new KommunMembership or the new Invitation. A failing mail server raises, and
    nothing is saved.
    """
    email = email.strip().lower()
    organisation = organisation if role == KommunMembership.Role.REPORTER else None
    user = find_user(email)
    if user is not None:
        membership = _add_kommun_membership(user, kommun, role, organisation)
        _tell_added(membership, kommun.name, user.email or email, invited_by)
        return membership
    invitation = Invitation.objects.create(
        kommun=kommun, email=email, role=role, organisation=organisation, invited_by=invited_by
    )
    _send_invitation(invitation)
    return invitation


def _send_invitation(invitation):
    with translation.override(settings.LANGUAGE_CODE):
        url = absolute_url(reverse("accounts:accept", args=[invitation.token]))
    target = str(invitation.target)

    def subject():
        if invitation.kommun_id:
            return _("Invitation to work for %(kommun)s in Löfte") % {"kommun": target}
        return _("Invitation to follow up %(promise)s") % {"promise": target}

    _send(
        "invitation",
        subject,
        invitation.email,
        {"invitation": invitation, "target": target, "url": url},
    )


@transaction.atomic
def resend_invitation(invitation):
    """Send a fresh link, valid for the full period again; the old link stops working."""
    invitation.token = new_token()
    invitation.created_at = timezone.now()
    # created_at is auto_now_add: save() would keep the old value, update() does not.
    Invitation.objects.filter(pk=invitation.pk).update(
        token=invitation.token, created_at=invitation.created_at
    )
    _send_invitation(invitation)
    return invitation


def withdraw_invitation(invitation):
    invitation.delete()


@transaction.atomic
def remove_membership(membership, by):
    """Remove a person's role in a promise; refuse to remove the last coordinator."""
    promise = membership.promise
    if membership.role == Membership.Role.COORDINATOR:
        # Lock the coordinators so two coordinators removing each other cannot both succeed.
        coordinators = list(
            Membership.objects.coordinators().filter(promise=promise).select_for_update()
        )
        if len(coordinators) <= 1:
            raise LastCoordinator
    record(
        membership,
        user=by,
        promise=promise,
        action="membership removed",
        fields={
            "user": membership.user.get_username(),
            "role": membership.role,
            "organisation": str(membership.organisation or ""),
        },
    )
    membership.delete()


@transaction.atomic
def remove_kommun_membership(membership):
    """Remove a person's role in a kommun; refuse to remove its last coordinator."""
    if membership.role == KommunMembership.Role.COORDINATOR:
        coordinators = list(
            KommunMembership.objects.coordinators()
            .filter(kommun=membership.kommun_id)
            .select_for_update()
        )
        if len(coordinators) <= 1:
            raise LastCoordinator
    membership.delete()


def _lock_usable(invitation):
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_usable:
        raise InvitationUnusable
    return locked


def _mark_accepted(invitation, user):
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])


@transaction.atomic
def accept_invitation(invitation, name, password):
    """Create the invited person's account and role; the link cannot be used again.

    Raises InvitationUnusable when the link was used meanwhile, AccountExists when an account
    with its e-mail was made meanwhile.
    """
    invitation = _lock_usable(invitation)
    email = invitation.email.lower()
    if find_user(email) is not None:
        raise AccountExists
    first, _sep, last = " ".join(name.split()).partition(" ")
    user = User.objects.create_user(
        email, email, password, first_name=first[:150], last_name=last[:150]
    )
    membership = _grant(invitation, user, user)
    _mark_accepted(invitation, user)
    return membership


@transaction.atomic
def join_with_existing_account(invitation, user):
    """Give an invitation's role to a user who already has an account."""
    invitation = _lock_usable(invitation)
    membership = _grant(invitation, user, user)
    _mark_accepted(invitation, user)
    return membership
