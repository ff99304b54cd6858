from django import forms
from django.contrib.auth.forms import SetPasswordMixin
from django.contrib.auth.models import User
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from lofte.accounts.actions import find_user
from lofte.accounts.models import Invitation
from lofte.forms import LinkedErrorsMixin, model_limit
from lofte.promises.models import Membership


class InviteForm(LinkedErrorsMixin, forms.Form):
    """A coordinator invites a person to a promise, by e-mail, with a role."""

    describe_errors_first = True

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

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean()
        email, role = data.get("email"), data.get("role")
        if role == Membership.Role.EDITOR:
            if not data.get("organisation") and "organisation" not in self.errors:
                self.add_error("organisation", _("Choose the actor an actor's editor reports for."))
        else:
            # Without JavaScript the organisation list is always shown: ignore it here.
            data["organisation"] = None
        if not email or not role or self.errors:
            return data
        organisation = data["organisation"]
        user = find_user(email)
        if (
            user
            and Membership.objects.filter(
                user=user, promise=self.promise, role=role, organisation=organisation
            ).exists()
        ):
            self.add_error("email", _("This person already has this role in the promise."))
        elif (
            Invitation.objects.pending()
            .filter(promise=self.promise, email__iexact=email, role=role, organisation=organisation)
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
