from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromisesConfig(AppConfig):
    name = "lofte.promises"
    label = "promises"
    verbose_name = _("Promises")

    def ready(self):
        from lofte.promises import checks  # noqa: F401  (registers the system checks)
