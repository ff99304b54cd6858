from smtplib import SMTPException
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from lofte.accounts import actions
from lofte.accounts.forms import AcceptForm, InviteForm, KommunInviteForm
from lofte.accounts.models import Invitation
from lofte.kommuner.models import Kommun, KommunMembership
from lofte.promises.models import Membership, Promise


def _mail_failed():
    return _("The e-mail could not be sent, so nothing was saved. Try again in a while.")


def _posted(queryset, request, name):
    """Return the object whose id was posted as `name`; 404 for anything else."""
    value = request.POST.get(name, "")
    if not (value.isascii() and value.isdecimal()):
        raise Http404
    return get_object_or_404(queryset, pk=int(value))


def _people_post(request, *, here, form, memberships, pending, invite, remove, confirm, manages):
    """Carry out a people page's POST: invite, remove a role (after a confirmation page),
    withdraw or resend an invitation. Return a response, or None to show the page again
    with the invitation form and its errors.

    `form` is the bound invitation form, `invite(**cleaned_data, invited_by=)` and
    `remove(membership)` the actions, `confirm` the confirmation page's context and
    `manages()` whether the user still manages these people after removing a role.
    """
    action = request.POST.get("action")
    if action == "invite":
        if form.is_valid():
            try:
                result = invite(**form.cleaned_data, invited_by=request.user)
            except (OSError, SMTPException):
                form.add_error(None, _mail_failed())
            else:
                if isinstance(result, Invitation):
                    text = _("We sent an invitation to %(email)s. The link works for 14 days.")
                else:
                    text = _(
                        "%(email)s already had an account and now has the role. "
                        "We told them by e-mail."
                    )
                messages.success(request, text % {"email": form.cleaned_data["email"]})
                return redirect(here)
        return None

    if action == "remove":
        membership = _posted(memberships, request, "membership")
        if request.POST.get("confirm") != "yes":
            ctx = {**confirm, "membership": membership, "back": here}
            return render(request, "accounts/confirm_remove.html", ctx)
        try:
            remove(membership)
        except actions.LastCoordinator:
            messages.error(request, confirm["last_coordinator"])
            return redirect(here)
        messages.success(
            request,
            _("%(name)s no longer has the role %(role)s.")
            % {"name": _person(membership.user), "role": membership.get_role_display()},
        )
        return redirect(here if manages() else "front:account")

    if action in ("withdraw", "resend"):
        invitation = _posted(pending, request, "invitation")
        if action == "withdraw":
            actions.withdraw_invitation(invitation)
            text = _("The invitation to %(email)s is withdrawn: its link no longer works.")
        else:
            try:
                actions.resend_invitation(invitation)
                text = _("We sent the invitation to %(email)s again, with a new link.")
            except (OSError, SMTPException):
                messages.error(request, _mail_failed())
                return redirect(here)
        messages.success(request, text % {"email": invitation.email})
        return redirect(here)
    return None


def _ordered(memberships):
    return memberships.order_by("role", "user__first_name", "user__last_name", "user__email")


@login_required
def people(request, slug):
    promise = Promise.objects.select_related("area", "kommun").get_visible_or_404(
        request.user, slug
    )
    if not promise.shows_people_to(request.user):
        raise PermissionDenied
    if request.method == "POST" and not promise.can_be_changed_by(request.user):
        raise PermissionDenied
    memberships = Membership.objects.visible_to(request.user).filter(promise=promise)
    memberships = memberships.select_related("user", "organisation")
    pending = promise.invitations.pending()
    form = InviteForm(promise=promise)
    if request.method == "POST":
        if request.POST.get("action") == "invite":
            form = InviteForm(request.POST, promise=promise)
        response = _people_post(
            request,
            here=reverse("accounts:people", args=[promise.slug]),
            form=form,
            memberships=memberships,
            pending=pending,
            invite=lambda **data: actions.invite(promise, **data),
            remove=lambda membership: actions.remove_membership(membership, request.user),
            confirm={
                "target": promise.title,
                "last_coordinator": _(
                    "A promise needs at least one coordinator. Make someone else coordinator first."
                ),
            },
            manages=lambda: promise.can_be_changed_by(request.user),
        )
        if response is not None:
            return response

    through_kommun = KommunMembership.objects.filter(
        kommun=promise.kommun_id, role__in=list(Promise.KOMMUN_ROLES)
    ).select_related("user")
    ctx = {
        "promise": promise,
        "form": form,
        "memberships": _ordered(memberships),
        "through_kommun": _ordered(through_kommun),
        "shows_kommun_people": promise.kommun is not None
        and promise.kommun.shows_people_to(request.user),
        "invitations": pending.select_related("organisation", "invited_by"),
    }
    return render(request, "accounts/people.html", ctx)


