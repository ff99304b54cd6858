"""Who may import indicator values for which kommun: the one place the rule lives.

The kommun's coordinators and analysts (KommunMembership), who build its lägesbild, and
superusers; every page and check asks here.
"""

from lofte.kommuner.models import Kommun, KommunMembership


def importable_kommuner(user):
    """Return the kommuner the user may import indicator values for: the kommun's
    coordinators and analysts, who build its lägesbild; every kommun for a superuser."""
    if not user.is_authenticated or not user.is_active:
        return Kommun.objects.none()
    if user.is_superuser:
        return Kommun.objects.all()
    return Kommun.objects.with_role(
        user, KommunMembership.Role.COORDINATOR, KommunMembership.Role.ANALYST
    )


def can_import_indicators(user, kommun):
    """Return True if the user may import indicator values for the kommun (None: for the
    whole country, as the command line does)."""
    if kommun is None:
        return user.is_active and user.is_superuser
    return importable_kommuner(user).filter(pk=kommun.pk).exists()
