"""Shared registries: organisations, their contact persons and areas, rows many promises use.

Who may change a row depends on the promises that use it. Each registry's QuerySet names the
reverse lookups from a row to those promises; a reverse lookup needs no import of the
`promises` app, which sits above the registries.

The rule: any coordinator may view the registries and add rows (a row records who added it).
A row may be changed by a superuser, or by a coordinator when every promise that uses it is one
they coordinate and either some promise uses it or they added it. Deleting asks the same, and
that no promise uses the row. When registries get an owning kommun, its coordinators join the
responsible ones in `changeable_by`.
"""

import operator
from functools import reduce

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

# Membership.Role.COORDINATOR, spelled out: the registries cannot import `promises`.
COORDINATOR = "coordinator"


def coordinated_promises(user):
    """Return the ids of the promises the user coordinates, as a subquery."""
    return user.memberships.filter(role=COORDINATOR).values("promise")


def coordinates_a_promise(user):
    """Return True if the user coordinates some promise, and so looks after the registries."""
    return user.is_authenticated and coordinated_promises(user).exists()


class RegistryQuerySet(models.QuerySet):
    # The reverse lookups from a row to each promise that uses it, e.g. ("promises",).
    promise_lookups = ()

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

    def viewable_by(self, user):
        """Every row for superusers and coordinators, who choose among them; none for others."""
        if user.is_superuser or coordinates_a_promise(user):
            return self.all()
        return self.none()

    def changeable_by(self, user):
        """Rows the user is responsible for: used only by promises they coordinate, and used
        by one of them or added by the user."""
        if user.is_superuser:
            return self.all()
        if not coordinates_a_promise(user):
            return self.none()
        theirs = coordinated_promises(user)
        return self.filter(~self._used(outside=theirs) & (self._used() | Q(created_by=user)))

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
