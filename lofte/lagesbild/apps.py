from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LagesbildConfig(AppConfig):
    name = "lofte.lagesbild"
    label = "lagesbild"
    verbose_name = _("Lägesbild")

    def ready(self):
        from lofte.lagesbild import promise_pages  # noqa: F401  (registers its parts)
