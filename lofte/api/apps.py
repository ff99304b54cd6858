from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "lofte.api"
    label = "api"
    verbose_name = _("API and open data")

    def ready(self):
        # The open-data links on the promise page (lofte.promises.pages).
        from lofte.api import promise_pages  # noqa: F401