@login_required
def kommun_people(request, kommun):
    """The kommun's people: its coordinators, analysts and local reporters, managed by its
    coordinators."""
    kommun = get_object_or_404(Kommun, slug=kommun)
    if not kommun.shows_people_to(request.user):
        raise PermissionDenied
    memberships = KommunMembership.objects.visible_to(request.user).filter(kommun=kommun)
    memberships = memberships.select_related("user", "organisation")
    pending = kommun.invitations.pending()
    form = KommunInviteForm(kommun=kommun)
    if request.method == "POST":
        if request.POST.get("action") == "invite":
            form = KommunInviteForm(request.POST, kommun=kommun)
        response = _people_post(
            request,
            here=reverse("accounts:kommun_people", args=[kommun.slug]),
            form=form,
            memberships=memberships,
            pending=pending,
            invite=lambda **data: actions.invite_to_kommun(kommun, **data),
            remove=actions.remove_kommun_membership,
            confirm={
                "target": kommun.name,
                "kommun": kommun,
                "last_coordinator": _(
                    "A municipality needs at least one coordinator. Make someone else "
                    "coordinator first."
                ),
            },
            manages=lambda: kommun.shows_people_to(request.user),
        )
        if response is not None:
            return response
    ctx = {
        "kommun": kommun,
        "form": form,
        "memberships": _ordered(memberships),
        "invitations": pending.select_related("organisation", "invited_by"),
        "promises": kommun.promises.order_by("-period_start", "title"),
    }
    return render(request, "accounts/kommun_people.html", ctx)


def _person(user):
    return user.get_full_name() or user.email or user.get_username()


def _same_person(user, email):
    return email in (user.email.lower(), user.get_username().lower())


def _unusable(request, invitation):
    """Say that the link no longer works, and whom to ask for a new one."""
    ctx = {"invitation": invitation}
    response = render(
        request, "accounts/invitation_unusable.html", ctx, status=404 if invitation is None else 410
    )
    return _private(response)


def _target_and_role(invitation, membership):
    target = str(invitation.target)
    return {"promise": target, "kommun": target, "role": membership.get_role_display()}


def _private(response):
    # The token is in the address: keep it out of Referer headers and caches.
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@sensitive_post_parameters("password1", "password2")
def accept(request, token):
    invitation = (
        Invitation.objects.select_related("promise", "kommun", "organisation", "invited_by")
        .filter(token=token)
        .first()
    )
    if invitation is None or not invitation.is_usable:
        return _unusable(request, invitation)
    email = invitation.email.lower()
    ctx = {"invitation": invitation, "target": invitation.target}
    user = request.user

    if user.is_authenticated and not _same_person(user, email):
        return _private(render(request, "accounts/accept_other_user.html", ctx))

    existing = user if user.is_authenticated else actions.find_user(email)
    if existing is not None:
        if request.method != "POST":
            return _private(render(request, "accounts/accept_join.html", ctx))
        try:
            membership = actions.join_with_existing_account(invitation, existing)
        except actions.InvitationUnusable:
            return _unusable(request, invitation)
        if invitation.kommun_id:
            text = _("You now work for %(kommun)s as %(role)s.")
        else:
            text = _("You now take part in %(promise)s as %(role)s.")
        text %= _target_and_role(invitation, membership)
        if user.is_authenticated:
            messages.success(request, text)
            return redirect(membership.get_work_url())
        messages.success(request, text + " " + _("Log in with your account to continue."))
        login_url = reverse("front:login")
        return redirect(f"{login_url}?{urlencode({'next': membership.get_work_url()})}")

    form = AcceptForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            membership = actions.accept_invitation(
                invitation, form.cleaned_data["name"], form.cleaned_data["password1"]
            )
        except actions.InvitationUnusable:
            return _unusable(request, invitation)
        except actions.AccountExists:
            # Someone made an account with this e-mail meanwhile: join with it instead.
            return redirect(request.path)
        login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
        if invitation.kommun_id:
            text = _("Welcome! Your account is ready, and you work for %(kommun)s as %(role)s.")
        else:
            text = _(
                "Welcome! Your account is ready, and you take part in %(promise)s as %(role)s."
            )
        messages.success(request, text % _target_and_role(invitation, membership))
        return redirect(membership.get_work_url())
    ctx["form"] = form
    return _private(render(request, "accounts/accept.html", ctx))
