from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KommunerConfig(AppConfig):
    name = "lofte.kommuner"
    label = "kommuner"
    verbose_name = _("Municipalities")
