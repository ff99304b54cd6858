"""Who may import indicator values for which kommun: the one place the rule lives.

Today: superusers, and the coordinators of a promise whose area lies in the kommun. A
per-kommun analyst role will be added here, and every page and check follows.
"""

from lofte.kommuner.models import Kommun
from lofte.promises.models import Membership


def importable_kommuner(user):
    """Return the kommuner the user may import indicator values for."""
    if not user.is_authenticated or not user.is_active:
        return Kommun.objects.none()
    if user.is_superuser:
        return Kommun.objects.all()
    coordinated = Membership.objects.filter(user=user, role=Membership.Role.COORDINATOR).values(
        "promise__area__kommun"
    )
    return Kommun.objects.filter(pk__in=coordinated)


def can_import_indicators(user, kommun):
    """Return True if the user may import indicator values for the kommun (None: for the
    whole country, as the command line does)."""
    if kommun is None:
        return user.is_active and user.is_superuser
    return importable_kommuner(user).filter(pk=kommun.pk).exists()
