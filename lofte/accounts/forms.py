from django import forms
from django.contrib.auth.forms import SetPasswordMixin
from django.contrib.auth.models import User
from django.db.models import Q
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from lofte.accounts.actions import find_user
from lofte.accounts.models import Invitation
from lofte.actors.models import Organisation
from lofte.forms import LinkedErrorsMixin, model_limit
from lofte.kommuner.models import KommunMembership
from lofte.promises.models import Membership


class InviteForm(LinkedErrorsMixin, forms.Form):
    """A coordinator invites a person to a promise, by e-mail, with a role."""

    describe_errors_first = True

    # The role that reports for an organisation, and what the form says about it.
    role_with_organisation = Membership.Role.EDITOR
    organisation_missing = _("Choose the actor an actor's editor reports for.")
    has_role_already = _("This person already has this role in the promise.")

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=model_limit(Invitation, "email"),
        widget=forms.EmailInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        required=False,
        empty_label=_("– choose the actor –"),
        help_text=_("Only for an actor's editor: the actor they report for."),
    )

    def __init__(self, *args, promise, **kwargs):
        super().__init__(*args, **kwargs)
        self.promise = promise
        self.fields["organisation"].queryset = promise.actors().order_by("name")

    def has_role(self, user, role, organisation):
        return Membership.objects.filter(
            user=user, promise=self.promise, role=role, organisation=organisation
        ).exists()

    def invitations(self):
        return Invitation.objects.filter(promise=self.promise)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean()
        email, role = data.get("email"), data.get("role")
        if role == self.role_with_organisation:
            if not data.get("organisation") and "organisation" not in self.errors:
                self.add_error("organisation", self.organisation_missing)
        else:
            # Without JavaScript the organisation list is always shown: ignore it here.
            data["organisation"] = None
        if not email or not role or self.errors:
            return data
        organisation = data["organisation"]
        user = find_user(email)
        if user and self.has_role(user, role, organisation):
            self.add_error("email", self.has_role_already)
        elif (
            self.invitations()
            .pending()
            .filter(email__iexact=email, role=role, organisation=organisation)
            .exists()
        ):
            self.add_error(
                "email",
                _(
                    "This person is already invited with this role. "
                    "You can send the invitation again below."
                ),
            )
        return data


class KommunInviteForm(InviteForm):
    """A kommun's coordinator invites a person to a role in the kommun."""

    role_with_organisation = KommunMembership.Role.REPORTER
    organisation_missing = _("Choose the partner organisation a local reporter reports for.")
    has_role_already = _("This person already has this role in the municipality.")

    def __init__(self, *args, kommun, **kwargs):
        super(InviteForm, self).__init__(*args, **kwargs)  # not the promise's choices
        self.kommun = kommun
        self.fields["role"].choices = KommunMembership.Role.choices
        organisation = self.fields["organisation"]
        # The kommun's own organisations and the national and regional ones.
        organisation.queryset = Organisation.objects.filter(
            Q(kommun=kommun) | Q(kommun__isnull=True)
        ).order_by("name")
        organisation.empty_label = _("– choose the organisation –")
        organisation.help_text = _(
            "Only for a local reporter: the partner organisation they report for, such as a "
            "housing company."
        )

    def has_role(self, user, role, organisation):
        # One role of each kind per kommun: a reporter reports for one organisation there.
        return KommunMembership.objects.filter(user=user, kommun=self.kommun, role=role).exists()

    def invitations(self):
        return Invitation.objects.filter(kommun=self.kommun)


class AcceptForm(LinkedErrorsMixin, SetPasswordMixin, forms.Form):
    """The invited person gives their name and chooses a password."""

    describe_errors_first = True

    name = forms.CharField(
        label=_("Your name"),
        # Kept as first and last name; each is at most this long.
        max_length=model_limit(User, "first_name"),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password1, password2 = SetPasswordMixin.create_password_fields()

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        # Django's list of the password rules, as HTML.
        self.fields["password1"].help_text = mark_safe(self.fields["password1"].help_text)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(self.fields["name"].error_messages["required"])
        return name

    def clean(self):
        data = super().clean()
        self.validate_passwords()
        # Django's validators compare the password with the name and e-mail of the new user.
        first, _sep, last = data.get("name", "").partition(" ")
        email = self.invitation.email.lower()
        self.validate_password_for_user(
            User(username=email, email=email, first_name=first, last_name=last),
            password_field_name="password1",
        )
        return data
