"""Shared registries: organisations, their contact persons and areas, rows many promises use.

Who may change a row depends on the promises that use it, and on the row's kommun. Each
registry's QuerySet names the reverse lookups from a row to those promises; a reverse lookup
needs no import of the `promises` app, which sits above the registries; the promises a user
coordinates come from `Promise.objects.editable_by`, and kommuner from `Kommun.objects`, through
the app registry.

The rule: any coordinator (of a promise or of a kommun) may view the registries and add rows
(a row records who added it); for areas also a kommun's analysts, who import them. A row may be
changed by a superuser; by a coordinator when every promise that uses it is one they
coordinate and either some promise uses it or they added it; and, for a row with a kommun, by
the holders of the registry's kommun roles in that kommun (`kommun_roles`: coordinators for
organisations, coordinators and analysts for areas). A row without a kommun (a national or
regional actor such as the Police) keeps the rule of the promises alone. Deleting asks the
same, and that no promise uses the row.
"""

import operator
from functools import reduce

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _


def coordinated_promises(user):
    """Return the ids of the promises the user coordinates, as a subquery: those they are a
    coordinator of and those of the kommuner they coordinate (Promise.objects.editable_by)."""
    return apps.get_model("promises", "Promise").objects.editable_by(user).values("pk")


class RegistryQuerySet(models.QuerySet):
    # The reverse lookups from a row to each promise that uses it, e.g. ("promises",).
    promise_lookups = ()
    # The KommunMembership roles whose holders look after the rows of their kommun (the
    # model's `kommun` field); empty for a registry whose rows have no kommun.
    kommun_roles = ()

    def _used(self, among=None, outside=None):
        """Return a condition on a row: some promise uses it (among or outside the given ones)."""
        conditions = []
        for lookup in self.promise_lookups:
            promises = (
                self.model._default_manager.filter(pk=OuterRef("pk"))
                .alias(using_promise=F(lookup))
                .filter(using_promise__isnull=False)
            )
            if among is not None:
                promises = promises.filter(using_promise__in=among)
            if outside is not None:
                promises = promises.exclude(using_promise__in=outside)
            conditions.append(Exists(promises))
        return reduce(operator.or_, conditions)

    def used(self):
        return self.filter(self._used())

    def unused(self):
        return self.exclude(self._used())

    def kommuner_of(self, user):
        """Return the kommuner whose rows the user looks after by a kommun role (all for a
        superuser): what a row they add or change may belong to."""
        kommuner = apps.get_model("kommuner", "Kommun").objects
        if user.is_superuser:
            return kommuner.all()
        if not self.kommun_roles:
            return kommuner.none()
        return kommuner.with_role(user, *self.kommun_roles)

    def looked_after_by(self, user):
        """Return True if the user looks after this registry, viewing its rows and adding new
        ones: a superuser, a coordinator of some promise, or one with a kommun role of the
        registry."""
        if not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        return coordinated_promises(user).exists() or self.kommuner_of(user).exists()

    def viewable_by(self, user):
        """Every row for those who look after the registry, who choose among them; none for
        others."""
        if self.looked_after_by(user):
            return self.all()
        return self.none()

    def changeable_by(self, user):
        """Rows the user is responsible for: used only by promises they coordinate, and used
        by one of them or added by the user; and the rows of the kommuner they look after."""
        if user.is_superuser:
            return self.all()
        if not self.looked_after_by(user):
            return self.none()
        theirs = coordinated_promises(user)
        condition = ~self._used(outside=theirs) & (self._used() | Q(created_by=user))
        if self.kommun_roles:
            condition |= Q(kommun__in=self.kommuner_of(user))
        return self.filter(condition)

    def deletable_by(self, user):
        """Rows the user may change that no promise uses; every row for a superuser."""
        if user.is_superuser:
            return self.all()
        return self.changeable_by(user).unused()


class Registry(models.Model):
    """A row of a shared registry: it records who added it, who may then look after it."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("added by"),
    )

    class Meta:
        abstract = True
