from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "lofte.incidents"
    verbose_name = _("Local incident reports")
