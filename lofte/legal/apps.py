from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "lofte.legal"
    label = "legal"
    verbose_name = _("Accessibility and personal data")
