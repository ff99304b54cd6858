from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class BackgroundConfig(AppConfig):
    name = "lofte.background"
    verbose_name = "Background work"

    def ready(self):
        # Each app says in its jobs.py which kinds of background work it has (jobs.kind).
        autodiscover_modules("jobs")
