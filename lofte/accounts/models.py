import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lofte.actors.models import Organisation
from lofte.kommuner.models import Kommun, KommunMembership
from lofte.promises.models import Membership, Promise

# The e-mail, the people page and the expired-link page all say "14 days".
INVITATION_VALIDITY = timedelta(days=14)

# A promise's roles, then a kommun's that a promise has not (its coordinator is one too).
ROLE_CHOICES = Membership.Role.choices + [
    (value, label)
    for value, label in KommunMembership.Role.choices
    if value not in Membership.Role.values
]


def new_token():
    return secrets.token_urlsafe(32)


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        cutoff = timezone.now() - INVITATION_VALIDITY
        return self.filter(accepted_at__isnull=True, created_at__gte=cutoff)


class Invitation(models.Model):
    """A coordinator's invitation to a person: a one-time link to set a password and take a
    role in a promise (Membership) or in a kommun (KommunMembership)."""

    promise = models.ForeignKey(
        Promise,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("promise"),
    )
    kommun = models.ForeignKey(
        Kommun,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("municipality"),
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=20, choices=ROLE_CHOICES)
    organisation = models.ForeignKey(
        Organisation,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # To a role in a promise or to one in a kommun, never both.
            models.CheckConstraint(
                condition=models.Q(
                    promise__isnull=False, kommun__isnull=True, role__in=Membership.Role.values
                )
                | models.Q(
                    promise__isnull=True,
                    kommun__isnull=False,
                    role__in=KommunMembership.Role.values,
                ),
                name="invitation_to_a_promise_or_a_kommun",
            ),
        ]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.target} ({self.get_role_display()})"

    @property
    def target(self):
        """The promise or the kommun the invitation gives a role in."""
        return self.promise if self.promise_id else self.kommun

    @property
    def is_usable(self):
        age = timezone.now() - self.created_at
        return self.accepted_at is None and age <= INVITATION_VALIDITY
