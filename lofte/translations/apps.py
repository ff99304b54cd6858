from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "lofte.translations"
    label = "translations"
    verbose_name = _("Translations")

    def ready(self):
        # Translated texts and the easy-Swedish summary on the promise's pages
        # (lofte.promises.pages); a deleted object takes its translations with it.
        from lofte.translations import promise_pages, signals  # noqa: F401
