"""System checks of the promises' data: `lofte check --database default` (and `lofte migrate`)."""

from django.core import checks
from django.db import DatabaseError


@checks.register(checks.Tags.database)
def promises_have_a_kommun(app_configs, databases=None, **kwargs):
    """Warn about promises made before kommuner owned them that still have none."""
    from lofte.promises.models import Promise

    warnings = []
    for alias in databases or []:
        try:
            slugs = list(
                Promise.objects.using(alias)
                .filter(kommun__isnull=True)
                .order_by("slug")
                .values_list("slug", flat=True)
            )
        except DatabaseError:
            # Before the migrations have run there is nothing to check yet.
            continue
        if slugs:
            warnings.append(
                checks.Warning(
                    f"{len(slugs)} promise(s) have no municipality: {', '.join(slugs)}.",
                    hint="A superuser chooses each one's municipality in the admin "
                    "(/admin/promises/promise/, filter by municipality: empty); the admin "
                    "asks for it the next time the promise is saved.",
                    obj="promises.Promise",
                    id="promises.W001",
                )
            )
    return warnings
