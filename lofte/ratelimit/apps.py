from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_table(using, **kwargs):
    """Make the database cache's table, so that `migrate` is all a new site needs."""
    from django.conf import settings
    from django.core.management import call_command

    if settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
        call_command("createcachetable", database=using, verbosity=0)


class RateLimitConfig(AppConfig):
    name = "lofte.ratelimit"
    label = "ratelimit"
    verbose_name = _("Rate limits")

    def ready(self):
        post_migrate.connect(create_cache_table, sender=self)
